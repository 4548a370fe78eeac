"""Spans of an article that are not its body: related-article lists, comment
threads, cross-reference lines and URLs.

Places and events found there are not the article's.  The markers are data
(``data/lexicons/boilerplate.json``) so an analyst can extend them.

>>> text = "Body about Quetta.\\n\\nRelated Articles\\nNews from Gaza"
>>> outside_body(text)
[(20, 51)]
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from geoborder.resources import LEXICON_DIR

_URL = re.compile(r"\b(?:https?://|www\.)\S*[^\s.,;:!?)\]'\"]", re.I)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    """The markers as line-anchored regexes: the text is scanned in C, not line by line.

    A block start or a cross-reference line is a whole line: each has a second form
    that begins with the line break before it, which the regex engine finds with a
    fast scan for that one character instead of trying '^' at every character
    (see :func:`_line_spans`).  A comment marker is searched for alone; its line is
    found from it.
    """
    data = json.loads((LEXICON_DIR / "boilerplate.json").read_text(encoding="utf-8"))

    def alternation(items):
        return "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in sorted(items, key=len, reverse=True))

    def first_characters(items):  # a lookahead the rest of the pattern implies, to reject most lines at once
        return "".join(sorted({r"\s" if x[0].isspace() else re.escape(x[0]) for x in items}))

    block = rf"[ \t]*(?:{alternation(data['block_starts'])})[ \t]*:?[ \t]*$"
    line = rf"[ \t]*(?:{alternation(data['line_prefixes'])}).*$"
    markers = data["comment_markers"]
    words = tuple({m.split()[0].lower() for m in markers})
    return {
        "block": re.compile("^" + block, re.I | re.M),
        "block_after_break": re.compile(rf"\n(?=[ \t]*[{first_characters(data['block_starts'])}])" + block,
                                        re.I | re.M),
        "line": re.compile("^" + line, re.I | re.M),
        "line_after_break": re.compile("\n" + line, re.I | re.M),
        "comment_marker": re.compile(alternation(markers), re.I),
        # a cheap test before the comment regex: its markers' first words
        "comment_words": words,
        # can the comment regex start where the first of those words stands?  Yes when every
        # marker starts with its first word, and that word is ASCII without 'i', 'k' or 's'
        # (the only ASCII letters a case-insensitive regex also matches in other characters)
        "comment_from_word": all(m[:1].strip() and w.isascii() and not set(w) & set("iks")
                                 for m in markers for w in [m.split()[0].lower()]),
    }


def outside_body(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping [start, end) spans that are not article body."""
    return list(_outside_body(text))


@lru_cache(maxsize=4)  # places and events both ask, one article after the other
def _outside_body(text: str) -> tuple[tuple[int, int], ...]:
    p = _patterns()
    spans = list(_line_spans(text, p["line"], p["line_after_break"])) if ":" in text else []
    end_of_body = len(text)
    # a block marker in the first quarter is more likely a section label than the end of the body
    block = next((s for s, _ in _line_spans(text, p["block"], p["block_after_break"]) if s > len(text) // 4), None)
    if block is not None:
        end_of_body = block
    marker = _comment_marker(text, p)
    if marker is not None:
        line_start = text.rfind("\n", 0, marker.start()) + 1  # the comment's line holds its marker
        end_of_body = min(end_of_body, _comment_start(text, line_start))
    if end_of_body < len(text):
        spans.append((end_of_body, len(text)))
    spans.extend(url_spans(text))
    return tuple(merged_spans(spans))


def _comment_marker(text: str, p: dict) -> re.Match | None:
    """The first comment marker, or None: ``p["comment_marker"].search(text)`` if a marker's
    first word is in ``text.lower()``.

    Lower-casing a text that is not ASCII is slow, and so is a case-insensitive
    search, so the words are looked for in the UTF-8 bytes, lower-cased: a byte below
    0x80 is always a whole ASCII character, and no character lower-cases to ASCII
    letters but the dotted capital I and the Kelvin sign, so with neither in the text
    an ASCII word is in the bytes exactly when it is in ``text.lower()``.  When
    ``comment_from_word`` allows it, the regex is then tried only where the words stand.
    """
    words = p["comment_words"]
    if not all(w.isascii() for w in words) or "\u0130" in text or "\u212a" in text:
        lower = text.lower()
        return p["comment_marker"].search(text) if any(w in lower for w in words) else None
    data = text.encode("utf-8", "surrogatepass").lower()
    found = sorted(at for w in words for at in _find_all(data, w.encode("ascii")))
    if not found or not p["comment_from_word"]:
        return p["comment_marker"].search(text) if found else None
    pos = chars = 0
    for at in found:  # a marker starts where its first word does; the earliest that matches
        chars += len(data[pos:at].decode("utf-8", "surrogatepass"))  # bytes to characters
        pos = at
        m = p["comment_marker"].match(text, chars)
        if m is not None:
            return m
    return None


def _find_all(data: bytes, word: bytes):
    at = data.find(word)
    while at != -1:
        yield at
        at = data.find(word, at + 1)


def _line_spans(text: str, at_line: re.Pattern, after_break: re.Pattern):
    """The (start, end) spans ``at_line.finditer(text)`` would find, for a pattern that
    starts with '^' (under re.M): a match after one at the very start begins right
    after a line break, so it is looked for as that break plus the rest of the pattern
    (``after_break``)."""
    first = at_line.match(text)
    if first is not None:
        yield first.span()
    pos = first.end() if first is not None else 0
    while True:
        # the break before the next line may be the last character of the match before
        m = after_break.search(text, pos - 1 if text.endswith("\n", 0, pos) else pos)
        if m is None:
            return
        yield m.start() + 1, m.end()
        pos = m.end()


def url_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the URLs in the text: never article words."""
    return list(_url_spans(text))


@lru_cache(maxsize=4)  # the place finder and outside_body both ask, one after the other
def _url_spans(text: str) -> tuple[tuple[int, int], ...]:
    if "://" not in text and "www." not in text and "WWW." not in text:
        return ()
    return tuple((u.start(), u.end()) for u in _URL.finditer(text))


def _comment_start(text: str, marker_at: int) -> int:
    """A comment is one paragraph, 'name / date / words / Reply Recommend'."""
    before = text[:marker_at].rstrip()
    cut = before.rfind("\n\n")
    return cut + 2 if cut >= 0 else marker_at


def merged_spans(spans) -> list[tuple[int, int]]:
    """The spans sorted, overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) fall inside any of the spans?"""
    return any(s <= start and end <= e for s, e in spans)
