"""One event, many reports: when two reports tell of the same event, and how they combine.

Inside an article, a later sentence that names the same kind of event at a
compatible place, with no date of its own or an overlapping one, tells more
of the same event ("the assault", "the crossing was sealed").  Across
articles, reports of the same type at the same place with overlapping date
windows are one event with one source per article (:class:`EventStore`).

``event_id`` is a hash of the first report (article id and offset), type,
category and place (one sentence may close two crossings), so it is stable
across runs of the same input.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from shapely import prepare

from geoborder.events.locate import Located
from geoborder.records import Event

_KM_PER_DEGREE = 111.0
_RADIUS_KM = {1: 15.0, 2: 80.0}  # by the coarser place's precision; a district given as a point spans ~80 km
_NEAR_BORDER_KM = 60.0


def _km(a, b) -> float:
    return a.distance(b) * _KM_PER_DEGREE


_WIDENED: dict[str, object] = {}  # place id -> its polygon widened by ~5 km, prepared for fast tests


def _widened(place_id: str, geometry):
    shape = _WIDENED.get(place_id)
    if shape is None:
        shape = _WIDENED[place_id] = geometry.buffer(0.05)
        prepare(shape)
    return shape


def places_compatible(a: Located | None, b: Located | None) -> bool:
    """Could both be where one event happened: the same place, or one inside or along the other?"""
    if a is None or b is None or a.place_id == b.place_id:
        return True
    coarse, fine = (a, b) if a.geo_precision >= b.geo_precision else (b, a)
    if coarse.kind == "country":
        return bool(fine.country) and coarse.country in (fine.country or "")
    if coarse.kind == "border":
        if fine.kind == "border":
            return False
        return _km(fine.point, coarse.geometry) <= _NEAR_BORDER_KM or (
            fine.geometry is not None and fine.geometry.geom_type != "Point"
            and fine.geometry.intersects(coarse.geometry))
    if coarse.geometry is not None and coarse.geometry.geom_type in ("Polygon", "MultiPolygon"):
        return _widened(coarse.place_id, coarse.geometry).contains(fine.point)
    return _km(a.point, b.point) <= _RADIUS_KM.get(coarse.geo_precision, 50.0)


def overlaps(a_start: str | None, a_end: str | None, b_start: str | None, b_end: str | None) -> bool:
    if not (a_start and b_start):
        return True
    return a_start <= (b_end or b_start) and b_start <= (a_end or a_start)


@dataclass
class Draft:
    """An event being assembled from one article's sentences."""

    event: Event
    location: Located | None
    own_date: bool                 # the window comes from the text, not the story's date
    generic: bool                  # an attack of unstated type so far
    umbrella: bool = False         # 'two more attacks': the events the sentence goes on to tell
    all_crossings: bool = False
    order: int = 0                 # the sentence it was first told in
    evidence_rank: int = 0         # how good its evidence sentence is (own date, own place)
    casualty_sentences: set = field(default_factory=set)


def _narrower(a: tuple, b: tuple) -> tuple:
    da = (date.fromisoformat(a[1]) - date.fromisoformat(a[0])).days if a[0] and a[1] else 10 ** 6
    db = (date.fromisoformat(b[1]) - date.fromisoformat(b[0])).days if b[0] and b[1] else 10 ** 6
    return a if da <= db else b


def same_draft_event(d: Draft, c: Draft) -> bool:
    """Does candidate ``c`` tell more of the event drafted as ``d`` (same article)?"""
    e, n = d.event, c.event
    if e.category != n.category or e.status != n.status:
        return False
    if e.category == "closure":
        if e.event_type != n.event_type:
            return False
    elif e.event_type != n.event_type and not (c.generic or d.generic):
        return False
    if d.all_crossings != c.all_crossings:
        return False  # the whole border and one named crossing are told apart (see extract._fold_whole_border)
    if not places_compatible(d.location, c.location):
        return False
    if d.own_date and c.own_date:
        return overlaps(e.date_start, e.date_end, n.date_start, n.date_end)
    return True


