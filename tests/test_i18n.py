"""The French edition (issue 15): built beside the English one from the same notebooks, data and
bibliography through the gettext catalogues of book/locales/fr (tools/i18n.py)."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import i18n  # noqa: E402

PASTED = re.compile(r'<span class="pasted-text">(.*?)</span>', re.S)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "book").glob("*.html"))


def test_every_catalogue_is_translated_and_keeps_the_markup():
    """No paragraph, heading or list item left in English, none fuzzy or obsolete, and every
    translation keeps the English text's glue roles, citations and link targets."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "i18n.py"), "check", "--strict"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]


def test_the_check_catches_an_untranslated_fuzzy_or_broken_entry(tmp_path):
    import polib

    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=utf-8"}
    po.append(polib.POEntry(msgid="About {glue:text}`bt_pop:,` people {cite:p}`Doukhan2023kidal`.",
                            msgstr="Environ {glue:text}`bt_pop` habitants."))
    po.append(polib.POEntry(msgid="Key findings", msgstr="Principaux constats", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="The battle of Kidal", msgstr=""))
    po.append(polib.POEntry(msgid="See [the battle](battle.ipynb).", msgstr="Voir [la bataille](since.ipynb)."))
    path = tmp_path / "x.po"
    po.save(str(path))
    found, untranslated, total = i18n.problems(path, strict=True)
    text = "\n".join(found)
    assert total == 4 and untranslated == 1
    assert "glue:text" in text and "Doukhan2023kidal" in text       # a lost format and citation
    assert "fuzzy" in text and "untranslated" in text and "since.ipynb" in text


