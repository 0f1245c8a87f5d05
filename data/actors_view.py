"""Figures for the chapter "Who's who" (``book/actors.ipynb``): the armed landscape as lanes over
time, the communities tied to movements, the turning points between armed groups, and estimates of
Russia's paramilitaries in Mali.

Each function returns ``(fig, description, sources)``: the chapter wraps the figure with
:func:`data.charts.chart`, giving it a title computed from the same data. Nothing here is typed in:
every date, name and relation comes from the tables passed in.
"""

from __future__ import annotations

import pandas as pd

from . import bib, i18n
from .charts import COLOURS, PALETTE, RELATION_STYLES, actor_label
from .i18n import date as fdate
from .i18n import enum, number, t

# Which side of the war an actor's kind puts it on, for grouping and colour (not a judgement).
SIDE_OF_KIND = {
    "government": "state", "national force": "state", "private military company": "state",
    "foreign force": "state", "pro-government armed group": "pro-government",
    "rebel movement": "rebels", "rebel coalition": "rebels", "jihadist group": "jihadists",
}
SIDE_ORDER = ["state", "pro-government", "rebels", "jihadists"]
SIDE_LABELS = {"state": "The state and its Russian partners", "pro-government": "Pro-government armed groups",
               "rebels": "Signatory movements and rebels", "jihadists": "Jihadist groups"}
SIDE_LABELS_FR = {"state": "L'État et ses partenaires russes", "pro-government": "Groupes armés progouvernementaux",
                  "rebels": "Mouvements signataires et rebelles", "jihadists": "Groupes jihadistes"}
SIDE_COLOURS = {"state": COLOURS["state"], "pro-government": PALETTE[4], "rebels": COLOURS["rebels"],
                "jihadists": COLOURS["jihadists"]}
RELATION_WORDS = {"alliance": "alliance", "partnership": "partnership", "contact": "reported contact",
                  "rupture": "rupture"}
RELATION_WORDS_FR = {"alliance": "alliance", "partnership": "partenariat", "contact": "contact rapporté",
                     "rupture": "rupture"}

# French edition: the words of the data's categories (book/locales/fr/TERMINOLOGY.md), the gender of
# each relation (a status agrees with it), and the article each actor's French name takes, read
# from the head noun of that name.
FEMININE_RELATIONS = {"alliance", "rupture"}
HEAD_NOUN_ARTICLES = {"autorités": "les", "forces": "les", "mouvements": "les", "groupe": "le",
                      "mouvement": "le", "cadre": "le", "front": "le", "haut": "le", "état": "le",
                      "africa": "le", "centre": "le", "conseil": "le", "gouvernement": "le",
                      "secrétaire": "le", "coordination": "la", "plateforme": "la", "katiba": "la",
                      "mission": "la", "opération": "la", "communauté": "la", "alliance": "la",
                      "union": "la", "cour": "la", "solidarité": "la"}


def status_fr(status, feminine: bool = False) -> str:
    """A status (confirmed, reported, claimed, disputed) in French, agreeing with its noun."""
    word = i18n.STATUS_FR.get(str(status), str(status))
    return word + "e" if feminine and word != str(status) else word


def label_fr(actors, actor_id: str) -> str:
    """An actor's short French label (:func:`data.charts.actor_label` in French)."""
    return actor_label(actors, actor_id, lang="fr")


def label_of(actors, actor_id: str) -> str:
    """:func:`data.charts.actor_label` in the edition's language."""
    return actor_label(actors, actor_id)


def article_fr(actors, actor_id: str) -> str:
    """The French definite article of an actor ("le ", "la ", "l'", "les " or none), from the head
    noun of its French name; elided before a label that starts with a vowel."""
    row = (actors.set_index("actor_id") if "actor_id" in actors.columns else actors).loc[actor_id]
    name = row.get("name_fr") if isinstance(row.get("name_fr"), str) else str(row["name"])
    article = HEAD_NOUN_ARTICLES.get(name.split()[0].split("'")[0].lower(), "") if name else ""
    label = label_fr(actors, actor_id)
    if article in ("le", "la") and label[:1].lower() in "aeiouéèêâîôû":
        return "l'"
    return article + " " if article else ""


