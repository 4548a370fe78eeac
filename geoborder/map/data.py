"""What the map page carries: every layer's features, reduced to what the map shows, packed once.

The page never holds article text as markup or code.  The features travel
as JSON, gzip-compressed and base64-encoded (only ``A-Z a-z 0-9 + / =``
appear in the page, so no ``</script>``, quote or ``${`` can break out), and
the browser decodes them with ``JSON.parse`` and writes every string with
``textContent`` (see ``static/geoborder_map.js``).  Compression is what keeps
a map of 100,000 events, each with its evidence sentence, a few MB.

>>> packed = pack({"attacks": [{"event_type": "ied", "at": [31.6, 65.7], "sources": [{"sentence": "A bomb ..."}]}]})
>>> unpack(packed)["attacks"][0]["sources"][0]["sentence"]
'A bomb ...'
"""

from __future__ import annotations

import base64
import gzip
import json
from dataclasses import dataclass

import shapely
from shapely.geometry import mapping, shape

COORD_DECIMALS = 5  # about 1 m: finer than any place the reporting names
OUTLINE_TOLERANCE = 0.002  # degrees (about 200 m): borders and regions drawn at map scale

EVENT_FIELDS = ("event_id", "event_type", "status", "date_start", "date_end", "date_precision", "place_id",
                "place_name", "place_kind", "geo_precision", "fatalities", "fatalities_low", "fatalities_high",
                "injured", "actors", "claimed_by", "claims", "scope", "reason", "all_crossings", "n_sources")
SOURCE_FIELDS = ("article_id", "title", "url", "published", "sentence", "start", "end")
CROSSING_FIELDS = ("crossing_id", "name", "country_pair", "status_on_last_report", "last_report_date", "timeline")
MENTION_FIELDS = ("article_id", "text", "start", "end", "place_id", "place_name", "kind", "resolution", "flags")
REFERENCE_FIELDS = ("place_id", "name", "kind", "country", "n_mentions", "approximate")
# What the page needs before any popup opens: where to draw, which icon, which period; the rest waits in blocks.
_EVENT_INDEX = ("event_id", "category", "event_type", "status", "date_start", "date_end", "fatalities", "fatalities_low", "at")
INDEX_FIELDS = {"closures": _EVENT_INDEX, "attacks": _EVENT_INDEX, "mentions": ("at",)}
BLOCK = 1000


def _point(geometry: dict | None) -> list[float] | None:
    """[lat, lon] of a feature: the point itself, or a point inside a line or polygon."""
    if not geometry:
        return None
    if geometry.get("type") == "Point":
        lon, lat = geometry["coordinates"][:2]
    else:
        p = shape(geometry).representative_point()
        lon, lat = p.x, p.y
    return [round(lat, COORD_DECIMALS), round(lon, COORD_DECIMALS)]


def _outline(geometry: dict | None) -> dict | None:
    if not geometry:
        return None
    geom = shapely.simplify(shape(geometry), OUTLINE_TOLERANCE, preserve_topology=True)
    return mapping(shapely.set_precision(geom, 10 ** -COORD_DECIMALS))


def _pick(props: dict, fields: tuple[str, ...]) -> dict:
    return {f: props.get(f) for f in fields}


def event_record(feature: dict, category: str) -> dict:
    props = feature["properties"]
    record = _pick(props, EVENT_FIELDS)
    record["category"] = category
    record["sources"] = [_pick(s, SOURCE_FIELDS) for s in props.get("sources") or [] if isinstance(s, dict)]
    record["at"] = _point(feature.get("geometry"))
    return record


def point_record(feature: dict, fields: tuple[str, ...]) -> dict:
    record = _pick(feature["properties"], fields)
    record["at"] = _point(feature.get("geometry"))
    return record


def outline_record(feature: dict) -> dict:
    record = _pick(feature["properties"], REFERENCE_FIELDS)
    record["shape"] = _outline(feature.get("geometry"))
    return record


def page_data(layers: dict[str, list[dict]]) -> dict:
    """The map's data from a run's layers (lists of GeoJSON features, by layer name)."""
    return {
        "closures": [event_record(f, "closure") for f in layers.get("closures", [])],
        "attacks": [event_record(f, "attack") for f in layers.get("attacks", [])],
        "crossings": [point_record(f, CROSSING_FIELDS) for f in layers.get("crossings", [])],
        "mentions": [point_record(f, MENTION_FIELDS) for f in layers.get("mentions", [])],
        "borders": [outline_record(f) for f in layers.get("borders", [])],
        "regions": [outline_record(f) for f in layers.get("regions", [])],
    }


@dataclass(frozen=True)
class Packed:
    """The page's data: an index with what drawing and filtering need, and the rest in blocks.

    The browser decodes the index when the page opens and a block of
    ``BLOCK`` records only when a popup of one of them opens, so a map of
    100,000 events draws without first inflating 100,000 sentences.
    """

    index: str
    blocks: dict[str, list[str]]  # layer -> its detail blocks, in record order


def _encode(doc: dict) -> str:
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")  # no timestamp: same bytes


def _decode(text: str) -> dict:
    return json.loads(gzip.decompress(base64.b64decode(text)).decode("utf-8"))


def _cell(record: dict, column: str):
    if column == "sources":  # rows of SOURCE_FIELDS: the field names once, not once a source
        return [[s.get(f) for f in SOURCE_FIELDS] for s in record["sources"]]
    return record.get(column)


def pack(data: dict) -> Packed:
    """Each layer as a table (the field names once, not once a record): the index columns, then detail blocks."""
    index = {"source_columns": list(SOURCE_FIELDS), "block_size": BLOCK, "layers": {}}
    blocks: dict[str, list[str]] = {}
    for name, records in data.items():
        columns = list(records[0]) if records else []
        shown = INDEX_FIELDS.get(name)
        index_columns = [c for c in columns if shown is None or c in shown]
        detail_columns = [c for c in columns if c not in index_columns]
        index["layers"][name] = {"columns": index_columns, "detail_columns": detail_columns,
                                 "rows": [[_cell(r, c) for c in index_columns] for r in records]}
        if detail_columns and records:
            blocks[name] = [_encode({"rows": [[_cell(r, c) for c in detail_columns] for r in records[i:i + BLOCK]]})
                            for i in range(0, len(records), BLOCK)]
    return Packed(_encode(index), blocks)


def unpack(packed: Packed) -> dict:
    """The data :func:`pack` packed: what the page's script reads, in Python."""
    index = _decode(packed.index)
    out = {}
    for name, table in index["layers"].items():
        details = [row for block in packed.blocks.get(name, []) for row in _decode(block)["rows"]]
        columns = table["columns"] + table["detail_columns"]
        records = []
        for i, row in enumerate(table["rows"]):
            r = dict(zip(columns, row + (details[i] if details else [])))
            if "sources" in r:
                r["sources"] = [dict(zip(index["source_columns"], s)) for s in r["sources"]]
            records.append(r)
        out[name] = records
    return out


def data_bounds(data: dict) -> list[list[float]] | None:
    """[[south, west], [north, east]] of the events and crossings, else of every point the map draws."""
    points = [r["at"] for key in ("closures", "attacks", "crossings") for r in data[key] if r["at"]]
    if not points:
        points = [r["at"] for r in data["mentions"] if r["at"]]
    if not points:
        return None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
