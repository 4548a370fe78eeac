"""Publication dates stated in an article's own text.

Used only when no sidecar or record gives the date.  We look for a ``date
2023-02-22`` line, a ``Published September 7, 2021`` line, a timestamp such
as ``2024-01-18T04:01+0000``, or a line that is nothing but a date
(``May 21, 2020``), in the first lines, then a "Published in ..." credit
anywhere.  The first one found wins.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_ISO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)(?:[T ]\d\d:\d\d\S*)?(?!\d)")
_MDY = re.compile(_MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I)
_DMY = re.compile(_DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR, re.I)

_HEAD_LINES = 12


def _to_date(m: re.Match) -> date | None:
    month = m.group("month")
    month = int(month) if month.isdigit() else _MONTHS[month.lower()]
    try:
        return date(int(m.group("year")), month, int(m.group("day")))
    except ValueError:
        return None


def _first_date(s: str) -> tuple[date, re.Match] | None:
    found = []
    for rx in (_ISO, _MDY, _DMY):
        for m in rx.finditer(s):
            d = _to_date(m)
            if d:
                found.append((m.start(), d, m))
    if not found:
        return None
    _, d, m = min(found, key=lambda t: t[0])
    return d, m


def _is_date_line(line: str) -> bool:
    """Does the line exist to state a date (and is it short)?"""
    hit = _first_date(line)
    if not hit:
        return False
    _, m = hit
    head = line[:m.start()].strip().lower()
    tail = line[m.end():].strip()
    if re.fullmatch(r"(?:date|dated|published|posted|updated)(?:\s+on)?\s*:?", head):
        return True
    # "Dawn.com | Published September 7, 2021 - Updated ..."
    if re.search(r"\b(published|posted)\s*(on)?$", head) and len(line) < 120:
        return True
    # a bare date or timestamp, perhaps with a byline or "- Updated ..." after it
    return head in ("", "|") and len(tail) < 60


def published_in_text(text: str) -> str | None:
    """The publication date the text itself states, ISO, or None.

    >>> published_in_text(" date 2023-02-22 Pakistan's defense minister ...")
    '2023-02-22'
    >>> published_in_text("Headline\\n\\nPublished December 29, 2014\\n\\nQUETTA: ...")
    '2014-12-29'
    """
    lines = text.splitlines()
    for line in lines[:_HEAD_LINES]:
        stripped = line.strip()
        low = stripped.lower()
        m = re.match(r"date:?\s+", low)
        if m:
            hit = _first_date(stripped[m.end():m.end() + 30])
            if hit and hit[1].start() == 0:
                return hit[0].isoformat()
        if stripped and _is_date_line(stripped):
            return _first_date(stripped)[0].isoformat()
    # a print credit at the end: "Published in Dawn, May 16th, 2024"
    for m in re.finditer(r"Published in [^,\n]{1,40},\s*([^\n]{6,30})", text):
        hit = _first_date(m.group(1))
        if hit:
            return hit[0].isoformat()
    return None
