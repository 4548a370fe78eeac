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

import unicodedata
from dataclasses import dataclass

# Characters folded to one plain form before matching.
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}
_DASHES = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_DROPPED = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


@dataclass(frozen=True)
class NormalizedText:
    """Plain text plus a map from each of its characters to the original."""

    text: str
    original: str
    to_original: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the plain text back to the original."""
        if end <= start:
            pos = self.to_original[start]
            return pos, pos
        return self.to_original[start], self._orig_end(end - 1)

    def _orig_end(self, last: int) -> int:
        # the original characters that produced plain character `last` end
        # where the next plain character's source begins (or the text ends)
        nxt = self.to_original[last + 1]
        begin = self.to_original[last]
        # skip dropped characters and folded whitespace at the end of the span
        end = nxt
        while end > begin + 1 and (self.original[end - 1].isspace() or self.original[end - 1] in _DROPPED):
            end -= 1
        return end


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
    out: list[str] = []
    src: list[int] = []
    prev_space = False
    for offset, cluster in _clusters(original):
        if cluster in _DROPPED:
            continue
        if cluster.isspace():
            if not prev_space:
                out.append(" ")
                src.append(offset)
            prev_space = True
            continue
        prev_space = False
        folded = _QUOTES.get(cluster) or _DASHES.get(cluster) or unicodedata.normalize("NFC", cluster)
        for ch in folded:
            out.append(ch)
            src.append(offset)
    src.append(len(original))
    return NormalizedText("".join(out), original, tuple(src))


def lower_same_length(text: str) -> str:
    """Lower-case each character, keeping any whose lower form is longer."""
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)