def of_fr(actors, actor_id: str) -> str:
    """"de" and an actor's French label with its article: du GATIA, de la CMA, de l'EIS, d'Ansar Dine."""
    article, label = article_fr(actors, actor_id), label_fr(actors, actor_id)
    if article == "le ":
        return "du " + label
    if article == "les ":
        return "des " + label
    if not article and label[:1].lower() in "aeiouéèêâîôû":
        return "d'" + label
    return "de " + article + label


def side_of(actors, actor_id: str) -> str:
    """The side an actor's kind puts it on: state, pro-government, rebels, jihadists or other."""
    kinds = actors.set_index("actor_id")["kind"] if "actor_id" in actors.columns else actors["kind"]
    return SIDE_OF_KIND.get(str(kinds[actor_id]), "other")


def when(date, precision: str = "day") -> str:
    """A date written only as precisely as its source gives it."""
    date = pd.Timestamp(date)
    return t({"year": f"{date:%Y}", "month": f"{date:%b %Y}"}.get(str(precision), f"{date:%-d %b %Y}"),
             fdate(date, str(precision)))


def from_fr(date, precision: str = "day") -> str:
    """"à partir du 26 mai 2012", "à partir de juin 2012" (French edition)."""
    return ("à partir du " if str(precision) == "day" else "à partir de ") + when(date, precision)


def until_fr(date, precision: str = "day") -> str:
    """"jusqu'au 6 juin 2025", "jusqu'en juin 2012" (French edition)."""
    return ("jusqu'au " if str(precision) == "day" else "jusqu'en ") + when(date, precision)


def precision_of(events, event_id) -> str:
    """The date precision of an event (``day`` when the event is missing)."""
    if not isinstance(event_id, str) or not event_id:
        return "day"
    found = events.loc[events["event_id"] == event_id, "date_precision"]
    return str(found.iloc[0]) if len(found) else "day"


def close_with_dissolution(alignments, actors):
    """Alignments whose open end outlives one of their actors end with that actor's dissolution year
    (a rupture with a movement dissolved in 2013 is no longer in force in 2021)."""
    dissolved = actors.set_index("actor_id")["dissolved"]
    out = alignments.copy()
    for i, r in out.iterrows():
        years = [dissolved.get(a) for a in (r["actor_a"], r["actor_b"])]
        years = [int(y) for y in years if pd.notna(y)]
        if years:
            end = pd.Timestamp(min(years), 12, 31)
            if pd.isna(r["end_date"]) or r["end_date"] > end:
                out.at[i, "end_date"] = end
                out.at[i, "end_event_id"] = pd.NA   # ended by a dissolution known only to the year
    return out


def lifespans(actors, events, ids, start, end, memberships=None):
    """Each actor's lane: from its founding year (dated by its first event that year, if any), or
    else from the first event of the data that names it or the first year of a membership, whichever
    is earlier; to the end of its dissolution year, or else to ``end``. Starts before ``start`` are
    drawn from ``start``."""
    by_id = actors.set_index("actor_id")
    rows = []
    for a in ids:
        joined = (memberships.loc[memberships["actor_id"] == a, "start_year"].dropna()
                  if memberships is not None else pd.Series(dtype="Int64"))
        named = events[events["actor_ids"].apply(lambda x, a=a: a in x)].sort_values("start_date")
        first = named.iloc[0] if len(named) else None
        founded, dissolved = by_id.loc[a, "founded"], by_id.loc[a, "dissolved"]
        if pd.notna(founded):
            same_year = named[named["start_date"].dt.year == int(founded)]
            s = same_year["start_date"].iloc[0] if len(same_year) else pd.Timestamp(int(founded), 1, 1)
            note = t(f"founded {int(founded)}", f"fondation en {int(founded)}")
        elif first is not None and (joined.empty or first["start_date"].year <= int(joined.min())):
            s = first["start_date"]
            on = t("on " if first["date_precision"] == "day" else "in ",
                   "le " if first["date_precision"] == "day" else "en ")
            note = t(f"no founding year in the data; first named {on}{when(s, first['date_precision'])}",
                     f"pas d'année de fondation dans les données\u00a0; première mention {on}"
                     f"{when(s, first['date_precision'])}")
        elif not joined.empty:
            s = pd.Timestamp(int(joined.min()), 1, 1)
            note = t(f"no founding year in the data; a member of a coalition from {int(joined.min())}",
                     f"pas d'année de fondation dans les données\u00a0; membre d'une coalition à partir de "
                     f"{int(joined.min())}")
        else:
            s, note = start, t("no founding year in the data", "pas d'année de fondation dans les données")
        if pd.notna(dissolved):
            e, note = pd.Timestamp(int(dissolved), 12, 31), note + t(f", dissolved {int(dissolved)}",
                                                                     f", dissolution en {int(dissolved)}")
        else:
            e = end
        rows.append({"actor_id": a, "start": max(s, start), "end": e, "note": note})
    return pd.DataFrame(rows).set_index("actor_id")


