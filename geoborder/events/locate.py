"""Where an event happened: the event's own place, not where it was talked about.

Given a trigger and the resolved place mentions of its sentence, choose the
place the event is at: a place after a locative preposition near the trigger
first ("stormed a compound in Karachi"), the direct object ("attacked Mach
city"), then the subject ("the Torkham border has been closed"); a more
specific place joined to it wins ("Balochistan's Kech district", "the Teri
Mangal area of Kurram").  Places in talk contexts ("told a news conference in
Islamabad") and origins ("rounds fired from Afghanistan") are never chosen.

``geo_precision`` follows DATA_CONTRACT.md: 1 the named site, 2 near a named
place or a district, 3 a province, region or border line, 4 a country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geoborder.events.actors import capital_names
from geoborder.events.lexicon import EventLexicon
from geoborder.events.sentences import dateline_end
from geoborder.gazetteer.model import Gazetteer
from geoborder.records import Mention

_PRECISION = {"crossing": 1, "city": 1, "town": 1, "physical": 1, "district": 2, "admin": 2,
              "province": 3, "region": 3, "border": 3, "country": 4}
_NEAR = re.compile(r"\b(?:near|outside|around|close to|on the outskirts of|miles from|kilometres from|km from|"
                   r"kilometers from)\s+(?:the\s+)?(?:\w+\s+){0,3}$", re.IGNORECASE)
_WORD = re.compile(r"[\w']+")
_SKIPPABLE = frozenset("the a an its their his her southern northern eastern western south-western south-eastern "
                       "north-western north-eastern southwestern southeastern northwestern northeastern remote "
                       "restive tribal border port provincial capital city town village district area of central "
                       "mountainous troubled volatile key main busy busiest neighbouring neighboring nearby "
                       "province region county agency tehsil".split())


@dataclass(frozen=True)
class Located:
    """An event's place and how it was chosen."""

    place_id: str
    place_name: str
    kind: str              # the gazetteer kind (district, province, ...) or the mention's kind
    country: str | None
    point: object          # a shapely point
    geometry: object       # the mention's geometry (for containment tests)
    geo_precision: int
    basis: str             # 'sentence', 'previous_event', 'article_crossing', 'article_border'
    mention_start: int | None = None
    border: str | None = None  # for a crossing: the border it is on


def place_kind(mention: Mention, gazetteer: Gazetteer) -> str:
    place = gazetteer.get(mention.place_id) if mention.place_id else None
    return place.kind if place else (mention.kind or "town")


def located_from_mention(mention: Mention, gazetteer: Gazetteer, basis: str = "sentence",
                         near: bool = False) -> Located:
    kind = place_kind(mention, gazetteer)
    place = gazetteer.get(mention.place_id)
    point = place.point if place else (mention.geometry if mention.geometry.geom_type == "Point"
                                       else mention.geometry.representative_point())
    precision = _PRECISION.get(kind, 1)
    if near and precision == 1:
        precision = 2
    return Located(mention.place_id, mention.place_name, kind, mention.country, point,
                   place.geometry if place else mention.geometry, precision, basis, mention.start,
                   place.properties.get("border") if place else None)


def located_from_place(place, basis: str) -> Located:
    return Located(place.id, place.name, place.kind, place.country, place.point, place.geometry,
                   _PRECISION.get(place.kind, 3), basis, border=place.properties.get("border"))


def _preposition_before(text: str, pos: int) -> tuple[str | None, str]:
    """The preposition governing the noun phrase ending before ``pos``, skipping
    determiners and adjectives ('in the southern port city of' -> 'in')."""
    words = _WORD.findall(text[max(0, pos - 60):pos])
    skipped = []
    for w in reversed(words):
        lw = w.lower()
        if lw in _SKIPPABLE and lw not in ("of",):
            skipped.append(lw)
            continue
        if lw == "of" and skipped:
            skipped.append(lw)  # 'the port city of Karachi': keep looking for the governing word
            continue
        return lw, " ".join(reversed(skipped))
    return None, ""


