"""The house chart style, and the offline renderer every chart of the book goes through.

``chart(fig, sources=[...], description="...")`` returns a :class:`Chart`. In the built site it is
a ``<figure>`` holding the figure's JSON, a caption with the chart's sources (linked to the
bibliography) and a text description for screen readers; ``book/_static/kidal-charts.js`` draws it
with the locally served plotly.js bundle when it scrolls into view. Nothing is fetched from
another host. In JupyterLab the same output also carries plotly's own MIME type, so a chapter
rerun locally shows live charts.

Ids are derived from the content, so the same data always gives byte-identical output (strict
nbval compares stored outputs).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import textwrap

from . import bib, i18n

# Okabe & Ito's colour-blind-safe palette (black dropped; it is the text colour).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Named colours for recurring meanings, so a reader learns them once.
COLOURS = {
    "state": "#0072B2",        # Malian state and its allies
    "rebels": "#E69F00",       # rebel movements and coalitions
    "jihadists": "#D55E00",    # jihadist groups
    "international": "#009E73",  # UN, regional and foreign forces
    "neutral": "#777777",
    "highlight": "#CC79A7",
}
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Trace types in the plotly.js partial bundle the site serves (plotly.js-geo-dist-min).
SUPPORTED_TRACES = frozenset({"scatter", "scattergeo", "choropleth"})
# Kidal region framing for maps: lon/lat ranges that hold Mali and its northern neighbours.
SAHEL_LON = (-12.5, 9.0)
SAHEL_LAT = (10.0, 25.5)

_used_sources: dict[str, None] = {}


def sources_used() -> list[str]:
    """Bibliography keys of every chart made in this session, in first-use order."""
    return list(_used_sources)


def house_layout(height: int) -> dict:
    return {
        "height": height,
        "autosize": True,
        "margin": {"l": 56, "r": 16, "t": 16, "b": 48},
        "font": {"family": FONT_FAMILY, "size": 14, "color": "#222222"},
        "colorway": PALETTE,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 13}},
        # Anchored to the bottom of the figure, not of the plot: plotly.js then makes room for it
        # however many rows it wraps to, and it never covers the x-axis title.
        "legend": {"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0,
                   "font": {"size": 13}},
        "xaxis": {"gridcolor": "rgba(128,128,128,0.25)", "zeroline": False, "automargin": True},
        "yaxis": {"gridcolor": "rgba(128,128,128,0.25)", "zeroline": False, "automargin": True},
        "template": None,
    }


def sahel_geo(**overrides) -> dict:
    """The house map frame: Natural Earth 1:50m borders, cropped to Mali and its neighbours."""
    geo = {
        "scope": "africa",
        "resolution": 50,
        "projection": {"type": "mercator"},
        "lonaxis": {"range": list(SAHEL_LON)},
        "lataxis": {"range": list(SAHEL_LAT)},
        "showcountries": True,
        "countrycolor": "#8a8a8a",
        "showland": True,
        "landcolor": "#f3efe6",
        "showocean": False,
        "showlakes": False,
        "showrivers": True,
        "rivercolor": "#9ecae1",
        "showframe": False,
        "bgcolor": "rgba(0,0,0,0)",
    }
    geo.update(overrides)
    return geo


def _json_for_html(obj) -> str:
    """JSON that is safe inside <script type="application/json">: no tag can be closed from it."""
    text = json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


TITLE_WIDTH = 40           # characters per line of a chart title (readable on a 390 px phone)
TITLE_LINE_PX = 21         # height of one title line at the title's font size
TITLE_FONT_SIZE = 16


def title_lines(title: str) -> list[str]:
    """A chart title broken into lines of at most about ``TITLE_WIDTH`` characters."""
    return textwrap.wrap(_one_line(title), TITLE_WIDTH)


def _one_line(text: str) -> str:
    """Collapse runs of ordinary white space, keeping no-break spaces (``"645\u00a0km"``) unbroken."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def title_layout(title: str) -> dict:
    """The layout title of a chart: its finding, wrapped and escaped, at the top left of the figure."""
    lines = title_lines(title)
    # plotly.js anchors a title of several lines as if its first line hung above the top: pushed down
    # by about one line's ascent more than a one-line title, it starts 8 px from the top either way.
    top = 8 + (round(0.875 * TITLE_FONT_SIZE) if len(lines) > 1 else 0)
    return {"text": "<br>".join(html.escape(line, quote=False) for line in lines),
            "x": 0, "xanchor": "left", "xref": "container", "y": 1, "yanchor": "top", "yref": "container",
            "pad": {"t": top, "l": 4}, "font": {"size": TITLE_FONT_SIZE}}


