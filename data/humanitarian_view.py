"""Views of the data on civilians for the regional chapter: displacement series, blockades and
access, and documented abuses with the party each source accuses.

Nothing here holds a number: the functions select and format rows of ``data.events()`` and
``data.figures()``. Which armed parties each event of harm to civilians accuses is data:
``accused_ids`` in ``events.csv``. ``actor_ids`` cannot stand in for it, because it also names
the victims (the army at Bamba, on the day of the riverboat attack) and the
accusers (the CSP, which accused the army at Ersane and Tinzaouaten).
"""

from __future__ import annotations

from . import source_text
from .i18n import date as fdate
from .i18n import number, status, t

# The events of harm to civilians the chapter's table and chart show, in no particular order; the
# parties their sources accuse are the events' ``accused_ids`` (empty: no identified party).
ABUSES = (
    "ev-20230713-hrw-menaka-gao",
    "ev-20230807-panel-final-report",
    "ev-20230907-tombouctou-boat",
    "ev-20230921-timbuktu-shelling",
    "ev-20230924-ndoupa-herders",
    "ev-20231005-ersane-killings",
    "ev-20231008-takoukate",
    "ev-20231101-hrw-report",
    "ev-20231107-drone-strikes",
    "ev-20231207-aghlal-lere-operations",
    "ev-20240126-welingara-executions",
    "ev-20240127-ogota-oimbe-attacks",
    "ev-20240216-wedding-burial-strikes",
    "ev-20240317-amasrakad-drone",
    "ev-20240323-douna-drone",
    "ev-20240825-tinzaouaten-drone-strikes",
    "ev-20241021-inadiatafane-drone",
    "ev-20241105-nara-herders",
    "ev-20241212-hrw-report",
    "ev-20250121-douentza-executions",
    "ev-20250401-sebabougou-killings",
    "ev-20250722-hrw-fulani-report",
    "ev-20251113-timbuktu-drone-strikes",
)

# Blockades, access and flight across borders, in the order the chapter tells them.
ACCESS = ("ev-20230808-timbuktu-blockade", "ev-20230929-timbuktu-easing", "ev-20231128-timbuktu-siege",
          "ev-20231211-jnim-reaffirms-blockade", "ev-20240501-menaka-blockade",
          "ev-20241021-algeria-expels-refugees", "ev-20251001-lere-blockade", "ev-20230101-mauritania-influx")

# The parties a reader compares, each a set of actor ids; the order is the order of the charts.
PARTIES = {
    "Army, with Wagner where reported": {"fama", "wagner", "africa_corps"},
    "JNIM": {"jnim"},
    "Islamic State": {"is_sahel"},
    "Rebels (CSP, FLA)": {"csp", "fla", "cma"},
    "Not attributed": set(),
}

# The French edition's names for the party and series labels of this module; the English labels
# stay the keys the chapter's code selects and colours by (``label`` gives the edition's name).
LABELS_FR = {
    "Army, with Wagner where reported": "Armée, avec Wagner selon les sources",
    "JNIM": "JNIM",
    "Islamic State": "État islamique",
    "Rebels (CSP, FLA)": "Rebelles (CSP, FLA)",
    "Not attributed": "Non attribué",
    "JNIM and Islamic State": "JNIM et État islamique",
    "Hodh Chargui region only": "Région du Hodh ech Chargui uniquement",
    "Whole country": "Ensemble du pays",
    "Mbera camp": "Camp de Mbera",
    "During the year": "Au cours de l'année",
    "Since 1 January 2024": "Depuis le 1er janvier 2024",
    "Since late October 2025": "Depuis fin octobre 2025",
    "All of Mali": "Ensemble du Mali",
    "Kidal region": "Région de Kidal",
}

