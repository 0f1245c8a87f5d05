"""Tables of the battle chapter: the forces, the casualties by side and the chronology of the
Kidal offensive, each built from ``data.figures()`` and ``data.events()``.

Every estimate keeps who gave it; where a source gives a range or a bound, the text of the
estimate says so (``estimate_text``), so that no table shows one value silently.
"""

from __future__ import annotations

from . import i18n
from .i18n import MONTHS, date as fdate, lang, t

# The measures of the forces of the offensive, in the order the table shows them. The 2021
# figure is Wagner's planned deployment in all of Mali, shown because the source article's
# figure for the column repeats it.
FORCE_QUANTITIES = ("kidal_column_vehicles", "kidal_column_personnel", "kidal_column_wagner_fighters",
                    "wagner_strength_mali")

# The sides of the casualty table, in order, and which side each casualty measure counts.
SIDES = ("Civilians", "UN peacekeepers", "CSP", "Army and Wagner")
CASUALTY_SIDES = {
    "kidal_drone_strike_deaths": "Civilians",
    "kidal_drone_strike_injured": "Civilians",
    "civilians_killed_takoukate_20231008": "Civilians",
    "peacekeepers_wounded_kidal_convoy_20231101": "UN peacekeepers",
    "peacekeepers_wounded_kidal_convoy_20231103": "UN peacekeepers",
    "peacekeepers_wounded_kidal_convoy_20231104": "UN peacekeepers",
    "kidal_convoy_injured": "UN peacekeepers",
    "csp_wounded_anefis_20231005": "CSP",
}
# Events of the offensive whose toll is recorded on the event itself, with no row in figures.csv.
EVENT_SIDES = {"ev-20231005-ersane-killings": "Civilians"}
CASUALTY_UNITS = ("killed", "wounded", "injured")

# The parties whose presence makes an event part of the offensive, besides its place.
OFFENSIVE_ACTORS = {"csp", "cma", "mnla", "hcua", "wagner"}
CHRONOLOGY_CATEGORIES = ("military", "UN", "humanitarian")

# The French edition's words for the code's own vocabularies: sides, units, statuses, verdicts
# (book/locales/fr/TERMINOLOGY.md). The English edition shows the keys themselves.
SIDES_FR = {"Civilians": "Civils", "UN peacekeepers": "Casques bleus", "CSP": "CSP",
            "Army and Wagner": "Armée et Wagner"}
UNITS_FR = {"killed": "tués", "wounded": "blessés", "injured": "blessés", "vehicles": "véhicules",
            "personnel": "personnes", "fighters": "combattants"}


def _fr(words: dict, value) -> str:
    """``value`` in the edition's language, from the French words of ``words``."""
    return words.get(value, value) if lang() == "fr" else value


def side_text(side: str) -> str:
    return _fr(SIDES_FR, side)


def unit_text(unit: str) -> str:
    return _fr(UNITS_FR, unit)


def status_text(status: str) -> str:
    return i18n.status(status)


def verdict_text(verdict: str) -> str:
    return i18n.verdict(verdict)


def day_month(when) -> str:
    """A day and month without the year: 3 August / 3 août."""
    return t(f"{when:%-d %B}", f"{when.day} {MONTHS['fr'][when.month - 1]}")


def de(text: str) -> str:
    """French "de" before ``text``, elided before a vowel: de juin, d'août."""
    return ("d'" if text[:1].lower() in "aeiouyàâéèêîô" else "de ") + text


def num(x) -> str:
    """A number as the edition writes it: 1,000 and 2.5 / 1\u202f000 and 2,5."""
    text = f"{int(x):,}" if float(x).is_integer() else f"{float(x):,}"
    return text.replace(",", "\u202f").replace(".", ",") if lang() == "fr" else text


_num = num


def _given(x) -> bool:
    import pandas as pd

    return not pd.isna(x)


