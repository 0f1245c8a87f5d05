"""The reader's apparatus in the built site: landing page, explorers, downloads, bibliography,
citation, reproducibility, dark mode, and no launch buttons that would fail offline."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_landing_page(strict_build: Path):
    page = _html(strict_build, "book/index.html")
    figures = re.findall(r'class="kidal-key-figure".*?<span class="kidal-key-value">(.*?)</span>', page, re.S)
    assert len(figures) == 5, figures
    assert all(re.search(r"\d", re.sub(r"<[^>]+>", "", f)) for f in figures), figures
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert str(cff["date-released"]) in page, "the landing page states the edition date"
    assert "How to read this book" in page
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    chapters = [Path(c["file"]).name for part in toc["parts"] if part["caption"] != "Explore and reuse"
                for c in part["chapters"]]
    assert "errata" in chapters
    for chapter in chapters:
        assert f'href="{chapter}.html"' in page, f"the chapter map lacks {chapter}"


def test_timeline_explorer_lists_every_event(strict_build: Path):
    import data

    page = _html(strict_build, "book/timeline.html")
    events = data.events()
    assert page.count("<tr id=\"ev-") == len(events)
    assert 'data-filter="0"' in page and 'data-filter="1"' in page  # category, period
    assert "kidal-explorer.js" in page


def test_claims_explorer_lists_every_claim(strict_build: Path):
    import data

    page = _html(strict_build, "book/claims.html")
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert body.count("<tr") == len(data.claims())
    assert "kidal-explorer-search" in page


def test_data_page_offers_every_table_and_schema(strict_build: Path):
    page = _html(strict_build, "book/data.html")
    expected = ([ROOT / "data" / "datapackage.json", ROOT / "seeds" / "datapackage.json"]
                + sorted((ROOT / "data").glob("*.csv")) + sorted((ROOT / "seeds").glob("*.csv")))
    links = re.findall(r'href="(\.\./_downloads/[^"]+)"', page)
    served = {(strict_build / "book" / link).resolve().name: (strict_build / "book" / link).resolve()
              for link in links}
    for source in expected:
        name = source.name
        assert name in served, f"{source.relative_to(ROOT)} is not downloadable"
    for source in sorted((ROOT / "data").glob("*.csv")):
        assert served[source.name].read_bytes() == source.read_bytes()
        assert f">{source.stem}<" in page or source.stem in page
    assert "CC BY 4.0" in page and page.count("<th") > 20  # schemas rendered as tables


def test_bibliography_has_every_entry_and_chapters_link_to_it(strict_build: Path):
    from pybtex.database import parse_file

    import data.bib

    page = _html(strict_build, "book/bibliography.html")
    keys = parse_file(str(ROOT / "book" / "references.bib")).entries
    missing = [k for k in keys if f'id="{data.bib.anchor(k)}"' not in page]
    assert not missing, missing
    chapters = [p for p in (strict_build / "book").glob("*.html")
                if p.stem in ("background", "battle", "regional", "peace", "since", "errata")]
    assert chapters
    for chapter in chapters:
        text = chapter.read_text(encoding="utf-8")
        assert 'class="kidal-references"' in text, f"{chapter.name} has no references list"
        assert re.search(r'href="bibliography.html#cite-', text), chapter.name


def test_cite_page_matches_citation_cff(strict_build: Path):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    page = _html(strict_build, "book/cite.html")
    text = re.sub(r"<[^>]+>", "", page)
    for value in (cff["title"].split(":")[0], str(cff["version"]), str(cff["date-released"])):
        assert value in text, value
    assert "@misc{" in text and "CC BY 4.0" in text and "MIT" in text


def test_reproducibility_page(strict_build: Path):
    page = _html(strict_build, "book/reproducibility.html")
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from notebooks import toc_notebooks

    for path in toc_notebooks():
        assert path.stem in page, f"{path.stem} missing from the execution table"
    for package in ("jupyter-book", "myst-nb", "plotly", "pandas"):
        assert package in page


def test_no_launch_buttons(strict_build: Path):
    """No Binder, Colab or Thebe button: they would fetch from other hosts and log errors."""
    for page in strict_build.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "mybinder.org" not in text and "colab.research.google.com" not in text, page
        assert "thebe" not in text.lower(), page


def test_chart_follows_dark_mode(browser, site_url, strict_build):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(f"{site_url}/book/timeline.html", wait_until="load")
    page.locator(".kidal-plotly").first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.kidal-plotly').dataset.rendered === '1'")
    fill = page.evaluate("getComputedStyle(document.querySelector('.kidal-plotly .xtick text')).fill")
    context.close()
    assert fill in ("rgb(232, 232, 232)", "#e8e8e8"), fill


def test_explorer_filters_offline(browser, site_url, strict_build):
    context = browser.new_context()
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: foreign.append(r.url) if "127.0.0.1" not in r.url else None)
    page.goto(f"{site_url}/book/timeline.html", wait_until="load")
    total = page.locator(".kidal-explorer tbody tr").count()
    page.select_option('select[data-filter="0"]', index=1)
    shown = page.locator(".kidal-explorer tbody tr:not([hidden])").count()
    page.fill(".kidal-explorer-search", "zzzz-no-such-text")
    none = page.locator(".kidal-explorer tbody tr:not([hidden])").count()
    context.close()
    assert 0 < shown < total and none == 0 and not foreign
