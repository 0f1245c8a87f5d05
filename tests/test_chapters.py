"""Every chapter meets the book's bar (tools/chapter_stats.py measures it)."""

from __future__ import annotations

import ast
import html
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


def test_the_book_has_its_six_chapters():
    assert [p.stem for p in CHAPTERS] == ["background", "actors", "battle", "regional", "peace", "since"]


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


# Every notebook of the book that draws charts: the chapters and the apparatus pages.
CHART_NOTEBOOKS = sorted(p for p in (ROOT / "book").glob("*.ipynb") if chapter_stats.charts(
    json.loads(p.read_text(encoding="utf-8"))))
CHART_CALLS = {"chart", "event_timeline", "alignment_network", "evidence_chart"}


@pytest.mark.parametrize("path", CHART_NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chart_has_a_title_in_the_figure(path):
    """Issue 13: every chart states its finding in a title drawn in the figure, wrapped for a phone,
    with a top margin that holds it."""
    specs = _specs(path)
    assert specs
    for spec in specs:
        title = spec["layout"].get("title", {})
        lines = title.get("text", "").split("<br>")
        assert "".join(lines).strip(), "a chart has no title"
        assert all(len(html.unescape(line)) <= 44 for line in lines), lines
        assert spec["layout"]["margin"]["t"] >= 20 * len(lines), (lines, spec["layout"]["margin"])


def _title_literals(path: Path):
    """The literal text of the ``title=`` argument of every chart call in the notebook's code cells
    (a title held in a variable is followed to its assignment), without the f-strings' fields."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    tree = ast.parse("\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"))
    assigned = {t.id: n.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                for t in n.targets if isinstance(t, ast.Name)}
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
             and (getattr(n.func, "id", None) or getattr(n.func, "attr", None)) in CHART_CALLS]
    for call in calls:
        title = next((k.value for k in call.keywords if k.arg == "title"), None)
        assert title is not None, f"line {call.lineno}: a chart call without title="
        if isinstance(title, ast.Name):
            title = assigned[title.id]
        yield call.lineno, _texts(title)


def _texts(node) -> list[str]:
    """The text an expression writes as such: string literals, the literal parts of f-strings, the
    branches of a conditional, the parts of a concatenation, a join's separator; not the strings
    used to look data up (keys, ids, formats), which sit inside the expressions."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else []
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant)]
    if isinstance(node, ast.BinOp):
        return _texts(node.left) + _texts(node.right)
    if isinstance(node, ast.IfExp):
        return _texts(node.body) + _texts(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        return _texts(node.func.value)
    return []


@pytest.mark.parametrize("path", CHART_NOTEBOOKS, ids=lambda p: p.stem)
def test_chart_titles_type_no_number(path):
    """A title's numbers (counts, years, shares) come from the data the chart draws, never typed."""
    found = list(_title_literals(path))
    assert len(found) == chapter_stats.charts(json.loads(path.read_text(encoding="utf-8")))
    # a digit that starts a number; names such as "G5 Sahel" are not numbers
    typed = [(line, text) for line, texts in found for text in texts if re.search(r"(?<![A-Za-z])\d", text)]
    assert not typed, f"numbers typed into chart titles: {typed}"


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _maps(path: Path) -> list[dict]:
    return [s for s in _specs(path) if any(t.get("type") == "scattergeo" for t in s["data"])]


# the chapters with a map (the place check below is about maps: a chapter without one has none)
MAP_CHAPTERS = [p for p in CHAPTERS if _maps(p)]


def test_the_book_has_chapter_maps():
    assert len(MAP_CHAPTERS) >= 4, [p.stem for p in MAP_CHAPTERS]


@pytest.mark.parametrize("path", MAP_CHAPTERS, ids=lambda p: p.stem)
def test_every_place_named_is_on_a_map_or_said_missing(path):
    """A chapter with a map shows every place its prose names (data/places.csv), or names it in a
    map's text description as having no coordinates the book can cite."""
    import data

    nb = json.loads(path.read_text(encoding="utf-8"))
    maps = _maps(path)
    text = " ".join(chapter_stats.prose("".join(c["source"])) for c in nb["cells"]
                    if c["cell_type"] == "markdown")
    shown = " | ".join(s for spec in maps for t in spec["data"] if t.get("type") == "scattergeo"
                       for s in _strings(t.get("text")) + _strings(t.get("customdata"))
                       + _strings(t.get("hovertext")))
    described = " ".join(html.unescape(d) for d in chapter_stats.chart_descriptions(nb))
    missing = []
    for row in data.places().itertuples():
        if row.kind == "region":
            continue
        names = [row.name, row.name_fr] + [n for n in (row.other_names if isinstance(row.other_names, str) else "").split(";") if n]
        named = [n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)]
        if named and not any(n in shown or n in described for n in names):
            missing.append(named[0])
    assert not missing, f"named in the chapter but neither on a map nor in a map's description: {missing}"