def estimate_text(value, low=None, high=None) -> str:
    """An estimate as a source gave it: "12", "at least 12", "up to 10", "150 to 200"."""
    has_low, has_high = _given(low), _given(high)
    if has_low and has_high and low != high:
        return t(f"{_num(low)} to {_num(high)}", f"{_num(low)} à {_num(high)}")
    if has_low and not has_high and low == value:
        return t(f"at least {_num(value)}", f"au moins {_num(value)}")
    if has_high and not has_low and high == value:
        return t(f"up to {_num(value)}", f"jusqu'à {_num(value)}")
    return _num(value)


def bounds(frame):
    """The lowest and highest number in rows of figures (their low, value and high)."""
    import pandas as pd

    numbers = pd.concat([frame["low"], frame["value"], frame["high"]]).dropna()
    lo, hi = numbers.min(), numbers.max()
    return (int(lo) if float(lo).is_integer() else float(lo), int(hi) if float(hi).is_integer() else float(hi))


def range_text(frame) -> str:
    lo, hi = bounds(frame)
    return _num(lo) if lo == hi else t(f"{_num(lo)} to {_num(hi)}", f"{_num(lo)} à {_num(hi)}")


def date_text(when, precision="day") -> str:
    """A date only as precise as its source: 2023-10-02, or 2023-10 for a month."""
    if not _given(when):
        return ""
    return f"{when:%Y-%m}" if str(precision) == "month" else f"{when:%Y-%m-%d}" if str(precision) == "day" \
        else f"{when:%Y}"


def date_label(when, precision="day") -> str:
    """A date for a reader, only as precise as its source: 2 Oct 2023, or Sep 2021 for a month
    (in French: 2 octobre 2023, septembre 2021)."""
    if not _given(when):
        return ""
    if lang() == "fr":
        return fdate(when, str(precision) if str(precision) in ("day", "month") else "year")
    return {"day": f"{when:%-d %b %Y}", "month": f"{when:%b %Y}"}.get(str(precision), f"{when:%Y}")


def forces_table(figures):
    """One row per estimate of the offensive's forces, ordered by measure and date."""
    import pandas as pd

    rows = figures[figures["quantity"].isin(FORCE_QUANTITIES)].copy()
    rows["order"] = rows["quantity"].map({q: i for i, q in enumerate(FORCE_QUANTITIES)})
    rows = rows.sort_values(["order", "as_of", "value"]).reset_index(drop=True)
    rows["estimate"] = [estimate_text(r.value, r.low, r.high) + f" {unit_text(r.unit)}" for r in rows.itertuples()]
    rows["date"] = [date_text(r.as_of, r.as_of_precision) for r in rows.itertuples()]
    return rows.drop(columns="order").pipe(pd.DataFrame)


def offensive_window(events):
    """The first and last day of the offensive: the column leaves Gao, the army enters Aguelhok."""
    by_id = events.set_index("event_id")
    return by_id.loc["ev-20231002-column-leaves-gao", "start_date"], by_id.loc["ev-20231220-aguelhok", "start_date"]