def _in_dateline(m: Mention, sentence: str, offset: int) -> bool:
    """'QUETTA: ...', 'PESHAWAR, Pakistan (AP) - ...': where the story was filed, often not where it happened."""
    return m.text.isupper() and len(m.text) > 2 and m.end - offset <= dateline_end(sentence)


def _usable(mentions: list[Mention], sentence: str, offset: int, lex: EventLexicon) -> list[tuple[Mention, str | None]]:
    """The mentions that may be where an event was, each with the preposition governing it."""
    out = []
    for m in mentions:
        if not m.place_id or m.geometry is None or "outside_body" in m.flags:
            continue
        s = m.start - offset
        before = sentence[max(0, s - 45):s]
        if lex.talk_contexts.search(before) and not re.search(r"\b(?:attack|blast|strike|clash)", before, re.I):
            continue
        prep, _ = _preposition_before(sentence, s)
        if prep in lex.origin and prep != "of":
            continue  # 'rounds fired from Afghanistan', 'an attack by Kabul'
        out.append((m, prep))
    return out


def is_near(m: Mention, sentence: str, offset: int) -> bool:
    """Is the place only what the event was near ('near Quetta', 'outside the town of')?"""
    s = m.start - offset
    return bool(_NEAR.search(sentence[max(0, s - 40):s]))


def rank_places(trigger_start: int, trigger_end: int, sentence: str, offset: int, mentions: list[Mention],
                lex: EventLexicon, bounds: tuple[int, int]) -> list[tuple[float, Mention]]:
    """Mentions of the sentence that could be the event's place, best first, with their scores.

    ``bounds`` (sentence offsets) is the trigger's scope: up to the neighbouring triggers.
    """
    lo, hi = bounds
    ranked = []
    usable = _usable(mentions, sentence, offset, lex)
    for m, prep in usable:
        s, e = m.start - offset, m.end - offset
        if s < lo or e > hi:
            continue
        after = s >= trigger_end
        distance = (s - trigger_end) if after else (trigger_start - e)
        if not after and lo > 0 and prep in lex.locative:
            continue  # 'a blast near Quetta and an exchange of gunfire': Quetta is the blast's
        if m.text.lower() in capital_names() and prep not in lex.locative and not (after and distance <= 12):
            continue  # 'Islamabad launched strikes': the government, not the place
        if after and prep in lex.locative:
            score = 100 - distance / 20
        elif after and distance <= 25:
            score = 90 - distance / 20  # the direct object: 'attacked Mach city', 'the Torkham border'
        elif not after and distance <= 30:
            score = 80 - distance / 20  # the subject or a modifier: 'the Gwadar attack', 'Torkham was closed'
        elif not after and prep in lex.locative:
            score = 70 - distance / 20
        else:
            score = 30 - distance / 20
        if _in_dateline(m, sentence, offset):
            if any(o is not m for o, _ in usable):
                continue  # where the story was filed: the place only when the sentence names no other
            score = 20 - distance / 100
        if m.kind == "country":
            score -= 45
        ranked.append((score, m))
    ranked.sort(key=lambda x: -x[0])
    return ranked


def refine(best: Mention, sentence: str, offset: int, mentions: list[Mention], gazetteer: Gazetteer) -> Mention:
    """A more specific place joined to the chosen one ('Balochistan's Kech district',
    'Kech, Balochistan' stays Kech) replaces it."""
    kind_rank = lambda m: _PRECISION.get(place_kind(m, gazetteer), 1)  # noqa: E731
    chosen = best
    for m in mentions:
        if m is best or not m.place_id or m.geometry is None:
            continue
        gap_lo, gap_hi = sorted((best.end, m.start)) if m.start >= best.end else (m.end, best.start)
        gap = sentence[gap_lo - offset:gap_hi - offset]
        if gap_hi - gap_lo > 30 or not re.fullmatch(r"(?:'s|,|\s|of|the|area|district|province|in|county)*",
                                                    gap.strip().lower() or ""):
            continue
        if kind_rank(m) < kind_rank(chosen):
            chosen = m
    return chosen