def membership_spans(memberships, alignments, spans):
    """Memberships between lane actors as dated spans. A year is drawn over the whole year unless a
    dated rupture between the two actors in that year marks the departure; memberships without
    years run over the time both lanes share and are flagged ``dated=False``."""
    rows = []
    ruptures = alignments[alignments["relation"] == "rupture"]
    for r in memberships.itertuples():
        if r.actor_id not in spans.index or r.coalition_id not in spans.index:
            continue
        a, c = spans.loc[r.actor_id], spans.loc[r.coalition_id]
        dated = pd.notna(r.start_year)
        start = max(a["start"], c["start"])
        if dated:
            start = max(start, pd.Timestamp(int(r.start_year), 1, 1))
        end = min(a["end"], c["end"])
        if pd.notna(r.end_year):
            end = min(end, pd.Timestamp(int(r.end_year), 12, 31))
            pair = {r.actor_id, r.coalition_id}
            same = pd.Series([{x, y} == pair for x, y in zip(ruptures["actor_a"], ruptures["actor_b"])],
                             index=ruptures.index)
            left = ruptures[same & (ruptures["start_date"].dt.year == int(r.end_year))]
            if len(left):
                end = left["start_date"].min()
        years = t((f"{int(r.start_year)}" if dated else "no start year given") + (
            f" to {int(r.end_year)}" if pd.notna(r.end_year) else ", no end given"),
            (f"de {int(r.start_year)} à {int(r.end_year)}" if dated else
             f"année de début non précisée, jusqu'en {int(r.end_year)}") if pd.notna(r.end_year) else
            (f"à partir de {int(r.start_year)}, fin non précisée" if dated else "années non précisées"))
        rows.append({"actor_id": r.actor_id, "coalition_id": r.coalition_id, "start": start, "end": end,
                     "dated": dated or pd.notna(r.end_year), "years": years,
                     "sources": bib.split_keys([r.sources])})
    return pd.DataFrame(rows)


def _slots(bars):
    """Vertical offsets for the bars of one lane (the y axis runs downwards): a bar overlapping an
    earlier one goes below it, the others above; a lane without overlaps keeps its bars centred."""
    clashes, placed = [], []
    for b in bars.itertuples():
        clashes.append(any(b.start < p.end and p.start < b.end for p in placed))
        placed.append(b)
    if not any(clashes):
        return [0.0] * len(bars)
    return [0.22 if c else -0.22 for c in clashes]


SIDE_HEADERS = {"state": "STATE SIDE", "pro-government": "PRO-GOVERNMENT GROUPS",
                "rebels": "SIGNATORIES, THEN REBELS", "jihadists": "JIHADIST GROUPS"}
SIDE_HEADERS_FR = {"state": "CAMP DE L'ÉTAT", "pro-government": "GROUPES PROGOUVERNEMENTAUX",
                   "rebels": "SIGNATAIRES, PUIS REBELLES", "jihadists": "GROUPES JIHADISTES"}
INK = "#6b6b6b"  # bars and rules: mid grey, legible on the light and the dark theme


