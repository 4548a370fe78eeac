"""Date expressions in a sentence, resolved against the article's publication date.

>>> from datetime import date
>>> [(m.text, str(m.window.start)) for m in find_dates("Two soldiers were killed late on Sunday.", date(2024, 5, 16))]
[('late on Sunday', '2024-05-12')]
>>> w = find_dates("Trade stopped last month.", date(2017, 3, 9))[0].window
>>> (str(w.start), str(w.end), w.precision)
('2017-02-01', '2017-02-28', 'month')
>>> find_dates("The crossing would reopen from Thursday.", date(2023, 2, 21), future=True)[0].window.start
datetime.date(2023, 2, 23)

Every window is inclusive. In past narration (the default) a date the text does
not fix in full is the latest one on or before publication ("on Tuesday" in a
Tuesday article is that day); with ``future=True`` it is the next one on or
after. Expressions such as "the next day" chain onto the closest date told
before them in the same text, else onto ``anchor`` (the previous sentence's).
Without a publication date only what the text itself fixes is resolved
("in April 2019"); the rest keeps its precision and no dates: nothing is guessed.

The words (month and weekday names, times of day, relative words, names that
look like dates but are not) live in ``data/lexicons/dates.json``.
"""

from __future__ import annotations

import math
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Callable

import ahocorasick

from geoborder.errors import InputError
from geoborder.events.numbers import number_words, parse_count
from geoborder.resources import LEXICON_DIR, read_lexicon

ONE_DAY = timedelta(days=1)
_SOME_DAY = date(2001, 6, 15)  # for the precision of a window whose length does not depend on the day
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
# lengths used where a count of units is not a calendar period ("the past two weeks")
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "night": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365,
              "decade": 3650}
_MOST_DAYS = 36500  # "the past 2014 years" is no date window
_UNIT_PRECISION = {"hour": "day", "day": "day", "night": "day", "week": "week", "fortnight": "week", "month": "month",
                   "year": "year", "decade": "year"}


@dataclass(frozen=True)
class DateWindow:
    """An inclusive window of days; ``start``/``end`` are None when the text does not fix them."""

    start: date | None
    end: date | None
    precision: str | None  # 'day' | 'week' | 'month' | 'year'


@dataclass(frozen=True)
class DateMention:
    """One date expression of a text, with its character offsets and its resolved window."""

    start: int
    end: int
    text: str
    window: DateWindow
    relative: bool  # needed the publication date or an anchor to resolve
    chained: bool  # resolved against an anchor or an earlier expression ("the next morning")
    range_days: int | None  # (window.end - window.start).days + 1, None when open


# -- the words ----------------------------------------------------------------------


@dataclass(frozen=True)
class DateWords:
    """The lexicon, normalised: lower case, single spaces (see the file's ``_about``)."""

    months: dict[str, int]
    abbreviations: frozenset[str]
    ambiguous: frozenset[str]
    month_context: frozenset[str]
    weekdays: dict[str, int]
    times_of_day: tuple[str, ...]
    day_edges: tuple[str, ...]
    overnight_edges: dict[str, tuple[int, int]]
    relative_days: dict[str, tuple[int, int]]
    period_relatives: dict[str, str]
    part_words: dict[str, str]
    parts: dict[str, dict[str, tuple[int, int]]]
    rolling: dict[str, int]
    vague_counts: dict[str, tuple[int, int | None]]
    chain_units: dict[str, str]
    chain_steps: dict[str, int]
    same_day: tuple[str, ...]
    recent: dict[str, tuple[int, str]]
    non_dates: tuple[str, ...]
    year_context: frozenset[str]
    bare_years: tuple[int, int]
    quantity_words: frozenset[str]
    label_words: frozenset[str]