# Past this many documents, a chart's caption counts its sources by publisher and folds the list.
FOLD_SOURCES = 8


class Chart:
    """A chart with its title (the finding it shows), sources and text description; displays as
    offline HTML. The title is drawn in the figure, above the plot, with the top margin and the
    height grown to hold it, so the plot keeps the height it asked for."""

    def __init__(self, fig, *, title: str, sources, description: str, height: int = 420,
                 source_note: str = ""):
        if not isinstance(title, str) or not title.strip():
            raise ValueError("every chart needs a title that states its finding")
        title = _one_line(title)
        if not description or not description.strip():
            raise ValueError("every chart needs a text description for screen readers")
        keys = bib.split_keys(sources)
        if not keys and not source_note.strip():
            raise ValueError("every chart must name at least one source (bibliography key), or say in "
                             "source_note which of the book's own files it is computed from")
        self.source_note = source_note.strip()
        for key in keys:
            bib.label(key)  # raises KeyError on an unknown key
        spec = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else dict(fig)
        spec = json.loads(json.dumps(spec, default=_plain))
        for trace in spec.get("data", []):
            kind = trace.get("type", "scatter")
            if kind not in SUPPORTED_TRACES:
                raise ValueError(f"trace type {kind!r} is not in the site's plotly.js bundle "
                                 f"({', '.join(sorted(SUPPORTED_TRACES))})")
            trace.pop("uid", None)
            for field in ("text", "hovertext", "customdata", "ids", "labels"):
                if field in trace:
                    trace[field] = _escape_strings(trace[field])
        layout = house_layout(height)
        for key, value in spec.get("layout", {}).items():
            if key == "legend" and "y" in value and "yref" not in value:
                value = {"yref": "paper", "yanchor": "top", **value}   # a figure's own y is on the plot
            if isinstance(value, dict) and isinstance(layout.get(key), dict):
                layout[key] = {**layout[key], **value}
            else:
                layout[key] = value
        layout.pop("template", None)
        if i18n.lang() != "en":
            layout["separators"] = i18n.plotly_separators()
        # The title's lines sit above whatever top margin the figure asked for (a legend on top).
        above = spec.get("layout", {}).get("margin", {}).get("t", house_layout(height)["margin"]["t"])
        title_px = TITLE_LINE_PX * len(title_lines(title)) + 16
        layout["title"] = title_layout(title)
        layout["margin"] = {**layout["margin"], "t": above + title_px}
        layout["height"] = layout["height"] + title_px
        self.spec = {"data": spec.get("data", []), "layout": layout}
        self.sources = keys
        self.title = title
        description = description.strip()
        if not description.startswith(title):
            description = f"{title}{'' if title[-1] in '.?!' else '.'} {description}"
        self.description = description
        for key in keys:
            _used_sources.setdefault(key, None)
        digest = hashlib.sha256(
            (_json_for_html(self.spec) + self.title + self.description + "|".join(keys) + self.source_note).encode()
        ).hexdigest()[:12]
        self.id = f"chart-{digest}"

    def _sources_html(self) -> str:
        """"Sources: a; b." under the chart; past FOLD_SOURCES documents, a count by publisher
        with the full list folded underneath, grouped by publisher."""
        note = [html.escape(self.source_note)] if self.source_note else []
        if len(self.sources) <= FOLD_SOURCES:
            links = "; ".join([bib.link_html(k) for k in self.sources] + note)
            return f'<span class="kidal-sources">{i18n.t("Sources: ", "Sources : ")}{links}.</span>'
        publisher = bib.evidence().set_index("key")["publisher"]
        groups: dict[str, list[str]] = {}
        for key in self.sources:
            groups.setdefault(publisher[key], []).append(key)
        order = sorted(groups, key=lambda p: (-len(groups[p]), p))
        counts = ", ".join(f"{html.escape(p)} {len(groups[p])}" for p in order[:4])
        rest = len(order) - 4
        summary = (i18n.t(f"{len(self.sources)} documents from {len(order)} publishers ({counts}",
                          f"{len(self.sources)} documents de {len(order)} éditeurs ({counts}")
                   + (i18n.t(f" and {rest} more", f" et {rest} autres") if rest > 0 else "") + ")")
        labels = [bib.label(k) for k in self.sources]
        twice = {lab for lab in labels if labels.count(lab) > 1}

        def link(key):
            if bib.label(key) not in twice:
                return bib.link_html(key)
            title = bib.entries()[key]["title"]
            short = title if len(title) <= 60 else title[:57].rsplit(" ", 1)[0] + "…"
            return f"{bib.link_html(key)}, <cite>{html.escape(short)}</cite>"

        colon = i18n.t(": ", " : ")
        items = "".join(f"<li><strong class=\"kidal-publisher\">{html.escape(p)}</strong>{colon}{'; '.join(link(k) for k in groups[p])}</li>"
                        for p in order)
        return (f'<span class="kidal-sources">{i18n.t("Sources: ", "Sources : ")}{summary}'
                + (f"; {'; '.join(note)}" if note else "") + ".</span>"
                f'<details class="kidal-sources-list"><summary>{i18n.t("List of sources", "Liste des sources")}</summary>'
                f"<ul>{items}</ul></details>")

    def to_html(self) -> str:
        desc_id = f"{self.id}-desc"
        return (
            f'<figure class="kidal-chart" id="{self.id}-figure">'
            f'<div class="kidal-plotly" id="{self.id}" aria-describedby="{desc_id}" '
            f'style="min-height:{self.spec["layout"]["height"]}px"></div>'
            f'<script type="application/json" class="kidal-plotly-data" data-for="{self.id}">'
            f"{_json_for_html(self.spec)}</script>"
            f"<figcaption>{self._sources_html()}"
            f'<details class="kidal-chart-description"><summary>{i18n.t("Text description", "Description textuelle")}</summary>'
            f'<p id="{desc_id}">{html.escape(self.description)}</p></details></figcaption>'
            f"</figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": self.to_html(),
            "text/plain": f"Chart {self.id}: {self.description}",
            # JupyterLab renders this one natively; the static site uses the HTML above.
            "application/vnd.plotly.v1+json": self.spec,
        }


