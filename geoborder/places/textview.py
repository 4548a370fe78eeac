"""Views of one article's normalised text that the place-finding rules share."""

from __future__ import annotations

import re

from geoborder.corpus.normalize import NormalizedText

CONNECTORS = frozenset({"of", "and", "for", "the", "al", "ul", "e", "i", "de", "el", "-"})


def words_before(text: str, start: int, n: int = 3) -> list[str]:
    """Up to n words right before ``start`` (which must follow a space), nearest last.

    String splitting, not an end-anchored regex: this runs for every name found.
    """
    if start == 0 or text[start - 1] != " ":
        return []
    return text[max(0, start - 12 * n):start].split(" ")[-n - 1:-1]


class TextView:
    """Per-article views of the normalised text that the finding rules share:
    line breaks, headlines, sentence starts, runs of capitalised words."""

    def __init__(self, text: NormalizedText, lower: str):
        self.text = text
        self.lower = lower
        self._title_lines: dict[int, bool] = {}
        self.org_heads: list[int] = []  # where capitalised organisation words stand (the finder's scan)

    def _gap_newlines(self, i: int) -> int:
        """How many line breaks the original had where plain text has a space at i."""
        return self.text.newlines_at(i)

    _NEXT_CAP = re.compile(r" (?:[A-Z]|(?:of|and|for|the|al|ul|e|i|de|el) [A-Z])")

    def has_capitalised_neighbour(self, start: int, end: int) -> bool:
        """A cheap test before :meth:`capitalised_run`: is a capitalised word next to the name?"""
        text = self.text.text
        if self._NEXT_CAP.match(text, end):
            return True
        before = words_before(text, start, 2)
        if not before or not before[-1]:
            return False
        if before[-1][0].isupper():
            return True
        return before[-1] in CONNECTORS and len(before) == 2 and before[0][:1].isupper()

    def starts_sentence(self, start: int) -> bool:
        before = self.text.text[max(0, start - 4):start].rstrip(" \"'(")
        return not before or before[-1] in ".!?:" or self._gap_newlines(start - 1) > 0 if start else True

    def crosses_paragraph(self, start: int, end: int) -> bool:
        return self._crosses(start, end, 2)

    def crosses_line(self, start: int, end: int) -> bool:
        return self._crosses(start, end, 1)

    def _crosses(self, start: int, end: int, newlines: int) -> bool:
        """Does a space in [start, end) stand for at least ``newlines`` line breaks?"""
        text = self.text
        if text.text.find(" ", start, end) == -1:
            return False
        # the cheap test first: the span's characters come from original[orig(start):orig(end)],
        # so with fewer line breaks there, no one space can stand for that many
        if text.original.count("\n", text.orig(start), text.orig(end)) < newlines:
            return False
        return any(text.text[i] == " " and self._gap_newlines(i) >= newlines for i in range(start, end))

    def _line_bounds(self, i: int) -> tuple[int, int]:
        orig, pos = self.text.original, self.text.orig(i)
        return orig.rfind("\n", 0, pos) + 1, (orig.find("\n", pos) + 1 or len(orig) + 1) - 1

    def is_title_line(self, i: int) -> bool:
        """Is the line holding plain offset i written in Title Case (a headline)?"""
        s, e = self._line_bounds(i)
        if s not in self._title_lines and e - s > 250:
            self._title_lines[s] = False  # a headline is short
        if s not in self._title_lines:
            words = [w for w in re.findall(r"[^\W\d_]+", self.text.original[s:e]) if len(w) > 3]
            caps = sum(w[0].isupper() for w in words)
            self._title_lines[s] = len(words) >= 4 and caps / len(words) > 0.7
        return self._title_lines[s]

    _WORD_AFTER = re.compile(r" ([^\W\d_][\w.'-]*)")
    _CAPITAL_AFTER = re.compile(r" [A-Z]")
    _WORD_BEFORE = re.compile(r"([^\W\d_][\w.'-]*) $")
    _WORD_BEFORE_REVERSED = re.compile(r" ([\w.'-]*[^\W\d_])")  # _WORD_BEFORE read backwards
    _CAPITALISED_BEFORE = re.compile(r"[A-Z][\w.'-]* $")

    def _word_before(self, text: str, pos: int) -> str | None:
        """The word ``_WORD_BEFORE`` finds in the 60 characters before pos, or None.

        A regex anchored at the end of a string is tried at every start, so the window
        is read backwards with the pattern reversed: its greedy run from the end finds
        the same, leftmost, start of the word.  ('$' also matches before a final line
        break, which only the pattern itself handles.)
        """
        window = text[max(0, pos - 60):pos]
        if window.endswith("\n"):
            m = self._WORD_BEFORE.search(window)
            return m.group(1) if m else None
        m = self._WORD_BEFORE_REVERSED.match(window[::-1])
        return m.group(1)[::-1] if m else None

    def capitalised_run(self, start: int, end: int) -> list[str]:
        """The capitalised words on either side of [start, end) that form one name with it."""
        text = self.text.text
        words: list[str] = []
        # to the right: stop at a possessive, punctuation or a line break
        pos = end
        if not text.startswith("'s", pos):
            while True:
                m = self._WORD_AFTER.match(text[pos:pos + 60])
                if not m or self._gap_newlines(pos) or text[pos + 1:pos + 3] == "'s":
                    break
                w = m.group(1)
                if w[0].isupper():
                    words.append(w[:-2] if w.endswith("'s") else w)
                    if w.endswith("'s"):
                        break
                elif w.lower() in CONNECTORS and self._CAPITAL_AFTER.match(text[pos + m.end():pos + m.end() + 2]):
                    pass
                else:
                    break
                pos += m.end()
        # to the left: stop at a possessive ('Pakistan's Balochistan'), punctuation or a line break
        pos = start
        while pos > 0:
            w = self._word_before(text, pos)
            if w is None or self._gap_newlines(pos - 1):
                break
            if w.endswith("'s") or w.endswith("'"):
                break
            if w[0].isupper():
                words.append(w)
            elif w.lower() in CONNECTORS and self._CAPITALISED_BEFORE.search(text[max(0, pos - len(w) - 41):pos - len(w) - 1]):
                pass
            else:
                break
            pos -= len(w) + 1
        return words