def test_every_page_has_its_french_page_and_the_switch_works_both_ways(strict_build):
    english = _pages(strict_build)
    assert len(english) >= 15
    problems = []
    for page in english:
        fr = strict_build / "fr" / "book" / page.name
        if not fr.exists():
            problems.append(f"no French page for {page.name}")
            continue
        en_text, fr_text = page.read_text(encoding="utf-8"), fr.read_text(encoding="utf-8")
        if '<html lang="en"' not in en_text or '<html lang="fr"' not in fr_text:
            problems.append(f"{page.name}: lang not set on both pages")
        if f'href="../fr/book/{page.name}" hreflang="fr" lang="fr">Français</a>' not in en_text:
            problems.append(f"{page.name}: no switch to French")
        if f'href="../../book/{page.name}" hreflang="en" lang="en">English</a>' not in fr_text:
            problems.append(f"{page.name}: no switch back to English")
        for text, where in ((en_text, "English"), (fr_text, "French")):
            for lang in ("en", "fr", "x-default"):
                if f'<link rel="alternate" hreflang="{lang}"' not in text:
                    problems.append(f"{page.name} ({where}): no hreflang {lang} alternate")
    assert not problems, "\n".join(problems)
    sitemap = (strict_build / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<url>") >= 2 * len(english)
    assert 'hreflang="fr"' in sitemap and "/fr/book/battle.html</loc>" in sitemap


def _numbers(text: str) -> Counter:
    """The numbers in a page's glued values, separators removed (1,195 and 1 195 are the same
    number; glued words such as month names differ by edition and are left out)."""
    values = [html.unescape(re.sub(r"<[^>]+>", "", v)) for v in PASTED.findall(text)]
    found = Counter()
    for v in values:
        for number in re.findall(r"\d(?:[\d\u202f\u00a0,.]*\d)?", v):
            found[re.sub(r"[\u202f\u00a0,.]", "", number)] += 1
    return found


def test_every_glued_number_is_the_same_in_both_editions(strict_build):
    problems = []
    for page in _pages(strict_build):
        fr = strict_build / "fr" / "book" / page.name
        en_n, fr_n = _numbers(page.read_text(encoding="utf-8")), _numbers(fr.read_text(encoding="utf-8"))
        if en_n != fr_n:
            problems.append(f"{page.name}: only in English {dict(en_n - fr_n)}, only in French {dict(fr_n - en_n)}")
    assert not problems, "\n".join(problems)


def test_french_numbers_are_in_french_format(strict_build):
    text = (strict_build / "fr" / "book" / "battle.html").read_text(encoding="utf-8")
    values = [html.unescape(re.sub(r"<[^>]+>", "", v)) for v in PASTED.findall(text)]
    assert any("\u202f" in v for v in values), "no thousands separator in French format"
    assert not [v for v in values if re.search(r"\d,\d{3}\b", v)], "English thousands separators in French"


def test_french_search_uses_the_french_stemmer(strict_build):
    language_data = (strict_build / "fr" / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "FrenchStemmer" in language_data or "french" in language_data.lower()
    index = (strict_build / "fr" / "searchindex.js").read_text(encoding="utf-8")
    assert "bataill" in index      # French words, stemmed, are in the French index


ENGLISH_WORDS = re.compile(r"\b(?:the|of|and|in|by|from|with|to|events?|people|killed|since|who|which|"
                           r"were|was|is|are|has|have|than|each|per|share|chapters?)\b",
                           re.I)
CHART_DATA = re.compile(r'<script type="application/json" class="kidal-plotly-data"[^>]*>(.*?)</script>', re.S)


def _code_strings(text: str) -> list[str]:
    """What the notebooks' code writes on a page: chart titles and axis titles, table captions and
    column headers."""
    import json

    found = []
    for raw in CHART_DATA.findall(text):
        layout = json.loads(raw)["layout"]
        found.append(re.sub(r"<[^>]+>", " ", layout.get("title", {}).get("text", "")))
        for axis in ("xaxis", "yaxis"):
            title = layout.get(axis, {}).get("title", "")
            found.append(title.get("text", "") if isinstance(title, dict) else title)
    found += re.findall(r"<caption>(.*?)</caption>", text, re.S)
    found += re.findall(r'<th scope="col">(.*?)</th>', text, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", " ", s)).strip() for s in found if s]


# --- The data's own texts (data.i18n: x-translate fields, one catalogue per table) ----------------

def _french(monkeypatch):
    monkeypatch.setenv("KIDAL_BOOK_LANG", "fr")


def test_every_text_of_the_data_has_its_french_translation(monkeypatch):
    """Every table loads in French: each translatable text (an event's title and summary, a
    figure's label and who gave it, a claim and its note...) has a translation."""
    import data
    from data.i18n import translated_fields

    english = {name: data.load(name) for name in data.TABLES}
    english_seeds = {name: data.load_seed(name) for name in data.SEED_TABLES}
    _french(monkeypatch)
    changed = 0
    for name, frame in english.items():
        french = data.load(name)
        assert len(french) == len(frame) and list(french.columns) == list(frame.columns), name
        for column in translated_fields(data.table_schema(name)):
            changed += int((french[column] != frame[column]).sum())
    for name, frame in english_seeds.items():
        french = data.load_seed(name)
        assert len(french) == len(frame), name
    assert changed > 1000, "the French tables hardly differ from the English ones"
    # the untranslated columns are the same: ids, dates, numbers, sources
    assert data.events()["event_id"].tolist() == english["events"]["event_id"].tolist()
    assert data.figures()["value"].equals(english["figures"]["value"])


def test_an_untranslated_text_of_the_data_is_refused_naming_file_row_and_column(monkeypatch):
    import data
    from data.i18n import translate_table
    from data.package import DataError

    frame = data.events()
    frame.loc[3, "summary"] = "A summary written in English after the catalogue was last updated."
    _french(monkeypatch)
    with pytest.raises(DataError) as info:
        translate_table(frame, data.table_schema("events"), "data", "events", "data/events.csv")
    message = str(info.value)
    assert "data/events.csv, row 5, column 'summary'" in message
    assert "book/locales/fr/LC_MESSAGES/data/events.po" in message and "tools/i18n.py pot" in message


def test_every_code_of_the_data_vocabularies_has_its_french_label():
    import json

    from data.i18n import ENUMS_FR

    missing = []
    for package in ("data", "seeds"):
        for res in json.loads((ROOT / package / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
            for field in res["schema"]["fields"]:
                for code in field.get("constraints", {}).get("enum", []):
                    if code not in ENUMS_FR.get(f"{res['name']}.{field['name']}", {}):
                        missing.append(f"{res['name']}.{field['name']}: {code}")
    assert not missing, "no French label (data.i18n.ENUMS_FR) for: " + ", ".join(missing)


def test_the_english_edition_reads_the_tables_unchanged():
    """In English the loaders return the CSV's own text (no catalogue is read)."""
    import csv

    import data

    with open(ROOT / "data" / "events.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert data.events()["summary"].tolist() == [r["summary"] for r in rows]


def test_the_data_pot_holds_every_translatable_text(tmp_path):
    """`tools/i18n.py pot` extracts every translatable text of data/ and seeds/ and every note of
    the bibliography, with its column as context and its rows' ids as comment."""
    import polib

    import data

    pots = i18n.data_pots(tmp_path)
    events = polib.pofile(str(tmp_path / "data" / "events.pot"))
    titles = {e.msgid for e in events if e.msgctxt == "title"}
    assert titles == set(data.events()["title"])
    first = next(e for e in events if e.msgctxt == "summary")
    assert first.comment.startswith("ev-") and first.occurrences[0][0] == "data/events.csv"
    notes = polib.pofile(str(tmp_path / "bib" / "references.pot"))
    assert len(notes) == len({note for _, _, note in i18n.bib_notes()}) > 300
    assert {p.parent.name for p in pots} == {"data", "seeds", "bib", "notebooks"}


def test_the_french_bibliography_has_french_notes_months_and_dates(tmp_path):
    text = i18n.french_bib(tmp_path / "references.bib").read_text(encoding="utf-8")
    assert "month = {novembre}" in text and "month = {November}" not in text
    assert re.search(r"urldate = \{\d{1,2}(?:er)? [a-zéû]+ 20\d\d\}", text)
    english = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    assert text.count("@") == english.count("@")
    assert "Cité par l'article source" in text


def test_the_french_bibliography_refuses_an_untranslated_note(tmp_path, monkeypatch):
    bib = tmp_path / "references.bib"
    english = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    bib.write_text(english.replace("note = {Cited by the source article (its footnote 1).}",
                                   "note = {A note nobody has translated yet.}", 1), encoding="utf-8")
    monkeypatch.setattr(i18n, "BIB", bib)
    with pytest.raises(SystemExit) as info:
        i18n.french_bib(tmp_path / "out.bib")
    assert "the note of VOA2023fightingrages" in str(info.value)
    assert "bib/references.po" in str(info.value)


# --- Everything a page shows ----------------------------------------------------------------------

SKIPPED_TAGS = {"script", "style", "code", "pre", "cite"}
# Parts of a page that stay in the language of the sources: the reference lists and the
# bibliography (titles of works), the source links under charts (authors' names) and the
# publishers' names that group them.
SKIPPED_CLASSES = {"kidal-references", "citation", "kidal-source", "kidal-sources", "kidal-publisher", "headerlink",
                   "kidal-rerun", "toctree-wrapper"}
# Two or more of these words in a string that both editions show identically: English.
ENGLISH_FUNCTION_WORDS = re.compile(r"\b(?:the|of|and|with|by|from|was|were|is|are|has|have|had|which|who|"
                                    r"that|their|its|after|before|into|than|not|been|said|killed|reported)\b")


def _article(text: str) -> str:
    start = text.find('<article class="bd-article">')
    return text[start:text.find("</article>", start)] if start >= 0 else ""


def _text_nodes(fragment: str) -> list[str]:
    """The text a reader sees in an HTML fragment, one string per element's own text run, without
    the parts that stay in the sources' language (SKIPPED_TAGS, SKIPPED_CLASSES)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Parser(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack: list[bool] = []   # per open element: is it skipped?

        def handle_starttag(self, tag, attrs):
            if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
                return
            attributes = dict(attrs)
            classes = set((attributes.get("class") or "").split())
            # text marked as another language (lang="en": English names in the French glossary)
            other_language = attributes.get("lang") not in (None, "fr")
            # an in-text citation: (author, year), the author's name as the bibliography gives it
            other_language |= tag == "a" and "#cite-" in (attributes.get("href") or "")
            self.stack.append(tag in SKIPPED_TAGS or bool(classes & SKIPPED_CLASSES) or other_language
                              or bool(self.stack and self.stack[-1]))

        def handle_endtag(self, tag):
            if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
                return
            if self.stack:
                self.stack.pop()

        def handle_data(self, data):
            if not (self.stack and self.stack[-1]) and data.strip():
                found.append(" ".join(data.split()))

    Parser().feed(fragment)
    return found


def _chart_strings(text: str) -> list[str]:
    """Every string a chart shows: trace names, text, hover text and templates, custom data,
    category labels, titles, axis titles, tick labels and annotations."""
    import json

    found: list[str] = []

    def walk(value):
        if isinstance(value, str):
            found.append(" ".join(re.sub(r"<[^>]+>|%\{[^}]+\}", " ", html.unescape(value)).split()))
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key in ("text", "hovertext", "hovertemplate", "texttemplate", "customdata", "name",
                           "title", "ticktext", "categoryarray", "annotations", "y", "x", "labels"):
                    walk(item)
                elif isinstance(item, dict) and key.startswith(("xaxis", "yaxis", "legend", "geo")):
                    walk(item)

    for raw in CHART_DATA.findall(text):
        spec = json.loads(raw)
        walk(spec["data"])
        walk(spec["layout"])
    return [s for s in found if s]


def _shown_strings(text: str) -> list[str]:
    article = _article(text)
    without_charts = CHART_DATA.sub("", article)
    return _text_nodes(without_charts) + _chart_strings(article)


def test_no_text_of_the_french_edition_is_left_in_english(strict_build):
    """Any string a French page shows (a paragraph, a heading, a table cell, a chart's title,
    axis, legend, hover text or label, a text description) that is the same on the English page
    and reads as English was left untranslated: the catalogues of the pages and of the data, and
    the code's t(), together cover every string. A chart or axis title, a table caption or a
    column header counts as English with a single English word in it."""
    from data.i18n import ENUMS_FR

    # the codes of the data's vocabularies whose French label differs (confirmed, jihadist group...)
    codes = {code for labels in ENUMS_FR.values() for code, french in labels.items() if code != french}
    problems = []
    for page in _pages(strict_build):
        fr = strict_build / "fr" / "book" / page.name
        en_text, fr_text = page.read_text(encoding="utf-8"), fr.read_text(encoding="utf-8")
        english = set(_shown_strings(en_text)) | set(_code_strings(en_text))
        titles = _code_strings(fr_text)
        for text in dict.fromkeys(_shown_strings(fr_text) + titles):
            if text in english and (len(ENGLISH_FUNCTION_WORDS.findall(text)) >= 2 or text in codes
                                    or (text in titles and ENGLISH_WORDS.search(text))):
                problems.append(f"{page.name}: {text[:100]!r}")
    assert not problems, f"{len(problems)} strings left in English:\n" + "\n".join(problems[:60])


def _shape(text: str) -> list:
    """What a page draws, independent of its language: per chart, its traces and the number of
    points of each; per table, its number of rows."""
    import json

    charts = []
    for raw in CHART_DATA.findall(text):
        spec = json.loads(raw)
        # traces in any order: each edition sorts its labels in its own alphabet
        charts.append(sorted((trace.get("type", "scatter"),
                              *(len(trace[k]) if isinstance(trace.get(k), list) else -1
                                for k in ("x", "y", "lat", "lon", "values", "labels")))
                             for trace in spec["data"]))
    tables = [len(re.findall(r"<tr\b", table)) for table in re.findall(r"<table\b.*?</table>", text, re.S)]
    return [charts, tables]


def test_both_editions_draw_the_same_data(strict_build):
    """Every chart has the same traces with the same number of points, and every table the same
    number of rows, in both editions: the French edition's code selects the same rows (it selects
    by ids and codes, or by the data's English words through data.source_text)."""
    problems = []
    for page in _pages(strict_build):
        fr = strict_build / "fr" / "book" / page.name
        en_shape, fr_shape = _shape(page.read_text(encoding="utf-8")), _shape(fr.read_text(encoding="utf-8"))
        if en_shape[0] != fr_shape[0]:
            problems.append(f"{page.name}: the charts differ")
        if en_shape[1] != fr_shape[1]:
            problems.append(f"{page.name}: table rows {en_shape[1]} in English, {fr_shape[1]} in French")
    assert not problems, "\n".join(problems)
