"""The word lists that steer event finding, loaded from ``data/lexicons/events.json``.

They are data so an analyst can review them without reading Python; see
the file's ``_about`` for what each list does.

>>> lex = event_lexicon()
>>> lex.phrase_type["gun battle"], lex.is_generic("attack"), lex.default_type("blast")
('armed_clash', True, 'ied')
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geoborder.errors import InputError
from geoborder.events.phrases import PhraseIndex, PhraseSet
from geoborder.resources import LEXICON_DIR, read_lexicon


def _alternation(words) -> str:
    """Whole-word regex alternation, longest first; spaces and hyphens match either."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        parts.append(re.escape(w).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?"))
    return r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"


def _unit(ch: str) -> str:
    """One character of a phrase as ``_alternation`` matches it."""
    return r"[\s-]+" if ch == " " else r"[\s-]?" if ch == "-" else re.escape(ch)


def trie_pattern(words, not_after: str = r"[\w-]", unit=_unit) -> str:
    """Words (non-empty) as a regex trie, each top branch opening with a word's first character and then
    a look-behind that no ``not_after`` character stands before it: the matches of an alternation of the
    words behind that look-behind, but the regex engine skips ahead to the characters a word can start
    with and follows one branch a character.  ``unit`` writes one character as a regex (by default as
    ``_alternation`` does: a space or hyphen stands for either)."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict, top: bool) -> str:
        branches = [unit(ch) + (rf"(?<!{not_after}.)" if top else "") + walk(child, False)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return walk(root, True)


class Prefiltered:
    """A regex whose matches are found sooner by first looking for where one may start.

    The regex engine cannot skip ahead through a pattern that opens with a look-behind, a word boundary
    or an alternation of groups, nor through any case-insensitive one: it tries the whole pattern at
    every character.  ``starts`` matches (at least) wherever a match of ``regex`` can start, and opens
    with a character the engine can skip ahead to; ``regex`` is tried at each such place in turn, so
    the matches are exactly its own, in order.  With ``lower``, ``starts`` is case-sensitive and looks
    in the lower-cased text: for a case-insensitive ``regex`` in ASCII text, where matching in any case
    is matching in lower case at the same offsets (other text is left to ``regex`` alone).  ``regex``
    may not match an empty string.
    """

    __slots__ = ("regex", "_starts", "_lower")

    def __init__(self, regex: re.Pattern, starts: re.Pattern | None, lower: bool = False):
        self.regex = regex
        self._starts = starts
        self._lower = lower

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        if self._starts is None or (self._lower and not text.isascii()):
            return self.regex.search(text, pos, endpos)
        scanned = text.lower() if self._lower else text
        while (start := self._starts.search(scanned, pos, endpos)) is not None:
            m = self.regex.match(text, start.start(), endpos)
            if m is not None:
                return m
            pos = start.start() + 1
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        if self._starts is None or (self._lower and not text.isascii()):
            yield from self.regex.finditer(text, pos, endpos)
            return
        scanned = text.lower() if self._lower else text
        while (start := self._starts.search(scanned, pos, endpos)) is not None:
            m = self.regex.match(text, start.start(), endpos)
            if m is None:
                pos = start.start() + 1
                continue
            yield m
            pos = m.end()

    def fullmatch(self, text: str) -> re.Match | None:
        return self.regex.fullmatch(text)


class Words(Prefiltered):
    """Lexicon phrases found as whole words in any case: the matches of their ``_alternation``, found
    with the trie of the same phrases (``trie_pattern``), in lower case.

    >>> ws = Words(["several times", "re-open"])
    >>> [m.group(0) for m in ws.finditer("Reopened? It was re open, SEVERAL  times.")]
    ['re open', 'SEVERAL  times']
    """

    __slots__ = ()

    def __init__(self, words):
        words = set(words)
        # the trie needs ASCII phrases, and an empty one would match everywhere
        plain = words and all(w and w.isascii() for w in words)
        trie = re.compile(r"(?:" + trie_pattern({w.lower() for w in words}) + r")(?![\w-])") if plain else None
        super().__init__(re.compile(_alternation(words), re.IGNORECASE), trie, lower=True)


def _compile(words) -> Words:
    return Words(words)


@dataclass(frozen=True)
class EventLexicon:
    phrase_type: dict[str, str]          # attack phrase -> type
    generic: frozenset[str]
    generic_defaults: dict[str, str]
    weak: frozenset[str]
    plural: frozenset[str]
    gerunds: frozenset[str]
    type_priority: tuple[str, ...]
    weapon_type: dict[str, str]
    closure_words: frozenset[str]
    reopening_words: frozenset[str]
    abbreviations: frozenset[str]
    triggers: PhraseSet                  # closure, reopening and attack phrases together
    article_phrases: PhraseIndex         # triggers, weapons, strong future words, killings: one pass per article
    closure_objects: Words
    closure_object_noise: Words
    all_crossings: Words
    weapons: PhraseSet
    weapon_use: Words
    weak_needs: Words
    negations: Words
    stopped: Words
    future: Words
    announce: Words
    calls: Words
    hypothetical: Words
    denials: Words
    negated: Words                       # negations and stopped words, looked for in one pass
    unreal: Words                        # hypothetical and denial words, looked for in one pass
    to_governors_real: frozenset[str]
    aggregate: Words
    background: Words
    locative: frozenset[str]
    origin: frozenset[str]
    talk_contexts: Words
    reason_cues: Words
    scope_people: Words
    scope_trade: Words
    scope_all: Words
    anaphora: Words
    responsibility: Words
    continuation: Words
    repetition: Words
    crossing_words: Words
    crossing_plurals: Words
    border_words: Words
    speech_verbs: re.Pattern             # matched just after an actor: '\s*(in Place)? (spokesman)? said'
    support_verbs: tuple[str, ...]
    killing_verbs: Words
    perpetrators: Words
    report_verbs: Words
    border_context_types: frozenset[str]
    generic_type: dict[str, str] = field(init=False, repr=False, compare=False)  # default_type of each generic word

    def __post_init__(self):
        # looked up for every generic trigger: worked out once here
        object.__setattr__(self, "generic_type", {w: self.default_type(w) for w in self.generic})

    def key(self, phrase: str) -> str:
        return re.sub(r"[\s-]+", " ", phrase.lower()).strip()

    def is_generic(self, phrase: str) -> bool:
        return self.key(phrase) in self.generic

    def default_type(self, phrase: str) -> str:
        return self.generic_defaults.get(self.key(phrase), self.phrase_type.get(self.key(phrase), "armed_assault"))


def _phrases(groups) -> list[str]:
    return [w for words in groups for w in words]


@lru_cache(maxsize=2)
def event_lexicon(folder: str | None = None) -> EventLexicon:
    path = (Path(folder) if folder else LEXICON_DIR) / "events.json"
    d = read_lexicon(path)
    try:
        norm = lambda w: re.sub(r"[\s-]+", " ", w.lower()).strip()  # noqa: E731
        phrase_type = {}
        for etype, words in d["attack_phrases"].items():
            for w in words:
                phrase_type.setdefault(norm(w), etype)
        weapon_type = {norm(w): t for t, ws in d["weapons"].items() for w in ws}
        closure_words = frozenset(norm(w) for w in d["closure_triggers"])
        reopening_words = frozenset(norm(w) for w in d["reopening_triggers"])
        index = PhraseIndex({
            "triggers": PhraseSet(_phrases(d["attack_phrases"].values()) + d["closure_triggers"]
                                  + d["reopening_triggers"]),
            "weapons": PhraseSet(_phrases(d["weapons"].values())),
            "future": PhraseSet(d["future_sentence"]),
            "killings": PhraseSet(d["killing_verbs"])})
        return EventLexicon(
            phrase_type=phrase_type,
            generic=frozenset(norm(w) for w in d["generic_attacks"]),
            generic_defaults={norm(k): v for k, v in d["generic_defaults"].items()},
            weak=frozenset(norm(w) for w in d["weak_triggers"]),
            plural=frozenset(norm(w) for w in d["plural_triggers"]),
            gerunds=frozenset(norm(w) for w in d["gerund_forms"]),
            type_priority=tuple(d["type_priority"]),
            weapon_type=weapon_type,
            closure_words=closure_words,
            reopening_words=reopening_words,
            abbreviations=frozenset(a.lower() for a in d["abbreviations"]),
            triggers=index.sets["triggers"],
            closure_objects=_compile(d["closure_objects"]),
            closure_object_noise=_compile(d["closure_object_noise"]),
            all_crossings=_compile(d["all_crossings"]),
            weapons=index.sets["weapons"],
            article_phrases=index,
            weapon_use=_compile(d["weapon_use"]),
            weak_needs=_compile(d["weak_trigger_needs"]),
            negations=_compile(d["negations"]),
            stopped=_compile(d["stopped"]),
            future=_compile(d["future"]),
            announce=_compile(d["announce"]),
            calls=_compile(d["calls"]),
            hypothetical=_compile(d["hypothetical"]),
            denials=_compile(d["denials"]),
            negated=_compile(d["negations"] + d["stopped"]),
            unreal=_compile(d["hypothetical"] + d["denials"]),
            to_governors_real=frozenset(norm(w) for w in d["to_governors_real"]),
            aggregate=_compile(d["aggregate"]),
            background=_compile(d["background"]),
            locative=frozenset(norm(w) for w in d["locative"]),
            origin=frozenset(norm(w) for w in d["origin"]),
            talk_contexts=_compile(d["talk_contexts"]),
            reason_cues=_compile(d["reason_cues"]),
            scope_people=_compile(d["scope_people"]),
            scope_trade=_compile(d["scope_trade"]),
            scope_all=_compile(d["scope_all"]),
            anaphora=_compile(d["anaphora"]),
            responsibility=_compile(d["responsibility"]),
            continuation=_compile(d["continuation"]),
            repetition=_compile(d["repetition"]),
            crossing_words=_compile(d["crossing_words"]),
            crossing_plurals=_compile(d["crossing_plurals"]),
            border_words=_compile(d["border_words"]),
            speech_verbs=re.compile(r"\s*(?:in\s+[A-Z]\w+\s+)?(?:spokesm[ae]n\s+)?" + _alternation(d["speech_verbs"]),
                                    re.IGNORECASE),
            support_verbs=tuple(d["support_verbs"]),
            killing_verbs=_compile(d["killing_verbs"]),
            perpetrators=_compile(d["perpetrators"]),
            report_verbs=_compile(d["report_verbs"]),
            border_context_types=frozenset(d["border_context_types"]),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(path, f"lexicon is missing or mistypes an entry: {exc}") from None
