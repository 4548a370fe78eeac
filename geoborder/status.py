"""Answering "is this crossing open?" from a run's layers, in one line.

>>> print(status_line("outputs/layers", "Torkham", on="2023-02-21"))   # doctest: +SKIP
Torkham on 2023-02-21: closed since 2023-02-19 (by Afghan authorities; 2 sources)
"""

from __future__ import annotations

from pathlib import Path

from geoborder.errors import InputError
from geoborder.events.timeline import status_on
from geoborder.gazetteer.model import Gazetteer, folded_key
from geoborder.layers.features import read_features


def find_crossing(crossings: list[dict], name: str, gazetteer: Gazetteer | None = None) -> dict | None:
    """The crossing feature named ``name``: by id, name, or any gazetteer alias or side town."""
    key = folded_key(name)
    gazetteer = gazetteer or Gazetteer.load()
    for f in crossings:
        props = f["properties"]
        names = {props["crossing_id"], props["name"]}
        place = gazetteer.get(props["crossing_id"])
        if place is not None:
            names.update(place.names())
            names.update(str(v) for v in (place.properties.get("sides") or {}).values() if v)
            names.update(part for n in list(names) for part in str(n).replace("\u2013", "-").split("-"))
        if key in {folded_key(n) for n in names if n}:
            return f
    return None


def status_line(layers_dir: str | Path, name: str, on: str | None = None) -> str:
    layers = Path(layers_dir)
    crossings = read_features(layers / "crossings.geojson")
    feature = find_crossing(crossings, name)
    if feature is None:
        known = ", ".join(sorted(f["properties"]["name"] for f in crossings))
        raise InputError(layers / "crossings.geojson", f"no crossing called {name!r}; known crossings: {known}")
    props = feature["properties"]
    timeline = props.get("timeline") or []
    when = on or props.get("last_report_date")
    interval = status_on(timeline, on)
    label = props["name"]
    if interval is None:
        if not timeline:
            return f"{label}: unknown (no closure or reopening reported in these layers)"
        first = timeline[0]["start"]
        if when < first:
            return f"{label} on {when}: unknown (the first report is of {first})"
        before = [i for i in timeline if (i["end"] or i["start"]) < when]
        after = [i for i in timeline if i["start"] > when]
        last = before[-1]
        gap = f"last reported {last['status']} since {last['start']}"
        gap += f"; next report: {after[0]['status']} on {after[0]['start']}" if after else ""
        return f"{label} on {when}: unknown ({gap})"
    events = {f["properties"]["event_id"]: f["properties"] for f in read_features(layers / "closures.geojson")}
    first_event = events.get(interval["event_ids"][0], {})
    actors = first_event.get("actors") or []
    articles = {s["article_id"] for eid in interval["event_ids"] for s in (events.get(eid, {}).get("sources") or [])}
    detail = "; ".join(x for x in (f"by {', '.join(actors)}" if actors else "",
                                   f"{len(articles)} source{'s' if len(articles) != 1 else ''}") if x)
    since = f"since {interval['start']}"
    if interval.get("end") and on is None:
        since += f" until {interval['end']}"
    prefix = f"{label} on {when}" if when else label
    return f"{prefix}: {interval['status']} {since} ({detail})"