def short_label(actors, actor_id: str) -> str:
    """An actor's label for a lane: its acronym or name, without a trailing "of Mali"."""
    text = actor_label(actors, actor_id)
    return t(text[:-len(" of Mali")] if text.endswith(" of Mali") else text, label_fr(actors, actor_id))


def prose_label(actors, actor_id: str) -> str:
    """An actor's name as a sentence uses it: the acronym of a movement, "the transitional
    authorities" for a government."""
    if side_of(actors, actor_id) == "state" and str(
            actors.set_index("actor_id").loc[actor_id, "kind"]) == "government":
        text = short_label(actors, actor_id)
        return t("the " + text[0].lower() + text[1:], article_fr(actors, actor_id) + text[0].lower() + text[1:])
    return t(actor_label(actors, actor_id), article_fr(actors, actor_id) + label_fr(actors, actor_id))


def lane_chart(actors, memberships, alignments, events, lanes, *, marker_event: str, start, end):
    """One horizontal lane per actor (``lanes``, top to bottom), under a header row per side: a thin
    line for the actor's lifespan, thick bars for its memberships of coalitions (labelled with the
    coalition), vertical connectors for the alignments between lane actors at their start dates
    (styled by relation, hollow where the date is known only to the month or year), and a rule at
    ``marker_event``. Returns the figure, its description, its sources and the alignments drawn."""
    import plotly.graph_objects as go

    side_labels, side_headers = t(SIDE_LABELS, SIDE_LABELS_FR), t(SIDE_HEADERS, SIDE_HEADERS_FR)
    relation_words = t(RELATION_WORDS, RELATION_WORDS_FR)
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows, y = [], {}
    for side in SIDE_ORDER:
        members = [a for a in lanes if side_of(actors, a) == side]
        if members:
            rows.append(("header", side))
            for a in members:
                y[a] = len(rows)
                rows.append(("lane", a))
    label = {a: short_label(actors, a) for a in lanes}
    spans = lifespans(actors, events, lanes, start, end, memberships)
    bars = membership_spans(memberships, alignments, spans)
    live = close_with_dissolution(
        alignments[alignments["actor_a"].isin(lanes) & alignments["actor_b"].isin(lanes)], actors
    ).sort_values("start_date")
    fig = go.Figure()
    shapes = []
    for i, (kind, key) in enumerate(rows):
        if kind == "header":
            last = max(y[a] for a in lanes if side_of(actors, a) == key)
            shapes.append({"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y",
                           "y0": i - 0.5, "y1": last + 0.5, "layer": "below",
                           "fillcolor": SIDE_COLOURS[key], "opacity": 0.09, "line": {"width": 0}})
    # lifespans
    fig.add_trace(go.Scatter(
        x=sum([[r.start, r.end, None] for r in spans.itertuples()], []),
        y=sum([[y[a], y[a], None] for a in spans.index], []),
        mode="lines", line={"color": "#9a9a9a", "width": 1.5}, name=t("Lifespan", "Durée d'existence"),
        hoverinfo="skip"))
    begun = spans[spans["start"] > start]   # a lane clipped at the chart's start did not begin there
    fig.add_trace(go.Scatter(
        x=list(begun["start"]), y=[y[a] for a in begun.index], mode="markers", showlegend=False,
        marker={"size": 6, "color": "#9a9a9a"},
        customdata=[t(f"{label[a]}: {spans.loc[a, 'note']}", f"{label[a]}\u00a0: {spans.loc[a, 'note']}")
                    for a in begun.index],
        hovertemplate="%{customdata}<extra></extra>"))
    # memberships
    shown = set()
    for a, lane_bars in bars.groupby("actor_id", sort=False):
        lane_bars = lane_bars.sort_values("start")
        for offset, b in zip(_slots(lane_bars), lane_bars.itertuples()):
            kind = "dated" if b.dated else "undated"
            name = t("Member of a coalition" if b.dated else "Member, years not given",
                     "Membre d'une coalition" if b.dated else "Membre, années non précisées")
            fig.add_trace(go.Scatter(
                x=[b.start, b.end], y=[y[a] + offset] * 2, mode="lines+text", text=[label[b.coalition_id], ""],
                textposition="bottom right" if offset > 0 else "top right", textfont={"size": 10},
                line={"color": INK, "width": 6, "dash": "solid" if b.dated else "dot"},
                name=name, legendgroup=kind, showlegend=kind not in shown,
                hovertemplate=t(f"{label[a]} in {label[b.coalition_id]}: {b.years}<extra></extra>",
                                f"{label[a]} au sein {of_fr(actors, b.coalition_id)}\u00a0: {b.years}"
                                "<extra></extra>")))
            shown.add(kind)
    # alignments
    described = []
    for r in live.itertuples():
        style = RELATION_STYLES[r.relation]
        precise = precision_of(events, r.event_id)
        end_precision = precision_of(events, r.end_event_id) if isinstance(r.end_event_id, str) else "year"
        end_text = t(f" to {when(r.end_date, end_precision)}" if pd.notna(r.end_date) else "",
                     f" {until_fr(r.end_date, end_precision)}" if pd.notna(r.end_date) else "")
        text = t(f"{label[r.actor_a]} and {label[r.actor_b]}: {relation_words[r.relation]} from "
                 f"{when(r.start_date, precise)}{end_text} ({r.status})",
                 f"{label[r.actor_a]} et {label[r.actor_b]}\u00a0: {relation_words[r.relation]} "
                 f"{from_fr(r.start_date, precise)}{end_text} "
                 f"({status_fr(r.status, r.relation in FEMININE_RELATIONS)})")
        described.append(text)
        fig.add_trace(go.Scatter(
            x=[r.start_date, r.start_date], y=[y[r.actor_a], y[r.actor_b]], mode="lines+markers",
            line={"color": style["color"], "width": 2.5, "dash": style["dash"]},
            marker={"size": 10, "symbol": "circle" if precise == "day" else "circle-open",
                    "color": style["color"], "line": {"width": 2, "color": style["color"]}},
            name=relation_words[r.relation].capitalize(), legendgroup=r.relation,
            showlegend=r.relation not in shown, hovertemplate=text + "<extra></extra>"))
        shown.add(r.relation)
    # the marker event
    mark = events.set_index("event_id").loc[marker_event]
    shapes.append({"type": "line", "xref": "x", "x0": mark["start_date"], "x1": mark["start_date"],
                   "yref": "paper", "y0": 0, "y1": 1, "line": {"color": INK, "width": 1.5, "dash": "dot"}})
    annotations = [{"xref": "x", "x": mark["start_date"], "xanchor": "right", "yref": "paper", "y": 1,
                    "yanchor": "bottom", "text": f"{mark['title']}, {when(mark['start_date'])}",
                    "showarrow": False, "font": {"size": 11}}]
    ticks = [f"<b>{side_headers[key]}</b>" if kind == "header" else label[key] for kind, key in rows]
    fig.update_layout(
        shapes=shapes, annotations=annotations, hovermode="closest",
        xaxis={"type": "date", "range": [start - pd.Timedelta(days=120), end + pd.Timedelta(days=120)],
               "title": t("Date", "Date")},
        yaxis={"tickvals": list(range(len(rows))), "ticktext": ticks, "tickfont": {"size": 12},
               "range": [len(rows) - 0.4, -0.6], "gridcolor": "rgba(128,128,128,0.12)"})
    lanes_text = t("; ", "\u00a0; ").join(f"{label[a]} ({spans.loc[a, 'note']})" for a in lanes)
    bars_text = t("; ".join(
        f"{label[b.actor_id]} in {label[b.coalition_id]} ({b.years})" for b in bars.itertuples()),
        "\u00a0; ".join(f"{label[b.actor_id]} au sein {of_fr(actors, b.coalition_id)} ({b.years})"
                         for b in bars.itertuples()))
    description = t(
        f"A lane chart of {len(lanes)} actors from {start:%Y} to {end:%Y}, grouped by side (top to bottom: "
        + "; ".join(side_labels[s] for s in SIDE_ORDER if any(side_of(actors, a) == s for a in lanes))
        + "). Each lane starts at the actor's founding year where the data give one, otherwise at the first "
          "event that names it: " + lanes_text + ". Thick bars mark memberships of coalitions, dotted where "
          "the sources give no years; a year without a day is drawn over the whole year: " + bars_text
        + ". Vertical connectors mark alignments at their start, hollow where the date is known only to the "
          "month or year: " + "; ".join(described)
        + f". A dotted rule marks the event \u201c{mark['title']}\u201d on {when(mark['start_date'])}.",
        f"Un diagramme en couloirs de {len(lanes)} acteurs de {start:%Y} à {end:%Y}, regroupés par camp (de haut "
        "en bas\u00a0: "
        + "\u00a0; ".join(side_labels[s] for s in SIDE_ORDER if any(side_of(actors, a) == s for a in lanes))
        + "). Chaque couloir commence à l'année de fondation de l'acteur lorsque les données en donnent une, "
          "sinon au premier événement qui le nomme\u00a0: " + lanes_text
        + ". Des barres épaisses marquent l'appartenance à une coalition, en pointillé lorsque les sources ne "
          "donnent pas d'années\u00a0; une année sans date plus précise est tracée sur toute l'année\u00a0: "
        + bars_text + ". Des traits verticaux marquent les alignements à leur début, évidés lorsque la date "
          "n'est connue qu'au mois ou à l'année\u00a0: " + "\u00a0; ".join(described)
        + f". Une ligne pointillée marque l'événement «\u00a0{mark['title']}\u00a0», le "
          f"{when(mark['start_date'])}.")
    sources = bib.split_keys(list(bars["sources"].apply(";".join)) + list(live["sources"]))
    return fig, description, sources, live


