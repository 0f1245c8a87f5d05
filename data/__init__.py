"""The book's single source of truth: curated tables on northern Mali, and small helpers.

``import data`` is cheap: nothing is read, and neither pandas nor Frictionless is imported, until
a table is asked for. The first call validates the whole package once (see ``data.package``);
later calls return a fresh copy of the cached, typed DataFrame.

>>> import data
>>> events = data.events()          # pandas.DataFrame, dates as datetimes
>>> data.TABLES                     # the names of every table
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module

TABLES = ("places", "actors", "memberships", "events", "figures", "provisions", "handovers", "alignments",
          "publishers", "communities", "people", "readings")
SEED_TABLES = ("locations", "claims", "footnotes")

__all__ = ["TABLES", "SEED_TABLES", "DataError", "load", "load_seed", "source_text", "table_schema", "figure_value",
           *TABLES, "claims",
           "geo", "charts", "bib", "book"]


@lru_cache(maxsize=1)
def _package():
    from .package import load_package

    return load_package()


@lru_cache(maxsize=1)
def _seeds():
    from .package import SEEDS_DIR, load_package

    return load_package(SEEDS_DIR)


def load_seed(name: str):
    """Return table ``name`` of the source article's register (``seeds/``) as a DataFrame."""
    tables = _seeds()
    if name not in tables:
        raise KeyError(f"no seed table {name!r}; the tables are {', '.join(tables)}")
    return _edition(tables[name], "seeds")


def claims():
    """The claims ledger of the source article (``seeds/claims.csv``)."""
    return load_seed("claims")


def load(name: str):
    """Return table ``name`` as a validated, typed pandas DataFrame (a copy)."""
    tables = _package()
    if name not in tables:
        raise KeyError(f"no table {name!r}; the tables are {', '.join(tables)}")
    return _edition(tables[name], "data")


def _edition(table, package: str):
    """A copy of ``table``'s frame with its text in the edition's language (``data.i18n``)."""
    from .i18n import translate_table

    return translate_table(table.frame.copy(), table.schema, package, table.name, str(table.path))


def source_text(name: str, column: str):
    """The English text of a translatable column of table ``name``, indexed by the table's first
    column (its id): for code that selects rows by their wording, so that both editions select
    the same rows."""
    tables = _package() if name in TABLES else _seeds()
    frame = tables[name].frame
    return frame.set_index(frame.columns[0])[column]


def table_schema(name: str) -> dict:
    """The Table Schema of ``name`` from ``data/datapackage.json``."""
    return _package()[name].schema


def places():
    return load("places")


def actors():
    return load("actors")


def memberships():
    return load("memberships")


def events():
    return load("events")


def alignments():
    """Dated alliances, partnerships, contacts and ruptures between actors (``data/alignments.csv``)."""
    return load("alignments")


def handovers():
    """The sites MINUSMA left in 2023, with the date of each handover (``data/handovers.csv``)."""
    return load("handovers")


def figures():
    return load("figures")


def publishers():
    """Every publisher the bibliography cites, with its kind (``data/publishers.csv``)."""
    return load("publishers")


def provisions():
    return load("provisions")


def communities():
    """The communities of the Kidal region and the north, and the movements drawing on them."""
    return load("communities")


def people():
    """The leaders the book names: role, actors, changes of side (``data/people.csv``)."""
    return load("people")


def readings():
    """Analysts' and institutions' readings of the battle, and the events bearing on them."""
    return load("readings")


def figure_value(figure_id: str, column: str = "value"):
    """One cell of the ``figures`` table, as a plain Python number (ready for ``glue``)."""
    frame = _package()["figures"].frame
    match = frame.loc[frame["figure_id"] == figure_id, column]
    if match.empty:
        raise KeyError(f"no figure {figure_id!r} in data/figures.csv")
    value = match.iloc[0]
    return int(value) if float(value).is_integer() else float(value)


def __getattr__(name: str):
    if name == "DataError":
        from .package import DataError

        return DataError
    if name in ("geo", "charts", "bib", "book"):
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module 'data' has no attribute {name!r}")
