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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from geoborder.corpus.boilerplate import inside, merged_spans
from geoborder.corpus.normalize import NormalizedText, lower_same_length
from geoborder.gazetteer.model import Gazetteer, Place
from geoborder.places.lexicon import PlaceLexicon
from geoborder.places.scan import Hits, Scanner
from geoborder.places.textview import CONNECTORS as _CONNECTORS
from geoborder.places.textview import TextView, words_before as _words_before

_CAP_NAME = r"(?:[A-Z]\w*(?:\.\w+)*(?:-\w+)*)"
_SUFFIX = re.compile(r"-([a-z]+)")


@dataclass(slots=True)
class Candidate:
    """A span of the normalised text that names a place, before resolution."""

    start: int
    end: int
    places: tuple[Place, ...] | list[Place] = ()  # gazetteer entries the name may mean (shared, do not mutate)
    cue: str | None = None       # the kind a nearby word points to ('district', 'crossing', ...)
    origin: str = "alias"        # 'alias', 'compound' or 'context'
    strong: bool = False         # for 'context' names: is the context strong enough to keep it unresolved?


_REJECT, _COMMON_WORD, _CUE, _PLAIN = "reject", "common word", "cue", "plain"


def _within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) inside one of the sorted, non-overlapping spans?"""
    if not spans:
        return False
    k = bisect_right(spans, (start, float("inf"))) - 1
    return k >= 0 and spans[k][1] >= end


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
        self.scanner = Scanner(gazetteer, lexicon)
        self._leading_noise = lexicon.non_place_words | _CONNECTORS
        self._surface_verdicts: dict[str, str] = {}
        # names written in capitals ('KP', 'US', 'U.A.E.'): matched only in capitals
        self._acronyms = {n.replace(".", "") for p in gazetteer for n in p.names() if n.replace(".", "").isupper()}
        side_towns = {t.lower() for p in gazetteer if p.kind == "crossing" for t in (p.properties.get("sides") or {}).values()}
        self._cue_sensitive = {p.id for p in gazetteer if p.name.lower() in side_towns}
        self._borders = {frozenset(str(p.country).split("-")): p for p in gazetteer if p.kind == "border"}
        words = "|".join(re.escape(w) for w in sorted(lexicon.border_country_words, key=len, reverse=True))
        heads = "|".join(re.escape(h) for h in lexicon.border_heads)
        self._compound = re.compile(
            rf"\b(?P<a>{words})\s*[-/]\s*(?P<b>{words})\s+(?P<head>{heads})\b")
        events = "|".join(re.escape(w) for w in sorted(lexicon.event_words))
        self._event_compound = re.compile(rf"\b(?P<a>[a-z]+)\s*-\s*(?P<b>[a-z]+)\s+(?:{events})\b")
        context_kinds = "|".join(re.escape(k) for k in sorted(lexicon.context_kind_words, key=len, reverse=True))
        # names are matched case-sensitively (a capital is the signal), the words around them in any case
        self._cap_token = re.compile(rf"\b{_CAP_NAME}")
        self._next_cap_token = re.compile(rf" ({_CAP_NAME})")
        self._kind_after = re.compile(rf" ((?i:{context_kinds}))\b")
        self._kind_position = re.compile(rf" (?:{context_kinds})\b")
        self._coordination = re.compile(r"(?:,| and| or),? (?:the )?")

    # -- public -----------------------------------------------------------
    def find(self, text: NormalizedText, excluded: list[tuple[int, int]] | None = None) -> list[Candidate]:
        """Candidates in reading order, none overlapping another."""
        lower = lower_same_length(text.text)
        hits = self.scanner.scan(text.text, lower)
        doc = TextView(text, lower)
        doc.org_heads = hits.org_heads
        org_spans = merged_spans(hits.org_names)  # sorted, for _within
        found = self._compounds(doc, hits.heads)
        found += self._aliases(doc, hits.aliases, org_spans)
        chosen = _leftmost_longest(found)
        chosen += self._context_names(doc, chosen, org_spans, hits)
        chosen.sort(key=lambda c: c.start)
        if excluded:
            chosen = [c for c in chosen
                      if not inside(excluded, *text.span_to_original(c.start, c.end))]
        return chosen

    # -- the three sources -------------------------------------------------
    def _aliases(self, doc: TextView, aliases, org_spans) -> list[Candidate]:
        out = []
        text, lower = doc.text.text, doc.lower
        n = len(lower)
        for start, end, places in aliases:
            # the scan matched ' name' with only a space or punctuation folded to one before it, so
            # the name starts a word, never a word's tail ('Tehreek-e-Taliban Pakistan' is an org)
            if end < n and lower[end].isalnum():
                continue
            if lower.startswith("-", end) and (suffix := _SUFFIX.match(lower, end, end + 16)) \
                    and suffix.group(1) in self.lex.actor_suffixes:
                continue  # 'US-led troops', 'Iran-backed groups': the country as an actor, not a place
            surface = text[start:end]
            verdict = self._surface_verdicts.get(surface)
            if verdict is None:
                verdict = self._surface_verdict(surface, places)
            if verdict is _REJECT or (" " in surface and doc.crosses_paragraph(start, end)):
                continue
            if _within(org_spans, start, end) or self._in_org_name(doc, start, end):
                continue
            if self._is_surname(doc, start, places):
                continue
            common = verdict is _COMMON_WORD
            cue = self._cue(doc, start, end) if verdict is not _PLAIN else None
            if common and cue is None and not self._after_preposition(doc, start):
                continue
            out.append(Candidate(start, end, places, cue, "alias"))  # positional: one per name found
        return out

    def _compounds(self, doc: TextView, heads: dict[str, list[int]]) -> list[Candidate]:
        out = []
        for m in self._around(doc.lower, self.lex.border_heads, heads, self._compound):
            a = self.lex.border_country_words[m.group("a").lower()]
            b = self.lex.border_country_words[m.group("b").lower()]
            if a == b:
                continue
            border = self._border_between(a, b)
            if border is not None:
                out.append(Candidate(m.start(), m.end(), [border], cue="border", origin="compound"))
        # 'Iran-Iraq war', 'Indo-Pakistani war': an event's name; none of its words is a place here
        for m in self._around(doc.lower, self.lex.event_words, heads, self._event_compound):
            if all(self._is_country_word(m.group(g)) for g in ("a", "b")):
                out.append(Candidate(m.start(), m.end(), [], origin="event"))
        return out

    @staticmethod
    def _around(lower: str, heads, positions: dict[str, list[int]], rx: re.Pattern):
        """Matches of rx that end at one of the head words (``positions``: where each
        stands): the regex runs only near them, and only where a hyphen or slash joins
        two words before the head."""
        seen = set()
        for head in heads:
            for pos in positions.get(head, ()):
                lo = max(0, pos - 40)
                if (pos and lower[pos - 1].isalnum()) or not ("-" in lower[lo:pos] or "/" in lower[lo:pos]):
                    continue
                for m in rx.finditer(lower, lo, pos + len(head) + 12):
                    if m.span() not in seen:
                        seen.add(m.span())
                        yield m

    def _is_country_word(self, word: str) -> bool:
        return word in self.lex.border_country_words or word in self.lex.demonyms or any(
            p.kind == "country" for p in self.gazetteer.by_name(word))

    def _context_names(self, doc: TextView, taken: list[Candidate], org_spans, hits: Hits) -> list[Candidate]:
        """Capitalised names the gazetteer does not know, in a place-like context:
        a kind word after ('the Zamuran area'), 'village of' before, or a
        preposition before ('in Dosalli', and 'in Wana and Dosalli').

        The contexts come from the scan; only the words right at them are looked
        at (a few per article).
        """
        out: list[Candidate] = []
        text = doc.text.text
        occupied = bytearray(len(text) + 1)
        for c in taken:
            occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
        # names right after a preposition or 'village of' (pos: right after those words), and
        # the names coordinated with them; only a capital or a gazetteer name can start one
        size = len(text)
        starts = [(pos, prep) for pos, prep in hits.context_starts
                  if pos < size and (occupied[pos] or text[pos].isupper())]
        for pos, prep in starts:
            for _ in range(4):
                if occupied[pos]:  # a gazetteer name: step over it to what is coordinated with it
                    end = occupied.find(0, pos)
                else:
                    tok = self._cap_token.match(text, pos)
                    if not tok:
                        break
                    start, end, words = self._extend_name(text, tok, occupied)
                    kw = self._kind_after.match(text, end)
                    self._consider(doc, start, end, words, kw, prep is None, prep, occupied, org_spans, out)
                link = self._coordination.match(text, end)
                if not link:
                    break
                pos = link.end()
                prep = prep or "of"
        # names right before a kind word
        for m in self._kind_words(doc.lower, hits.kind_starts):
            words = []
            for w in reversed(_words_before(text, m.start() + 1, 3)):
                if not self._cap_token.fullmatch(w):
                    break
                words.insert(0, w)
            if not words:
                continue
            end = m.start()
            start = end - len(" ".join(words))
            if occupied[start] or occupied[end - 1]:
                continue
            self._consider(doc, start, end, words, self._kind_after.match(text, end), False, None,
                           occupied, org_spans, out)
        return sorted(out, key=lambda c: c.start)

    def _extend_name(self, text: str, tok: re.Match, occupied) -> tuple[int, int, list[str]]:
        """A name runs over up to three capitalised words."""
        start, end = tok.span()
        words = [tok.group()]
        while len(words) < 3:
            nxt = self._next_cap_token.match(text, end)
            if not nxt or occupied[nxt.start(1)]:
                break
            words.append(nxt.group(1))
            end = nxt.end()
        return start, end, words

    def _consider(self, doc: TextView, start, end, words, kw, of, prep, occupied, org_spans, out) -> None:
        """Keep a context name unless it is noise, a demonym, an acronym or an organisation's."""
        while words and words[0].lower() in self._leading_noise:
            start += len(words[0]) + 1
            words = words[1:]
        while words and words[-1].lower() in self.lex.non_place_words:
            end -= len(words[-1]) + 1
            words = words[:-1]
        if not words or end <= start or any(occupied[start:end]):
            return
        if any(w.lower() in self.lex.demonyms or w.lower() in self.lex.non_place_words for w in words):
            return
        if all(w.isupper() and len(w) <= 6 for w in words):  # acronyms: ISPR, TTP
            return
        if doc.crosses_paragraph(start, end) or doc.crosses_line(start, end):
            return
        if _within(org_spans, start, end) or self._in_org_name(doc, start, end):
            return
        cue = self.lex.kind_words.get(kw.group(1).lower()) if kw else self._cue(doc, start, end)
        is_strong = bool(kw or of) or cue is not None or prep in self.lex.strong_prepositions
        if is_strong and ((len(words) == 1 and doc.starts_sentence(start)) or doc.is_title_line(start)):
            is_strong = False  # a capital there says nothing about being a name
        occupied[start:end] = b"\x01" * (end - start)
        out.append(Candidate(start, end, [], cue=cue, origin="context", strong=is_strong))

    # -- helpers -------------------------------------------------------------
    def _is_surname(self, doc: TextView, start: int, places) -> bool:
        """'Habibullah Musakhel told reporters': a town or district name right after a
        capitalised word that is neither a place, a title, a demonym nor the start of a
        sentence is the family name of a person (many are place and tribe names)."""
        text = doc.text.text
        prev = text.rfind(" ", 0, start - 1) + 1  # where the word before the name starts
        if start < 2 or text[start - 1] != " " or not text[prev:prev + 1].isupper():
            return False  # the cheap test first: most names follow a lower-case word
        if not any(p.kind in ("town", "city", "district") for p in places):
            return False
        before = _words_before(text, start, 1)
        if not before or not before[-1][:1].isupper() or not before[-1].isalpha():
            return False
        word = before[-1]
        low = word.lower()
        if (low in self.lex.non_place_words or low in self.lex.demonyms or low in _CONNECTORS
                or self.gazetteer.by_name(word)):
            return False
        prev_start = start - len(word) - 1
        return not doc.starts_sentence(prev_start) and not doc.is_title_line(start)

    def _border_between(self, a: str, b: str) -> Place | None:
        return self._borders.get(frozenset((a, b)))

    def _surface_verdict(self, surface: str, places) -> str:
        """What the name alone says, whatever its context; remembered per spelling.

        _REJECT: wrong case or a demonym; _COMMON_WORD: also an ordinary word, needs a
        place cue; _CUE: the cue word can change the answer (several places of that
        name, or a town that names a crossing); _PLAIN: none of these.
        """
        if not self._case_ok(surface, places) or surface.lower() in self.lex.demonyms:
            verdict = _REJECT
        elif surface.lower() in self.lex.common_word_aliases:
            verdict = _COMMON_WORD
        elif len(places) > 1 or places[0].id in self._cue_sensitive:
            verdict = _CUE
        else:
            verdict = _PLAIN
        if len(self._surface_verdicts) < 100_000:  # bounded: the names of a gazetteer, in their spellings
            self._surface_verdicts[surface] = verdict
        return verdict

    def _case_ok(self, surface: str, places) -> bool:
        """A name is capitalised; an acronym alias ('KP', 'US') must match its case.

        A lower-case name counts only when it is long, not an ordinary word and
        not a country ('peshawar' in a careless caption, never 'china' or 'turkey').
        """
        if not surface[0].isupper():
            return (len(surface) >= 6 and surface.lower() not in self.lex.common_word_aliases
                    and all(p.kind not in ("country", "border") for p in places))
        bare = surface.replace(".", "")
        if len(bare) <= 4 and bare.isalpha() and bare.upper() in self._acronyms:
            return bare.isupper()
        return True

    def _kind_words(self, lower: str, starts: list[int]):
        """What ``_kind_position.finditer(lower)`` yields, with the regex tried only
        where the scan saw a kind word start (``starts``, sorted), left to right and
        never inside the previous match."""
        last_end = 0
        for pos in starts:
            if pos >= last_end:
                m = self._kind_position.match(lower, pos)
                if m:
                    last_end = m.end()
                    yield m

    def _in_org_name(self, doc: TextView, start: int, end: int) -> bool:
        """Is the name part of a run of capitalised words headed by an organisation word?"""
        k = bisect_left(doc.org_heads, start - 80)
        if k == len(doc.org_heads) or doc.org_heads[k] > end + 80:
            return False  # no organisation word near the name at all
        if not doc.has_capitalised_neighbour(start, end):
            return False
        chain = doc.capitalised_run(start, end)
        headed = any(w.lower().strip(".'") in self.lex.org_heads
                     or any(p in self.lex.org_heads for p in w.lower().split("-"))
                     for w in chain)
        # in a Title Case headline every word is capitalised: a run means nothing there
        return headed and not doc.is_title_line(start)

    _COORDINATED = re.compile(r"(?:,\s[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)*,?\s(?:and|or)\s[A-Z][\w-]*(?:\s[A-Z][\w-]*)?\s([a-z]+)")

    def _cue(self, doc: TextView, start: int, end: int) -> str | None:
        """The kind a neighbouring word gives the name: 'Kurram district', 'crossing at Kharlachi',
        'Kandahar and Helmand provinces'."""
        text = doc.text.text
        if text.startswith((" and ", " or ", ", "), end):
            m = self._COORDINATED.match(text, end)
            if m and m.group(1).endswith("s") and m.group(1) in self.lex.kind_words:
                return self.lex.kind_words[m.group(1)]
        after = doc.lower[end:end + 40]
        if after.startswith("'s"):
            after = after[2:]
        if after.startswith(" "):
            words = after[1:].split(" ", 2)[:2]
            words = [w.rstrip(".,;:!?)'\"") for w in words]
            for cand in (" ".join(words), words[0]):
                if cand in self.lex.kind_words:
                    return self.lex.kind_words[cand]
        before = _words_before(doc.lower, start, 4)
        if before and before[-1] == "the":
            before = before[:-1]
        if len(before) >= 2 and before[-1] in ("at", "of", "in"):
            for cand in (" ".join(before[-3:-1]), before[-2]):
                if cand in self.lex.kind_words:
                    return self.lex.kind_words[cand]
        return None

    def _after_preposition(self, doc: TextView, start: int) -> bool:
        """'in Tank', and 'in Wana and Tank' (a name coordinated with one after a preposition)."""
        before = _words_before(doc.lower, start, 2)
        if before and (before[-1] in self.lex.prepositions or
                       (before[-1] == "the" and len(before) == 2 and before[0] in self.lex.prepositions)):
            return True
        m = re.search(r"\b([a-z]+)\s(?:the\s)?[A-Z][\w-]*(?:\s[A-Z][\w-]*)?(?:,|\sand|\sor)\s$",
                      doc.text.text[max(0, start - 50):start])
        return bool(m and m.group(1) in self.lex.prepositions)


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