def _low(words) -> list[str]:
    return [_norm(w) for w in words]


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    """The date words of ``data/lexicons/dates.json``; an unreadable or malformed file is an
    :class:`~geoborder.errors.InputError` naming it."""
    path = LEXICON_DIR / "dates.json"
    data = read_lexicon(path)
    try:
        full = {_norm(k): int(v) for k, v in data["months"].items()}
        abbr = {_norm(k): int(v) for k, v in data["month_abbreviations"].items()}
        words = DateWords(
            months={**full, **abbr},
            abbreviations=frozenset(abbr),
            ambiguous=frozenset(_low(data["ambiguous_months"])),
            month_context=frozenset(_low(data["month_context"])),
            weekdays={_norm(k): int(v) for k, v in data["weekdays"].items()},
            times_of_day=tuple(_low(data["times_of_day"])),
            day_edges=tuple(_low(data["day_edges"])),
            overnight_edges={_norm(k): (int(v[0]), int(v[1])) for k, v in data["overnight_edges"].items()},
            relative_days={_norm(k): (int(v[0]), int(v[1])) for k, v in data["relative_days"].items()},
            period_relatives={_norm(k): v for k, v in data["period_relatives"].items()},
            part_words={_norm(k): v for k, v in data["part_words"].items()},
            parts={part: {unit: (int(b[0]), int(b[1])) for unit, b in units.items()}
                   for part, units in data["parts"].items()},
            rolling={_norm(k): int(v) for k, v in data["rolling_relatives"].items()},
            vague_counts={_norm(k): (int(v[0]), None if v[1] is None else int(v[1]))
                          for k, v in data["vague_counts"].items()},
            chain_units={_norm(k): v for k, v in data["chain_units"].items()},
            chain_steps={_norm(k): int(v) for k, v in data["chain_steps"].items()},
            same_day=tuple(_low(data["same_day"])),
            recent={_norm(k): (int(v[0]), str(v[1])) for k, v in data["recent"].items()},
            non_dates=tuple(data["non_dates"]),
            year_context=frozenset(_low(data["year_context"])),
            bare_years=(int(data["bare_years"][0]), int(data["bare_years"][1])),
            quantity_words=frozenset(_low(data["quantity_words"])),
            label_words=frozenset(_low(data["label_words"])),
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise InputError(path, f"malformed lexicon: {type(exc).__name__}: {exc}") from None
    bad = {v for v in words.part_words.values()} - set(words.parts)
    bad |= set(words.period_relatives.values()) - {"this", "last", "next", "earlier", "later"}
    bad |= set(words.chain_units.values()) - {"day", "week", "weekend", "month", "year"}
    if bad:
        raise InputError(path, f"unknown values: {sorted(bad)}")
    return words


def _norm(s: str) -> str:
    return " ".join(s.lower().replace("\u2019", "'").split()).rstrip(".")


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


# -- calendar arithmetic ------------------------------------------------------------


def _month_span(y: int, mo: int) -> tuple[date, date]:
    return date(y, mo, 1), date(y, mo, monthrange(y, mo)[1])


def _add_months(y: int, mo: int, k: int) -> tuple[int, int]:
    i = y * 12 + mo - 1 + k
    return i // 12, i % 12 + 1


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _unit_span(d: date, unit: str) -> tuple[date, date]:
    if unit == "week":
        return _monday(d), _monday(d) + timedelta(days=6)
    if unit == "month":
        return _month_span(d.year, d.month)
    return date(d.year, 1, 1), date(d.year, 12, 31)


def _next_span(d: date, unit: str, step: int) -> tuple[date, date]:
    """The week, month or year ``step`` periods away from the one holding ``d``."""
    if unit == "week":
        return _unit_span(d + timedelta(days=7 * step), unit)
    if unit == "month":
        return _month_span(*_add_months(d.year, d.month, step))
    return date(d.year + step, 1, 1), date(d.year + step, 12, 31)


def _narrow(span: tuple[date, date], unit: str, part: str | None, w: DateWords) -> tuple[date, date]:
    """The early, mid or late part of a calendar week, month, year or decade."""
    if part is None:
        return span
    lo, hi = w.parts[part][unit]
    start, end = span
    if unit == "month":
        last = end.day
        return start.replace(day=min(lo, last)), start.replace(day=min(hi, last))
    if unit == "year":
        return date(start.year, lo, 1), _month_span(start.year, hi)[1]
    if unit == "decade":
        return date(start.year + lo, 1, 1), date(start.year + hi, 12, 31)
    return start + timedelta(days=lo - 1), start + timedelta(days=hi - 1)


def _pick(make: Callable[[int], tuple[date, date] | None], ref: date, forward: bool,
          years: int = 9) -> tuple[date, date] | None:
    """The latest yearly instance starting on or before ``ref``; forward, the earliest ending on or after it."""
    order = range(ref.year - 1, ref.year + years) if forward else range(ref.year + 1, ref.year - years, -1)
    for y in order:
        span = make(y)
        if span and (span[1] >= ref if forward else span[0] <= ref):
            return span
    return None


def _span_precision(start: date, end: date) -> str:
    n = (end - start).days + 1
    return "day" if n <= 2 else "week" if n <= 10 else "month" if n <= 92 else "year"


def _coarser(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    return a if _RANK[a] >= _RANK[b] else b


def _window(span: tuple[date, date] | None, precision: str | None) -> DateWindow:
    if span is None:
        return DateWindow(None, None, precision)
    return DateWindow(span[0], span[1], precision)


# -- parsed expressions -------------------------------------------------------------


class _Expr:
    """A parsed expression waiting for its context.

    kind 'fixed': ``window`` is all; 'calendar': ``fn(ref, forward)`` finds the instance nearest
    ``ref``; 'now': ``fn(published, future)``; 'chain': ``fn(anchor)``; 'range': ``parts``.
    ``direction`` is -1 or 1 when the words themselves look back or ahead ("yesterday",
    "next week"); 0 lets the narration clip a window that straddles publication.
    ``relational``: "two days after the talks" after a date of the same text relates that
    date to another event and is no date of its own. ``follows``: a calendar expression
    that, told after a date, is the first such day after it ("on June 1 ... on the 3rd").
    (A plain class with slots: one is built for every phrase found, and a frozen dataclass
    costs several times as much to build.)
    """

    __slots__ = ("kind", "precision", "fn", "window", "direction", "parts", "relational", "follows")

    def __init__(self, kind: str, precision: str | None, fn: Callable | None = None,
                 window: DateWindow | None = None, direction: int = 0, parts: tuple | None = None,
                 relational: bool = False, follows: bool = False):
        self.kind = kind
        self.precision = precision
        self.fn = fn
        self.window = window
        self.direction = direction
        self.parts = parts
        self.relational = relational
        self.follows = follows


def _fixed(span: tuple[date, date], precision: str) -> _Expr:
    return _Expr("fixed", precision, window=_window(span, precision))


def _count(s: str, w: DateWords) -> tuple[int, int | None] | None:
    s = _norm(s)
    if s in ("a", "an"):
        return 1, 1
    if s in w.vague_counts:
        return w.vague_counts[s]
    c = parse_count(s)
    return None if c is None else (c.low, c.high)


def _upper(lo: int, hi: int | None) -> int:
    return hi if hi is not None else max(3 * lo, lo + 5)


def _words_before(text: str, i: int, n: int = 2) -> list[str]:
    """The last ``n`` words before ``i``, lower-cased, with nothing but spaces between them
    and ``i`` (punctuation breaks the context)."""
    pieces = text[max(0, i - 30):i].split(" ")
    if len(pieces) < 2 or pieces[-1]:
        return []
    out: list[str] = []
    for piece in reversed(pieces[:-1]):
        if not piece:
            continue
        if not piece.isalpha():
            break
        out.append(piece.lower())
        if len(out) == n:
            break
    out.reverse()
    return out


def _preceded_by(text: str, i: int, words: frozenset[str]) -> bool:
    """Whether the word, or the two words, right before ``i`` are one of ``words``."""
    ws = _words_before(text, i)
    return bool(ws) and (ws[-1] in words or " ".join(ws) in words)


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_BETWEEN_AND = re.compile(r"\bbetween\s+\S+(?:\s+\S+){0,3}\s+and\s+$")


def _between_and(low: str, i: int) -> bool:
    """Whether "between ... and " ends right before ``i`` ("between January and September 15")."""
    start = max(0, i - 60)
    # the word itself is the cheap test: without it in the stretch the pattern cannot match
    return low.find("between", start, i) >= 0 and bool(_BETWEEN_AND.search(low, start, i))


def _month_token(m: re.Match, text: str, w: DateWords) -> tuple[int, bool] | None:
    """The month a name stands for and whether it needs context; None when it cannot be a month here."""
    token = text[m.start("m"):m.end("m")]
    key = _norm(token)
    mo = w.months.get(key)
    if mo is None:
        return None
    needs = key in w.ambiguous or key in w.abbreviations
    if needs and not token[0].isupper():
        return None
    return mo, needs


# -- handlers: one per family of expressions ----------------------------------------


def _h_iso(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    try:
        d = date(int(m["y"]), int(m["mo"]), int(m["d"]))
    except ValueError:
        return None
    return _fixed((d, d), "day")


def _h_day_in_month(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"May 13", "13 May", "the 18th of March", "March 7, 2017", "March 1-5"."""
    month = _month_token(m, text, w)
    if month is None:
        return None
    mo = month[0]
    d1 = int(m["d1"])
    d2 = int(m["d2"]) if m["d2"] else d1
    if not 1 <= d1 <= d2 <= 31 or d2 > monthrange(2000, mo)[1]:
        return None

    def make(y: int) -> tuple[date, date] | None:
        try:
            return date(y, mo, d1), date(y, mo, d2)
        except ValueError:
            return None

    if m["y"]:
        span = make(int(m["y"]))
        return None if span is None else _fixed(span, "day")
    return _Expr("calendar", "day", fn=lambda ref, fwd: _window(_pick(make, ref, fwd), "day"))


def _h_month_year(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"April 2019", "mid-March 2019", "the end of June 2020"."""
    month = _month_token(m, text, w)
    if month is None:
        return None
    part = w.part_words[_norm(m["q"])] if m["q"] else None
    return _fixed(_narrow(_month_span(int(m["y"]), month[0]), "month", part, w), "month")


def _h_month(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """A month with no day or year: "in January", "last March", "mid-May"."""
    month = _month_token(m, text, w)
    if month is None:
        return None
    mo, needs_context = month
    rel = _norm(m["rel"]) if m["rel"] else None
    part = w.part_words[_norm(m["q"])] if m["q"] else None
    context = bool(rel or part) or _preceded_by(text, m.start(), w.month_context) \
        or _between_and(m.string, m.start())
    if needs_context and not context:
        return None
    if not context:
        after = _NEXT_WORD.match(text, m.end())
        if after and after[1][0].isupper() and _norm(after[1]) not in w.months:
            return None  # a name: "June Almeida"

    def resolve(ref: date, forward: bool) -> DateWindow:
        if rel in ("last", "past"):
            ref, forward = ref.replace(day=1) - ONE_DAY, False
        elif rel in ("next", "coming"):
            ref, forward = _month_span(ref.year, ref.month)[1] + ONE_DAY, True
        # the month is chosen whole, then narrowed: "mid-March" in a March 9 article is this March
        span = _pick(lambda y: _month_span(y, mo), ref, forward)
        return _window(span and _narrow(span, "month", part, w), "month")

    return _Expr("calendar", "month", fn=resolve)


def _h_weekday(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"on Sunday", "late Sunday", "Saturday night", "last Friday", "Tuesday last week"."""
    wd = w.weekdays[_norm(m["wd"])]
    lo, hi = w.overnight_edges.get(_norm(m["edge"]), (0, 0)) if m["edge"] else (0, 0)
    if m["tod"] and _norm(m["tod"]) == "overnight":
        lo, hi = 0, 1
    rel = _norm(m["rel"] or m["rel2"] or "")

    lo_days, hi_days = timedelta(days=lo), timedelta(days=hi)

    def around(d: date) -> DateWindow:
        return DateWindow(d, d, "day") if lo == hi == 0 else DateWindow(d + lo_days, d + hi_days, "day")

    if m["wk"]:
        step = {"last": -1, "this": 0, "next": 1}[_norm(m["wk"])]
        return _Expr("now", "day", fn=lambda p, fut: around(_monday(p) + timedelta(days=7 * step + wd)),
                     direction=step)
    strict = -1 if rel in ("last", "past", "this past") else 1 if rel in ("next", "coming", "this coming") else 0

    def resolve(ref: date, forward: bool) -> DateWindow:
        if strict:
            ref, forward = ref + timedelta(days=strict), strict > 0
        shift = (wd - ref.weekday()) % 7 if forward else -((ref.weekday() - wd) % 7)
        return around(ref + timedelta(days=shift) if shift else ref)

    return _Expr("calendar", "day", fn=resolve)


def _h_weekend(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"over the weekend": the latest Saturday..Sunday (ahead, the next)."""
    def resolve(ref: date, forward: bool) -> DateWindow:
        sat = _monday(ref) + timedelta(days=5)
        if not forward and sat > ref:
            sat -= timedelta(days=7)
        return DateWindow(sat, sat + ONE_DAY, "week")

    return _Expr("calendar", "week", fn=resolve)


def _h_relative_day(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"yesterday", "last night", "overnight", "this morning", "tomorrow"."""
    lo, hi = w.relative_days[_norm(m["w"])]
    return _Expr("now", "day", fn=lambda p, fut: DateWindow(p + timedelta(days=lo), p + timedelta(days=hi), "day"),
                 direction=(hi > 0) - (lo < 0))


def _h_period(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"this week", "earlier this month", "late last year", "next week"."""
    rel = w.period_relatives[_norm(m["rel"])]
    unit = _norm(m["unit"])
    part = w.part_words[_norm(m["q"])] if m["q"] else None
    precision = "week" if unit == "weekend" else unit

    def resolve(p: date, future: bool) -> DateWindow:
        if unit == "weekend":
            sat = _monday(p) + timedelta(days=5 + {"last": -7, "next": 7}.get(rel, 0))
            return DateWindow(sat, sat + ONE_DAY, "week")
        start, end = _unit_span(p, unit)
        if rel == "earlier":
            span = (start, p - ONE_DAY) if p > start else _next_span(p, unit, -1)
        elif rel == "later":
            span = (p + ONE_DAY, end) if p < end else _next_span(p, unit, 1)
        else:
            span = _next_span(p, unit, {"this": 0, "last": -1, "next": 1}[rel])
        return _window(_narrow(span, unit, part, w), precision)

    return _Expr("now", precision, fn=resolve,
                 direction={"last": -1, "earlier": -1, "next": 1, "later": 1}.get(rel, 0))


_ROLLING_PREPS = frozenset({"in", "over", "within", "during", "for", "throughout", "through"})


def _h_rolling(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"the past 24 hours", "the last two weeks", "in the coming days", "the past year"."""
    rel = _norm(m["rel"])
    step = w.rolling[rel]
    unit_word = _norm(m["unit"])
    unit = unit_word[:-1] if unit_word.endswith("s") else unit_word
    if m.string.startswith(" of ", m.end()):
        return None  # "the last week of March"
    if m["n"] is None and unit_word == unit and unit != "fortnight":
        if rel == "previous" or (not m["the"] and rel in ("last", "next", "coming")):
            return None  # a calendar period ("last week") or a chain ("the previous day")
        if step > 0 and not _preceded_by(text, m.start(), _ROLLING_PREPS):
            return None  # "the next day": a chain
    count = _count(m["n"], w) if m["n"] else (1, 1) if unit_word == unit else (2, None)
    if count is None or _upper(*count) * _UNIT_DAYS[unit] > _MOST_DAYS:
        return None
    days = max(1, math.ceil(_upper(*count) * _UNIT_DAYS[unit]))

    def resolve(p: date, future: bool) -> DateWindow:
        span = (p - timedelta(days=days), p) if step < 0 else (p, p + timedelta(days=days))
        return _window(span, _span_precision(*span))

    return _Expr("now", resolve(_SOME_DAY, False).precision, fn=resolve, direction=step)


def _h_ago(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"two days ago", "a week ago", "a few months ago", "years ago"."""
    unit_word = _norm(m["unit"])
    unit = unit_word[:-1] if unit_word.endswith("s") else unit_word
    count = _count(m["n"], w) if m["n"] else (1, 1) if unit_word == unit else (2, None)
    if count is None or _upper(*count) * _UNIT_DAYS[unit] > _MOST_DAYS:
        return None
    lo, hi = count
    up = _upper(lo, hi)
    exact = hi == lo

    def resolve(p: date, future: bool) -> DateWindow:
        if exact and unit in ("month", "year"):
            span = _next_span(p, unit, -lo)
            return _window(span, unit)
        if exact and unit in ("week", "fortnight"):
            mid = p - timedelta(days=_UNIT_DAYS[unit] * lo)
            return DateWindow(mid - timedelta(days=3), mid + timedelta(days=3), "week")
        far = math.ceil(up * _UNIT_DAYS[unit])
        near = math.floor(lo * _UNIT_DAYS[unit])
        span = (p - timedelta(days=far), p - timedelta(days=near))
        return _window(span, "day" if far == near else _span_precision(*span))

    return _Expr("now", resolve(_SOME_DAY, False).precision, fn=resolve, direction=-1)


def _h_recent(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"recently", "in recent weeks"."""
    days, precision = w.recent[_norm(m["w"])]
    return _Expr("now", precision, fn=lambda p, fut: DateWindow(p - timedelta(days=days), p, precision),
                 direction=-1)


def _h_day_of_month(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"on the 18th", "the 5th of this month": a day of a month the text leaves to context."""
    d = int(m["d"])
    if not 1 <= d <= 31:
        return None
    rel = _norm(m["rel"]) if m["rel"] else None

    def day_in(y: int, mo: int) -> DateWindow:
        if d > monthrange(y, mo)[1]:
            return DateWindow(None, None, "day")
        return DateWindow(date(y, mo, d), date(y, mo, d), "day")

    if rel in ("this", "last", "next"):
        step = {"this": 0, "last": -1, "next": 1}[rel]
        return _Expr("now", "day", fn=lambda p, fut: day_in(*_add_months(p.year, p.month, step)), direction=step)
    if rel:  # "the same month", "that month"
        return _Expr("chain", "day", fn=lambda a: day_in(a.start.year, a.start.month))
    if m.string[max(0, m.start() - 3):m.start()] != "on " or not _AFTER_DAY_OF_MONTH.match(m.string, m.end()):
        return None  # "the 18th amendment", "on the 3rd floor"

    def resolve(ref: date, forward: bool) -> DateWindow:
        for k in range(0, 13):
            y, mo = _add_months(ref.year, ref.month, k if forward else -k)
            if d <= monthrange(y, mo)[1]:
                day = date(y, mo, d)
                if (day >= ref) if forward else (day <= ref):
                    return DateWindow(day, day, "day")
        return DateWindow(None, None, "day")

    return _Expr("calendar", "day", fn=resolve, follows=True)


_AFTER_DAY_OF_MONTH = re.compile(r"\s*(?:[,.;:)]|$)|\s+(?:and|when|at|in|as|after|before|while|it|they|he|she|we"
                                 r"|the|a|an|this|that|its|their|police|officials|troops)\b")


def _h_year(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"in 2014", "since 2021", "the 2014 agreement", "2019-20", "early 2020"."""
    y = int(m["y"])
    part = w.part_words[_norm(m["q"])] if m["q"] else None
    y2 = None
    if m["y2"]:
        y2 = int(m["y2"])
        if y2 < 100:
            y2 += y // 100 * 100
            if y2 <= y:
                y2 += 100
        if not y < y2 <= y + 50:
            return None
    ws = _words_before(text, m.start(), 2)
    context = bool(part or y2 or m["poss"]) or bool(ws) and (ws[-1] in w.year_context or " ".join(ws) in w.year_context)
    after = _NEXT_WORD.match(text, m.end())
    nxt = after[1] if after else ""
    if nxt.lower() in w.quantity_words or (ws and ws[-1] in w.label_words and not m["q"]):  # nxt is letters only
        return None  # "2000 trucks", "Resolution 1973"
    if not context:
        after_the = bool(ws) and ws[-1] == "the"
        if not after_the and not w.bare_years[0] <= y <= w.bare_years[1]:
            return None
        if not after_the and nxt.islower() and len(nxt) > 3 and nxt.endswith("s") and not nxt.endswith("ss"):
            return None  # a count before a plural noun: "1980 shops"
    # the expression depends on nothing but the years and the part: built once for each ("in 2014" comes back)
    key = (y, y2, part)
    expr = _YEARS.get(key)
    if expr is None:
        if len(_YEARS) >= _PARSED_MAX:
            _YEARS.clear()
        if y2:
            expr = _fixed((date(y, 1, 1), date(y2, 12, 31)), "year")
        else:
            expr = _fixed(_narrow((date(y, 1, 1), date(y, 12, 31)), "year", part, w), "year")
        _YEARS[key] = expr
    return expr


_YEARS: dict[tuple[int, int | None, str | None], _Expr] = {}


def _h_decade(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"the 1990s", "the late 1980s"; "1990's" alone is left to the year ("2010's elections")."""
    if "'" in m[0] and not m["q"] and not m[0].startswith("the"):
        return None
    y = int(m["dec"])
    part = w.part_words[_norm(m["q"])] if m["q"] else None
    return _fixed(_narrow((date(y, 1, 1), date(y + 9, 12, 31)), "decade", part, w), "year")


def _h_chain_count(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"two days later", "a day earlier", "three days prior", "days later", "a month later"."""
    unit_word = _norm(m["unit"])
    unit = unit_word[:-1] if unit_word.endswith("s") else unit_word
    if m["n"] is None and unit_word == unit:
        return None  # "day after day"
    vague_link = m["n"] is None and _norm(m["dir"]) in ("before", "after")
    if vague_link and _NEXT_WORD.match(m.string, m.end()):
        return None  # "it may be months before trade resumes", "hours after talks failed"
    count = _count(m["n"], w) if m["n"] else (2, None)
    if count is None or _upper(*count) * _UNIT_DAYS[unit] > _MOST_DAYS:
        return None
    lo, hi = count
    up = _upper(lo, hi)
    sign = w.chain_steps[_norm(m["dir"])]
    exact = hi == lo

    def resolve(a: DateWindow) -> DateWindow:
        if exact and unit in ("month", "year"):
            span = _next_span(a.start, unit, sign * lo)
            return _window(span, _coarser(unit, a.precision))
        a = _edge(a, sign)
        if unit == "hour":
            near, far = lo // 24, max(math.ceil(up / 24), lo // 24 + (0 if exact else 1))
        else:
            near, far = lo * _UNIT_DAYS[unit], up * _UNIT_DAYS[unit]
        if sign > 0:
            span = (a.start + timedelta(days=near), a.end + timedelta(days=far))
        else:
            span = (a.start - timedelta(days=far), a.end - timedelta(days=near))
        precision = (a.precision or "day") if near == far else _coarser(a.precision, _span_precision(*span))
        return _window(span, precision)

    relational = _norm(m["dir"]) in ("after", "before") and bool(_NEXT_WORD.match(m.string, m.end()))
    return _Expr("chain", _UNIT_PRECISION[unit], fn=resolve, relational=relational)


def _h_chain_step(m: re.Match, text: str, w: DateWords) -> _Expr | None:
    """"the next morning", "the day before", "later that day", "that night", "earlier that same week"."""
    when = None
    if m["sameday"]:
        unit, step = "day", 0
    elif m["u1"]:
        unit, step = w.chain_units[_norm(m["u1"])], w.chain_steps[_norm(m["dir1"])]
    elif m["u2"]:
        unit, step = w.chain_units[_norm(m["u2"])], w.chain_steps[_norm(m["dir2"])]
    elif m["u3"]:
        unit, step, when = w.chain_units[_norm(m["u3"])], 0, _norm(m["when"])
        if _norm(m["link"]) == "in the" and unit != "day":
            return None  # "earlier in the week" is this week, not a chain
    else:
        unit, step = w.chain_units[_norm(m["u4"])], 0
    precision = "week" if unit == "weekend" else unit
    return _Expr("chain", precision, fn=lambda a: _chain_window(a, unit, step, when, w))


def _edge(a: DateWindow, sign: int) -> DateWindow:
    """The last day of a run of days to count forward from, the first to count back from
    ("from March 1 to 5 ... the next day" is March 6); a night (two days) counts whole."""
    if sign == 0 or (a.precision or "day") != "day" or (a.end - a.start).days < 2:
        return a
    edge = a.end if sign > 0 else a.start
    return DateWindow(edge, edge, "day")


def _chain_window(a: DateWindow, unit: str, step: int, when: str | None, w: DateWords) -> DateWindow:
    own = a.precision or "day"
    if unit == "day":
        if own in ("month", "year"):
            return a  # "the next day" after "in August" is still somewhere in August
        a = _edge(a, step)
        return DateWindow(a.start + timedelta(days=step), a.end + timedelta(days=step), own)
    if unit == "weekend":
        sat = _monday(a.start) + timedelta(days=5 + 7 * step)
        return DateWindow(sat, sat + ONE_DAY, "week")
    if step:
        return _window(_next_span(a.end if step > 0 else a.start, unit, step), unit)
    if _RANK[own] >= _RANK[unit]:
        return a  # "earlier that week" after "in August": stay inside the anchor
    start, end = _unit_span(a.start, unit)
    if when == "earlier":
        end = max(start, a.start - ONE_DAY)
    elif when == "later":
        start = min(end, a.end + ONE_DAY)
    elif when in ("early", "late"):
        start, end = _narrow((start, end), unit, when, w)
    return DateWindow(start, end, unit)


# -- patterns -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _families() -> tuple[tuple[re.Pattern, Callable, frozenset[str], int, frozenset[str], frozenset[str], bool],
                         ...]:
    """(pattern over the lower-cased text, handler, anchors, words back, lead words, prefix words, pure).

    A pattern is tried only where one of its anchor words stands, starting at one of the
    ``words back`` words before it that may lead the expression ("late" in "late on
    Sunday"; "#" stands for a number written in digits) or, with "@", at the anchor itself.
    Prefix words are all the words that may stand between a lead word and the anchor: the
    search back from an anchor stops at any other word. A pure handler reads nothing but
    the words it matched, so what it makes of a phrase is remembered.
    """
    w = date_words()
    nw = number_words()
    full = _alt(k for k in w.months if k not in w.abbreviations)
    abbr = _alt(w.abbreviations)
    month = rf"(?P<m>(?:{full})\b|(?:{abbr})\b\.?)"
    wday = _alt(w.weekdays)
    tod = _alt(w.times_of_day)
    part = _alt(w.part_words)
    year = r"(?:1[0-9]|20)[0-9]{2}(?![0-9])"

    def day(name: str) -> str:
        return rf"(?P<{name}>[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9])"

    num = rf"[0-9]+|(?:{_alt(nw.tens)})(?:[\s-]+(?:{_alt(nw.units)}))?|" \
          rf"{_alt([*nw.units, *nw.approximate, *w.vague_counts, 'a', 'an'])}"
    units = r"hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?"
    chain_unit = _alt(w.chain_units)
    dash = r"(?:-|\u2013|\u2014)"

    def firsts(phrases) -> set[str]:
        return {_norm(p).split()[0].rstrip("-") for p in phrases}

    def words_of(phrases) -> set[str]:
        return {word for p in phrases for word in re.split(r"[\s\\+|()?-]+", _norm(p)) if word.isalpha()}

    weekdays = set(w.weekdays)
    part_lead = firsts(w.part_words)
    num_lead = firsts([*nw.units, *nw.tens, *nw.approximate, *w.vague_counts]) | {"a", "an", "#"}
    unit_words = {u + s for u in _UNIT_DAYS for s in ("", "s")}
    number_words_ = words_of([*nw.units, *nw.tens, *nw.approximate, *w.vague_counts]) | {"a", "an"} | unit_words
    edges = _alt([*w.day_edges, *w.overnight_edges])
    weekday_rel = r"this\s+past|this\s+coming|last|this|next|coming|past"
    specs = [
        (r"(?<![0-9])(?P<y>[12][0-9]{3})(?P<sep>[-/])(?P<mo>[01]?[0-9])(?P=sep)(?P<d>[0-3]?[0-9])"
         r"(?:t[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:z|[+-][0-9]{2}:?[0-9]{2})?)?(?![0-9])",
         _h_iso, "iso", 0, {"@"}),
        (rf"\b(?:(?:{wday}),?\s+(?:the\s+)?)?{month}\s+(?:the\s+)?{day('d1')}"
         rf"(?:\s*(?:{dash}|to|through|till|until)\s*{day('d2')})?(?:,?\s*(?P<y>{year}))?",
         _h_day_in_month, "month", 2, weekdays | {"@"}),
        (rf"(?<![0-9.,:/-])\b(?:(?:{wday}),?\s+)?(?:the\s+)?{day('d1')}"
         rf"(?:\s*(?:{dash}|to|and)\s*(?:the\s+)?{day('d2')})?\s+(?:of\s+)?{month}(?:,?\s*(?P<y>{year}))?",
         _h_day_in_month, "month", 6, weekdays | {"the", "#"}),
        (rf"\b(?:(?P<q>{part})(?:\s+|{dash})?)?{month},?\s+(?:of\s+)?(?P<y>{year})",
         _h_month_year, "month", 3, part_lead | {"@"}),
        (rf"\b(?:(?P<rel>this\s+past|last|this|next|past|coming)\s+|(?P<q>{part})(?:\s+|{dash})?)?{month}",
         _h_month, "month", 3, part_lead | {"this", "last", "next", "past", "coming", "@"}),
        (rf"\b(?:(?P<edge>{edges})\s+(?:on\s+)?)?(?:(?P<rel>{weekday_rel})\s+)?(?P<wd>{wday})\b"
         rf"(?:\s+(?:of\s+)?(?P<wk>last|this|next)\s+week\b|\s+(?P<rel2>last)\b(?!\s+(?:week|month|year)))?"
         rf"(?:\s+(?P<tod>{tod}|overnight)\b)?",
         _h_weekday, "weekday", 6, firsts([*w.day_edges, *w.overnight_edges]) | {
             "this", "last", "next", "coming", "past", "@"}),
        (r"\bthe\s+weekend\b", _h_weekend, "weekend", 1, {"the"}),
        (rf"\b(?:(?:late|early)\s+)?(?P<w>{_alt(w.relative_days)})\b(?:\s+(?:{tod})\b)?",
         _h_relative_day, "relday", 4, firsts(w.relative_days) | {"late", "early", "@"}),
        (rf"\b(?:(?P<q>{part})(?:\s+|{dash})?)?(?P<rel>{_alt(w.period_relatives)})\s+"
         rf"(?P<unit>week|weekend|month|year)\b",
         _h_period, "unit", 5, part_lead | firsts(w.period_relatives)),
        (rf"\b(?P<the>the\s+)?(?P<rel>{_alt(w.rolling)})\s+(?:(?P<n>{num})\s+)?(?P<unit>{units})\b",
         _h_rolling, "unit", 6, {"the"} | firsts(w.rolling)),
        (rf"\b(?:(?P<n>{num})\s+)?(?P<unit>{units})\s+ago\b", _h_ago, "ago", 5, num_lead | unit_words),
        (rf"\b(?P<w>{_alt(w.recent)})\b", _h_recent, "recent", 1, firsts(w.recent) | {"@"}),
        (rf"\b(?:(?P<n>{num})\s+)?(?P<unit>{units})\s+"
         rf"(?P<dir>later|earlier|before|after|prior|afterwards?|previously)\b",
         _h_chain_count, "unit", 4, num_lead | {"@"}),
        (rf"\b(?:the\s+(?P<dir1>next|following|subsequent|previous|preceding|prior|same)\s+(?P<u1>{chain_unit})"
         rf"|the\s+(?P<u2>{chain_unit})\s+(?P<dir2>before|after|earlier|later|prior)"
         rf"|(?P<when>later|earlier|late|early)\s+"
         rf"(?P<link>that\s+same|that|the\s+same|on\s+the\s+same|in\s+the)\s+(?P<u3>{chain_unit})"
         rf"|(?:that\s+same|that|this\s+same)\s+(?P<u4>{chain_unit})"
         rf"|(?P<sameday>{_alt(w.same_day)}))\b",
         _h_chain_step, "unit", 4, {"the", "later", "earlier", "late", "early", "that", "this"} | firsts(w.same_day)),
        (r"\bthe\s+(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)\b(?:\s+of\s+(?P<rel>this|last|next|the\s+same|that)\s+month\b)?",
         _h_day_of_month, "ordinal", 1, {"the"}),
        (rf"\b(?:the\s+)?(?:(?P<q>{part})(?:\s+|{dash})?)?(?P<dec>(?:1[0-9]|20)[0-9]0)'?s\b",
         _h_decade, "decade", 4, part_lead | {"the", "@"}),
        (rf"(?<![0-9.,:/$\u00a3\u20ac-])\b(?:(?P<q>{part})(?:\s+|{dash})?)?(?P<y>{year})"
         rf"(?:\s*(?:{dash}|/)\s*(?P<y2>(?:1[0-9]|20)?[0-9]{{2}})(?![0-9]))?(?!s\b)(?P<poss>'s\b)?(?![.,][0-9])",
         _h_year, "year4", 3, part_lead | {"@"}),
    ]
    between = {  # besides the lead words ("the early hours of Sunday")
        _h_day_in_month: {"the", "and", "to", "of"},
        _h_month_year: words_of(w.part_words),
        _h_month: words_of(w.part_words),
        _h_weekday: words_of([*w.day_edges, *w.overnight_edges, weekday_rel]) | {"on"},
        _h_relative_day: words_of(w.relative_days),
        _h_period: words_of([*w.part_words, *w.period_relatives]),
        _h_rolling: words_of(w.rolling) | number_words_,
        _h_ago: number_words_,
        _h_recent: words_of(w.recent),
        _h_chain_count: number_words_,
        _h_chain_step: {"next", "following", "subsequent", "previous", "preceding", "prior", "same", "that", "on",
                        "in", "at", "into"} | words_of(w.same_day),
        _h_decade: words_of(w.part_words),
        _h_year: words_of(w.part_words),
    }
    pure = {_h_iso, _h_day_in_month, _h_month_year, _h_weekday, _h_weekend, _h_relative_day, _h_period, _h_ago,
            _h_recent, _h_chain_step, _h_decade}
    return tuple((re.compile(p), h, frozenset(anchors.split()), back, frozenset(lead),
                  frozenset((set(lead) | between.get(h, set())) - {"@", "#"}), h in pure)
                 for p, h, anchors, back, lead in specs)


@lru_cache(maxsize=1)
def _anchor_words() -> ahocorasick.Automaton:
    """An automaton over the words every date expression holds, each with the anchors it gives."""
    w = date_words()
    anchors: dict[str, set[str]] = {}

    def add(word: str, *names: str) -> None:
        anchors.setdefault(word, set()).update(names)

    for word in w.months:
        add(word, "month")
    for word in w.weekdays:
        add(word, "weekday")
    for phrase in w.relative_days:
        add(phrase.split()[-1], "relday")
    for word in (*_UNIT_DAYS, "morning", "afternoon", "evening"):
        add(word, "unit")
    add("weekend", "unit", "weekend")
    add("ago", "ago")
    for phrase in w.recent:
        add(max(phrase.split(), key=len), "recent")
    for phrase in w.same_day:
        add(phrase.split()[-1], "unit")
    automaton = ahocorasick.Automaton()
    for word, names in anchors.items():
        automaton.add_word(word, (len(word), frozenset(names)))
    for name in w.non_dates:  # names that hold a date word and are not dates ("Sunday Times")
        automaton.add_word(_norm(name), (len(_norm(name)), _NON_DATE))
    automaton.make_automaton()
    return automaton


_PLURAL = frozenset({"unit", "recent", "relday"})
_DIGITS = re.compile(r"[0-9][0-9]*")  # opening with the class lets the regex engine skip ahead to a digit
_YEAR4_NAMES = frozenset({"year4"})
_ISO_NAMES = frozenset({"year4", "iso"})
_DECADE_NAMES = frozenset({"year4", "decade"})
_ORDINAL_NAMES = frozenset({"ordinal"})
_ORDINAL_ENDS = frozenset({"st", "nd", "rd", "th"})
_NON_DATE = frozenset({"non-date"})


def _anchors(low: str) -> tuple[list[tuple[int, int, frozenset[str]]], list[tuple[int, int]]]:
    """The anchor words standing as whole words in the lower-cased text, with their offsets, and
    the spans of names that are not dates.

    A unit word may take a plural s; one joined by a hyphen ("15-year-old", "a three-day
    strike") describes something else and is no anchor.
    """
    hits = []
    blocked = []
    n = len(low)
    for end, (length, names) in _anchor_words().iter(low):
        start = end - length + 1
        after = end + 1
        if start and low[start - 1].isalpha():
            continue
        if names is _NON_DATE:
            if after == n or not low[after].isalpha():
                blocked.append((start, after))
            continue
        if after < n and low[after] == "s" and not names.isdisjoint(_PLURAL):
            after += 1
        if after < n and low[after].isalpha():
            continue
        if "unit" in names and ((start and low[start - 1] == "-") or (after < n and low[after] == "-")):
            names = names - {"unit"}
            if not names:
                continue
        hits.append((start, after, names))
    if _has_digit(low):
        hits += _digit_anchors(low)
    return hits, blocked


def _has_digit(text: str) -> bool:
    """Whether ``text`` holds an ASCII digit. Most sentences hold none, and ten substring tests
    (each a quick scan in C) are faster than a regex scan, or than a loop or a generator over
    the digits."""
    return ("0" in text or "1" in text or "2" in text or "3" in text or "4" in text or "5" in text
            or "6" in text or "7" in text or "8" in text or "9" in text)


def _digit_anchors(low: str) -> list[tuple[int, int, frozenset[str]]]:
    """Runs of digits that may hold a date: four digits (a year, or an ISO date when a dash or
    slash follows, a decade when an s does) and a day with an ordinal suffix ("18th")."""
    out = []
    for m in _DIGITS.finditer(low):
        start, after = m.span()
        size = after - start
        if size == 4:
            nxt = low[after:after + 2]
            names = _ISO_NAMES if nxt[:1] in ("-", "/") else _DECADE_NAMES if nxt[:1] == "s" or nxt == "'s" \
                else _YEAR4_NAMES
            out.append((start, after, names))
        elif size <= 2 and low[after:after + 2] in _ORDINAL_ENDS:
            out.append((start, after, _ORDINAL_NAMES))
    return out


def _prefix_words(low: str, i: int, vocab: frozenset[str], digits: bool, most: int) -> list[tuple[int, str]]:
    """(offset, word) of the words right before ``i`` that may belong to a date expression, nearest
    last: the search stops at the first other word, at punctuation other than a comma or a hyphen
    ("Monday, March 25", "mid-March"), or after ``most`` words. A word keeps only its part before
    a hyphen ("twenty-one")."""
    out = []
    while len(out) < most:
        j = i
        while j and low[j - 1] in _SEPARATORS:
            j -= 1
        if j == i or not j:
            break
        k = low.rfind(" ", 0, j) + 1
        word = low[k:j]
        if "-" in word:  # rare: the test is cheaper than a split of every word
            word = word.split("-", 1)[0]
        if not (word in vocab or (digits and word[:1].isdigit())):
            break
        out.append((k, word))
        i = k
    out.reverse()
    return out


_SEPARATORS = frozenset(" ,-\u2013")


@lru_cache(maxsize=64)
def _families_for(names: frozenset[str]) -> tuple[tuple, frozenset[str], bool, int]:
    """The families a hit with these anchor names may start, each as (pattern, handler, words
    back, lead words, may start at the anchor, may start at a number in digits, pure); then the
    prefix words of them all, whether digits may lead any, and the most words back."""
    chosen = [f for f in _families() if not f[2].isdisjoint(names)]
    families = tuple((p, h, back, lead, "@" in lead, "#" in lead, pure) for p, h, _a, back, lead, _v, pure in chosen)
    vocab = frozenset().union(*(f[5] for f in chosen))
    return families, vocab, any("#" in f[4] for f in chosen), max((f[3] for f in chosen), default=0)


_PARSED: dict[tuple[Callable, str], _Expr | None] = {}
_PARSED_MAX = 8192


# -- finding and resolving ----------------------------------------------------------


def _select(text: str, low: str, hits: list[tuple[int, int, frozenset[str]]],
            blocked: list[tuple[int, int]]) -> list[tuple[int, int, _Expr]]:
    """Every parsed expression, none overlapping another: the earliest, then the longest.

    The phrases the patterns match are ranked first and parsed after, in that order: one that
    overlaps a phrase already chosen cannot be chosen whatever it parses to, so it is not parsed
    ("March" inside "March 18, 2019", the year in it). A phrase that parses to nothing leaves
    the place to the next, as if it had never matched.
    """
    w = date_words()
    found = []  # (start, end, handler, match, pure), in the order they are found
    for hs, _he, hit_names in hits:
        families, vocab, digits, most = _families_for(hit_names)
        words = _prefix_words(low, hs, vocab, digits, most) if most else ()
        for pattern, handler, back, lead, at_anchor, at_digits, pure in families:
            starts = [hs] if at_anchor else []
            if back and words:
                for st, word in words[-back:]:  # a plain loop: a comprehension here costs a call per family
                    if word in lead or (at_digits and word[0].isdigit()):
                        starts.append(st)
            for st in starts:
                m = pattern.match(low, st)
                if m is None or m.end() <= hs:
                    continue
                s, e = m.span()
                found.append((s, e, handler, m, pure))
    if blocked:
        found = [f for f in found if not any(f[0] < be and bs < f[1] for bs, be in blocked)]
    found.sort(key=lambda f: (f[0], f[0] - f[1]))  # stable: among equals, the first found first
    chosen, reach = [], -1
    for s, e, handler, m, pure in found:
        if s < reach:
            continue
        if pure:
            key = (handler, text[s:e])
            expr = _PARSED.get(key, _PARSED)
            if expr is _PARSED:
                if len(_PARSED) >= _PARSED_MAX:
                    _PARSED.clear()
                expr = _PARSED[key] = handler(m, text, w)
        else:
            expr = handler(m, text, w)
        if expr is not None:
            chosen.append((s, e, expr))
            reach = e
    return chosen


_CONNECTOR = re.compile(r"\s*(?:(?P<dash>-|\u2013|\u2014)|(?P<word>to|until|till|through|and|up\s+to))\s*")
_RANGE_ENDS = frozenset({"fixed", "calendar", "now"})


def _merge_ranges(text: str, found: list[tuple[int, int, _Expr]]) -> list[tuple[int, int, _Expr]]:
    """"from March 1 to March 5", "between January and September 15": one expression each."""
    out, i = [], 0
    while i < len(found):
        s, e, x = found[i]
        if i + 1 < len(found) and x.kind in _RANGE_ENDS and found[i + 1][2].kind in _RANGE_ENDS:
            s2, e2, y = found[i + 1]
            c = _CONNECTOR.fullmatch(text, e, s2)
            if c and _joins(c, text, s) and not (x.kind == y.kind == "fixed" and x.window.start > y.window.end):
                out.append((s, e2, _Expr("range", _coarser(x.precision, y.precision), parts=(x, y))))
                i += 2
                continue
        out.append(found[i])
        i += 1
    return out


def _joins(c: re.Match, text: str, start: int) -> bool:
    """Whether the words between two dates make them one range."""
    if c["dash"]:
        return True
    word = _norm(c["word"])
    before = _words_before(text, start, 1)
    if word == "and":  # "between May 3 and May 5", "the intervening night of Saturday and Sunday"
        return before == ["between"] or text.startswith("the", start) and " night " in text[start:c.start()]
    if word in ("until", "till"):
        return before == ["from"]
    return True


def _resolve(x: _Expr, published: date | None, future: bool, last: DateWindow | None) -> DateWindow:
    if x.kind == "fixed":
        return x.window
    if x.kind == "chain":
        if last is None or last.start is None or last.end is None:
            return DateWindow(None, None, x.precision)
        return x.fn(last)
    if x.kind == "range":
        return _resolve_range(x, published, future, last)
    if x.follows and _follows(x, last):
        return x.fn(last.start, True)
    if published is None:
        return DateWindow(None, None, x.precision)
    return x.fn(published, future)


@lru_cache(maxsize=4096)  # the same expression, publication day and date before come back across articles
def _resolved(x: _Expr, published: date | None, future: bool, last: DateWindow | None) -> DateWindow:
    return _resolve(x, published, future, last)


def _follows(x: _Expr, last: DateWindow | None) -> bool:
    return x.follows and last is not None and last.start is not None and last.precision in ("day", "week", "month")


def _resolve_range(x: _Expr, published: date | None, future: bool, last: DateWindow | None) -> DateWindow:
    a, b = x.parts
    # the end that needs nothing from the other goes first; the other is found next to it
    if b.kind == "calendar" and (a.kind != "calendar" or future):
        wa = _resolve(a, published, future, last)
        wb = b.fn(wa.start, True) if wa.start else _resolve(b, published, future, last)
    else:
        wb = _resolve(b, published, future, last)
        wa = a.fn(wb.start, False) if a.kind == "calendar" and wb.start else _resolve(a, published, future, last)
    if None in (wa.start, wa.end, wb.start, wb.end):
        return DateWindow(None, None, x.precision)
    return DateWindow(min(wa.start, wb.start), max(wa.end, wb.end), x.precision)


def _clip(window: DateWindow, published: date | None, future: bool) -> DateWindow:
    """Past narration ends a window straddling publication there; future narration starts it there."""
    s, e = window.start, window.end
    if published is None or s is None or e is None:
        return window
    if not future and s <= published < e:
        return DateWindow(s, published, window.precision)
    if future and s < published <= e:
        return DateWindow(published, e, window.precision)
    return window


def find_dates(text: str, published: date | None, *, future: bool = False,
               anchor: DateWindow | None = None) -> list[DateMention]:
    """Every date expression in `text`, left to right, resolved.

    ``future`` says the text narrates what is to come; ``anchor`` is the window of the
    last date resolved before this text, for "the next day" and its kind.
    """
    low = text.lower()
    if len(low) != len(text):  # a letter whose lower case is longer would shift every offset
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    hits, blocked = _anchors(low)
    if not hits:
        return []
    if isinstance(published, datetime):
        published = published.date()
    out: list[DateMention] = []
    last = anchor
    for start, end, x in _merge_ranges(low, _select(text, low, hits, blocked)):
        if x.relational and out:
            continue  # "on Wednesday, days after the visit": the visit is not dated here
        if x.kind == "fixed":
            window = x.window  # what _resolve gives, without the cache's hashing of the key
        else:
            try:
                window = _resolved(x, published, future, last)
            except (OverflowError, ValueError):  # beyond the calendar (year 1 or 9999): no window
                window = DateWindow(None, None, x.precision)
        if x.direction == 0:
            window = _clip(window, published, future)
        open_ = window.start is None or window.end is None
        out.append(DateMention(start, end, text[start:end], window,
                               relative=_is_relative(x), chained=_is_chained(x) or _follows(x, last),
                               range_days=None if open_ else (window.end - window.start).days + 1))
        last = window
    return out


def _is_relative(x: _Expr) -> bool:
    if x.kind == "range":
        return any(_is_relative(p) for p in x.parts)
    return x.kind != "fixed"


def _is_chained(x: _Expr) -> bool:
    if x.kind == "range":
        return any(_is_chained(p) for p in x.parts)
    return x.kind == "chain"