def _escape_strings(value):
    """Escape markup in data strings: plotly renders a subset of HTML in text and hover labels,
    so a data value such as ``<img onerror=...>`` must reach it as text, not as a tag."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escape_strings(v) for v in value]
    return value


def _iso(value) -> str:
    """ISO 8601, without a midnight time: plotly reads both as dates."""
    text = value.isoformat()
    return text[:-9] if text.endswith("T00:00:00") else text


def _plain(value):
    """JSON fallback for numpy and pandas scalars, arrays and timestamps."""
    if hasattr(value, "isoformat"):
        return _iso(value)
    if getattr(getattr(value, "dtype", None), "kind", "") == "M":   # datetime64 arrays
        import pandas as pd

        return [None if pd.isna(v) else _iso(pd.Timestamp(v)) for v in value]
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot serialise {type(value).__name__} into a chart")


def chart(fig, *, title: str, sources, description: str, height: int = 420,
          source_note: str = "") -> Chart:
    """Wrap a plotly figure in the house style, with its title (a sentence stating what the chart
    shows, computed from the data it draws), its sources and a text description."""
    return Chart(fig, title=title, sources=sources, description=description, height=height,
                 source_note=source_note)


# The French names of relations (data.i18n.ENUMS_FR, the one list of the data's vocabularies).
RELATIONS_FR = i18n.ENUMS_FR["alignments.relation"]

# The order and colours of event categories, shared by every timeline of the book.
CATEGORY_ORDER = ["military", "political", "diplomatic", "UN", "humanitarian"]
CATEGORY_COLOURS = {"military": COLOURS["jihadists"], "political": COLOURS["state"],
                    "diplomatic": COLOURS["rebels"], "UN": COLOURS["international"],
                    "humanitarian": COLOURS["highlight"]}


def event_timeline(events, *, title: str, intro: str, outro: str = "", height: int = 380,
                   date_format: str = "%d %b %Y") -> Chart:
    """A strip chart of events (rows of ``data.events()``) by date and category, with hover
    titles and statuses, under ``title`` (its finding); its description counts the events of
    each category."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for category in CATEGORY_ORDER:
        part = events[events["category"] == category]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["start_date"], y=[i18n.category(category)] * len(part), mode="markers", name=i18n.category(category),
            marker={"size": 12, "color": CATEGORY_COLOURS[category], "opacity": 0.8,
                    "line": {"width": 1, "color": "white"}},
            customdata=list(zip(part["start_date"].dt.strftime(date_format) if i18n.lang() == "en"
                                else [i18n.date(d) for d in part["start_date"]], part["title"],
                                part["status"].astype(str) if i18n.lang() == "en"
                                else [i18n.STATUS_FR[x] for x in part["status"].astype(str)])),
            hovertemplate="%{customdata[0]}: %{customdata[1]} (%{customdata[2]})<extra></extra>"))
    fig.update_layout(showlegend=False, xaxis={"title": "Date", "type": "date"},
                      yaxis={"categoryorder": "array",
                             "categoryarray": [i18n.category(c) for c in CATEGORY_ORDER[::-1]]})
    counts = events["category"].value_counts()
    description = (intro + i18n.t(": ", " : ")
                   + i18n.t("; ", " ; ").join(f"{i18n.category(c)} {int(counts.get(c, 0))}" for c in CATEGORY_ORDER)
                   + "." + (f" {outro}" if outro else ""))
    return chart(fig, title=title, sources=bib.split_keys(events["sources"]), height=height,
                 description=description)



