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


def test_charts_and_tables_of_the_french_edition_are_in_french(strict_build):
    """A chart title, an axis title, a table caption or a column header that the French edition
    shows exactly as the English one, with English words in it, was left untranslated."""
    problems = []
    for page in _pages(strict_build):
        fr = strict_build / "fr" / "book" / page.name
        english = set(_code_strings(page.read_text(encoding="utf-8")))
        for text in _code_strings(fr.read_text(encoding="utf-8")):
            if text in english and ENGLISH_WORDS.search(text):
                problems.append(f"{page.name}: {text[:90]!r}")
    assert not problems, f"{len(problems)} strings left in English:\n" + "\n".join(problems[:40])