def community_network(communities, actors):
    """Communities (left) joined to the movements the sources tie them to (right), movements coloured
    by side; communities the sources tie to no movement stand alone."""
    import plotly.graph_objects as go

    side_labels = t(SIDE_LABELS, SIDE_LABELS_FR)
    RIGHT = 0.7   # the movements' column; the room to its right holds their names on a phone
    links = [(c.community_id, a) for c in communities.itertuples() for a in c.actor_ids]
    comm = list(communities["community_id"])
    name = communities.set_index("community_id")[t("name", "name_fr")]
    left = {c: -i for i, c in enumerate(comm)}
    # each movement at the mean height of the communities tied to it (fewest crossings), spread evenly
    movers = sorted({a for _, a in links},
                    key=lambda a: (-sum(left[c] for c, b in links if b == a) / sum(1 for _, b in links if b == a), a))
    step = (len(comm) - 1) / max(len(movers) - 1, 1)
    right = {a: -i * step for i, a in enumerate(movers)}
    label = {a: label_of(actors, a) for a in movers}
    fig = go.Figure()
    for c, a in links:
        fig.add_trace(go.Scatter(
            x=[0, RIGHT], y=[left[c], right[a]], mode="lines", showlegend=False,
            line={"color": SIDE_COLOURS.get(side_of(actors, a), COLOURS["neutral"]), "width": 2},
            opacity=0.7, hovertemplate=t(f"{name[c]}: {label[a]}<extra></extra>",
                                         f"{name[c]}\u00a0: {label[a]}<extra></extra>")))
    kinds = communities.set_index("community_id")["kind"].astype(str)
    kinds = kinds.map(lambda k: enum("communities.kind", k))
    fig.add_trace(go.Scatter(
        x=[0] * len(comm), y=[left[c] for c in comm], mode="markers+text", name=t("Community", "Communauté"),
        text=[name[c] for c in comm], textposition="middle left", textfont={"size": 12},
        marker={"size": 13, "color": "#ffffff", "line": {"width": 2, "color": INK}},
        customdata=[f"{name[c]} ({kinds[c]}, {communities.set_index('community_id').loc[c, 'region']})" for c in comm],
        hovertemplate="%{customdata}<extra></extra>"))
    for side in SIDE_ORDER:
        part = [a for a in movers if side_of(actors, a) == side]
        if not part:
            continue
        fig.add_trace(go.Scatter(
            x=[RIGHT] * len(part), y=[right[a] for a in part], mode="markers+text", name=side_labels[side],
            text=[label[a] for a in part], textposition="middle right", textfont={"size": 12},
            marker={"size": 13, "color": SIDE_COLOURS[side], "line": {"width": 1, "color": "white"}},
            customdata=[actors.set_index("actor_id").loc[a, t("name", "name_fr")] for a in part],
            hovertemplate="%{customdata}<extra></extra>"))
    fig.update_layout(meta="network", xaxis={"visible": False, "range": [-1.0, 2.25]},
                      yaxis={"visible": False, "range": [-len(comm) + 0.4, 0.6]})
    parts = []
    for c in communities.itertuples():
        tied = ", ".join(f"{label[a]} ({side_labels.get(side_of(actors, a), t('other', 'autre'))})"
                         for a in c.actor_ids)
        parts.append(t(f"{c.name}: " + (tied or "no particular movement"),
                       f"{c.name_fr}\u00a0: " + (tied or "aucun mouvement en particulier")))
    description = t("A network joining each community the sources describe (left) to the armed movements and "
                    "coalitions they tie it to (right), coloured by side: " + "; ".join(parts) + ".",
                    "Un réseau qui relie chaque communauté décrite par les sources (à gauche) aux mouvements "
                    "armés et aux coalitions auxquels elles la rattachent (à droite), colorés par camp\u00a0: "
                    + "\u00a0; ".join(parts) + ".")
    return fig, description, bib.split_keys(communities["sources"])