# Edge styles of the alignment network, one per relation of data/alignments.csv.
RELATION_STYLES = {
    "alliance": {"color": PALETTE[2], "width": 4, "dash": "solid"},
    "partnership": {"color": PALETTE[0], "width": 3, "dash": "solid"},
    "contact": {"color": PALETTE[1], "width": 2, "dash": "dot"},
    "rupture": {"color": PALETTE[5], "width": 2, "dash": "dash"},
}


# Where the French edition keeps another short form than the data's French fields
# (book/locales/fr/TERMINOLOGY.md): "le JNIM" (not GSIM), "la Plateforme" (its full name adds a date).
FR_SHORT_NAMES = {"jnim": "JNIM", "plateforme": "Plateforme"}


def actor_label(actors, actor_id: str, lang: str | None = None) -> str:
    """The short label of an actor in the edition's language (or ``lang``): its acronym if it has
    one, else its name; in French its French acronym or name, or the book's short form, else the
    English label. ``actors`` is the actors table, indexed by ``actor_id`` or not."""
    row = (actors.set_index("actor_id") if "actor_id" in actors.columns else actors).loc[actor_id]
    if (lang or i18n.lang()) == "fr":
        if actor_id in FR_SHORT_NAMES:
            return FR_SHORT_NAMES[actor_id]
        for field in ("acronym_fr", "name_fr"):
            value = row.get(field)
            if isinstance(value, str) and value:
                return value
    acronym = row.get("acronym")
    return acronym if isinstance(acronym, str) and acronym else row["name"]


def alignments_at(alignments, when):
    """The alignments in force on ``when``: begun on or before it and not ended by it. Where a
    pair has several, the most recent one stands (a rupture replaces a partnership)."""
    import pandas as pd

    when = pd.Timestamp(when)
    live = alignments[(alignments["start_date"] <= when)
                      & (alignments["end_date"].isna() | (alignments["end_date"] > when))].copy()
    live["pair"] = [tuple(sorted(p)) for p in zip(live["actor_a"], live["actor_b"])]
    return live.sort_values("start_date").groupby("pair", sort=False).tail(1)


def _wrap(label: str, width: int = 16) -> str:
    """Escape a node label and break it over lines of about ``width`` characters, for use in a
    layout annotation (annotations, unlike trace text, are not escaped by :func:`chart`)."""
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(html.escape(x, quote=False) for x in lines + [line])


def _star_layout(live):
    """Positions for one snapshot: the most connected actor in the centre, the others on a
    circle around it, grouped by their relation to the centre (alliances first, ruptures last)."""
    import math

    degree = {}
    for a, b in zip(live["actor_a"], live["actor_b"]):
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    hub = max(sorted(degree), key=lambda a: degree[a])
    rank = {"alliance": 0, "partnership": 1, "contact": 2, "rupture": 3}
    to_hub = {}
    for r in live.itertuples():
        if hub in (r.actor_a, r.actor_b):
            to_hub[r.actor_b if r.actor_a == hub else r.actor_a] = rank[r.relation]
    others = sorted((a for a in degree if a != hub), key=lambda a: (to_hub.get(a, 4), a))
    pos = {hub: (0.0, 0.0)}
    for i, a in enumerate(others):
        angle = math.pi / 2 - 2 * math.pi * i / len(others)
        pos[a] = (math.cos(angle), math.sin(angle))
    return pos


