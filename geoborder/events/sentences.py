"""Sentences with their offsets, the unit events are found in.

A regular-expression splitter: fast, offset-preserving, and aware of the
abbreviations news text uses (``Gen. Bajwa``, ``No. 2``, ``Sept. 15``).
Line breaks end a sentence unless the next line goes on in lower case
(a hard-wrapped paragraph); a blank line also starts a new paragraph.

>>> [s.text for s in split_sentences("Gen. Bajwa spoke. Troops left.\\n\\nA new one")]
['Gen. Bajwa spoke.', 'Troops left.', 'A new one']
>>> [s.paragraph for s in split_sentences("One.\\n\\nTwo. Three.")]
[0, 1, 1]
"""

from __future__ import annotations

import re
from typing import NamedTuple

from geoborder.events.lexicon import event_lexicon

# A break: end punctuation before a capital or digit, a blank line, or a line break before anything
# but a lower-case word.  The pattern opens with the characters a break starts with (the look-behinds
# then tell which kind it is), so that the regex engine skips ahead to them.
_BREAK = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])|(?<=\n)\s*\n|(?<=\n)(?=\s*[^a-z\s]))")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


class Sentence(NamedTuple):  # a tuple: articles have many sentences, and tuples are cheap to make
    index: int
    start: int
    end: int
    text: str
    paragraph: int


_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,30}(?:,[^,:()]{1,30})?\s*(?:\([^()]{1,40}\))?\s*(?::|[-—–]\s)")


def dateline_end(text: str) -> int:
    """Where a sentence's dateline ('QUETTA:', 'ISLAMABAD, Jan 18 (Reuters) -') ends; 0 without one.

    >>> dateline_end("PESHAWAR, Pakistan (AP) - Militants attacked a post.")
    26
    """
    m = _DATELINE.match(text)
    return m.end() if m else 0


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1).lower()
    return word in event_lexicon().abbreviations or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    paragraph = 0
    pending_paragraph = False

    def emit(end: int) -> None:
        nonlocal pending_paragraph, paragraph
        raw = text[start:end]
        stripped = raw.strip()
        if stripped:
            if pending_paragraph and out:
                paragraph += 1
            pending_paragraph = False
            lead = len(raw) - len(raw.lstrip())
            s = start + lead
            out.append(Sentence(len(out), s, s + len(stripped), stripped, paragraph))

    for m in _BREAK.finditer(text):
        brk = m.group(0)
        if brk[0] == "." and _is_abbreviation(text, m.start()):
            continue
        emit(m.start() if brk[0] == "\n" else m.end())
        if brk.count("\n") >= 2:  # a blank line (a punctuation break holds none)
            pending_paragraph = True
        start = m.end()
    emit(len(text))
    return out
