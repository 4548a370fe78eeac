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
    """The markers as three line-anchored regexes: the text is scanned in C, not line by line."""
    data = json.loads((LEXICON_DIR / "boilerplate.json").read_text(encoding="utf-8"))

    def alternation(items):
        return "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in sorted(items, key=len, reverse=True))

    return {
        "block": re.compile(rf"^[ \t]*(?:{alternation(data['block_starts'])})[ \t]*:?[ \t]*$", re.I | re.M),
        "line": re.compile(rf"^[ \t]*(?:{alternation(data['line_prefixes'])}).*$", re.I | re.M),
        "comment": re.compile(rf"^.*(?:{alternation(data['comment_markers'])}).*$", re.I | re.M),
        # a cheap test before the comment regex: its markers' first words
        "comment_words": tuple({m.split()[0].lower() for m in data["comment_markers"]}),
    }


def outside_body(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping [start, end) spans that are not article body."""
    return list(_outside_body(text))


@lru_cache(maxsize=4)  # places and events both ask, one article after the other
def _outside_body(text: str) -> tuple[tuple[int, int], ...]:
    p = _patterns()
    lower = text.lower()
    spans = [(m.start(), m.end()) for m in p["line"].finditer(text)] if ":" in text else []
    end_of_body = len(text)
    # a block marker in the first quarter is more likely a section label than the end of the body
    block = next((m for m in p["block"].finditer(text) if m.start() > len(text) // 4), None)
    if block is not None:
        end_of_body = block.start()
    comment = p["comment"].search(text) if any(c in lower for c in p["comment_words"]) else None
    if comment is not None:
        end_of_body = min(end_of_body, _comment_start(text, comment.start()))
    if end_of_body < len(text):
        spans.append((end_of_body, len(text)))
    spans.extend(url_spans(text))
    return tuple(_merge(spans))


def url_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the URLs in the text: never article words."""
    if "://" not in text and "www." not in text and "WWW." not in text:
        return []
    return [(u.start(), u.end()) for u in _URL.finditer(text)]


def _comment_start(text: str, marker_at: int) -> int:
    """A comment is one paragraph, 'name / date / words / Reply Recommend'."""
    before = text[:marker_at].rstrip()
    cut = before.rfind("\n\n")
    return cut + 2 if cut >= 0 else marker_at


def _merge(spans):
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