def alignment_network(alignments, actors, snapshots, *, title: str, height: int = 620) -> Chart:
    """The alignment network at several dates, one at a time behind a date slider (the latest
    shown first): the most connected actor in the centre, edges styled by relation.
    ``snapshots`` are dates, or "latest" for the most recent start or end date in the table. The
    text description lists every edge at every date, so nothing depends on the slider."""
    import pandas as pd
    import plotly.graph_objects as go

    last = max(alignments["start_date"].max(), alignments["end_date"].max())
    dates = [last if s == "latest" else pd.Timestamp(s) for s in snapshots]
    names = actors.set_index("actor_id")["name"]
    if i18n.lang() == "fr":
        names = actors.set_index("actor_id")["name_fr"].fillna(names)
    short = {a: actor_label(actors, a) for a in set(alignments["actor_a"]) | set(alignments["actor_b"])}
    fig, parts, owner, annotations = go.Figure(), [], [], []
    for k, when in enumerate(dates):
        live = alignments_at(alignments, when)
        label = i18n.t(f"{when:%-d %B %Y}", i18n.date(when))
        pos = _star_layout(live)
        shown = set()
        for r in live.itertuples():
            (xa, ya), (xb, yb) = pos[r.actor_a], pos[r.actor_b]
            style = RELATION_STYLES[r.relation]
            fig.add_trace(go.Scatter(
                x=[xa, (xa + xb) / 2, xb], y=[ya, (ya + yb) / 2, yb], mode="lines",
                line={"color": style["color"], "width": style["width"], "dash": style["dash"]},
                name=i18n.t(r.relation, RELATIONS_FR[r.relation]), legendgroup=r.relation,
                showlegend=r.relation not in shown,
                hovertemplate=i18n.t(f"{short[r.actor_a]} and {short[r.actor_b]}: "
                                     f"{r.relation} since {r.start_date:%b %Y} ({r.status})<extra>{label}</extra>",
                                     f"{short[r.actor_a]} et {short[r.actor_b]} : "
                                     f"{RELATIONS_FR[r.relation]} depuis {i18n.date(r.start_date, 'month')} "
                                     f"({i18n.STATUS_FR[r.status]})<extra>{label}</extra>")))
            owner.append(k)
            shown.add(r.relation)
        nodes = list(pos)
        fig.add_trace(go.Scatter(
            x=[pos[a][0] for a in nodes], y=[pos[a][1] for a in nodes], mode="markers", showlegend=False,
            marker={"size": [18] + [12] * (len(nodes) - 1), "color": COLOURS["neutral"],
                    "line": {"width": 1, "color": "white"}},
            customdata=[names[a] for a in nodes], hovertemplate="%{customdata}<extra>" + label + "</extra>"))
        owner.append(k)
        annotations.append([
            {"x": x, "y": y, "text": _wrap(short[a]), "showarrow": False,
             "xanchor": "center" if abs(x) < 0.3 else ("left" if x > 0 else "right"),
             "yanchor": "top" if y <= 0 else "bottom",
             "xshift": 0 if abs(x) < 0.3 else (8 if x > 0 else -8), "yshift": -8 if y <= 0 else 6,
             "font": {"size": 13}}
            for a, (x, y) in pos.items()])
        parts.append(i18n.t(f"{label}: ", f"{label} : ") + ("; ".join(
            i18n.t(f"{short[r.actor_a]}–{short[r.actor_b]} {r.relation} ({r.status})",
                   f"{short[r.actor_a]}–{short[r.actor_b]} {RELATIONS_FR[r.relation]} ({i18n.STATUS_FR[r.status]})")
            for r in live.itertuples()) or i18n.t("no alignment in the data", "aucun alignement dans les données")))
    current = len(dates) - 1
    for trace, k in zip(fig.data, owner):
        trace.visible = k == current
    steps = [{"label": i18n.t(f"{when:%b %Y}", i18n.date(when, "month")), "method": "update",
              "args": [{"visible": [o == k for o in owner]}, {"annotations": annotations[k]}]}
             for k, when in enumerate(dates)]
    fig.update_layout(meta="network", annotations=annotations[current], margin={"t": 110},
                      xaxis={"visible": False, "range": [-1.9, 1.9]},
                      yaxis={"visible": False, "range": [-1.45, 1.35], "scaleanchor": "x"},
                      legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "title": {"text": i18n.t("Relation: ", "Relation : ")}},
                      sliders=[{"active": current, "steps": steps, "y": -0.02, "len": 0.9, "x": 0.05,
                                "currentvalue": {"prefix": i18n.t("Alignments in force on ", "Alignements en vigueur en "),
                                                 "font": {"size": 14}}}])
    description = i18n.t(
        f"A network of alignments between actors at {len(dates)} dates, shown one at a time with a "
        "date slider (the latest first), the most connected actor in the centre and edges styled by "
        "relation (alliance, partnership, reported contact, rupture). ",
        f"Un réseau des alignements entre acteurs à {len(dates)} dates, montrées une à une avec un curseur "
        "de dates (la plus récente d'abord), l'acteur le plus relié au centre et des liens stylés selon la "
        "relation (alliance, partenariat, contact rapporté, rupture). ") + " — ".join(parts) + "."
    return chart(fig, title=title, sources=bib.split_keys(alignments["sources"]), height=height,
                 description=description)


