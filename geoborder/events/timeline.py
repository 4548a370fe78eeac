"""Each crossing's status over time, from the closure and reopening events that concern it.

A crossing's events are those placed at the crossing itself, and the
closures and reopenings of every crossing on its border ("all regular
crossings").  Announced reopenings never change a status: only what the
reporting says happened does.  Consecutive events of one status make one
interval; an interval ends the day before the next change, or stays open.
A report more than 30 days after the last one starts a new interval, and
the one before ends 30 days after its last report: what happened later is
unknown.

>>> from geoborder.records import Event
>>> evs = [Event("closure", "closure", "2023-02-19", "2023-02-19", "day", crossing_id="crossing/torkham",
...              event_id="ev-1"),
...        Event("closure", "reopening", "2023-02-25", "2023-02-25", "day", crossing_id="crossing/torkham",
...              event_id="ev-2")]
>>> [(i.status, i.start, i.end) for i in intervals(evs)]
[('closed', '2023-02-19', '2023-02-24'), ('open', '2023-02-25', None)]
>>> old = Event("closure", "closure", "2017-03-09", "2017-03-09", "day", crossing_id="crossing/torkham",
...             event_id="ev-0")
>>> [(i.status, i.start, i.end) for i in intervals([old] + evs)]
[('closed', '2017-03-09', '2017-04-08'), ('closed', '2023-02-19', '2023-02-24'), ('open', '2023-02-25', None)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from geoborder.records import Event

_STATUS = {"closure": "closed", "reopening": "open"}
# a closure reported more than this many days after the last report is a new closure, not the old one
# going on: the reopening between them went unreported
_SAME_EPISODE_DAYS = 30


@dataclass
class Interval:
    status: str
    start: str | None
    end: str | None
    event_ids: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"status": self.status, "start": self.start, "end": self.end, "event_ids": list(self.event_ids)}


@dataclass
class CrossingStatus:
    crossing_id: str
    name: str
    country_pair: str | None
    point: object
    timeline: list[Interval]

    @property
    def status_on_last_report(self) -> str:
        return self.timeline[-1].status if self.timeline else "unknown"

    @property
    def last_report_date(self) -> str | None:
        return self.timeline[-1].start if self.timeline else None


def intervals(events: list[Event]) -> list[Interval]:
    """The status intervals the events make, oldest first."""
    happened = sorted((e for e in events if e.status == "reported" and e.date_start and e.event_type in _STATUS),
                      key=lambda e: (e.date_start, e.date_end or e.date_start, e.event_id or ""))
    out: list[Interval] = []
    last_seen = None
    for e in happened:
        status = _STATUS[e.event_type]
        gap = (date.fromisoformat(e.date_start) - last_seen).days if last_seen else 0
        previous_seen = last_seen
        last_seen = max(last_seen or date.min, date.fromisoformat(e.date_end or e.date_start))
        if out and out[-1].status == status and gap <= _SAME_EPISODE_DAYS:
            out[-1].event_ids.append(e.event_id)
            continue
        if out and gap > _SAME_EPISODE_DAYS:  # what happened long after its last report is not known
            out[-1].end = min(previous_seen + timedelta(days=_SAME_EPISODE_DAYS),
                              date.fromisoformat(e.date_start) - timedelta(days=1)).isoformat()
        elif out:
            prev_end = date.fromisoformat(e.date_start) - timedelta(days=1)
            out[-1].end = max(prev_end.isoformat(), out[-1].start)
        out.append(Interval(status, e.date_start, None, [e.event_id]))
    return out


def crossing_statuses(gazetteer, events: list[Event]) -> list[CrossingStatus]:
    """One status record per crossing of the gazetteer, whether or not any article names it."""
    closures = [e for e in events if e.category == "closure"]
    out = []
    for place in sorted((p for p in gazetteer if p.kind == "crossing"), key=lambda p: p.id):
        border = place.properties.get("border")
        mine = [e for e in closures if e.crossing_id == place.id or (e.all_crossings and e.border_id == border)]
        pair = (gazetteer.get(border).country if border and gazetteer.get(border) else None)
        out.append(CrossingStatus(place.id, place.name, pair, place.point, intervals(mine)))
    return out


def status_on(timeline: list[dict], on: str | None) -> dict | None:
    """The interval of a timeline (as written in crossings.geojson) in force on a day; the last without a day."""
    if not timeline:
        return None
    if on is None:
        return timeline[-1]
    for interval in timeline:
        if interval["start"] and interval["start"] <= on and (interval["end"] is None or on <= interval["end"]):
            return interval
    return None