def absorb(d: Draft, c: Draft) -> None:
    """Fold candidate ``c`` into draft ``d``: the better place, the narrower own date, the stated type."""
    e, n = d.event, c.event
    better_place = c.location is not None and (
        d.location is None
        or (c.location.basis == "sentence" and d.location.basis != "sentence")
        or (c.location.basis == d.location.basis == "sentence"
            and c.location.geo_precision < d.location.geo_precision))
    if better_place:
        d.location = c.location
    if c.own_date and not d.own_date:
        e.date_start, e.date_end, e.date_precision = n.date_start, n.date_end, n.date_precision
        d.own_date = True
    elif c.own_date and d.own_date:
        win = _narrower((e.date_start, e.date_end, e.date_precision), (n.date_start, n.date_end, n.date_precision))
        e.date_start, e.date_end, e.date_precision = win
    if d.generic and not c.generic:
        e.event_type, d.generic = n.event_type, False
    merge_facts(e, n)
    if c.evidence_rank > d.evidence_rank:
        e.sources, d.evidence_rank = n.sources, c.evidence_rank


def merge_facts(into: Event, other: Event) -> None:
    """Casualties (the larger figure), actors, claims, scope and reason of ``other`` into ``into``."""
    for attr in ("fatalities", "fatalities_low", "injured"):
        mine, theirs = getattr(into, attr), getattr(other, attr)
        if theirs is not None and (mine is None or theirs > mine):
            setattr(into, attr, theirs)
            if attr == "fatalities":
                into.fatalities_high = other.fatalities_high
    for attr in ("actors", "claimed_by", "claims"):
        mine = getattr(into, attr)
        mine.extend(x for x in getattr(other, attr) if x not in mine)
    into.scope = into.scope or other.scope
    into.reason = into.reason or other.reason


def event_id(event: Event) -> str:
    first = min((s.article_id, s.start) for s in event.sources)
    key = f"{event.category}|{event.event_type}|{event.status}|{event.place_id}|{first[0]}|{first[1]}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


class EventStore:
    """Events across a corpus, each reported once however many articles tell it.

    >>> from geoborder.records import Source
    >>> store = EventStore()
    >>> e = Event("attack", "ied", "2021-09-07", "2021-09-07", "day", place_id="town/pak/x",
    ...           sources=[Source("a1", None, None, None, "s", 0, 1)])
    >>> f = Event("attack", "ied", "2021-09-06", "2021-09-07", "day", place_id="town/pak/x",
    ...           sources=[Source("a2", None, None, None, "s", 5, 6)])
    >>> _ = store.add(e); _ = store.add(f)
    >>> [x.n_sources for x in store.events()]
    [2]
    """

    def __init__(self):
        # by type and place: each event with the articles of its sources, kept up to date rather than
        # gathered again from a list of sources that grows with the corpus
        self._by_key: dict[tuple, list[tuple[Event, set[str]]]] = {}
        self._order: list[Event] = []

    def add(self, event: Event) -> Event:
        key = (event.category, event.event_type, event.status, event.place_id)
        bucket = self._by_key.setdefault(key, [])
        articles = {s.article_id for s in event.sources}
        for other, other_articles in bucket:
            if overlaps(other.date_start, other.date_end, event.date_start, event.date_end) \
                    and not other_articles & articles:
                _combine(other, event)
                other_articles |= articles
                return other
        bucket.append((event, articles))
        self._order.append(event)
        return event

    def events(self) -> list[Event]:
        """Every event with its ``event_id``, ordered by date, then id (the same input gives the same order)."""
        for e in self._order:
            e.sources.sort(key=lambda s: (s.published or "", s.article_id, s.start))
            e.event_id = event_id(e)
        return sorted(self._order, key=lambda e: (e.date_start or "9999", e.event_id))

    def __len__(self) -> int:
        return len(self._order)


def _combine(into: Event, other: Event) -> None:
    win = _narrower((into.date_start, into.date_end, into.date_precision),
                    (other.date_start, other.date_end, other.date_precision))
    into.date_start, into.date_end, into.date_precision = win
    merge_facts(into, other)
    if (other.geo_precision or 9) < (into.geo_precision or 9):
        into.geo_precision = other.geo_precision
    into.sources.extend(other.sources)
