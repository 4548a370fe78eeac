"""One pass over an article for every word list place finding looks for.

The finder needs where the gazetteer's names stand, and also organisation
names and heads, the words that open a place-like context (``in``, ``village
of``), kind words (``area``) and the heads of border compounds (``border``).
Each used to be a pass of its own over the text.  An Aho-Corasick automaton
(``pyahocorasick``) costs about the same per character however many keys it
holds, so one automaton over every list costs about what one pass did.

The automaton reads the lower-cased text with the punctuation that can stand
before a name folded to spaces (:func:`fold_before_name`), which is what gazetteer
keys need.  A key of any other list is stored folded the same way, and a match
counts only where the text itself holds the key (in the case that list asks
for): each list gets exactly the matches a pass of its own would find.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from geoborder.gazetteer.model import Gazetteer, name_key
from geoborder.places.lexicon import PlaceLexicon

# punctuation that can stand right before a name; folded to a space so that every
# gazetteer key can be stored with a leading space and never match inside a word
BEFORE_NAME = "()[]{}\",;:!?/\\|*+=<>@#%^~`_"


def fold_before_name(text: str) -> str:
    """The text with every character of BEFORE_NAME replaced by a space.

    One ``str.replace`` per character present: ``str.translate`` takes a slow,
    character-by-character path for text that is not ASCII, a hundred times
    slower than these scans.
    """
    for ch in BEFORE_NAME:
        if ch in text:
            text = text.replace(ch, " ")
    return text

# what a key is in the lists it belongs to
_ALIAS, _ORG_NAME, _ORG_HEAD, _CONTEXT, _KIND, _HEAD, _SEVERAL = range(7)


@dataclass(slots=True)
class Hits:
    """What one scan found in one article, as offsets into its normalised text."""

    aliases: list[tuple[int, int, tuple]]    # (start, end, places): a gazetteer key at the start of a word
    org_names: list[tuple[int, int]]         # a known organisation name, whole-word, in any case
    org_heads: list[int]                     # starts of whole-word, capitalised organisation words
    context_starts: list[tuple[int, str | None]]  # (where a name may start, the preposition or None for 'X of')
    kind_starts: list[int]                   # where ' area', ' district', ... may start (to be confirmed)
    heads: dict[str, list[int]]              # border head or event word -> everywhere it stands


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Scanner:
    """An automaton over every lookup key of the gazetteer and the place lexicon."""

    def __init__(self, gazetteer: Gazetteer, lexicon: PlaceLexicon):
        entries: dict[str, list[tuple]] = {}

        def add(key: str, role: int, value) -> None:
            entries.setdefault(key, []).append((role, value))

        # gazetteer keys are matched as ' key' in the folded text, so only at the start of a word
        for key, places in gazetteer.keys():
            add(" " + key, _ALIAS, (len(key), tuple(places)))
        for n in {name_key(n) for n in lexicon.org_names}:
            add(fold_before_name(n), _ORG_NAME, n)
        # organisation heads are matched in capitals only ('Army', 'TV'): the lower-case key
        # finds them, the text's own spelling decides
        forms: dict[str, set[str]] = {}
        for h in {h.capitalize() for h in lexicon.org_heads} | {h.upper() for h in lexicon.org_heads if len(h) <= 3}:
            forms.setdefault(h.lower(), set()).add(h)
        for low, spellings in forms.items():
            add(fold_before_name(low), _ORG_HEAD, frozenset(spellings))
        for p in lexicon.prepositions:
            for key in (f" {p} ", f" {p} the "):
                add(fold_before_name(key), _CONTEXT, (key, p))
        for w in lexicon.of_words:
            for key in (f" {w} of ", f" {w} of the "):
                add(fold_before_name(key), _CONTEXT, (key, None))
        for k in lexicon.context_kind_words:
            add(fold_before_name(" " + k), _KIND, " " + k)
        for head in {*lexicon.border_heads, *lexicon.event_words}:
            add(fold_before_name(head), _HEAD, head)
        self.automaton = ahocorasick.Automaton()
        for key, roles in entries.items():
            # most keys are in one list: stored flat, so the scan loop need not loop over roles
            role, value = roles[0] if len(roles) == 1 else (_SEVERAL, tuple(roles))
            self.automaton.add_word(key, (role, len(key), value))
        self.automaton.make_automaton()

    def scan(self, text: str, lower: str) -> Hits:
        """Every list's matches in one article; ``lower`` is ``text`` lower-cased, same length."""
        hits = Hits([], [], [], [], [], {})
        aliases, contexts = hits.aliases, hits.context_starts
        spaced = " " + lower  # what the context words are matched in
        kinds: set[int] = set()

        def record(role: int, start: int, end: int, value) -> None:
            """A match, if the text really holds the key there (a gazetteer key always counts)."""
            if role == _ALIAS:
                aliases.append((end - value[0], end, value[1]))
            elif role == _CONTEXT:
                key, prep = value
                if spaced.startswith(key, start + 1):
                    contexts.append((end, prep))
            elif start < 0:
                return  # the match takes in the space put before the text
            elif role == _ORG_HEAD:
                if (text[start:end] in value and (start == 0 or not text[start - 1].isalnum())
                        and (end == len(text) or not text[end].isalnum())):
                    hits.org_heads.append(start)
            elif role == _HEAD:
                if lower.startswith(value, start):
                    hits.heads.setdefault(value, []).append(start)
            elif role == _KIND:
                if lower.startswith(value, start):
                    kinds.add(start)
            elif role == _ORG_NAME:
                if (lower.startswith(value, start) and (start == 0 or not is_word_char(lower[start - 1]))
                        and (end == len(lower) or not is_word_char(lower[end]))):
                    hits.org_names.append((start, end))

        # j: the match's last character in ' ' + text, so the key spans [j - length, j) of the text
        for j, (role, length, value) in self.automaton.iter(" " + fold_before_name(lower)):
            if role == _ALIAS:
                name_length, places = value  # the key is ' ' + the name
                aliases.append((j - name_length, j, places))
            elif role == _SEVERAL:
                for one_role, one_value in value:
                    record(one_role, j - length, j, one_value)
            else:
                record(role, j - length, j, value)
        hits.kind_starts = sorted(kinds)
        return hits
