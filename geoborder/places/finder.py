"""Find place names in an article, with character offsets.

Three sources of names, in one pass over the normalised text:

* every gazetteer name and alias, in any case, matched whole-word with an
  Aho-Corasick automaton (``pyahocorasick``), possessives and line breaks
  included (``Pakistan's``, ``Spin\\nBoldak``);
* border compounds (``Pakistan-Iran border``, ``Afghan-Pakistan border``,
  ``Pak-Afghan border``), which name a border line;
* capitalised names the gazetteer does not know, in a place-like context
  (``in Dosalli``, ``the Zamuran area``, ``the village of X``), left for the
  resolver to look up elsewhere.

Demonyms (``Afghan``), and place names inside the names of organisations and
events (``Munich Security Conference``, ``District Hospital Turbat``,
``Iran-Iraq war``) are not places.  Every rule's words are data; see
:mod:`geoborder.places.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

from geoborder.corpus.boilerplate import inside
from geoborder.corpus.normalize import NormalizedText, lower_same_length
from geoborder.gazetteer.model import Gazetteer, Place, name_key
from geoborder.places.lexicon import PlaceLexicon

_WORD = re.compile(r"[^\W\d_][\w'.-]*[\w]|[^\W\d_]")
_CONNECTORS = frozenset({"of", "and", "for", "the", "al", "ul", "e", "i", "de", "el", "-"})
_CAP_NAME = r"(?:[A-Z][\w'.]*(?:-[\w']+)*)"


@dataclass
class Candidate:
    """A span of the normalised text that names a place, before resolution."""

    start: int
    end: int
    places: list[Place] = field(default_factory=list)  # gazetteer entries the name may mean
    cue: str | None = None       # the kind a nearby word points to ('district', 'crossing', ...)
    origin: str = "alias"        # 'alias', 'compound' or 'context'
    strong: bool = False         # for 'context' names: is the context strong enough to keep it unresolved?


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class _Matcher:
    """An Aho-Corasick automaton over every gazetteer lookup key."""

    def __init__(self, gazetteer: Gazetteer):
        self.automaton = ahocorasick.Automaton()
        for key, places in gazetteer.keys():
            self.automaton.add_word(key, (len(key), tuple(places)))
        self.automaton.make_automaton()

    def matches(self, lower: str):
        for end_idx, (length, places) in self.automaton.iter(lower):
            yield end_idx + 1 - length, end_idx + 1, places


@lru_cache(maxsize=4)
def _matcher(gazetteer: Gazetteer) -> _Matcher:
    return _Matcher(gazetteer)


class PlaceFinder:
    """Finds candidate place names in normalised article text.

    >>> from geoborder.corpus.normalize import normalize
    >>> finder = PlaceFinder(Gazetteer.load(), load_lexicon())       # doctest: +SKIP
    >>> [n.text[c.start:c.end] for c in finder.find(normalize("Clashes near Torkham."))]  # doctest: +SKIP
    ['Torkham']
    """

    def __init__(self, gazetteer: Gazetteer, lexicon: PlaceLexicon):
        self.gazetteer = gazetteer
        self.lex = lexicon
        self.matcher = _matcher(gazetteer)
        self._leading_noise = lexicon.non_place_words | _CONNECTORS
        self._borders = {frozenset(str(p.country).split("-")): p for p in gazetteer if p.kind == "border"}
        self._org_names = ahocorasick.Automaton()
        for n in {name_key(n) for n in lexicon.org_names}:
            self._org_names.add_word(n, len(n))
        self._org_names.make_automaton()
        words = "|".join(re.escape(w) for w in sorted(lexicon.border_country_words, key=len, reverse=True))
        heads = "|".join(re.escape(h) for h in lexicon.border_heads)
        self._compound = re.compile(
            rf"\b(?P<a>{words})\s*[-/]\s*(?P<b>{words})\s+(?P<head>{heads})\b")
        events = "|".join(re.escape(w) for w in sorted(lexicon.event_words))
        self._event_compound = re.compile(rf"\b(?P<a>[a-z]+)\s*-\s*(?P<b>[a-z]+)\s+(?:{events})\b")
        kind_words = "|".join(re.escape(k) for k in sorted(lexicon.kind_words, key=len, reverse=True))
        preps = "|".join(sorted(lexicon.prepositions, key=len, reverse=True))
        ofs = "|".join(sorted(lexicon.of_words))
        name = rf"{_CAP_NAME}(?:\s{_CAP_NAME}){{0,2}}"
        del kind_words
        context_kinds = "|".join(re.escape(k) for k in sorted(lexicon.context_kind_words, key=len, reverse=True))
        # names are matched case-sensitively (a capital is the signal), the words around them in any case
        self._context = [
            # 'the Spina Shaga area', 'Kurram tribal district'
            (re.compile(rf"(?P<name>{name})\s(?P<kw>(?i:{context_kinds}))\b"), True),
            # 'the village of Zamuran'
            (re.compile(rf"\b(?i:{ofs})\s(?i:of)\s(?P<name>{name})"), True),
            # 'in Dosalli', 'near Bara'
            (re.compile(rf"\b(?P<prep>(?i:{preps}))\s(?:(?i:the)\s)?(?P<name>{name})"), False),
        ]

    # -- public -----------------------------------------------------------
    def find(self, text: NormalizedText, excluded: list[tuple[int, int]] | None = None) -> list[Candidate]:
        """Candidates in reading order, none overlapping another."""
        lower = lower_same_length(text.text)
        doc = _Doc(text, lower)
        org_spans = self._org_spans(lower)
        found = self._compounds(doc)
        found += self._aliases(doc, org_spans)
        chosen = _leftmost_longest(found)
        chosen += self._context_names(doc, chosen, org_spans)
        chosen.sort(key=lambda c: c.start)
        if excluded:
            chosen = [c for c in chosen
                      if not inside(excluded, *text.span_to_original(c.start, c.end))]
        return chosen

    # -- the three sources -------------------------------------------------
    def _aliases(self, doc: "_Doc", org_spans) -> list[Candidate]:
        out = []
        text, lower = doc.text.text, doc.lower
        for start, end, places in self.matcher.matches(lower):
            if (start > 0 and _is_word_char(lower[start - 1])) or (end < len(lower) and _is_word_char(lower[end])):
                continue
            if start > 0 and lower[start - 1] == "-" and start > 1 and _is_word_char(lower[start - 2]):
                continue  # the tail of a hyphenated word: 'Tehreek-e-Taliban Pakistan' is handled as an org
            if re.match(r"-([a-z]+)", lower[end:end + 16]) and re.match(r"-([a-z]+)", lower[end:end + 16]).group(1) in self.lex.actor_suffixes:
                continue  # 'US-led troops', 'Iran-backed groups': the country as an actor, not a place
            surface = text[start:end]
            if doc.crosses_paragraph(start, end) or not self._case_ok(surface, places):
                continue
            if surface.lower() in self.lex.demonyms:
                continue
            if any(s <= start and end <= e for s, e in org_spans) or self._in_org_name(doc, start, end):
                continue
            cue = self._cue(doc, start, end)
            if surface.lower() in self.lex.common_word_aliases and cue is None and not self._after_preposition(doc, start):
                continue
            out.append(Candidate(start, end, list(places), cue=cue, origin="alias"))
        return out

    def _compounds(self, doc: "_Doc") -> list[Candidate]:
        out = []
        for m in self._compound.finditer(doc.lower):
            a = self.lex.border_country_words[m.group("a").lower()]
            b = self.lex.border_country_words[m.group("b").lower()]
            if a == b:
                continue
            border = self._border_between(a, b)
            if border is not None:
                out.append(Candidate(m.start(), m.end(), [border], cue="border", origin="compound"))
        # 'Iran-Iraq war', 'Indo-Pakistani war': an event's name; none of its words is a place here
        for m in self._event_compound.finditer(doc.lower):
            if all(self._is_country_word(m.group(g)) for g in ("a", "b")):
                out.append(Candidate(m.start(), m.end(), [], origin="event"))
        return out

    def _is_country_word(self, word: str) -> bool:
        return word in self.lex.border_country_words or word in self.lex.demonyms or any(
            p.kind == "country" for p in self.gazetteer.by_name(word))

    def _context_names(self, doc: "_Doc", taken: list[Candidate], org_spans) -> list[Candidate]:
        out: list[Candidate] = []
        text = doc.text.text
        occupied = bytearray(len(text) + 1)
        for c in taken:
            occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
        for rx, strong in self._context:
            for m in rx.finditer(text):
                start, end = m.span("name")
                name = m.group("name")
                # trim leading function words caught by a case-insensitive pattern
                words = name.split(" ")
                while words and words[0].lower() in self._leading_noise:
                    start += len(words[0]) + 1
                    words = words[1:]
                while words and words[-1].lower() in self.lex.non_place_words:
                    end -= len(words[-1]) + 1
                    words = words[:-1]
                if not words or end <= start:
                    continue
                if any(occupied[start:end]):
                    continue
                if any(w.lower() in self.lex.demonyms or w.lower() in self.lex.non_place_words for w in words):
                    continue
                if all(w.isupper() and len(w) <= 6 for w in words):  # acronyms: ISPR, TTP
                    continue
                if doc.crosses_paragraph(start, end) or doc.crosses_line(start, end):
                    continue
                if any(s <= start and end <= e for s, e in org_spans) or self._in_org_name(doc, start, end):
                    continue
                kw = m.groupdict().get("kw")
                prep = (m.groupdict().get("prep") or "").lower()
                cue = self.lex.kind_words.get(kw.lower()) if kw else self._cue(doc, start, end)
                is_strong = strong or prep in self.lex.strong_prepositions or cue is not None
                if doc.is_title_line(start) or (len(words) == 1 and doc.starts_sentence(start)):
                    is_strong = False  # a capital there says nothing about being a name
                occupied[start:end] = b"\x01" * (end - start)
                out.append(Candidate(start, end, [], cue=cue, origin="context", strong=is_strong))
        return out

    # -- helpers -------------------------------------------------------------
    def _border_between(self, a: str, b: str) -> Place | None:
        return self._borders.get(frozenset((a, b)))

    def _case_ok(self, surface: str, places) -> bool:
        """A name is capitalised; an acronym alias ('KP', 'US') must match its case.

        A lower-case name counts only when it is long, not an ordinary word and
        not a country ('peshawar' in a careless caption, never 'china' or 'turkey').
        """
        if not surface[0].isupper():
            return (len(surface) >= 6 and surface.lower() not in self.lex.common_word_aliases
                    and all(p.kind not in ("country", "border") for p in places))
        bare = surface.replace(".", "")
        if len(bare) <= 4 and bare.isalpha():
            acronyms = {n.replace(".", "") for p in places for n in p.names() if n.replace(".", "").isupper()}
            if bare.upper() in acronyms:
                return bare.isupper()
        return True

    def _org_spans(self, lower: str) -> list[tuple[int, int]]:
        spans = []
        for end_idx, length in self._org_names.iter(lower):
            start, end = end_idx + 1 - length, end_idx + 1
            if (start == 0 or not _is_word_char(lower[start - 1])) and (end == len(lower) or not _is_word_char(lower[end])):
                spans.append((start, end))
        return spans

    def _in_org_name(self, doc: "_Doc", start: int, end: int) -> bool:
        """Is the name part of a run of capitalised words headed by an organisation word?"""
        if not doc.has_capitalised_neighbour(start, end) or doc.is_title_line(start):
            return False
        chain = doc.capitalised_run(start, end)
        return any(w.lower().strip(".'") in self.lex.org_heads
                   or any(p in self.lex.org_heads for p in w.lower().split("-"))
                   for w in chain)

    def _cue(self, doc: "_Doc", start: int, end: int) -> str | None:
        """The kind a neighbouring word gives the name: 'Kurram district', 'crossing at Kharlachi'."""
        after = doc.lower[end:end + 40]
        m = re.match(r"(?:'s)?\s+([a-z-]+(?:\s[a-z-]+)?)", after)
        if m:
            two = m.group(1)
            for cand in (two, two.split(" ")[0]):
                if cand in self.lex.kind_words:
                    return self.lex.kind_words[cand]
        before = doc.lower[max(0, start - 40):start]
        m = re.search(r"([a-z-]+(?:\s[a-z-]+)?)\s(?:at|of|in)\s(?:the\s)?$", before)
        if m:
            two = m.group(1)
            for cand in (two, two.split(" ")[-1]):
                if cand in self.lex.kind_words:
                    return self.lex.kind_words[cand]
        return None

    def _after_preposition(self, doc: "_Doc", start: int) -> bool:
        m = re.search(r"([a-z]+)\s(?:the\s)?$", doc.lower[max(0, start - 20):start])
        return bool(m and m.group(1) in self.lex.prepositions)


class _Doc:
    """Per-article views of the text the rules share."""

    def __init__(self, text: NormalizedText, lower: str):
        self.text = text
        self.lower = lower
        self._title_lines: dict[int, bool] = {}

    def _gap_newlines(self, i: int) -> int:
        """How many line breaks the original had where plain text has a space at i."""
        return self.text.newlines_at(i)

    _NEXT_CAP = re.compile(r" (?:[A-Z]|(?:of|and|for|the|al|ul|e|i|de|el) [A-Z])")
    _PREV_CAP = re.compile(r"(?:[A-Z][\w.'-]*|[A-Z][\w.'-]* (?:of|and|for|the|al|ul|e|i|de|el)) $")

    def has_capitalised_neighbour(self, start: int, end: int) -> bool:
        """A cheap test before :meth:`capitalised_run`: is a capitalised word next to the name?"""
        text = self.text.text
        return bool(self._NEXT_CAP.match(text, end) or self._PREV_CAP.search(text, max(0, start - 40), start))

    def starts_sentence(self, start: int) -> bool:
        before = self.text.text[max(0, start - 4):start].rstrip(" \"'(")
        return not before or before[-1] in ".!?:" or self._gap_newlines(start - 1) > 0 if start else True

    def crosses_paragraph(self, start: int, end: int) -> bool:
        return any(self.text.text[i] == " " and self._gap_newlines(i) >= 2 for i in range(start, end))

    def crosses_line(self, start: int, end: int) -> bool:
        return any(self.text.text[i] == " " and self._gap_newlines(i) >= 1 for i in range(start, end))

    def _line_bounds(self, i: int) -> tuple[int, int]:
        orig, pos = self.text.original, self.text.orig(i)
        return orig.rfind("\n", 0, pos) + 1, (orig.find("\n", pos) + 1 or len(orig) + 1) - 1

    def is_title_line(self, i: int) -> bool:
        """Is the line holding plain offset i written in Title Case (a headline)?"""
        s, e = self._line_bounds(i)
        if s not in self._title_lines:
            words = [w for w in re.findall(r"[^\W\d_]+", self.text.original[s:e]) if len(w) > 3]
            caps = sum(w[0].isupper() for w in words)
            self._title_lines[s] = len(words) >= 4 and caps / len(words) > 0.7
        return self._title_lines[s]

    def capitalised_run(self, start: int, end: int) -> list[str]:
        """The capitalised words on either side of [start, end) that form one name with it."""
        text = self.text.text
        words: list[str] = []
        # to the right: stop at a possessive, punctuation or a line break
        pos = end
        if not text.startswith("'s", pos):
            while True:
                m = re.match(r" ([^\W\d_][\w.'-]*)", text[pos:pos + 60])
                if not m or self._gap_newlines(pos) or text[pos + 1:pos + 3] == "'s":
                    break
                w = m.group(1)
                if w[0].isupper():
                    words.append(w.rstrip("'s") if w.endswith("'s") else w)
                    if w.endswith("'s"):
                        break
                elif w.lower() in _CONNECTORS and re.match(r" [A-Z]", text[pos + m.end():pos + m.end() + 2]):
                    pass
                else:
                    break
                pos += m.end()
        # to the left: stop at a possessive ('Pakistan's Balochistan'), punctuation or a line break
        pos = start
        while pos > 0:
            m = re.search(r"([^\W\d_][\w.'-]*) $", text[max(0, pos - 60):pos])
            if not m or self._gap_newlines(pos - 1):
                break
            w = m.group(1)
            if w.endswith("'s") or w.endswith("'"):
                break
            if w[0].isupper():
                words.append(w)
            elif w.lower() in _CONNECTORS and re.search(r"[A-Z][\w.'-]* $", text[max(0, pos - len(w) - 41):pos - len(w) - 1]):
                pass
            else:
                break
            pos -= len(w) + 1
        return words


def _leftmost_longest(cands: list[Candidate]) -> list[Candidate]:
    """Keep non-overlapping candidates, preferring the earliest and then the longest."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Candidate] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            out.append(c)
            last_end = c.end
        elif out and c.start == out[-1].start and c.end > out[-1].end:
            out[-1] = c
            last_end = c.end
    # an event name ('Iran-Iraq war') hides the names inside it, then goes itself
    return [c for c in out if c.origin != "event"]
