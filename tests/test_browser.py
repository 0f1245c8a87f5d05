"""Every page in Debian's Chromium: no console error, no request to another host, every chart drawn."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ARGS, CHROMIUM  # noqa: F401  (the browser fixture lives in conftest)


def pages(strict_build: Path) -> list[str]:
    return sorted(str(p.relative_to(strict_build)) for p in strict_build.rglob("*.html")
                  if not p.name.startswith(("genindex", "search")) and "_static" not in p.parts)


def visit(browser, url: str, *, scroll: bool = True, dark: bool = False):
    """Open ``url``; return (console errors, foreign requests, charts, charts drawn)."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, color_scheme="dark" if dark else "light")
    page = context.new_page()
    errors, foreign = [], []
    origin = urlparse(url).netloc
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"HTTP {r.status} for {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: foreign.append(r.url)
            if urlparse(r.url).scheme in ("http", "https", "ws", "wss") and urlparse(r.url).netloc != origin
            else None)
    page.goto(url, wait_until="load")
    charts = page.locator(".kidal-plotly").count()
    if scroll:
        for i in range(charts):
            page.locator(".kidal-plotly").nth(i).scroll_into_view_if_needed()
            page.wait_for_function(
                "el => el.dataset.rendered === '1' && el.querySelector('svg.main-svg') !== null",
                arg=page.locator(".kidal-plotly").nth(i).element_handle(), timeout=15000)
    page.wait_for_load_state("networkidle")
    drawn = page.locator(".kidal-plotly svg.main-svg").count()
    drawn_charts = page.evaluate(
        "Array.from(document.querySelectorAll('.kidal-plotly')).filter(d => d.querySelector('svg.main-svg')).length")
    context.close()
    return errors, foreign, charts, drawn_charts


def test_every_page_clean_and_drawn(browser, site_url, strict_build):
    problems = []
    total_charts = 0
    for rel in pages(strict_build):
        errors, foreign, charts, drawn = visit(browser, f"{site_url}/{rel}")
        total_charts += charts
        if errors:
            problems.append(f"{rel}: console errors {errors}")
        if foreign:
            problems.append(f"{rel}: requests to other hosts {foreign}")
        if drawn != charts:
            problems.append(f"{rel}: {drawn} of {charts} charts drew their SVG")
    assert not problems, "\n".join(problems)
    assert total_charts >= 1


def test_geo_map_draws_borders(browser, site_url, strict_build):
    """Maps draw country borders from the locally served basemap, not from cdn.plot.ly."""
    chart_pages = [rel for rel in pages(strict_build)
                   if "kidal-chart" in (strict_build / rel).read_text(encoding="utf-8")
                   and "scattergeo" in (strict_build / rel).read_text(encoding="utf-8")]
    assert chart_pages, "no page has a map"
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/{chart_pages[0]}", wait_until="load")
    index = page.evaluate("""() => Array.from(document.querySelectorAll('script.kidal-plotly-data'))
        .findIndex(s => s.textContent.includes('scattergeo'))""")
    target = page.locator(".kidal-plotly").nth(index)
    target.scroll_into_view_if_needed()
    target.locator(".countries path, path.countries").first.wait_for(state="attached", timeout=15000)
    context.close()


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_serious_violation(browser, site_url, strict_build, dark):
    """axe-core (from npm, injected by playwright) on every page, in light and dark mode."""
    assert AXE.exists(), "axe-core missing: run make test (npm ci)"
    problems = []
    for rel in pages(strict_build):
        context = browser.new_context(viewport={"width": 412, "height": 915},
                                      color_scheme="dark" if dark else "light")
        page = context.new_page()
        page.goto(f"{site_url}/{rel}", wait_until="load")
        for i in range(page.locator(".kidal-plotly").count()):
            page.locator(".kidal-plotly").nth(i).scroll_into_view_if_needed()
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
            " return r.violations.map(v => ({id: v.id, impact: v.impact, n: v.nodes.length,"
            " target: v.nodes.slice(0, 3).map(n => n.target.join(' '))})); }")
        context.close()
        for v in result:
            if v["impact"] in ("serious", "critical"):
                problems.append(f"{rel}: {v['id']} ({v['impact']}, {v['n']} nodes) {v['target']}")
    assert not problems, "\n".join(problems)


def test_keyboard_reaches_explorer_and_charts(browser, site_url, strict_build):
    """Tab reaches the explorer's search box and the sort buttons; scrollable tables are focusable."""
    rel = next(r for r in pages(strict_build) if 'class="kidal-explorer"' in
               (strict_build / r).read_text(encoding="utf-8"))
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/{rel}", wait_until="load")
    seen = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        seen.add(page.evaluate("document.activeElement.className || document.activeElement.tagName"))
        if {"kidal-explorer-search", "kidal-sort"} <= seen:
            break
    context.close()
    assert {"kidal-explorer-search", "kidal-sort"} <= seen, seen


def test_wide_tables_on_desktop_and_phone(browser, site_url, strict_build):
    """Explorer tables use a desktop screen's width (no longer the text column's) and scroll
    inside their wrapper on a phone; one search field shows at either size."""
    wide = [r for r in pages(strict_build) if "kidal-wide-page" in (strict_build / r).read_text(encoding="utf-8")]
    assert {"book/claims.html", "book/timeline.html", "book/data.html"} <= set(wide), wide
    measure = """() => { const e = document.querySelector('.kidal-explorer') || document.querySelector('.kidal-table-wrap');
        const w = e.querySelector('.kidal-table-wrap') || e;
        const shown = Array.from(document.querySelectorAll('.search-button__button'))
            .filter(x => x.getClientRects().length && getComputedStyle(x).visibility !== 'hidden');
        return {width: e.getBoundingClientRect().width, scroll: w.scrollWidth, client: w.clientWidth,
                focusable: w.tabIndex === 0, page: document.documentElement.scrollWidth, search: shown.length}; }"""
    problems = []
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for rel in wide:
            page.goto(f"{site_url}/{rel}", wait_until="load")
            m = page.evaluate(measure)
            if m["page"] > width:
                problems.append(f"{rel} at {width}px: the page scrolls sideways ({m['page']}px)")
            if m["search"] != 1:
                problems.append(f"{rel} at {width}px: {m['search']} search buttons shown")
            if width == 1280 and m["width"] < 900:
                problems.append(f"{rel} at 1280px: the table is {m['width']:.0f}px wide")
            if m["scroll"] > m["client"] and not m["focusable"]:
                problems.append(f"{rel} at {width}px: a scrolling table wrapper cannot take focus")
        context.close()
    assert not problems, "\n".join(problems)
