"""Each crossing's status over time, from closure and reopening events, and events merged across articles."""

from __future__ import annotations

from geoborder.events.merge import EventStore
from geoborder.events.timeline import crossing_statuses, intervals, status_on
from geoborder.records import Event, Source


def closure(kind, start, end=None, crossing="crossing/torkham", status="reported", eid=None, **kw):
    return Event("closure", kind, start, end or start, "day", crossing_id=crossing, status=status,
                 event_id=eid or f"ev-{kind}-{start}", **kw)


def spans(evs):
    return [(i.status, i.start, i.end) for i in intervals(evs)]


def test_a_closure_then_a_reopening():
    assert spans([closure("closure", "2023-02-19"), closure("reopening", "2023-02-25")]) == [
        ("closed", "2023-02-19", "2023-02-24"), ("open", "2023-02-25", None)]


def test_reports_of_one_closure_within_a_month_are_one_interval():
    [i] = intervals([closure("closure", "2023-02-19"), closure("closure", "2023-03-10")])
    assert (i.status, i.start, i.end, len(i.event_ids)) == ("closed", "2023-02-19", None, 2)


def test_a_closure_years_later_is_a_new_one_and_the_gap_is_unknown():
    assert spans([closure("closure", "2017-03-09"), closure("closure", "2023-02-19")]) == [
        ("closed", "2017-03-09", "2017-04-08"), ("closed", "2023-02-19", None)]


def test_announced_events_never_change_a_status():
    assert spans([closure("closure", "2023-02-19"), closure("reopening", "2023-02-23", status="announced")]) == [
        ("closed", "2023-02-19", None)]


def test_a_whole_border_closure_applies_to_every_crossing_on_that_border(gazetteer):
    whole = closure("closure", "2017-02-01", "2017-02-28", crossing=None, border_id="border/pak-afg",
                    all_crossings=True)
    by_id = {c.crossing_id: c for c in crossing_statuses(gazetteer, [whole])}
    assert by_id["crossing/torkham"].status_on_last_report == "closed"
    assert by_id["crossing/chaman-spin-boldak"].status_on_last_report == "closed"
    assert by_id["crossing/taftan-mirjaveh"].status_on_last_report == "unknown"
    assert all(c.crossing_id.startswith("crossing/") for c in by_id.values())


def test_status_on_a_day():
    timeline = [i.as_dict() for i in intervals([closure("closure", "2023-02-19"), closure("reopening", "2023-02-25")])]
    assert status_on(timeline, "2023-02-21")["status"] == "closed"
    assert status_on(timeline, "2023-03-01")["status"] == "open"
    assert status_on(timeline, "2023-01-01") is None
    assert status_on(timeline, None)["status"] == "open"


def _report(article, start, place="town/pak/landi-kotal", etype="ied", day="2021-09-07"):
    return Event("attack", etype, day, day, "day", place_id=place,
                 sources=[Source(article, None, None, None, "s", start, start + 1)])


def test_the_same_event_from_two_articles_is_one_event_with_two_sources():
    store = EventStore()
    store.add(_report("a1", 10))
    store.add(_report("a2", 50))
    [e] = store.events()
    assert e.n_sources == 2 and [s.article_id for s in e.sources] == ["a1", "a2"]


def test_two_events_of_one_article_stay_two():
    store = EventStore()
    store.add(_report("a1", 10))
    store.add(_report("a1", 90))
    assert len(store.events()) == 2


def test_event_ids_do_not_depend_on_the_order_articles_come_in():
    one, two = EventStore(), EventStore()
    for r in (_report("a1", 10), _report("a2", 50), _report("a3", 5, place="town/pak/chaman")):
        one.add(r)
    for r in (_report("a3", 5, place="town/pak/chaman"), _report("a2", 50), _report("a1", 10)):
        two.add(r)
    assert sorted(e.event_id for e in one.events()) == sorted(e.event_id for e in two.events())
