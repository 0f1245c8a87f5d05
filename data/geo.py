"""Geography helpers: great-circle distances between places of the ``places`` table."""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088  # IUGG mean Earth radius


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres between two WGS84 points given in decimal degrees."""
    for lat in (lat1, lat2):
        if not -90 <= lat <= 90:
            raise ValueError(f"latitude out of range: {lat}")
    for lon in (lon1, lon2):
        if not -180 <= lon <= 180:
            raise ValueError(f"longitude out of range: {lon}")
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    h = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))


def distance_km(place_a: str, place_b: str, places=None) -> float:
    """Great-circle distance between two place ids of the ``places`` table."""
    if places is None:
        import data

        places = data.places()
    coords = places.set_index("place_id")[["latitude", "longitude"]]
    missing = [p for p in (place_a, place_b) if p not in coords.index]
    if missing:
        raise KeyError(f"unknown place id(s): {', '.join(missing)}")
    unlocated = [p for p in (place_a, place_b) if coords.loc[p].isna().any()]
    if unlocated:
        raise ValueError(f"no coordinates in data/places.csv for: {', '.join(unlocated)}")
    (lat1, lon1), (lat2, lon2) = coords.loc[place_a], coords.loc[place_b]
    return great_circle_km(float(lat1), float(lon1), float(lat2), float(lon2))


def distance_matrix(place_ids, places=None):
    """A DataFrame of great-circle distances (km) between every pair of ``place_ids``."""
    import pandas as pd

    if places is None:
        import data

        places = data.places()
    ids = list(place_ids)
    return pd.DataFrame([[distance_km(a, b, places) for b in ids] for a in ids], index=ids, columns=ids)


def split_located(frame):
    """Split rows that carry ``latitude``/``longitude`` into those with coordinates and those
    without (places the gazetteer lacks), so a map can plot the first and name the second."""
    has = frame["latitude"].notna() & frame["longitude"].notna()
    return frame[has], frame[~has]


def events_by_place(events, places):
    """Count ``events`` (rows of ``data.events()``) by place for a map: returns the places with
    coordinates and those without (each indexed by place id, with ``n``, ``first`` and ``last``
    event dates, ``name``, ``latitude``, ``longitude``), and the events exploded one row per
    place. ``places`` is the places table indexed by ``place_id``."""
    located = events.explode("place_ids").dropna(subset=["place_ids"])
    per_place = (located.groupby("place_ids")
                 .agg(n=("event_id", "size"), first=("start_date", "min"), last=("start_date", "max"))
                 .join(places[["name", "latitude", "longitude"]]))
    mapped, unmapped = split_located(per_place)
    return mapped, unmapped, located