# Human Rights Watch's counts of civilians killed over several months, by the party each accuses.
HRW_COUNTS = {
    "civilians_killed_jnim_hrw_2023": "JNIM",
    "civilians_killed_army_hrw_2023": "Army, with Wagner where reported",
    "civilians_killed_army_wagner": "Army, with Wagner where reported",
    "civilians_executed_jihadists": "JNIM and Islamic State",
    "fulani_executed_hrw_2025": "Army, with Wagner where reported",
}

# The displacement quantities of the chapter's chart.
REFUGEES = "malian_refugees_mauritania"
ARRIVALS = ("malian_arrivals_mauritania_year", "malian_arrivals_mauritania_2024", "arrivals_mauritania_since_oct2025")
CAMP, CAMP_CAPACITY = "mbera_camp_population", "mbera_camp_capacity"
DISPLACED = ("mali_idps", "kidal_idps")


def _and(labels) -> str:
    """ "A", "A and B", "A, B and C" ("A et B" in French)."""
    and_ = t(" and ", " et ")
    return and_.join(labels) if len(labels) < 3 else ", ".join(labels[:-1]) + and_ + labels[-1]


def label(name: str) -> str:
    """A party or series label of this module (``PARTIES``, ``HRW_COUNTS``, ``displacement``'s
    ``series``) in the edition's language."""
    return t(name, LABELS_FR[name])


def edition_label(actors, actor_id: str) -> str:
    """:func:`data.charts.actor_label` (in the edition's language)."""
    from .charts import actor_label

    return actor_label(actors, actor_id)


def party_of(accused) -> str:
    """The party label for a tuple of accused actor ids (the first party that matches)."""
    for name, members in PARTIES.items():
        if members & set(accused):
            return name
    return "Not attributed"


def date_text(when, precision: str) -> str:
    """A date only as precise as its source: 7 Sep 2023, Apr 2025 or 2023 (7 septembre 2023,
    avril 2025 or 2023 in French)."""
    if precision == "year":
        return f"{when:%Y}"
    if precision == "month":
        return t(f"{when:%b %Y}", fdate(when, "month"))
    return t(f"{when:%-d %b %Y}", fdate(when, "day"))


def bound_text(value, low, high, fmt="{:,.0f}") -> str:
    """A figure with its bounds as the source gave them: "at least 160", "up to 40", "12" ("au moins
    160", "jusqu'à 40" in French, whose numbers take French separators with the default ``fmt``)."""
    import pandas as pd

    def text(x):
        return t(fmt.format(x), number(x) if fmt == "{:,.0f}" else fmt.format(x))

    if pd.notna(low) and low == value and pd.isna(high):
        return t("at least ", "au moins ") + text(value)
    if pd.notna(high) and high == value and pd.isna(low):
        return t("up to ", "jusqu'à ") + text(value)
    if pd.notna(low) and pd.notna(high) and low != high:
        return text(low) + "–" + text(high)
    return text(value)


def toll_text(low, high) -> str:
    """An event's toll range: "14", "6–20", "at least 25", "up to 65", or empty ("au moins 25",
    "jusqu'à 65" in French)."""
    import pandas as pd

    if pd.isna(low) and pd.isna(high):
        return ""
    if pd.isna(high):
        return t(f"at least {low:,.0f}", f"au moins {number(low)}")
    if pd.isna(low):
        return t(f"up to {high:,.0f}", f"jusqu'à {number(high)}")
    return (t(f"{low:,.0f}", number(low)) if low == high
            else t(f"{low:,.0f}–{high:,.0f}", f"{number(low)}–{number(high)}"))


