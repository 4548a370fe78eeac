"""Text normalisation that keeps offsets into the original text.

News text arrives with curly quotes, non-breaking spaces, en dashes,
decomposed accents and names broken across lines.  Matching wants one plain
form; users want offsets into what they gave us.  :func:`normalize` returns
both: the plain text and, for each of its characters, where it came from.

>>> n = normalize("Spin\u00a0Boldak\u2019s")
>>> n.text
"Spin Boldak's"
>>> n.span_to_original(0, 11)
(0, 11)
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

# Characters folded to one plain form before matching.
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}
_DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_DROPPED = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


@dataclass(frozen=True)
class NormalizedText:
    """Plain text plus a map from each of its characters to the original.

    The map is piecewise: ``segments`` holds (plain offset, original offset)
    at every place the two texts stop running in step, so a long, mostly
    plain article costs a handful of entries, not one per character.
    """

    text: str
    original: str
    segments: tuple[tuple[int, int], ...]  # sorted by plain offset; the first is (0, 0)
    _plain_starts: tuple[int, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "_plain_starts", tuple(p for p, _ in self.segments))

    def orig(self, i: int) -> int:
        """Where plain offset i (0..len(text)) starts in the original."""
        if i >= len(self.text):
            return len(self.original)
        k = bisect_right(self._plain_starts, i) - 1
        plain, orig = self.segments[k]
        return orig + (i - plain)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the plain text back to the original."""
        if end <= start:
            pos = self.orig(start)
            return pos, pos
        k = bisect_right(self._plain_starts, start) - 1
        if end < len(self.text) and (k + 1 == len(self._plain_starts) or self._plain_starts[k + 1] > end):
            # the common case, one bisection: the span and the character after it lie in
            # one stretch where the texts run in step, so both ends shift alike
            plain, orig = self.segments[k]
            return start + orig - plain, end + orig - plain
        begin, stop = self.orig(end - 1), self.orig(end)
        # the last plain character's source ends where the next one's begins,
        # less any white space or invisible characters folded away after it
        while stop > begin + 1 and (self.original[stop - 1].isspace() or self.original[stop - 1] in _DROPPED):
            stop -= 1
        return self.orig(start), stop

    def newlines_at(self, i: int) -> int:
        """How many line breaks the original had where plain offset i stands."""
        return self.original.count("\n", self.orig(i), self.orig(i + 1))




_ONE_FOR_ONE = {**_QUOTES, **_DASHES, **{chr(c): " " for c in range(0x80, 0x3001) if chr(c).isspace()}}
_ASCII_SPACES = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def _segments_fast(original: str) -> tuple[str, list[tuple[int, int]]] | None:
    """Normalise NFC text with no invisible characters.

    Quotes, dashes and white space map one for one; only runs of white space
    shrink, so only they add segments.  None when the text holds invisible
    characters: the careful path handles those.

    Every step is a C-speed string scan (``in``, ``str.replace``, ``str.find``):
    a regex or ``str.translate`` would look at each character from Python's
    slower per-character paths, and most texts hold few of these characters.
    """
    if any(ch in original for ch in _DROPPED):
        return None
    plain = original
    for ch in _ASCII_SPACES:
        if ch in plain:
            plain = plain.replace(ch, " ")
    if not plain.isascii():
        for ch, folded in _ONE_FOR_ONE.items():  # each maps to an ASCII character: no order dependence
            if ch in plain:
                plain = plain.replace(ch, folded)
    if "  " not in plain:
        return plain, [(0, 0)]
    pieces: list[str] = []
    segs: list[tuple[int, int]] = [(0, 0)]
    pos = out = 0
    for s, e in _space_runs(plain):
        pieces.append(plain[pos:s + 1])  # keep the run's first space
        out += s + 1 - pos
        pos = e
        segs.append((out, e))
    pieces.append(plain[pos:])
    return "".join(pieces), segs


def _space_runs(plain: str):
    """Yield the [start, end) span of every run of two or more spaces."""
    s = plain.find("  ")
    while s != -1:
        e = s + 2
        while plain.startswith(" ", e):
            e += 1
        yield s, e
        s = plain.find("  ", e)


def _segments_slow(original: str) -> tuple[str, list[tuple[int, int]]]:
    """Normalise any text, composing accents (NFC) cluster by cluster."""
    out: list[str] = []
    segs: list[tuple[int, int]] = [(0, 0)]
    plain = 0
    prev_space = False
    for offset, cluster in _clusters(original):
        if cluster in _DROPPED or (cluster.isspace() and prev_space):
            continue
        prev_space = cluster.isspace()
        folded = " " if prev_space else (_QUOTES.get(cluster) or _DASHES.get(cluster)
                                         or unicodedata.normalize("NFC", cluster))
        for k, ch in enumerate(folded):
            p, o = segs[-1]
            if plain - p != offset - o or k:
                segs.append((plain, offset))
            out.append(ch)
            plain += 1
    return "".join(out), segs


def _clusters(text: str):
    """Yield (offset, cluster): a base character with its combining marks."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        yield i, text[i:j]
        i = j


def normalize(original: str) -> NormalizedText:
    """NFC, plain quotes and dashes, one space for any run of white space."""
    fast = _segments_fast(original) if unicodedata.is_normalized("NFC", original) else None
    text, segs = fast if fast is not None else _segments_slow(original)
    return NormalizedText(text, original, tuple(segs))


def lower_same_length(text: str) -> str:
    """Lower-case each character, keeping any whose lower form is longer."""
    low = text.lower()
    if len(low) == len(text):  # no character grew (lower-casing never shrinks one)
        return low
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


_PLAIN_MAP = {**_QUOTES, **_DASHES, "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " "}
_NOT_PLAIN = re.compile("[" + re.escape("".join(_PLAIN_MAP)) + "]")


def plain_same_length(text: str) -> str:
    """Plain quotes, hyphens and spaces, one character for one: offsets stay those of ``text``.

    >>> plain_same_length("Pakistan\u2019s\u00a0border \u2013 closed")
    "Pakistan's border - closed"
    """
    return _NOT_PLAIN.sub(lambda m: _PLAIN_MAP[m.group(0)], text)  # faster than str.translate on long text
