"""The word lists that steer event finding, loaded from ``data/lexicons/events.json``.

They are data so an analyst can review them without reading Python; see
the file's ``_about`` for what each list does.

>>> lex = event_lexicon()
>>> lex.phrase_type["gun battle"], lex.is_generic("attack"), lex.default_type("blast")
('armed_clash', True, 'ied')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


def _compile(words) -> re.Pattern:
    return re.compile(_alternation(words), re.IGNORECASE)


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
    closure_objects: re.Pattern
    closure_object_noise: re.Pattern
    all_crossings: re.Pattern
    weapons: PhraseSet
    weapon_use: re.Pattern
    weak_needs: re.Pattern
    negations: re.Pattern
    stopped: re.Pattern
    future: re.Pattern
    announce: re.Pattern
    calls: re.Pattern
    hypothetical: re.Pattern
    denials: re.Pattern
    to_governors_real: frozenset[str]
    aggregate: re.Pattern
    background: re.Pattern
    locative: frozenset[str]
    origin: frozenset[str]
    talk_contexts: re.Pattern
    reason_cues: re.Pattern
    scope_people: re.Pattern
    scope_trade: re.Pattern
    scope_all: re.Pattern
    anaphora: re.Pattern
    responsibility: re.Pattern
    continuation: re.Pattern
    repetition: re.Pattern
    crossing_words: re.Pattern
    crossing_plurals: re.Pattern
    border_words: re.Pattern
    speech_verbs: re.Pattern             # matched just after an actor: '\s*(in Place)? (spokesman)? said'
    support_verbs: tuple[str, ...]
    killing_verbs: re.Pattern
    perpetrators: re.Pattern
    report_verbs: re.Pattern
    border_context_types: frozenset[str]

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
