"""Closures and attacks as one CSV of events, ACLED's columns first.

>>> event = {"event_id": "ev-1", "event_type": "ied", "status": "reported", "date_start": "2020-05-21",
...          "date_end": "2020-05-21", "date_precision": "day", "place_name": "Quetta", "geo_precision": 2,
...          "fatalities": None, "actors": ["BLA"], "claimed_by": [],
...          "sources": [{"title": "Blast near Quetta", "url": None, "sentence": "A bomb, hidden in a cart, went off."}]}
>>> row = acled_row(event, Point(66.99, 30.19))
>>> [row[c] for c in ("event_type", "sub_event_type", "actor1", "latitude", "time_precision", "fatalities")]
['Explosions/Remote violence', 'Remote explosive/landmine/IED', 'BLA', '30.19', '1', '']

The columns follow ACLED's export (``event_date`` .. ``notes``), then ours
(:data:`OWN_COLUMNS`).  The mapping onto ACLED's event types, time and geo
precision is data, ``data/lexicons/acled.json``, and it is an approximation:
see that file's ``_about`` (armed assaults are coded as battles because the
layers do not say whether the target was armed).

Where ACLED writes 0 for "no fatalities reported", ``fatalities`` here is 0
only when the text says none died and empty when it gives no figure, so
"not stated" stays apart from "none".  ``actor1`` is the first claimant, else
the first actor named, which is not always the perpetrator; ``actors`` has them
all.  ``source`` joins the reporting articles' titles, ``notes`` is the first
report's evidence sentence in full (closures and reopenings: after a label
saying what they are, since ACLED has no type for them).  Rows are sorted by
date, then event id; lists are joined with ``"; "``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from shapely.geometry import Point

from geoborder.atomic import atomic_path
from geoborder.errors import InputError
from geoborder.export.frames import layer_frame, layers_folder
from geoborder.layers.write import COORD_DECIMALS, _clean
from geoborder.resources import LEXICON_DIR, read_lexicon

ACLED_FILE = LEXICON_DIR / "acled.json"
EVENT_LAYERS = ("closures", "attacks")
ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "location", "latitude", "longitude",
                 "geo_precision", "time_precision", "fatalities", "source", "notes")
OWN_COLUMNS = ("event_id", "geoborder_event_type", "status", "date_start", "date_end", "date_precision", "place_id",
               "place_kind", "crossing_id", "border_id", "geoborder_geo_precision", "actors", "claimed_by", "injured",
               "fatalities_low", "fatalities_high", "scope", "reason", "n_sources", "source_urls", "article_ids")
COLUMNS = ACLED_COLUMNS + OWN_COLUMNS
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class AcledMapping:
    event_types: dict[str, dict[str, str]]
    time_precision: dict[str, int]
    geo_precision: dict[str, int]


@lru_cache(maxsize=None)
def acled_mapping(path: Path = ACLED_FILE) -> AcledMapping:
    data = read_lexicon(path)
    try:
        return AcledMapping(dict(data["event_types"]), dict(data["time_precision"]), dict(data["geo_precision"]))
    except (KeyError, TypeError) as exc:
        raise InputError(path, f"not an ACLED mapping: missing {exc}") from None


class UnmappedValue(ValueError):
    """A value of an event the ACLED mapping has no entry for."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_text(v) for v in value if v is not None)
    return str(value)


def _coordinate(value: float) -> str:
    return repr(round(float(value), COORD_DECIMALS))


def _lookup(table: dict, value, what: str):
    if value is None:
        return None
    try:
        return table[str(value)]
    except KeyError:
        raise UnmappedValue(f"{what} {value!r} has no entry in the ACLED mapping {ACLED_FILE.name}") from None


def _unique(values) -> list:
    return list(dict.fromkeys(v for v in values if v is not None))


def acled_row(event: dict, point, mapping: AcledMapping | None = None) -> dict[str, str]:
    """The CSV row of one event (a feature's properties) located at ``point`` (any geometry, or None)."""
    mapping = mapping or acled_mapping()
    acled = _lookup(mapping.event_types, event.get("event_type"), "event type") or {}
    sources = event.get("sources") or []
    claimed, actors = event.get("claimed_by") or [], event.get("actors") or []
    if point is not None and not point.is_empty and point.geom_type != "Point":
        point = point.representative_point()  # the contract says a point; a hand-edited layer may not
    located = point is not None and not point.is_empty
    notes = (sources[0].get("sentence") or "") if sources else ""
    if acled.get("note_label"):
        label = acled["note_label"] + ("" if event.get("status") in (None, "reported") else f" ({event['status']})")
        notes = f"{label}: {notes}" if notes else label
    row = {
        "event_date": event.get("date_start"),
        "event_type": acled.get("event_type"),
        "sub_event_type": acled.get("sub_event_type"),
        "actor1": (claimed or actors or [None])[0],
        "location": event.get("place_name"),
        "latitude": _coordinate(point.y) if located else None,
        "longitude": _coordinate(point.x) if located else None,
        "geo_precision": _lookup(mapping.geo_precision, event.get("geo_precision"), "geo_precision"),
        "time_precision": _lookup(mapping.time_precision, event.get("date_precision"), "date_precision"),
        "fatalities": event.get("fatalities"),
        "source": _unique(s.get("title") or s.get("article_id") for s in sources),
        "notes": notes,
        "geoborder_event_type": event.get("event_type"),
        "geoborder_geo_precision": event.get("geo_precision"),
        "actors": actors,
        "claimed_by": claimed,
        "source_urls": _unique(s.get("url") for s in sources),
        "article_ids": _unique(s.get("article_id") for s in sources),
    }
    for col in OWN_COLUMNS:
        row.setdefault(col, event.get(col))
    return {col: _text(row[col]) for col in COLUMNS}


def event_rows(layers_dir: str | Path) -> list[dict[str, str]]:
    """The rows of every closure and attack in ``layers_dir``, sorted by date then event id."""
    layers_dir = layers_folder(layers_dir)
    mapping = acled_mapping()
    rows = []
    for name in EVENT_LAYERS:
        path = layers_dir / f"{name}.geojson"
        frame = layer_frame(path)
        cols = [c for c in frame.columns if c != frame.geometry.name]
        for i, (values, geom) in enumerate(zip(frame[cols].itertuples(index=False, name=None), frame.geometry)):
            event = {c: _clean(v) for c, v in zip(cols, values)}
            try:
                rows.append(acled_row(event, geom, mapping))
            except UnmappedValue as exc:
                raise InputError(path, str(exc), record=event.get("event_id") or f"feature {i}") from None
    return sorted(rows, key=lambda r: (r["event_date"], r["event_id"]))


def write_acled_csv(layers_dir: str | Path, path: str | Path) -> list[Path]:
    """``path``: UTF-8 CSV, minimal quoting, ``\\n`` line ends."""
    rows = event_rows(layers_dir)
    path = Path(path)
    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return [path]