def abuses(events, figures, actors, places):
    """The events of ``ABUSES`` with the columns of the chapter's table: the accused party, the
    date and places as text, the toll range and who gave it (the event's ``casualties_reported_by``,
    else its figures with who gave each, else the actors that documented it or the author of its
    first source). Its texts are in the edition's language; ``party`` keeps the English label of
    ``PARTIES`` (a key: :func:`label` names it)."""
    from . import bib

    kinds, names = actors.set_index("actor_id")["kind"], actors.set_index("actor_id")["name"]
    names_fr = actors.set_index("actor_id")["name_fr"]
    authors = {k: v.get("author", "") for k, v in bib.entries().items()}
    rows = events[events["event_id"].isin(ABUSES)].sort_values("start_date").copy()
    missing = set(ABUSES) - set(rows["event_id"])
    if missing:
        raise KeyError(f"events of ABUSES not in data/events.csv: {', '.join(sorted(missing))}")
    # an event without a toll of its own is shown with its figures (killed, executed, disappeared)
    counted = figures[figures["unit"] != "injured"]

    def documented_by(r):
        if isinstance(r.casualties_reported_by, str) and r.casualties_reported_by:
            return r.casualties_reported_by
        own = counted[counted["event_id"] == r.event_id]
        if len(own):
            return _and(list(dict.fromkeys(own["given_by"])))
        watchers = [t(names[a], names_fr[a] if isinstance(names_fr[a], str) and names_fr[a] else names[a])
                    for a in r.actor_ids if kinds.get(a) in ("non-governmental organisation", "UN body")]
        return ", ".join(watchers) or authors.get(r.sources[0], "")

    rows["accused"] = rows["accused_ids"].map(tuple)
    rows["party"] = rows["accused"].map(party_of)
    rows["accused_text"] = rows["accused"].map(
        lambda ids: _and([edition_label(actors, a) for a in ids]) if ids else label("Not attributed"))
    rows["date_text"] = [date_text(d, p) for d, p in zip(rows["start_date"], rows["date_precision"])]
    rows["place_text"] = rows["place_ids"].map(
        lambda ids: ", ".join(t(places.loc[p, "name"], places.loc[p, "name_fr"]) for p in ids) if ids
        else t("Mali (several places)", "Mali (plusieurs lieux)"))
    rows["toll"] = [toll_text(lo, hi) or t("; ", "\u00a0; ").join(
        t(f"{f.label}: ", f"{f.label}\u00a0: ") + bound_text(f.value, f.low, f.high)
        for f in counted[counted["event_id"] == r.event_id].itertuples())
        for r, lo, hi in zip(rows.itertuples(), rows["killed_low"], rows["killed_high"])]
    rows["toll"] = rows["toll"].replace("", t("No toll given", "Aucun bilan donné"))
    rows["documented_by"] = [documented_by(r) for r in rows.itertuples()]
    rows["status"] = rows["status"].astype(str).map(status)
    return rows.reset_index(drop=True)


def displacement(figures):
    """The rows of the displacement chart, with a ``series`` label: refugees in Mauritania (country
    totals and Hodh Chargui estimates apart), Mbera camp, arrivals in Mauritania, and the displaced
    registered inside Mali and in the Kidal region. ``series`` keeps the English label (a key:
    :func:`label` names it); ``bound`` is in the edition's language."""
    wanted = (REFUGEES, CAMP, *ARRIVALS, *DISPLACED)
    rows = figures[figures["quantity"].isin(wanted)].sort_values("as_of").copy()
    hodh = rows["figure_id"].map(source_text("figures", "label")).str.contains("Hodh Chargui")

    def series(r, in_hodh):
        if r.quantity == REFUGEES:
            return "Hodh Chargui region only" if in_hodh else "Whole country"
        if r.quantity == CAMP:
            return "Mbera camp"
        if r.quantity in ARRIVALS:
            return {"malian_arrivals_mauritania_year": "During the year",
                    "malian_arrivals_mauritania_2024": "Since 1 January 2024",
                    "arrivals_mauritania_since_oct2025": "Since late October 2025"}[r.quantity]
        return {"mali_idps": "All of Mali", "kidal_idps": "Kidal region"}[r.quantity]

    rows["series"] = [series(r, h) for r, h in zip(rows.itertuples(), hodh)]
    rows["bound"] = [bound_text(r.value, r.low, r.high) for r in rows.itertuples()]
    return rows
