"""Every chapter meets the book's bar (tools/chapter_stats.py measures it)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import chapter_stats  # noqa: E402


def chapters() -> list[Path]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p["caption"] == "Chapters")
    return [ROOT / f"{c['file']}.ipynb" for c in part["chapters"]]


CHAPTERS = chapters()


def test_the_book_has_its_five_chapters():
    assert [p.stem for p in CHAPTERS] == ["background", "battle", "regional", "peace", "since"]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_meets_the_bar(path):
    s = chapter_stats.stats(path)
    assert s["key_findings_first"], "the chapter must open with its Key findings"
    assert s["references_last"], "the chapter must end with its own references"
    assert s["words"] >= 2000, f"{s['words']} words"
    assert s["charts"] >= 4, f"{s['charts']} charts"
    assert s["citations"] >= 25, f"{s['citations']} citations"
    assert s["sources"] >= 15, f"{s['sources']} distinct sources"
    assert not s["typed_numbers"], f"numbers typed into prose (glue them): {s['typed_numbers']}"


def _specs(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    specs = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", ""))
            for raw in re.findall(r'<script type="application/json" class="kidal-plotly-data"[^>]*>(.*?)</script>',
                                  html, flags=re.S):
                specs.append(json.loads(raw))
    return specs


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_a_map_or_network_and_a_timeline(path):
    specs = _specs(path)
    kinds = [{t.get("type", "scatter") for t in s["data"]} for s in specs]
    assert any({"scattergeo", "choropleth"} & k for k in kinds) or any(
        s["layout"].get("meta") == "network" for s in specs), "no map or network"
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}")

    def dated(trace):
        xs = trace.get("x") or []
        if not isinstance(xs, list):   # numeric arrays travel as plotly's typed-array dicts
            return False
        return bool(xs) and isinstance(xs[0], str) and bool(iso.match(xs[0]))

    assert any(any(dated(t) for t in s["data"]) for s in specs), "no timeline (a chart with dates on x)"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_chart_has_sources_and_a_description(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert chapter_stats.charts(nb) == len(chapter_stats.chart_descriptions(nb))
    assert all(len(d) >= 40 for d in chapter_stats.chart_descriptions(nb))


def test_typed_number_detector_catches_numbers():
    """The detector the bar relies on must flag a typed toll and spare dates and glue."""
    nb = {"cells": [{"cell_type": "markdown", "source": [
        "On 14 November 2023, under resolution 2690, {glue:text}`x:,` people fled and 47 died."]}]}
    found = chapter_stats.typed_numbers(nb)
    assert len(found) == 1 and "47" in found[0], found
