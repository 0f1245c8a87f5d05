"""Helpers for the chapter on the years since the battle (book/since.ipynb): dates shown only as
precisely as their sources give them, the readings of the battle (``data.readings()``) set against
the events that bear them out or go against them, and the places a chapter's prose names."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .i18n import MONTHS, lang, t
from .i18n import date as fdate

# strftime formats by precision: short for lists of events, long for prose and tables
SHORT = {"day": "%-d %b %Y", "month": "%b %Y", "year": "%Y"}
LONG = {"day": "%-d %B %Y", "month": "%B %Y", "year": "%Y"}
NO_EVENT = "none in the book's data"
NO_EVENT_FR = "aucun événement dans les données du livre"


def as_precise(date, precision, formats=SHORT) -> str:
    """``date`` (a Timestamp) written no more precisely than ``precision`` (day, month, year); in
    the French edition, 14 novembre 2023 (``formats`` is the English edition's)."""
    return t(date.strftime(formats[str(precision)]), fdate(date, str(precision)))


def months(text: str) -> str:
    """A date the data write out in English (``16-17 February 2024``), its months named in the
    edition's language."""
    if lang() == "en":
        return text
    names = dict(zip(MONTHS["en"], MONTHS[lang()]))
    return re.sub(r"\b(" + "|".join(names) + r")\b", lambda m: names[m.group(1)], text)


def reading_date(text: str) -> str:
    """A reading's date as stored (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), written out."""
    import pandas as pd

    precision = {4: "year", 7: "month", 10: "day"}[len(text)]
    return as_precise(pd.Timestamp(text), precision, LONG)


def event_labels(ids, events) -> str:
    """The titles and dates of the events ``ids`` (rows of ``data.events()``), in date order."""
    if not ids:
        return t(NO_EVENT, NO_EVENT_FR)
    rows = events.set_index("event_id").loc[list(ids)].sort_values("start_date")
    return t("; ", "\u00a0; ").join(f"{r.title} ({as_precise(r.start_date, r.date_precision)})" for r in rows.itertuples())


def who(institution: str, author) -> str:
    """The institution of a reading, with its author where the author is a person it does not name."""
    if not isinstance(author, str) or not author.strip():
        return institution
    bare = re.sub(r"\s*\((?:quoted|unsigned)\)$|\s+members$", "", author)
    if bare.lower() in institution.lower() or institution.lower() in bare.lower():
        return institution
    return t(f"{institution}: {author.replace(';', ', ')}", f"{institution}\u00a0: {author.replace(';', ', ')}")


def readings_table(readings, events):
    """``data.readings()`` in date order, with who wrote each reading (``who``), its date written out
    (``when``) and the events that bear it out (``borne_out``) or go against it (``against``) as
    titles and dates."""
    frame = readings.copy()
    frame["who"] = [who(i, a) for i, a in zip(frame["institution"], frame["author"])]
    frame["when"] = frame["date"].map(reading_date)
    frame["borne_out"] = frame["supported_by"].map(lambda ids: event_labels(ids, events))
    frame["against"] = frame["contradicted_by"].map(lambda ids: event_labels(ids, events))
    return frame.sort_values(["date", "institution", "reading_id"]).reset_index(drop=True)


def chapter_prose(notebook) -> str:
    """The markdown of a chapter; a chapter run from another folder finds its text in book/."""
    from .bib import BIB_PATH

    path = Path(notebook)
    if not path.exists():
        path = BIB_PATH.parent / path.name
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def places_named(text: str, places) -> list[str]:
    """Ids of the places (``places`` indexed by ``place_id``) whose English or French name, or
    another spelling, appears in ``text`` as a whole word."""
    found = []
    for place_id, row in places.iterrows():
        others = row["other_names"] if isinstance(row["other_names"], str) else ""
        names = {row["name"], row["name_fr"]} | set(others.split(";"))
        names = {n for n in names if isinstance(n, str) and n.strip()}
        if any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text) for n in names):
            found.append(place_id)
    return found
