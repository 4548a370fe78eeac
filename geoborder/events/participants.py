"""Who took part in an event, and what it cost: the actors and the casualty figures of one trigger.

A sentence may tell two events ("Pakistan struck hideouts in Iran, killing
nine, two days after Tehran launched an air strike"): each trigger takes the
actors of its own stretch of the sentence and the casualty figures nearest
after it.  Whoever only reports the event ("the foreign ministry said") or
files the story ("ISLAMABAD, Jan 18 (Reuters) -") is not an actor; a country
as the subject ("Pakistan carried out strikes") stands for its government.
"""

from __future__ import annotations

import re

from geoborder.events.actors import actor_lexicon, capital_governments, find_actors
from geoborder.events.casualties import Casualties
from geoborder.events.lexicon import EventLexicon
from geoborder.events.sentences import Sentence, dateline_end
from geoborder.events.triggers import Trigger, is_anaphoric
from geoborder.records import Event, Mention

_CAPITAL_SUBJECT_REACH = 25  # 'Islamabad reopened': a capital counts only just before its trigger
_BEFORE_WEIGHT = 2           # how much farther a casualty figure before a trigger counts than one after it


class Participants:
    """The actors of each trigger; keeps the last sentence's actors, which its triggers share."""

    def __init__(self, lex: EventLexicon):
        self.lex = lex
        support = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in lex.support_verbs)
        # 'Pakistan carried out strikes', "Pakistan's strikes", 'Iran closed': only such words between
        self._subject_gap = re.compile(r"(?:'s)?\s+(?:(?:has|had|have|also|then|again|reportedly|finally)\s+)*"
                                       rf"(?:(?:{support})\s+(?:\w+\s+)?)?")
        self._cache: tuple[str | None, list] = (None, [])
        self._government_of = {a.country: a.name for a in actor_lexicon().values()
                               if a.kind == "government" and a.id in capital_governments()}

    def actors(self, s: Sentence, trig: Trigger, bounds: tuple[int, int], mentions: list[Mention]
               ) -> tuple[list[str], list[str]]:
        """The actors of the trigger's own stretch of the sentence: not those of another event in it, not
        whoever only reports it ('the foreign ministry said'), not a dateline ('ISLAMABAD, Jan 18 -')."""
        text = s.text
        lo, hi = bounds
        anaphoric = is_anaphoric(text, trig)
        actors, claimants = [], []
        if self._cache[0] != text:  # the triggers of one sentence share its actors
            self._cache = (text, find_actors(text))
        for a in self._cache[1]:
            if a.role == "denier" or a.end <= lo or a.start >= hi:
                continue
            if a.kind == "capital" and not (0 <= trig.start - a.end <= _CAPITAL_SUBJECT_REACH):
                continue  # 'Islamabad' acts only as the subject of the event itself
            if a.role is None and (self.lex.speech_verbs.match(text, a.end) or a.start == 0 and dateline_end(text)):
                continue
            if anaphoric and a.role is None and not re.fullmatch(r"\s+by\s+(?:the\s+)?", text[trig.end:a.start]):
                continue  # 'the attack' points back: only who did it ('by X') or claims or is blamed for it
            if a.name not in actors:
                actors.append(a.name)
            if a.role == "claimant" and a.name not in claimants:
                claimants.append(a.name)
        subject = self.subject_country(s, trig, mentions)
        if subject and subject not in actors:
            actors.append(subject)
        return actors, claimants


    def subject_country(self, s: Sentence, trig: Trigger, mentions: list[Mention]) -> str | None:
        """'Pakistan carried out strikes', 'Iran closed the crossing': a country as the subject is its government."""
        for m in mentions:
            gap = s.text[m.end - s.start:trig.start]
            if m.kind == "country" and m.country in self._government_of and 0 <= len(gap) <= 30 \
                    and self._subject_gap.fullmatch(gap) and (not trig.nominal or gap.strip() not in ("", "'s")
                                                         or gap.startswith("'s")):
                return self._government_of[m.country]
        return None


def assign_casualties(event: Event, trig: Trigger, attack_triggers: list[Trigger], casualties: Casualties) -> None:
    """Each casualty figure goes to the attack trigger nearest to it in the sentence."""
    killed = injured = None
    for cm in casualties.mentions:
        # a figure after a trigger is its toll (', killing nine'); one before a later trigger less often
        nearest = min(attack_triggers, key=lambda t: cm.start - t.end if cm.start >= t.end
                      else _BEFORE_WEIGHT * max(0, t.start - cm.end))
        if nearest is not trig:
            continue
        if cm.kind == "killed":
            killed = cm.count if killed is None else type(cm.count)(
                killed.value + cm.count.value, killed.low + cm.count.low,
                None if killed.high is None or cm.count.high is None else killed.high + cm.count.high)
            if cm.claimed:
                event.claims.append(f"{cm.claimant or 'claimed'}: {cm.count.value} killed")
        else:
            injured = cm.count if injured is None else type(cm.count)(
                injured.value + cm.count.value, injured.low + cm.count.low, None)
    if killed is not None:
        event.fatalities, event.fatalities_low, event.fatalities_high = \
            killed.value, killed.low, killed.high
    if injured is not None:
        event.injured = injured.value
