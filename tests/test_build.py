"""The strict build: zero warnings from an empty output folder, and the assets charts need."""

from pathlib import Path


def test_strict_build_produces_site(strict_build: Path):
    assert (strict_build / "index.html").exists()
    assert (strict_build / "book" / "bibliography.html").exists()


def test_chart_assets_served_locally(strict_build: Path):
    static = strict_build / "_static"
    assert (static / "plotly-geo.min.js").stat().st_size > 100_000
    assert (static / "africa_50m.json").stat().st_size > 10_000


def test_plotly_only_on_chart_pages(strict_build: Path):
    for page in strict_build.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        has_chart = 'class="kidal-chart"' in text
        # kidal-charts.js fetches plotly.js when the first chart nears the viewport
        assert ("kidal-charts.js" in text) == has_chart, page
        assert "plotly-geo.min.js" not in text, page
        assert "cdn.plot.ly" not in text and "mathjax" not in text.lower(), page


def test_theme_macros_override_matches_theme():
    """Our copy of the theme's webpack macros drops only fontawesome.js: if the pinned theme's
    macros change (new digest, new assets), this fails so the override is updated."""
    import re

    import pydata_sphinx_theme

    theme = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
             / "webpack-macros.html").read_text(encoding="utf-8")
    ours = (Path(__file__).resolve().parent.parent / "book" / "_templates" / "static"
            / "webpack-macros.html").read_text(encoding="utf-8")
    assets = lambda text: sorted(set(re.findall(r"_static/[\w./-]+\?digest=\w+", text)))  # noqa: E731
    assert [a for a in assets(theme) if "fontawesome" not in a] == assets(ours)


def test_no_fontawesome_script(strict_build: Path):
    for page in strict_build.rglob("*.html"):
        if "_static" not in page.parts:
            assert "fontawesome.js" not in page.read_text(encoding="utf-8"), page


def test_search_button_override_matches_theme():
    """Our search-button-field.html is the pinned theme's less its aria-label (WCAG 2.5.3: the
    button's name must contain its visible text "Search Ctrl+K"). Fails if the theme's changes."""
    import re

    import pydata_sphinx_theme

    theme = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "components"
             / "search-button-field.html").read_text(encoding="utf-8")
    ours = (Path(__file__).resolve().parent.parent / "book" / "_templates"
            / "search-button-field.html").read_text(encoding="utf-8")
    strip = lambda text: re.sub(r"\{#.*?#\}", "", text, flags=re.S).strip()  # noqa: E731
    assert strip(theme).replace(""" aria-label="{{ _('Search') }}\"""", "") == strip(ours)


def test_one_search_field_and_named_by_its_text(strict_build: Path):
    for page in (strict_build / "book").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert text.count("search-button-field") == 1, f"{page.name}: the search field is repeated"