def turning_points(alignments, events, extra_ids):
    """The events that began an alignment between lane actors, or founded, split, merged or moved a
    movement (``extra_ids``), each on the row of what it began: one marker per event, hollow where
    the date is known only to the month or year."""
    import plotly.graph_objects as go

    rows = {}
    for r in alignments.sort_values("start_date").itertuples():
        if isinstance(r.event_id, str) and r.event_id:
            rows.setdefault(r.event_id, (r.relation, r.start_date))
    for r in alignments.itertuples():
        if isinstance(r.end_event_id, str) and r.end_event_id and r.end_event_id not in rows:
            rows[r.end_event_id] = ("ended", r.end_date)
    for e in extra_ids:
        rows.setdefault(e, ("founded", None))
    order = ["founded", "alliance", "partnership", "contact", "rupture", "ended"]
    row_names = t({"founded": "Founded, split, merged or moved", "alliance": "Alliance",
                   "partnership": "Partnership", "contact": "Reported contact",
                   "rupture": "Rupture", "ended": "Alignment ends"},
                  {"founded": "Fondation, scission, fusion ou ralliement", "alliance": "Alliance",
                   "partnership": "Partenariat", "contact": "Contact rapporté",
                   "rupture": "Rupture", "ended": "Fin d'un alignement"})
    colours = {"founded": COLOURS["highlight"], "ended": COLOURS["neutral"],
               **{k: v["color"] for k, v in RELATION_STYLES.items()}}
    by_id = events.set_index("event_id")
    table = pd.DataFrame([{"event_id": e, "row": row,
                           "date": date if date is not None and pd.notna(date) else by_id.loc[e, "start_date"],
                           "precision": str(by_id.loc[e, "date_precision"]), "title": by_id.loc[e, "title"],
                           "status": str(by_id.loc[e, "status"]),
                           "sources": bib.split_keys([by_id.loc[e, "sources"]])}
                          for e, (row, date) in rows.items()]).sort_values("date")
    fig = go.Figure()
    for row in order:
        part = table[table["row"] == row]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["date"], y=[row_names[row]] * len(part), mode="markers", name=row_names[row],
            marker={"size": 12, "opacity": 0.85, "color": colours[row], "line": {"width": 2, "color": colours[row]},
                    "symbol": ["circle" if p == "day" else "circle-open" for p in part["precision"]]},
            customdata=[t(f"{when(d, p)}: {title} ({s})", f"{when(d, p)}\u00a0: {title} ({status_fr(s)})")
                        for d, p, title, s in zip(part["date"], part["precision"], part["title"], part["status"])],
            hovertemplate="%{customdata}<extra></extra>"))
    fig.update_layout(showlegend=False, xaxis={"type": "date", "title": t("Date", "Date")},
                      yaxis={"categoryorder": "array", "categoryarray": [row_names[r] for r in order[::-1]]})
    description = t("A timeline of the turning points between the armed groups, one marker per event on the row "
                    "of what it began, hollow where the date is known only to the month or year: "
                    + "; ".join(f"{when(r.date, r.precision)}, {row_names[r.row].lower()}: {r.title}"
                                for r in table.itertuples()) + ".",
                    "Une frise chronologique des tournants entre les groupes armés, un marqueur par événement sur "
                    "la ligne de ce qu'il a amorcé, évidé lorsque la date n'est connue qu'au mois ou à "
                    "l'année\u00a0: "
                    + "\u00a0; ".join(f"{when(r.date, r.precision)}, {row_names[r.row].lower()}\u00a0: {r.title}"
                                       for r in table.itertuples()) + ".")
    return fig, description, bib.split_keys(list(table["sources"].apply(";".join))), table


