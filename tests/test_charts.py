"""The chart renderer: faithful serialisation, inert data strings, refusals, deterministic ids."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import pytest

import data
from data.charts import chart

KEY = next(iter(data.bib.entries()))
TITLE = "Two points, the second one higher than the first and later by more than eight months"


def _fig():
    dates = pd.to_datetime(pd.Series(["2023-11-14", "2024-07-27 13:30"]), format="ISO8601")
    return go.Figure(go.Scatter(x=dates, y=[1, 2], text=["<b>x</b> & y", "plain"], mode="markers"))


def test_dates_become_iso_strings_not_nanoseconds():
    spec = chart(_fig(), title=TITLE, sources=[KEY], description="A test chart with two dated points.").spec
    assert spec["data"][0]["x"] == ["2023-11-14", "2024-07-27T13:30:00"]


def test_data_strings_are_escaped_for_plotly():
    spec = chart(_fig(), title=TITLE, sources=[KEY], description="A test chart with two dated points.").spec
    assert spec["data"][0]["text"][0] == "&lt;b&gt;x&lt;/b&gt; &amp; y"


def test_same_input_same_id_and_html():
    a = chart(_fig(), title=TITLE, sources=[KEY], description="A test chart with two dated points.")
    b = chart(_fig(), title=TITLE, sources=[KEY], description="A test chart with two dated points.")
    assert a.id == b.id and a.to_html() == b.to_html()
    assert "</script><" not in a.to_html().split('class="kidal-plotly-data"', 1)[1].split("</script>", 1)[0]


@pytest.mark.parametrize("kwargs, message", [
    ({"sources": [], "description": "A description long enough."}, "source"),
    ({"sources": ["NoSuchKey2099x"], "description": "A description long enough."}, "NoSuchKey2099x"),
    ({"sources": [KEY], "description": "  "}, "description"),
])
def test_refuses_charts_without_sources_or_description(kwargs, message):
    with pytest.raises((ValueError, KeyError), match=message):
        chart(_fig(), title=TITLE, **kwargs)


@pytest.mark.parametrize("title", ["", "   ", None])
def test_refuses_charts_without_a_title(title):
    with pytest.raises(ValueError, match="title"):
        chart(_fig(), title=title, sources=[KEY], description="A test chart with two dated points.")
    with pytest.raises(TypeError):
        chart(_fig(), sources=[KEY], description="A test chart with two dated points.")


def test_title_is_drawn_in_the_figure_wrapped_escaped_and_given_room():
    plain = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]))
    made = chart(plain, title="A <b>finding</b> " + TITLE, sources=[KEY], height=300,
                 description="A test chart with two points.")
    layout = made.spec["layout"]
    lines = layout["title"]["text"].split("<br>")
    assert len(lines) >= 3 and all(len(html.unescape(line)) <= 40 for line in lines), lines
    assert "&lt;b&gt;finding&lt;/b&gt;" in layout["title"]["text"] and "<b>" not in layout["title"]["text"]
    # the top margin holds every line of the title, and the plot keeps the height it asked for
    assert layout["margin"]["t"] >= 20 * len(lines)
    assert layout["height"] - layout["margin"]["t"] >= 300 - 16 - 1
    assert made.description.startswith("A <b>finding</b> " + TITLE + ".")
    # a figure that asks for room above the plot (a legend on top) keeps it under the title
    topped = go.Figure(go.Scatter(x=[1, 2], y=[1, 2]), layout={"margin": {"t": 60}})
    higher = chart(topped, title=TITLE, sources=[KEY], description="A test chart with two points.")
    assert higher.spec["layout"]["margin"]["t"] >= 60 + 20 * len(higher.spec["layout"]["title"]["text"].split("<br>"))


def test_refuses_trace_types_the_bundle_lacks():
    with pytest.raises(ValueError, match="bundle"):
        chart(go.Figure(go.Bar(x=[1], y=[1])), title=TITLE, sources=[KEY], description="A bar chart test.")


def test_event_timeline_has_a_trace_per_category_and_counts_them():
    from data.charts import CATEGORY_ORDER, event_timeline

    events = data.events()
    made = event_timeline(events, title="Every event of the book", intro="All events")
    present = [c for c in CATEGORY_ORDER if (events["category"] == c).any()]
    assert [t["name"] for t in made.spec["data"]] == present
    assert sum(len(t["x"]) for t in made.spec["data"]) == len(events)
    for c in CATEGORY_ORDER:
        assert f"{c} {int((events['category'] == c).sum())}" in made.description


def _alignments(rows):
    frame = pd.DataFrame(rows, columns=["actor_a", "actor_b", "relation", "start_date", "end_date", "status",
                                        "sources"])
    frame["start_date"] = pd.to_datetime(frame["start_date"])
    frame["end_date"] = pd.to_datetime(frame["end_date"])
    frame["sources"] = frame["sources"].map(lambda s: (s,))
    return frame


def test_alignments_at_keeps_the_latest_relation_of_a_pair_and_drops_ended_ones():
    rows = _alignments([
        ("mali_transition", "france", "partnership", "2020-08-01", "2022-08-15", "confirmed", "FranceInfo2022barkhane"),
        ("mali_transition", "france", "rupture", "2022-08-15", None, "confirmed", "FranceInfo2022barkhane"),
        ("niger", "mali_transition", "alliance", "2023-09-16", None, "confirmed", "TheNation2023aes"),
    ])
    before = data.charts.alignments_at(rows, "2021-01-01")
    assert list(before["relation"]) == ["partnership"]
    after = data.charts.alignments_at(rows, "2024-01-01")
    assert sorted(after["relation"]) == ["alliance", "rupture"]


def test_alignment_network_is_a_network_whose_description_lists_every_edge():
    alignments, actors = data.alignments(), data.actors()
    built = data.charts.alignment_network(alignments, actors, ("2020-12-31", "latest"), title="Alignments")
    assert built.spec["layout"]["meta"] == "network"
    latest = data.charts.alignments_at(alignments, max(alignments["start_date"].max(), alignments["end_date"].max()))
    for r in latest.itertuples():
        assert f"{data.charts.actor_label(actors, r.actor_a)}–{data.charts.actor_label(actors, r.actor_b)}" \
            in built.description


def test_a_long_source_list_is_counted_by_publisher_and_folded():
    from data.charts import FOLD_SOURCES

    publisher = data.bib.evidence().set_index("key")["publisher"]
    keys = list(data.bib.entries())[: FOLD_SOURCES + 7]
    out = chart(_fig(), title=TITLE, sources=keys, description="A test chart with two dated points.").to_html()
    caption = out.split("<figcaption>", 1)[1]
    assert f"Sources: {len(keys)} documents from {publisher[keys].nunique()} publishers" in caption
    folded = caption.split('<details class="kidal-sources-list">', 1)[1].split("</details>", 1)[0]
    for key in keys:   # every document is still linked, in the folded list
        assert f'#{data.bib.anchor(key)}"' in folded
    assert folded.count("<li>") == publisher[keys].nunique()
    short = chart(_fig(), title=TITLE, sources=keys[:FOLD_SOURCES],
                  description="A test chart with two dated points.").to_html()
    assert "kidal-sources-list" not in short and short.count('class="kidal-source"') == FOLD_SOURCES
