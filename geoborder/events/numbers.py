"""Numbers as news text writes them: digits, words, and approximate words.

>>> parse_count("more than 80")
Count(value=81, low=81, high=None)
>>> parse_count("twenty-five").value, parse_count("1,200").value, parse_count("a dozen").value
(25, 1200, 12)
>>> find_counts("five soldiers and one officer")[0].count.value
5

The words, and the qualifiers that bound a count (``more than``, ``at
least``, ``up to``), live in ``data/lexicons/numbers.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geoborder.resources import LEXICON_DIR, read_lexicon


@dataclass(frozen=True)
class Count:
    """A count with its bounds: ``value`` is the best estimate, ``low``/``high`` the bounds
    (``high`` None when unbounded)."""

    value: int
    low: int
    high: int | None


@dataclass(frozen=True)
class CountSpan:
    """A count found in text, with its character offsets."""

    start: int
    end: int
    text: str
    count: Count


@dataclass(frozen=True)
class NumberWords:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    approximate: dict[str, tuple[int, int | None]]
    articles: frozenset[str]
    qualifiers: dict[str, str]


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    path = LEXICON_DIR / "numbers.json"
    data = read_lexicon(path)
    return NumberWords(
        units={k.lower(): int(v) for k, v in data["units"].items()},
        tens={k.lower(): int(v) for k, v in data["tens"].items()},
        scales={k.lower(): int(v) for k, v in data["scales"].items()},
        approximate={k.lower(): (int(v[0]), None if v[1] is None else int(v[1]))
                     for k, v in data["approximate"].items()},
        articles=frozenset(a.lower() for a in data["articles"]),
        qualifiers={k.lower(): v for k, v in data["qualifiers"].items()},
    )


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    w = number_words()
    unit = _alternation(w.units)
    tens = _alternation(w.tens)
    word_number = rf"(?:(?:{tens})(?:[\s-]+(?:{unit}))?|(?:{unit}))"
    scale = _alternation(w.scales)
    digits = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
    core = rf"(?:(?:{digits})|{word_number})(?:\s+(?:{scale}))?"
    approx = _alternation(w.approximate)
    qual = _alternation(w.qualifiers)
    return re.compile(rf"\b(?:(?P<qual>{qual})\s+)?(?:(?P<approx>{approx})|(?P<core>{core}))\b", re.IGNORECASE)


def _core_value(text: str) -> int | None:
    w = number_words()
    s = re.sub(r"\s+", " ", _fold(text).replace("-", " ")).strip()
    scale = 1
    for name, factor in w.scales.items():
        if s.endswith(" " + name):
            scale, s = factor, s[: -len(name) - 1].strip()
            break
    if re.fullmatch(r"[\d,]+(?:\.\d+)?", s):
        return int(round(float(s.replace(",", "")) * scale))
    if s in w.units:
        return w.units[s] * scale
    parts = s.split(" ")
    if parts[0] in w.tens:
        rest = " ".join(parts[1:])
        if not rest:
            return w.tens[parts[0]] * scale
        if rest in w.units and 0 < w.units[rest] < 10:
            return (w.tens[parts[0]] + w.units[rest]) * scale
    return None


def _bounded(value: int, low: int, high: int | None, qualifier: str | None) -> Count:
    if qualifier == "gt":
        return Count(low + 1, low + 1, None)
    if qualifier == "ge":
        return Count(low, low, None)
    if qualifier == "le":
        return Count(value, 0, value if high is None else high)
    if qualifier == "lt":
        return Count(max(value - 1, 0), 0, max(value - 1, 0))
    return Count(value, low, high)


def _fold(words: str) -> str:
    """The lexicon key of matched words.  Case-folded, not lower-cased: the case-insensitive
    pattern also matches letters whose lower case is not ASCII ('dozenſ' for 'dozens')."""
    return words.casefold()


def _count(match: re.Match) -> Count | None:
    qualifier = number_words().qualifiers.get(re.sub(r"\s+", " ", _fold(match.group("qual")))) if match.group("qual") else None
    if match.group("approx"):
        bounds = number_words().approximate.get(re.sub(r"\s+", " ", _fold(match.group("approx"))))
        if bounds is None:  # a fold the lexicon's spelling does not share: no count rather than a wrong one
            return None
        low, high = bounds
        return _bounded(low, low, high, qualifier)
    value = _core_value(match.group("core"))
    if value is None:
        return None
    return _bounded(value, value, value, qualifier)


@lru_cache(maxsize=1)
def _lower_case_pattern() -> re.Pattern:
    """``_pattern`` for lower-case text: case-sensitive matching is several times faster."""
    return re.compile(_pattern().pattern)


_COUNTS: dict[str, Count | None] = {}  # a count's words -> its value: the same few figures come back
_COUNTS_MAX = 8192


def find_counts(text: str) -> list[CountSpan]:
    """Every count in ``text``, left to right, with its offsets."""
    out = []
    # ASCII text matches in any case where its lower case matches, at the same offsets; a count's value
    # is read from its lower case anyway
    matches = _lower_case_pattern().finditer(text.lower()) if text.isascii() else _pattern().finditer(text)
    for m in matches:
        words = text[m.start():m.end()]
        count = _COUNTS.get(words, _COUNTS)
        if count is _COUNTS:
            if len(_COUNTS) >= _COUNTS_MAX:
                _COUNTS.clear()
            count = _COUNTS[words] = _count(m)
        if count is not None:
            out.append(CountSpan(m.start(), m.end(), words, count))
    return out


def parse_count(text: str) -> Count | None:
    """The count ``text`` states, when all of it is one count."""
    m = _pattern().fullmatch(text.strip())
    return _count(m) if m else None