# Colours of the evidence classes (data.bib.EVIDENCE_CLASSES), best first.
EVIDENCE_COLOURS = {"primary or expert": COLOURS["international"],
                    "newsroom or wire agency": COLOURS["state"],
                    "state-controlled media": COLOURS["jihadists"],
                    "aggregator or syndicated copy": COLOURS["rebels"]}


EVIDENCE_FR = {"primary or expert": "source primaire ou expertise",
               "newsroom or wire agency": "rédaction ou agence de presse",
               "state-controlled media": "média contrôlé par l'État",
               "aggregator or syndicated copy": "agrégateur ou reprise de dépêche"}


def evidence_chart(citations, chapter_titles: dict, *, title: str, height: int = 400) -> Chart:
    """Where each chapter's citations come from: one stacked bar per chapter (and the whole book),
    split by evidence class. Bars are drawn as thick scatter lines (the site's plotly bundle has
    no bar trace). ``citations`` is :func:`data.bib.citations`; ``chapter_titles`` maps notebook
    stems to row labels, in display order."""
    import plotly.graph_objects as go

    rows = [(label, citations[citations["chapter"] == stem]) for stem, label in chapter_titles.items()]
    rows.append((i18n.t("All chapters", "Tous les chapitres"), citations))
    labels = [label for label, _ in rows][::-1]
    fig = go.Figure()
    described = []
    starts = {label: 0.0 for label, _ in rows}
    for klass, colour in EVIDENCE_COLOURS.items():
        first = True
        for label, part in rows:
            n = int((part["evidence"] == klass).sum())
            share = 100 * n / len(part) if len(part) else 0.0
            if n:
                x0 = starts[label]
                fig.add_trace(go.Scatter(
                    x=[x0, x0 + share], y=[label, label], mode="lines", name=i18n.t(klass, EVIDENCE_FR[klass]),
                    legendgroup=klass, showlegend=first,
                    line={"color": colour, "width": 22},
                    hovertemplate=i18n.t(f"{label}: {n} of {len(part)} citations ({share:.0f}%), {klass}",
                                         f"{label} : {n} citations sur {len(part)} ({share:.0f} %), "
                                         f"{EVIDENCE_FR[klass]}") + "<extra></extra>"))
                first = False
                starts[label] += share
        whole = citations["evidence"] == klass
        described.append(i18n.t(f"{klass} {100 * whole.mean():.0f}%",
                                f"{EVIDENCE_FR[klass]} {100 * whole.mean():.0f} %"))
    fig.update_layout(
        xaxis={"title": i18n.t("Share of citations", "Part des citations"), "range": [0, 100], "ticksuffix": "%"},
        yaxis={"categoryorder": "array", "categoryarray": labels, "title": ""},
        legend={"traceorder": "normal"})
    description = i18n.t("One bar per chapter and one for all chapters together, split by the kind of "
                         f"publisher cited. All chapters, {len(citations)} citations: ",
                         "Une barre par chapitre et une pour l'ensemble des chapitres, réparties selon le type "
                         f"d'éditeur cité. Tous les chapitres, {i18n.number(len(citations))} citations : "
                         ) + ", ".join(described) + "."
    return chart(fig, title=title, sources=(), height=height, description=description,
                 source_note=i18n.t("the book's own citations, classified by data/publishers.csv",
                                    "les citations du livre, classées selon data/publishers.csv"))
