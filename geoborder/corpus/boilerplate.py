"""Spans of an article that are not its body: related-article lists, comment
threads, cross-reference lines and URLs.

Places and events found there are not the article's.  The markers are data
(``data/lexicons/boilerplate.json``) so an analyst can extend them.

>>> text = "Body about Quetta.\\n\\nRelated Articles\\nNews from Gaza"
>>> outside_body(text)
[(20, 50)]
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from geoborder.resources import LEXICON_DIR

_URL = re.compile(r"\b(?:https?://|www\.)\S*[^\s.,;:!?)\]'\"]", re.I)


@lru_cache(maxsize=1)
def _markers() -> dict:
    data = json.loads((LEXICON_DIR / "boilerplate.json").read_text(encoding="utf-8"))
    return {
        "longest": max(map(len, data["block_starts"])) + 8,
        "block_starts": {s.lower() for s in data["block_starts"]},
        "line_prefixes": tuple(s.lower() for s in data["line_prefixes"]),
        "comment_markers": tuple(s.lower() for s in data["comment_markers"]),
    }


def outside_body(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping [start, end) spans that are not article body."""
    m = _markers()
    spans: list[tuple[int, int]] = []
    offset = 0
    longest_marker = m["longest"]
    for line in text.splitlines(keepends=True):
        if len(line) > longest_marker and not line.lstrip()[:12].lower().startswith(m["line_prefixes"]) \
                and "recommend" not in line.lower():
            offset += len(line)
            continue
        key = re.sub(r"\s+", " ", line.strip().rstrip(":").strip()).lower()
        # a comment thread starts at the first line before "Reply Recommend"
        if key in m["block_starts"] and offset > len(text) // 4:
            spans.append((offset, len(text)))
            break
        if key.startswith(m["line_prefixes"]):
            spans.append((offset, offset + len(line.rstrip("\r\n"))))
        if any(c in key for c in m["comment_markers"]):
            spans.append((_comment_start(text, offset), len(text)))
            break
        offset += len(line)
    spans.extend((u.start(), u.end()) for u in _URL.finditer(text))
    return _merge(spans)


def url_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of the URLs in the text: never article words."""
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
