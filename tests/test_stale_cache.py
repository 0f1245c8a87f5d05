"""The stale-cache trap: a change under data/ must show in the next `make book`."""

import csv
import io
import re

from conftest import build, built_copy

import data.geo


def _set_kidal(path, lat):
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    for row in rows:
        if row["place_id"] == "kidal":
            old = float(row["latitude"])
            row["latitude"] = f"{lat:.5f}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return old


def _distance_text(places_csv, lat):
    rows = {r["place_id"]: r for r in csv.DictReader(places_csv.open(encoding="utf-8"))}
    b = rows["bamako"]
    km = data.geo.great_circle_km(lat, float(rows["kidal"]["longitude"]),
                                  float(b["latitude"]), float(b["longitude"]))
    return f"{round(km):,}"


def _glued(site, key_text):
    pages = [p for p in site.rglob("*.html")]
    return any(re.search(rf">{re.escape(key_text)}<", p.read_text(encoding="utf-8")) for p in pages)


def test_data_change_shows_in_next_build(tmp_path, strict_build):
    repo = built_copy(strict_build, tmp_path / "repo")
    places = repo / "data" / "places.csv"
    old_lat = float(next(r for r in csv.DictReader(places.open(encoding="utf-8"))
                         if r["place_id"] == "kidal")["latitude"])
    old_text = _distance_text(places, old_lat)
    site = repo / "_build" / "html"
    assert _glued(site, old_text), f"the first build does not show {old_text} km"

    new_lat = old_lat + 2.5  # moves Kidal about 280 km north
    _set_kidal(places, new_lat)
    new_text = _distance_text(places, new_lat)
    assert new_text != old_text
    second = build(repo)
    assert second.returncode == 0, second.stdout[-4000:] + second.stderr[-4000:]
    assert "inputs changed" in second.stdout
    assert _glued(site, new_text), f"the rebuilt site does not show the new value {new_text} km"
    assert not _glued(site, old_text), f"the rebuilt site still shows the old value {old_text} km"


def test_failed_build_leaves_no_site(tmp_path, strict_build):
    repo = built_copy(strict_build, tmp_path / "repo")
    assert (repo / "_build" / "html" / "index.html").exists()
    places = repo / "data" / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace("MLI", "Mali", 1), encoding="utf-8")
    failed = build(repo)
    assert failed.returncode != 0
    assert not (repo / "_build" / "html").exists(), "a failed build left an old site behind"
    again = build(repo)  # the CI trap: a second run with no change must fail again
    assert again.returncode != 0
