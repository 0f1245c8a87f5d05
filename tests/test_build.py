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
        assert ("plotly-geo.min.js" in text) == has_chart, page
        assert "cdn.plot.ly" not in text and "mathjax" not in text.lower(), page