def casualty_table(figures, events):
    """Every casualty estimate of the offensive, one row each, grouped by side, with the range of
    all estimates of the same measure. A side no source gives a number for has one row that says so."""
    import pandas as pd

    by_id = events.set_index("event_id")
    dated = figures.join(by_id[["start_date", "title"]], on="event_id")
    offensive = dated[dated["event_id"].isin(chronology(events)["event_id"])]
    counted = offensive[offensive["unit"].isin(CASUALTY_UNITS)]
    unmapped = sorted(set(counted["quantity"]) - set(CASUALTY_SIDES))
    if unmapped:
        raise ValueError(f"casualty measures of the offensive without a side: {', '.join(unmapped)}")
    rows = dated[dated["quantity"].isin(list(CASUALTY_SIDES))].copy()
    rows["side"] = rows["quantity"].map(CASUALTY_SIDES)
    rows["range"] = rows.groupby("quantity")["quantity"].transform(
        lambda q: range_text(rows.loc[q.index]) if len(q) > 1 else "")
    rows["estimate"] = [estimate_text(r.value, r.low, r.high) + f" {unit_text(r.unit)}" for r in rows.itertuples()]
    rows["event"] = [t(f"{r.title} ({r.start_date:%-d %B %Y})", f"{r.title} ({fdate(r.start_date)})")
                     for r in rows.itertuples()]
    rows["date"] = [date_text(r.as_of, r.as_of_precision) for r in rows.itertuples()]
    tolls = events[events["event_id"].isin(list(EVENT_SIDES)) & events["killed_low"].notna()]
    extra = pd.DataFrame({
        "side": tolls["event_id"].map(EVENT_SIDES), "quantity": tolls["event_id"], "label": tolls["title"],
        "event": [t(f"{r.title} ({r.start_date:%-d %B %Y})", f"{r.title} ({fdate(r.start_date)})")
                  for r in tolls.itertuples()],
        "estimate": [estimate_text(r.killed_low, r.killed_low, r.killed_high) + " " + unit_text("killed")
                     for r in tolls.itertuples()],
        "range": "", "given_by": tolls["casualties_reported_by"],
        "date": [date_text(r.start_date, r.date_precision) for r in tolls.itertuples()],
        "sources": tolls["sources"], "value": tolls["killed_low"].astype(float),
        "start_date": tolls["start_date"]})
    rows = pd.concat([rows, extra], ignore_index=True)
    empty = [s for s in SIDES if s not in set(rows["side"])]
    rows = pd.concat([rows, pd.DataFrame({
        "side": empty, "label": t("No toll given by any side or source",
                                  "Aucun bilan donné, ni par une partie ni par une source"),
        "estimate": "", "range": "",
        "event": "", "given_by": "", "date": "", "sources": [()] * len(empty)})], ignore_index=True)
    rows["order"] = rows["side"].map({s: i for i, s in enumerate(SIDES)})
    rows["unit_order"] = rows["estimate"].str.contains(unit_text("killed")).map({True: 0, False: 1})
    rows = rows.sort_values(["order", "unit_order", "start_date", "quantity", "value"],
                            na_position="last").reset_index(drop=True)
    rows["side"] = rows["side"].map(side_text)
    return rows


def chronology(events):
    """The events of the offensive, from the column's departure from Gao to the army's entry into
    Aguelhok: military, UN and humanitarian events in the Kidal region or involving the rebel
    movements or Wagner, and the UN convoys on the road (events without a place)."""
    import data

    places = data.places().set_index("place_id")
    region = set(places.index[places["region"] == places.loc["kidal", "region"]])
    import pandas as pd

    first, last = offensive_window(events)
    # an event dated only to its month belongs to the offensive if that month reaches its first day
    latest = events["start_date"].where(events["date_precision"].astype(str) != "month",
                                        events["start_date"] + pd.offsets.MonthEnd(0))
    part = events[(latest >= first) & (events["start_date"] <= last)
                  & events["category"].isin(CHRONOLOGY_CATEGORIES)].copy()
    placed = part["place_ids"].apply(len).gt(0)
    keep = ((placed & (part["place_ids"].apply(lambda p: bool(set(p) & region))
                       | part["actor_ids"].apply(lambda a: bool(set(a) & OFFENSIVE_ACTORS))))
            | (~placed & part["actor_ids"].apply(lambda a: "minusma" in a)))
    part = part[keep].sort_values(["start_date", "event_id"]).reset_index(drop=True)
    names = places[t("name", "name_fr")]
    part["where"] = [", ".join(names[p] for p in r.place_ids) for r in part.itertuples()]
    part["date"] = [date_text(r.start_date, r.date_precision)
                    + (t(f" to {date_text(r.end_date, r.date_precision)}", f" au {date_text(r.end_date, r.date_precision)}")
                       if _given(r.end_date) else "")
                    for r in part.itertuples()]
    part["status"] = part["status"].astype(str)
    part["category"] = part["category"].astype(str)
    return part
