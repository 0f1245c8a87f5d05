"""Read, validate and type the tables described by ``data/datapackage.json``.

Validation happens in two layers, and nothing loads unless both pass:

1. Frictionless checks what a Table Schema can say: types, required fields, enums, ranges,
   patterns, primary keys and foreign keys between tables, blank or ragged rows.
2. This module checks what a Table Schema cannot: ``;``-separated lists whose items must exist in
   another table (``x-list-of``), bibliography keys that must resolve in ``book/references.bib``
   (``x-list-of: "bib"``), orderings between fields of one row (``x-order`` at schema level,
   e.g. ``low <= value <= high`` or ``start_date <= end_date``), fields required only for
   some rows (``x-require``, e.g. evidence unless a claim is unverified), and fields given
   together or not at all (``x-together``, e.g. latitude and longitude).

Every failure raises :class:`DataError`, which names the file, the row (the line of the CSV file,
the header being line 1), the column and the offending value.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent
ROOT = DATA_DIR.parent
SEEDS_DIR = ROOT / "seeds"
BIB_PATH = ROOT / "book" / "references.bib"
LIST_SEPARATOR = ";"


class DataError(ValueError):
    """A table failed validation. ``file``, ``row``, ``column`` and ``value`` say where."""

    def __init__(self, file: str, row: int | None, column: str | None, value: Any, message: str,
                 more: int = 0):
        self.file, self.row, self.column, self.value = file, row, column, value
        where = file
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column '{column}'"
        text = f"{where}: {message}"
        if value is not None:
            text += f" (value: {value!r})"
        if more:
            text += f" [and {more} more error{'s' if more > 1 else ''} in this package]"
        super().__init__(text)


@dataclass(frozen=True)
class Table:
    name: str
    path: Path
    frame: Any  # pandas.DataFrame
    schema: dict


def _read_descriptor(data_dir: Path) -> dict:
    path = data_dir / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(str(path), None, None, None, "the package descriptor is missing") from None
    except json.JSONDecodeError as err:
        raise DataError(str(path), err.lineno, None, None, f"invalid JSON: {err.msg}") from None


def bib_keys(bib_path: Path = BIB_PATH) -> frozenset[str]:
    """The keys of the one bibliography."""
    from pybtex.database import parse_file
    from pybtex.database.input.bibtex import PybtexSyntaxError

    try:
        return frozenset(parse_file(str(bib_path), bib_format="bibtex").entries.keys())
    except FileNotFoundError:
        raise DataError(str(bib_path), None, None, None, "the bibliography is missing") from None
    except PybtexSyntaxError as err:
        raise DataError(str(bib_path), getattr(err, "lineno", None), None, None, str(err)) from None


def _frictionless_check(descriptor: dict, data_dir: Path) -> None:
    """Run Frictionless over the whole package; raise on the first error, counting the rest."""
    from frictionless import Package

    for res in descriptor["resources"]:
        path = data_dir / res["path"]
        if not path.exists():
            raise DataError(str(path), None, None, None, "the table file is missing")
        text = path.read_text(encoding="utf-8")
        if not text.strip():
            raise DataError(str(path), None, None, None, "the table file is empty")
        if not text.endswith("\n"):
            raise DataError(str(path), text.count("\n") + 1, None, None,
                            "the file does not end with a newline: it may be truncated")
    package = Package(descriptor, basepath=str(data_dir))
    report = package.validate()
    if report.valid:
        return
    errors = [(task, err) for task in report.tasks for err in task.errors] + [
        (None, err) for err in report.errors
    ]
    task, err = errors[0]
    file = str(data_dir / task.place) if task is not None else str(data_dir / "datapackage.json")
    column, cell = getattr(err, "field_name", None), getattr(err, "cell", None)
    if column is None and getattr(err, "field_names", None):  # foreign-key errors
        column = ",".join(err.field_names)
        cell = ",".join(str(c) for c in getattr(err, "field_cells", []) or []) or None
    raise DataError(
        file,
        getattr(err, "row_number", None),
        column,
        cell,
        f"{err.type}: {err.note}" if getattr(err, "note", "") else err.message,
        more=len(errors) - 1,
    )


def _read_csv(path: Path):
    import pandas as pd

    # Everything is read as text first so that nothing is coerced or dropped silently.
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False,
                       skip_blank_lines=False, encoding="utf-8")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(item for item in cell.split(LIST_SEPARATOR)) if cell else ()


def _custom_checks(frames: dict, descriptor: dict, data_dir: Path, bib: frozenset[str]) -> None:
    """Checks a Table Schema cannot express (see module docstring)."""
    for res in descriptor["resources"]:
        name, schema = res["name"], res["schema"]
        frame = frames[name]
        file = str(data_dir / res["path"])
        for field in schema["fields"]:
            if field["type"] == "integer":
                # Frictionless accepts any integer; pandas' Int64 holds 64 bits.
                for i, cell in enumerate(frame[field["name"]], start=2):
                    if cell not in ("", None) and not -2**63 <= int(cell) < 2**63:
                        raise DataError(file, i, field["name"], cell, "integer out of range")
            if field["type"] == "number":
                # Frictionless accepts NaN and infinity as numbers; no figure can be either.
                for i, cell in enumerate(frame[field["name"]], start=2):
                    if cell not in ("", None) and not math.isfinite(float(cell)):
                        raise DataError(file, i, field["name"], cell, "not a finite number")
            target = field.get("x-list-of")
            if not target:
                continue
            if target == "bib":
                known, what = bib, "bibliography key (book/references.bib)"
            else:
                t_res, t_field = target.split(".")
                known, what = set(frames[t_res][t_field]), f"{t_res}.{t_field}"
            for i, cell in enumerate(frame[field["name"]], start=2):
                items = _split(cell)
                if len(set(items)) != len(items):
                    raise DataError(file, i, field["name"], cell, "an item is listed twice")
                for item in items:
                    if item not in known:
                        raise DataError(file, i, field["name"], item, f"unknown {what}")
        for rule in schema.get("x-require", []):
            # {"field": F, "unless": {G: [values]}}: F is required unless G takes one of the values;
            # {"field": F, "when": {G: [values]}}: F is required when G takes one of the values.
            (cond_field, values), = (rule.get("unless") or rule.get("when")).items()
            needed_when_match = "when" in rule
            for i, (value, cond) in enumerate(zip(frame[rule["field"]], frame[cond_field]), start=2):
                if value == "" and ((cond in values) == needed_when_match):
                    why = (f"required when {cond_field} is {cond!r}" if needed_when_match
                           else f"required unless {cond_field} is one of {', '.join(values)}")
                    raise DataError(file, i, rule["field"], value, why)
        for group in schema.get("x-together", []):
            # Fields given together or not at all (e.g. latitude and longitude).
            for i, row in enumerate(frame[group].itertuples(index=False), start=2):
                empty = [col for col, val in zip(group, row) if val == ""]
                if empty and len(empty) < len(group):
                    given = next(col for col, val in zip(group, row) if val != "")
                    raise DataError(file, i, empty[0], "",
                                    f"required when {given} is given ({' and '.join(group)} go together)")
        for order in schema.get("x-order", []):
            for i, row in enumerate(frame[order].itertuples(index=False), start=2):
                present = [(col, val) for col, val in zip(order, row) if val != ""]
                for (col_a, a), (col_b, b) in zip(present, present[1:]):
                    numeric = field_type(schema, col_a) in ("integer", "number")
                    a_key, b_key = (float(a), float(b)) if numeric else (a, b)
                    if a_key > b_key:
                        raise DataError(file, i, col_b, b,
                                        f"must not be less than {col_a} ({a})")


def field_type(schema: dict, name: str) -> str:
    return next(f["type"] for f in schema["fields"] if f["name"] == name)


def _typed(frame, schema: dict):
    """Give every column its real dtype."""
    import pandas as pd

    out = frame.copy()
    for field in schema["fields"]:
        col, kind = field["name"], field["type"]
        if field.get("x-list-of") or field.get("x-list"):
            out[col] = out[col].map(_split)
        elif kind == "date":
            out[col] = pd.to_datetime(out[col].replace("", None), format="%Y-%m-%d").astype(
                "datetime64[ns]")
        elif kind == "integer":
            out[col] = pd.to_numeric(out[col].replace("", None)).astype("Int64")
        elif kind == "number":
            out[col] = pd.to_numeric(out[col].replace("", None)).astype("Float64")
        elif "enum" in field.get("constraints", {}):
            out[col] = pd.Categorical(out[col].replace("", None),
                                      categories=field["constraints"]["enum"])
        else:
            out[col] = out[col].astype("string")
    return out


def load_package(data_dir: Path | str = DATA_DIR, bib_path: Path | str | None = None) -> dict:
    """Validate every table of the package in ``data_dir`` and return ``{name: Table}``."""
    data_dir = Path(data_dir)
    bib_path = Path(bib_path) if bib_path else data_dir.parent / "book" / "references.bib"
    descriptor = _read_descriptor(data_dir)
    _frictionless_check(descriptor, data_dir)
    bib = bib_keys(bib_path)
    frames = {res["name"]: _read_csv(data_dir / res["path"]) for res in descriptor["resources"]}
    _custom_checks(frames, descriptor, data_dir, bib)
    return {
        res["name"]: Table(res["name"], data_dir / res["path"],
                           _typed(frames[res["name"]], res["schema"]), res["schema"])
        for res in descriptor["resources"]
    }
