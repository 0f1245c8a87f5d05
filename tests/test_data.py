"""The data package: it validates, resolves every key, and refuses bad input loudly.

Every corruption test copies data/, seeds/ and the bibliography into a temporary folder, breaks one
thing, and checks that loading raises a DataError naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import data
from data.package import DataError, load_package

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


# ---------------------------------------------------------------- the package as it is

def test_frictionless_validate_data():
    result = subprocess.run([str(VENV_BIN / "frictionless"), "validate", "data/datapackage.json"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_frictionless_validate_seeds():
    result = subprocess.run([str(VENV_BIN / "frictionless"), "validate", "seeds/datapackage.json"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_tables_load_with_real_dtypes():
    events = data.events()
    assert str(events["start_date"].dtype).startswith("datetime64")
    assert str(events["category"].dtype) == "category"
    assert str(events["killed_low"].dtype) == "Int64"
    assert str(data.places()["latitude"].dtype) == "Float64"
    assert isinstance(events["place_ids"].iloc[0], tuple)


def test_every_table_listed_loads():
    for name in data.TABLES:
        assert len(data.load(name)) > 0, name
    for name in data.SEED_TABLES:
        assert len(data.load_seed(name)) > 0, name


def test_import_is_lazy():
    code = ("import sys, data; heavy = [m for m in ('pandas', 'frictionless', 'plotly') if m in sys.modules];"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import data imported {out.stdout.strip()}"


def test_great_circle_distance():
    # Quarter of a meridian: pole to equator.
    assert data.geo.great_circle_km(90, 0, 0, 0) == pytest.approx(10007.5, abs=0.5)
    assert data.geo.great_circle_km(18.4, 1.4, 18.4, 1.4) == 0
    with pytest.raises(ValueError):
        data.geo.great_circle_km(91, 0, 0, 0)


# ---------------------------------------------------------------- corruption

@pytest.fixture
def pkg(tmp_path):
    """A writable copy of data/, seeds/ and book/references.bib."""
    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "book").mkdir()
    shutil.copy(ROOT / "book" / "references.bib", tmp_path / "book" / "references.bib")
    return tmp_path


def rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write(path: Path, table: list[dict]) -> None:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(table)
    path.write_text(out.getvalue(), encoding="utf-8")


def corrupt(pkg: Path, table: str, row: int, column: str, value: str) -> Path:
    path = pkg / "data" / f"{table}.csv"
    t = rows(path)
    t[row][column] = value
    write(path, t)
    return path


def expect(pkg: Path, file: str, row: int | None, column: str | None, folder: str = "data"):
    with pytest.raises(DataError) as info:
        load_package(pkg / folder)
    err = info.value
    assert Path(err.file).name == file, str(err)
    if row is not None:
        assert err.row == row, str(err)
    if column is not None:
        assert err.column == column, str(err)
    text = str(err)
    assert file in text and (row is None or f"row {row}" in text)
    return err


def test_bad_date(pkg):
    corrupt(pkg, "events", 2, "start_date", "2023-13-45")
    expect(pkg, "events.csv", 4, "start_date")


def test_latitude_out_of_range(pkg):
    corrupt(pkg, "places", 0, "latitude", "123.4")
    expect(pkg, "places.csv", 2, "latitude")


def test_latitude_without_longitude(pkg):
    corrupt(pkg, "places", 0, "longitude", "")
    err = expect(pkg, "places.csv", 2, "longitude")
    assert "latitude" in str(err)


def test_distance_to_unlocated_place_is_an_error():
    places = data.places()
    unlocated = places.loc[places["latitude"].isna(), "place_id"]
    assert len(unlocated), "the test needs a place without coordinates"
    with pytest.raises(ValueError, match=unlocated.iloc[0]):
        data.geo.distance_km("kidal", unlocated.iloc[0])


def test_events_by_place_counts_every_place_mention_once():
    events, places = data.events(), data.places().set_index("place_id")
    mapped, unmapped, located = data.geo.events_by_place(events, places)
    mentions = sum(len(p) for p in events["place_ids"])
    assert mapped["n"].sum() + unmapped["n"].sum() == len(located) == mentions
    assert mapped["latitude"].notna().all() and unmapped["latitude"].isna().all()


def test_unknown_place(pkg):
    corrupt(pkg, "events", 1, "place_ids", "kidal;atlantis")
    err = expect(pkg, "events.csv", 3, "place_ids")
    assert err.value == "atlantis"


def test_unknown_actor(pkg):
    corrupt(pkg, "events", 0, "actor_ids", "nobody")
    expect(pkg, "events.csv", 2, "actor_ids")


def test_unknown_source_key(pkg):
    corrupt(pkg, "places", 1, "sources", "Nobody2099nothing")
    err = expect(pkg, "places.csv", 3, "sources")
    assert "bibliography" in str(err)


def test_duplicate_id(pkg):
    path = pkg / "data" / "places.csv"
    t = rows(path)
    t.append(dict(t[0]))
    write(path, t)
    expect(pkg, "places.csv", len(t) + 1, None)


def test_missing_required_field(pkg):
    corrupt(pkg, "events", 0, "title", "")
    expect(pkg, "events.csv", 2, "title")


def test_wrong_type(pkg):
    corrupt(pkg, "events", 0, "killed_low", "a dozen")
    expect(pkg, "events.csv", 2, "killed_low")


@pytest.mark.parametrize("junk", ["NaN", "inf", "-Infinity"])
def test_non_finite_number(pkg, junk):
    corrupt(pkg, "figures", 0, "value", junk)
    err = expect(pkg, "figures.csv", 2, "value")
    assert "finite" in str(err)


def test_low_above_high(pkg):
    path = pkg / "data" / "figures.csv"
    t = rows(path)
    t[0].update(low="10", value="20", high="15")
    write(path, t)
    expect(pkg, "figures.csv", 2, "high")


def test_end_before_start(pkg):
    corrupt(pkg, "events", 0, "end_date", "1900-01-01")
    expect(pkg, "events.csv", 2, "end_date")


def test_empty_file(pkg):
    (pkg / "data" / "provisions.csv").write_text("", encoding="utf-8")
    expect(pkg, "provisions.csv", None, None)


def test_truncated_file(pkg):
    path = pkg / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    expect(pkg, "events.csv", None, None)


def test_bad_enum(pkg):
    corrupt(pkg, "events", 0, "category", "gossip")
    expect(pkg, "events.csv", 2, "category")


def test_unknown_event_in_figures(pkg):
    corrupt(pkg, "figures", 0, "event_id", "ev-20990101-nothing")
    expect(pkg, "figures.csv", 2, "event_id")


def test_broken_bibliography(pkg):
    bib = pkg / "book" / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@article{Broken2023,\n title = {x\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_package(pkg / "data")
    assert "references.bib" in str(info.value)


def test_claim_without_evidence(pkg):
    path = pkg / "seeds" / "claims.csv"
    t = rows(path)
    i = next(i for i, r in enumerate(t) if r["verdict"] == "corroborated")
    t[i]["evidence"] = ""
    write(path, t)
    expect(pkg, "claims.csv", i + 2, "evidence", folder="seeds")


def test_claim_at_unknown_location(pkg):
    path = pkg / "seeds" / "claims.csv"
    t = rows(path)
    t[0]["location_id"] = "background-p99"
    write(path, t)
    expect(pkg, "claims.csv", 2, "location_id", folder="seeds")


# ---------------------------------------------------------------- property-based

TABLE_FILES = ["places", "actors", "memberships", "events", "figures", "provisions", "handovers", "alignments",
               "publishers"]
JUNK = st.sampled_from(["", "not-a-date", "-999", "1e309", "x;;y", "Nobody2099x", "ev-1", "🙂",
                        "2023-02-30", "abc", "999999999999999999999", "NaN", " "])


def reflects(cell, junk: str) -> bool:
    import pandas as pd

    if isinstance(cell, tuple):
        return ";".join(cell) == junk
    if junk == "":
        return cell is None or cell is pd.NA or (not isinstance(cell, str) and pd.isna(cell)) or cell == ""
    if isinstance(cell, str):
        return cell == junk
    try:
        return float(cell) == float(junk)
    except (TypeError, ValueError):
        return str(cell) == junk


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(TABLE_FILES), data_=st.data())
def test_random_corruption_never_loads_silently(pkg, table, data_):
    """Random corruption either raises DataError or leaves every table intact and equal in size."""
    path = pkg / "data" / f"{table}.csv"
    original = path.read_text(encoding="utf-8")
    t = rows(path)
    try:
        row = data_.draw(st.integers(0, len(t) - 1))
        column = data_.draw(st.sampled_from(list(t[0])))
        junk = data_.draw(JUNK)
        before = t[row][column]
        t[row][column] = junk
        write(path, t)
        try:
            loaded = load_package(pkg / "data")
        except DataError as err:
            # The error names the corrupted file, or, when a referenced id was changed, the
            # file whose foreign key no longer resolves (and the missing value).
            assert (path.name in str(err) or "references.bib" in str(err)
                    or (before in str(err) and ("unknown" in str(err) or "foreign-key" in str(err)))), str(err)
            return
        # Accepted: nothing was dropped, and the cell holds the junk itself, not a silent coercion.
        for name, tab in loaded.items():
            assert len(tab.frame) == len(rows(pkg / "data" / f"{name}.csv"))
        cell = loaded[table].frame[column].iloc[row]
        assert reflects(cell, junk), f"{table}.{column} accepted {junk!r} as {cell!r}"
    finally:
        path.write_text(original, encoding="utf-8")
