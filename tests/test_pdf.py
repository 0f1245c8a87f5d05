"""The PDF edition (`make pdf`, tools/pdf.py) printed from a copy of the strict build: it opens,
has every page's title in its text and outline, every chart drawn (no placeholder), the same glued
numbers as the site, links that land inside the document, and the "How to cite" page links it."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import pdf as pdftool  # noqa: E402

PLACEHOLDERS = re.compile(r"loading chart|loading\.\.\.|loading…|chart (?:is )?loading", re.I)


@pytest.fixture(scope="module")
def edition(strict_build, tmp_path_factory):
    """tools/pdf.py on a copy of the strict build (its own process: the tests' browser is open)."""
    site = tmp_path_factory.mktemp("pdf") / "html"
    shutil.copytree(strict_build, site)
    return _print(site, "en", site.parent / "pdf" / "kidal.pdf")


def _print(site: Path, lang: str, out: Path) -> dict:
    """tools/pdf.py --lang ``lang`` on ``site``: the PDF read back, its summary and its pages' text."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "pdf.py"), "--lang", lang, "--site", str(site),
                             "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"pdf --lang {lang} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    from pypdf import PdfReader

    reader = PdfReader(out)
    summary = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    texts = [_norm(p.extract_text() or "") for p in reader.pages]
    return {"site": site, "out": out, "reader": reader, "summary": summary, "texts": texts}


def _norm(text: str) -> str:
    # NFKC: the PDF's text has typographic ligatures (ﬁ, ﬃ) where the page has letters
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text.replace("\u00ad", ""))).strip()


def _part_text(edition, path: str) -> str:
    part = next(p for p in edition["summary"]["parts"] if p["path"] == path)
    return " ".join(edition["texts"][part["first_page"] - 1: part["first_page"] - 1 + part["pages"]])


def _h1(page: Path) -> str:
    """The page's title: the heading with a permalink (the article's, not the theme's)."""
    h1 = next(h for h in re.findall(r"<h1>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
              if 'class="headerlink"' in h)
    return _norm(html.unescape(re.sub(r"<[^>]+>", "", h1.split('<a class="headerlink"')[0])))


def test_pdf_opens_in_reading_order_with_titles_and_outline(edition, strict_build):
    reader, summary = edition["reader"], edition["summary"]
    assert len(reader.pages) == summary["pages"] > 50
    assert edition["out"].stat().st_size == summary["bytes"]
    assert reader.metadata.title == "The Battle of Kidal: an executable analytical publication"
    assert [p["path"] for p in summary["parts"]] == pdftool.book_pages()
    outline = [item for item in reader.outline if not isinstance(item, list)]
    top = [item.title for item in outline]
    problems = []
    for part in summary["parts"]:
        title = _h1(strict_build / part["path"])
        assert part["title"] == title
        if title not in top:
            problems.append(f"{title!r} not in the outline")
        elif reader.get_destination_page_number(outline[top.index(title)]) != part["first_page"] - 1:
            problems.append(f"{title!r}: the outline entry is not on its first page")
        if title not in _part_text(edition, part["path"]):
            problems.append(f"{title!r} not in the text of its pages")
    assert not problems, "\n".join(problems)
    # the title page: the edition from CITATION.cff and how to cite; page numbers run on
    cite = pdftool.citation()
    assert f"version {cite['version']}, released {cite['date']}" in edition["texts"][0]
    assert cite["plain"] in edition["texts"][0]
    battle = next(p for p in summary["parts"] if p["path"] == "book/battle.html")
    assert str(battle["first_page"] + 1) in edition["texts"][battle["first_page"]].split(" ")


def test_every_chart_drawn_no_placeholder(edition, strict_build):
    problems = []
    total = 0
    for part in edition["summary"]["parts"]:
        page = (strict_build / part["path"]).read_text(encoding="utf-8")
        charts = page.count('class="kidal-plotly"')
        total += charts
        if not part["charts"] == part["charts_drawn"] == charts:
            problems.append(f"{part['path']}: {part['charts_drawn']} of {charts} charts drawn")
        # each chart's own words (axis titles, legend names) are in the text of its pages
        text = _part_text(edition, part["path"])
        for spec in re.findall(r'<script type="application/json" class="kidal-plotly-data"[^>]*>(.*?)</script>',
                               page, re.S):
            spec = json.loads(spec)
            words = [(spec["layout"].get(axis) or {}).get("title") for axis in ("xaxis", "yaxis")]
            words = [w.get("text") if isinstance(w, dict) else w for w in words]
            if spec["layout"].get("showlegend", True):
                words += [t.get("name") for t in spec["data"] if t.get("showlegend", True)]
            words = [_norm(html.unescape(w)) for w in words if isinstance(w, str) and w.strip()
                     and "<" not in w]
            if words and not any(w in text for w in words):
                problems.append(f"{part['path']}: none of {words} in the PDF's text")
    assert total >= 10
    assert not problems, "\n".join(problems)
    hits = [i + 1 for i, t in enumerate(edition["texts"]) if PLACEHOLDERS.search(t)]
    assert not hits, f"placeholder text on pages {hits}"


def test_same_glued_numbers_as_the_site(edition, strict_build):
    checked = 0
    missing = []
    for path, pattern in (("book/index.html", r'<span class="kidal-key-number">([^<]+)</span>'),
                          ("book/battle.html", r'<span class="pasted-text">([^<]+)</span>'),
                          ("book/since.html", r'<span class="pasted-text">([^<]+)</span>')):
        text = _part_text(edition, path)
        numbers = sorted({n for n in re.findall(pattern, (strict_build / path).read_text(encoding="utf-8"))
                          if re.search(r"\d", n)})
        assert numbers, f"no glued number in {path}"
        for number in numbers:
            checked += 1
            if not re.search(r"(?<![\d,.])" + re.escape(_norm(html.unescape(number))) + r"(?![\d,])", text):
                missing.append(f"{path}: {number}")
    assert checked >= 10
    assert not missing, "glued numbers of the site missing from the PDF:\n" + "\n".join(missing)


def test_links_resolve_inside_the_pdf(edition):
    reader, summary = edition["reader"], edition["summary"]
    bibliography = next(p for p in summary["parts"] if p["path"] == "book/bibliography.html")
    bib_pages = range(bibliography["first_page"] - 1, bibliography["first_page"] - 1 + bibliography["pages"])
    battle = next(p for p in summary["parts"] if p["path"] == "book/battle.html")
    page_index = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    internal = external = to_bibliography = 0
    local = []
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annot:
                internal += 1
                target = page_index.get(annot["/Dest"][0].idnum)
                assert target is not None, f"page {index + 1}: a link to no page of the PDF"
                if battle["first_page"] - 1 <= index < battle["first_page"] - 1 + battle["pages"] and target in bib_pages:
                    to_bibliography += 1
            elif annot.get("/A", {}).get("/URI"):
                uri = str(annot["/A"]["/URI"])
                external += 1
                if "127.0.0.1" in uri or "localhost" in uri:
                    local.append(uri)
    assert not local, f"links to the local server left in the PDF: {local[:5]}"
    assert internal > 100 and external > 50 and to_bibliography > 20, (internal, external, to_bibliography)


def test_cite_page_links_the_pdf_with_its_size(edition):
    site, summary = edition["site"], edition["summary"]
    assert (site / "kidal.pdf").read_bytes() == edition["out"].read_bytes()
    assert json.loads((site / "kidal.pdf.json").read_text(encoding="utf-8"))["bytes"] == summary["bytes"]
    cite = (site / "book" / "cite.html").read_text(encoding="utf-8")
    line = re.search(r'<div class="kidal-pdf-edition[^"]*"[^>]*>\s*<p>(.*?)</p>', cite, re.S).group(1)
    assert 'href="../kidal.pdf"' in line
    assert f"{summary['pages']} A4 pages, {summary['size']}" in line


# --- The French PDF (tools/pdf.py --lang fr) -------------------------------------------------------

@pytest.fixture(scope="module")
def french_edition(edition):
    """The French PDF, printed from the same copy of the strict build and published into its fr/."""
    site = edition["site"]
    return _print(site, "fr", site.parent / "pdf" / "kidal-fr.pdf")


def test_french_pdf_has_the_french_pages_titles_outline_and_title_page(french_edition, strict_build):
    reader, summary = french_edition["reader"], french_edition["summary"]
    assert len(reader.pages) == summary["pages"] > 50 and summary["lang"] == "fr"
    assert str(reader.trailer["/Root"]["/Lang"]) == "fr"
    assert reader.metadata.title.startswith("La bataille de Kidal")
    assert [p["path"] for p in summary["parts"]] == pdftool.book_pages(lang="fr")
    outline = [item for item in reader.outline if not isinstance(item, list)]
    top = [_norm(item.title) for item in outline]   # French titles hold no-break spaces
    assert top[0] == "Page de titre et comment citer"
    problems = []
    for part in summary["parts"]:
        title = _h1(strict_build / part["path"])
        assert _norm(part["title"]) == title
        if title not in top:
            problems.append(f"{title!r} not in the outline")
        if title not in _part_text(french_edition, part["path"]):
            problems.append(f"{title!r} not in the text of its pages")
        if part["charts"] != part["charts_drawn"] or part["charts"] != (
                strict_build / part["path"]).read_text(encoding="utf-8").count('class="kidal-plotly"'):
            problems.append(f"{part['path']}: {part['charts_drawn']} of {part['charts']} charts drawn")
    assert not problems, "\n".join(problems)
    cite = pdftool.citation("fr")
    first = french_edition["texts"][0]
    assert "Comment citer" in first and _norm(cite["plain"]) in first
    assert f"version {cite['version']}, publiée le {cite['date_text']}" in first
    assert not re.search(r"\b(?:How to cite|released|Contents)\b", " ".join(french_edition["texts"][:2]))


def test_french_cite_page_links_the_french_pdf(french_edition, edition):
    site, summary = french_edition["site"], french_edition["summary"]
    assert (site / "fr" / "kidal.pdf").read_bytes() == french_edition["out"].read_bytes()
    assert (site / "kidal.pdf").read_bytes() == edition["out"].read_bytes()   # the English one untouched
    cite = (site / "fr" / "book" / "cite.html").read_text(encoding="utf-8")
    line = re.search(r'<div class="kidal-pdf-edition[^"]*"[^>]*>\s*<p>(.*?)</p>', cite, re.S).group(1)
    assert 'href="../kidal.pdf"' in line and "édition PDF" in line
    assert f"{summary['pages']} pages A4, {summary['size']}" in line and summary["size"].endswith(("Mo", "ko"))
