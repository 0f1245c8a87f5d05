"""The book's periods: how the timeline and the chapters divide the story."""

from __future__ import annotations

from .i18n import t

# (label, first day, last day); the last period is open-ended. Labels in the edition's language.
PERIODS = [
    (t("1960–2011: independence and the rebellions", "1960–2011 : l'indépendance et les rébellions"),
     "1960-01-01", "2011-12-31"),
    (t("2012–2019: the 2012 crisis, intervention and the accord",
       "2012–2019 : la crise de 2012, l'intervention et l'accord"), "2012-01-01", "2019-12-31"),
    (t("2020–July 2023: the coups and the UN's exit", "2020–juillet 2023 : les coups d'État et le départ de l'ONU"),
     "2020-01-01", "2023-07-31"),
    (t("August 2023–January 2024: the battle for the north", "Août 2023–janvier 2024 : la bataille du Nord"),
     "2023-08-01", "2024-01-31"),
    (t("February 2024 onward: since the battle", "Depuis février 2024 : après la bataille"), "2024-02-01", None),
]


def period_of(dates):
    """The period label of each date in a pandas Series of datetimes (a categorical Series)."""
    import pandas as pd

    labels = [p[0] for p in PERIODS]
    edges = [pd.Timestamp(p[1]) for p in PERIODS] + [pd.Timestamp.max]
    out = pd.cut(dates, bins=edges, labels=labels, right=False)
    if out.isna().any():
        first = dates[out.isna()].iloc[0]
        raise ValueError(f"date {first} falls outside the book's periods (data/periods.py)")
    return out

# The window of the battle chapter: from Mali's request for the UN's departure to the end of
# the Algiers agreement (the chapter's own selection of the events table).
BATTLE_WINDOW = ("2023-06-01", "2024-01-31")

# The dates at which the regional chapter draws the network of alignments between actors: before
# the juntas' break with France, after Wagner's arrival and Barkhane's exit, and at the latest
# alignment in the data.
ALIGNMENT_SNAPSHOTS = ("2020-12-31", "2022-12-31", "latest")