def strength_chart(estimates, what: dict):
    """Estimates of Russian paramilitaries in Mali at their own dates, one marker per estimate
    coloured by who gave it, with the range where the source gave one; ``what`` names what each
    quantity counts, for the marker's label."""
    import plotly.graph_objects as go

    fig = go.Figure()
    estimates = estimates.sort_values("as_of")
    symbols = ["circle", "diamond", "square", "triangle-up", "x"]
    for i, r in enumerate(estimates.itertuples()):
        low = r.low if pd.notna(r.low) else r.value
        high = r.high if pd.notna(r.high) else r.value
        shown = t(f"{r.value:,.0f}" if low == high else f"{low:,.0f}–{high:,.0f}",
                  number(r.value) if low == high else f"{number(low)}–{number(high)}")
        fig.add_trace(go.Scatter(
            x=[r.as_of], y=[r.value], mode="markers+text", name=r.given_by,
            text=[f"{shown} ({what[r.quantity]})"], textfont={"size": 12},
            textposition="middle left" if i == len(estimates) - 1 else "middle right",
            marker={"size": 14, "symbol": symbols[i % len(symbols)], "color": PALETTE[i % len(PALETTE)]},
            error_y={"type": "data", "symmetric": False, "array": [high - r.value], "arrayminus": [r.value - low],
                     "color": PALETTE[i % len(PALETTE)], "thickness": 2, "width": 6},
            hovertemplate=t(f"{r.label}: {shown} ({r.given_by}, {when(r.as_of, r.as_of_precision)})"
                            "<extra></extra>",
                            f"{r.label}\u00a0: {shown} ({r.given_by}, {when(r.as_of, r.as_of_precision)})"
                            "<extra></extra>")))
    top = estimates[["value", "high"]].max().max()
    fig.update_layout(xaxis={"type": "date", "title": t("As of", "Date de l'estimation"),
                             "range": [estimates["as_of"].min() - pd.Timedelta(days=240),
                                       estimates["as_of"].max() + pd.Timedelta(days=420)]},
                      yaxis={"title": t("Personnel", "Effectifs"), "rangemode": "tozero", "range": [0, top * 1.15]},
                      legend={"title": {"text": t("Given by", "Estimation de"), "side": "top"}})
    description = t("Dated estimates of Russian paramilitaries in Mali, each at its own date with who gave it: "
                    + "; ".join(f"{r.label}: " + (f"{r.value:,.0f}" if pd.isna(r.high) else
                                                  f"{r.low:,.0f} to {r.high:,.0f}")
                                + f" ({r.given_by}, {when(r.as_of, r.as_of_precision)})"
                                for r in estimates.itertuples()) + ".",
                    "Estimations datées des paramilitaires russes au Mali, chacune à sa propre date, avec son "
                    "auteur\u00a0: "
                    + "\u00a0; ".join(f"{r.label}\u00a0: " + (number(r.value) if pd.isna(r.high) else
                                                                f"{number(r.low)} à {number(r.high)}")
                                       + f" ({r.given_by}, {when(r.as_of, r.as_of_precision)})"
                                       for r in estimates.itertuples()) + ".")
    return fig, description, bib.split_keys(estimates["sources"])
