"""Which date is whose: the story's own date, and the date each trigger of a sentence takes.

A sentence may name several dates and several events.  Each date belongs to
the trigger nearest to it, a comma or a new clause between them counting as
a long way ("closed since late Sunday, with a gun battle the next
morning"); a date that only says when something was told ("IRNA reported on
Sunday") belongs to none.  A trigger with no date of its own takes the
story's date: the latest day or week the article names within a week before
publication (a date that only says when something was told aside), unless its sentence is set well before the story ("In 2016,
...") and then that time.

>>> from datetime import date
>>> from geoborder.events.dates import find_dates
>>> from geoborder.events.lexicon import event_lexicon
>>> from geoborder.events.triggers import find_triggers
>>> text = "Thursday's strikes set off the clashes on the border, the army said on Friday."
>>> trigs = find_triggers(text)
>>> bound = bind_dates(text, trigs, find_dates(text, date(2025, 10, 12)), event_lexicon())
>>> [(t.phrase, [d.text for d in ds]) for t, ds in zip(trigs, bound)]
[('strikes', ['Thursday']), ('clashes', [])]
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from geoborder.events.dates import DateMention, DateWindow
from geoborder.events.lexicon import EventLexicon
from geoborder.events.triggers import Trigger

STORY_LOOKBACK_DAYS = 7
_CLAUSE_PENALTY = 30    # characters a comma or a new clause between a date and a trigger counts for
_REPORT_REACH = 40      # characters before a date searched for the verb that reports it
_REPORT_GAP_WORDS = 4   # 'told AFP news agency on Saturday'
_BACKGROUND_DAYS = 30   # a sentence dated this long before the story tells of older events
_GAP_BREAK = re.compile(r"[,;]|\b(?:and|but|while|said|says|after|before)\b")
_WORDS = re.compile(r"[\w']+")


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def precision(window: DateWindow) -> str | None:
    """The contract's date precision: a one-day window is a day, whatever the expression was."""
    if window.start and window.end and window.start == window.end:
        return "day"
    return window.precision


def story_window(dated: list[list[DateMention]], published: date | None) -> DateWindow:
    """The story's own date: the latest day or week the text names within a week before publication,
    else the publication day and the one before."""
    if published is None:
        return DateWindow(None, None, None)
    best = None
    for ds in dated:
        for d in ds:
            w = d.window
            if w.start and w.end and (w.end - w.start).days <= 6 and \
                    published - timedelta(days=STORY_LOOKBACK_DAYS) <= w.end <= published:
                if best is None or w.end > best.end:
                    best = w
    return best or DateWindow(published - timedelta(days=1), published, "day")


def date_distance(text: str, trig: Trigger, d: DateMention) -> int:
    """How far a date is from a trigger, a comma or a new clause between them counting as a long way."""
    lo, hi = (d.end, trig.start) if d.end <= trig.start else (trig.end, d.start)
    gap = text[lo:hi] if lo < hi else ""
    return max(0, hi - lo) + (_CLAUSE_PENALTY if _GAP_BREAK.search(gap) else 0)


def report_date(text: str, start: int, lex: EventLexicon) -> bool:
    """Does the date at ``start`` follow a reporting verb within a few words ('told AFP on Saturday')?"""
    return _after_report_verb(text, start, lex.report_verbs)


@lru_cache(maxsize=256)  # the story's date, binding and the background window all ask of one date
def _after_report_verb(text: str, start: int, report_verbs) -> bool:
    before = text[max(0, start - _REPORT_REACH):start]
    verbs = list(report_verbs.finditer(before))
    if not verbs:
        return False
    gap = before[verbs[-1].end():]
    return len(_WORDS.findall(gap)) <= _REPORT_GAP_WORDS and not re.search(r"[,;:]|\bthat\b", gap)


def bind_dates(text: str, triggers: list[Trigger], dates: list[DateMention], lex: EventLexicon
               ) -> list[list[DateMention]]:
    """For each trigger, the dates that belong to it."""
    out: list[list[DateMention]] = [[] for _ in triggers]
    if not triggers:
        return out
    for d in dates:
        if d.window.start is None and d.window.precision is None:
            continue
        if report_date(text, d.start, lex):
            continue  # 'IRNA reported on Sunday': when it was told, not when it happened
        i = min(range(len(triggers)), key=lambda k: date_distance(text, triggers[k], d))
        out[i].append(d)
    return out


def own_date(text: str, trig: Trigger, dates: list[DateMention], published: date | None) -> DateMention | None:
    """The trigger's own date among those bound to it: the nearest; none for a reported event that the
    dates would put after the article reporting it."""
    if not dates:
        return None
    own = min(dates, key=lambda d: date_distance(text, trig, d))
    if own.window.start is None and own.window.precision is None:
        return None
    if trig.status == "reported" and published is not None and own.window.start and own.window.start > published:
        return None  # what happened cannot be dated after the article that reports it
    return own


def background_window(text: str, trig: Trigger, dates: list[DateMention], story: DateWindow, lex: EventLexicon
                      ) -> DateWindow | None:
    """For a trigger with no date of its own in a sentence set well before the story ('In 2016, Pakistan
    closed the border after a gunfight'): the sentence's time, not the story's."""
    if story.start is None:
        return None
    older = [d for d in dates if d.window.end and d.window.start
             and d.window.end < story.start - timedelta(days=_BACKGROUND_DAYS) and not report_date(text, d.start, lex)]
    if not older:
        return None
    return min(older, key=lambda d: date_distance(text, trig, d)).window
