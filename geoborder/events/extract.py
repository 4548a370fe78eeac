"""Events of one article: closures, reopenings and attacks, each with its evidence.

For each sentence of the article body: find the triggers (:mod:`.triggers`),
resolve the dates (:mod:`.dates`) against the publication date and give each
trigger its own (:mod:`.timing`), choose the place (:mod:`.locate`, and here
the article-level fallbacks: the crossing a closure names by its town, the
border or crossing the article is about), give each trigger its actors and
casualty figures (:mod:`.participants`); then fold the sentences that tell
more of an event already drafted into it (:mod:`.merge`).

>>> from geoborder.records import Article
>>> extractor = EventExtractor()                                  # doctest: +SKIP
>>> art = Article("a1", "Afghan authorities closed the Torkham border late Sunday.", "a1.txt",
...               published="2023-02-22")
>>> [(e.event_type, e.place_name, e.date_start) for e in extractor.events(art, mentions)]  # doctest: +SKIP
[('closure', 'Torkham', '2023-02-19')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date

from geoborder.corpus.boilerplate import inside, outside_body
from geoborder.corpus.normalize import plain_same_length
from geoborder.events.actors import find_actors
from geoborder.events.casualties import Casualties, find_casualties
from geoborder.events.dates import DateWindow, find_dates
from geoborder.events.lexicon import EventLexicon, Prefiltered, event_lexicon
from geoborder.events.locate import (Located, is_near, located_from_mention, located_from_place, rank_places,
                                     refine)
from geoborder.events.merge import Draft, absorb, merge_facts, overlaps, same_draft_event
from geoborder.events.participants import Participants, assign_casualties
from geoborder.events.phrases import PhraseMatch, fold
from geoborder.events.sentences import Sentence, split_sentences
from geoborder.events.timing import (background_window, bind_dates, iso, own_date, precision, report_date,
                                     story_window)
from geoborder.events.triggers import Trigger, find_triggers, group_attack_triggers, is_anaphoric, is_indefinite
from geoborder.gazetteer.model import Gazetteer
from geoborder.records import Article, Event, Mention, Source

_CLAUSE_SEPARATOR = Prefiltered(
    re.compile(r";|\b(?:while|but|whereas|although|though|even as)\b|"
               r",\s+(?:a|one|two|three|several|some)?\s*(?:day|days|hours|weeks?)\s+(?:after|before)\b",
               re.IGNORECASE),
    # where one may start: a semicolon, a comma, or one of the words (its boundary after its first letter)
    re.compile(r"[;,]|w(?<!\w.)h(?:ile|ereas)\b|b(?<!\w.)ut\b|a(?<!\w.)lthough\b|t(?<!\w.)hough\b|e(?<!\w.)ven as\b"),
    lower=True)
_ALSO = re.compile(r"\balso\b|\bas well\b|\bfurther\b|\banother\b", re.IGNORECASE)
_COUNTRY_BORDER = {"AFG": "border/pak-afg", "IRN": "border/pak-irn"}
_NO_CASUALTIES = Casualties(None, None, ())  # a sentence of closures only: no figures read
_RECENT_SENTENCES = 3   # an attack sentence with no place of its own may lean on an attack this close
_NEXT_TRIGGER_MODIFIERS = 20  # characters before the next trigger that belong to it ('the border clashes')


def _own_clause(text: str, trig: Trigger, bounds: tuple[int, int]) -> tuple[int, int]:
    """The stretch of the sentence, within ``bounds``, that is the trigger's own clause."""
    lo, hi = bounds
    for m in _CLAUSE_SEPARATOR.finditer(text, lo, hi):
        if m.end() <= trig.start:
            lo = m.end()
        elif m.start() >= trig.end:
            hi = m.start()
            break
    return lo, hi


def _published(article: Article) -> date | None:
    try:
        return date.fromisoformat(article.published[:10]) if article.published else None
    except ValueError:
        return None


def _by_sentence(found: list[PhraseMatch], sentences: list[Sentence]) -> list[list[PhraseMatch]]:
    """The phrases found in the whole article (in text order) that lie in each sentence, in sentence offsets."""
    out = []
    i, n = 0, len(found)
    for s in sentences:
        while i < n and found[i].start < s.start:
            i += 1
        mine = []
        while i < n and found[i].start < s.end:
            m = found[i]
            if m.end <= s.end:
                mine.append(PhraseMatch(m.start - s.start, m.end - s.start, m.key))
            i += 1
        out.append(mine)
    return out


class ArticleContext:
    """What the whole article says that single sentences lean on: its main crossing and border."""

    def __init__(self, mentions: list[Mention], gazetteer: Gazetteer):
        crossings: dict[str, int] = {}
        borders: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in mentions:
            if not m.place_id or "outside_body" in m.flags:
                continue
            place = gazetteer.get(m.place_id)
            first.setdefault(m.place_id, m.start)
            if place is None:
                continue
            if place.kind == "crossing":
                crossings[place.id] = crossings.get(place.id, 0) + 1
                border = place.properties.get("border")
                if border:
                    borders[border] = borders.get(border, 0) + 1
            elif place.kind == "border":
                borders[place.id] = borders.get(place.id, 0) + 2
            elif place.kind == "country" and place.country in _COUNTRY_BORDER:
                key = _COUNTRY_BORDER[place.country]
                borders[key] = borders.get(key, 0) + 1
        pick = lambda counts: max(sorted(counts), key=lambda k: (counts[k], -first.get(k, 0))) if counts else None  # noqa: E731
        self.crossing = gazetteer.get(pick(crossings)) if crossings else None
        self.border = gazetteer.get(pick(borders)) if borders else None


class EventExtractor:
    """Finds the events of one article at a time."""

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: EventLexicon | None = None):
        self.gazetteer = gazetteer or Gazetteer.load()
        self.lex = lexicon or event_lexicon()
        self._crossing_of_town = self._side_towns(self.gazetteer)
        self.participants = Participants(self.lex)
        # the other word lists are compiled on first use, once: here rather than in the first article
        find_actors(" ")
        find_casualties("")
        find_dates("on 1 May 2024", None)

    @staticmethod
    def _side_towns(gazetteer: Gazetteer) -> dict[str, object]:
        """Towns that give a crossing its name on one side ('Chaman', 'Taftan'): a closure there is the crossing's."""
        out = {}
        for place in gazetteer:
            if place.kind != "crossing":
                continue
            for side in (place.properties.get("sides") or {}).values():
                for town in gazetteer.by_name(str(side)) if side else ():
                    if town.kind in ("city", "town") and town.id not in out:
                        out[town.id] = place
        return out

    # -- one sentence -------------------------------------------------------------------------

    def _closure_places(self, trig: Trigger, s: Sentence, mentions: list[Mention], ctx: ArticleContext,
                        drafts: list[Draft], bounds: tuple[int, int]) -> list[Located]:
        """The crossings the closure names in its own clause ('Torkham and Chaman were shut'; not 'Chaman
        remained open' after 'while'); else the whole border, the crossing told before, or the article's."""
        usable = [m for m in mentions if m.place_id and "outside_body" not in m.flags]
        lo, hi = _own_clause(s.text, trig, bounds)
        seen, out = set(), []
        for m in usable:
            if not (lo <= m.start - s.start and m.end - s.start <= hi):
                continue
            place = self.gazetteer.get(m.place_id)
            if place is not None and place.kind == "crossing" and place.id not in seen:
                seen.add(place.id)
                out.append(located_from_mention(m, self.gazetteer))
            elif m.place_id in self._crossing_of_town and self._crossing_of_town[m.place_id].id not in seen:
                crossing = self._crossing_of_town[m.place_id]
                seen.add(crossing.id)
                out.append(located_from_place(crossing, "sentence"))
        if out:
            return out
        borders = [m for m in usable if self.gazetteer.get(m.place_id) is not None
                   and self.gazetteer.get(m.place_id).kind == "border"]
        if trig.all_crossings or self.lex.crossing_plurals.search(s.text[max(0, trig.start - 80):trig.end + 80]):
            if borders:
                return [located_from_mention(borders[0], self.gazetteer)]
            return [located_from_place(ctx.border, "article_border")] if ctx.border else []
        previous = next((replace(d.location, basis="previous_event") for d in reversed(drafts)
                         if d.event.category == "closure" and d.location is not None), None)
        if self.lex.crossing_words.search(s.text):
            if previous is not None and previous.kind == "crossing":
                return [previous]
            if ctx.crossing is not None:
                return [located_from_place(ctx.crossing, "article_crossing")]
        if borders:
            return [located_from_mention(borders[0], self.gazetteer)]
        if previous is not None:
            return [previous]
        if ctx.crossing is not None and self.lex.border_words.search(s.text):
            return [located_from_place(ctx.crossing, "article_crossing")]
        return [located_from_place(ctx.border, "article_border")] if ctx.border else []

    def _attack_place(self, trig: Trigger, s: Sentence, mentions: list[Mention], bounds: tuple[int, int],
                      ctx: ArticleContext, drafts: list[Draft]) -> Located | None:
        """The attack's own place in its sentence; else, in order, the place of an attack told just before,
        the crossing whose closure was told just before, the article's border when the clause names a border,
        a country; else none (a later sentence may give it)."""
        ranked = rank_places(trig.start, trig.end, s.text, s.start, mentions, self.lex, bounds)
        lo, hi = bounds
        at_border = trig.event_type in self.lex.border_context_types
        # a border type reads the whole sentence; others only their own words ('strikes that sparked the
        # border clashes': the border is the clashes', not the strikes')
        own_words = s.text if at_border else s.text[lo:hi - _NEXT_TRIGGER_MODIFIERS if hi < len(s.text) else hi]
        border_word = bool(self.lex.border_words.search(own_words))
        if ranked:
            best = ranked[0][1]
            near = is_near(best, s.text, s.start)
            best = refine(best, s.text, s.start, mentions, self.gazetteer)
            located = located_from_mention(best, self.gazetteer, near=near)
            if located.kind != "country" or not border_word:
                return located
        earlier = [d for d in reversed(drafts) if d.location is not None and s.index - d.order <= _RECENT_SENTENCES
                   and (d.order < s.index or (at_border and d.event.category == "closure"))]
        attack = next((d.location for d in earlier if d.event.category == "attack"
                       and self._may_share_place(trig.event_type, trig.generic, d)), None)
        if attack is not None:
            return replace(attack, basis="previous_event")
        closure = next((d.location for d in earlier if d.event.category == "closure"), None)
        if closure is not None and closure.kind in ("crossing", "border") and (at_border or border_word):
            return replace(closure, basis="previous_event")
        if border_word and ctx.border is not None:
            return located_from_place(ctx.border, "article_border")
        if ranked:
            return located_from_mention(ranked[0][1], self.gazetteer)
        return None

    def _scope_and_reason(self, text: str, trig: Trigger, bounds: tuple[int, int]) -> tuple[str | None, str | None]:
        """Who the closure stops and why, from its own clause ('closed Torkham but kept Chaman open for
        trade': not trade)."""
        lo, hi = _own_clause(text, trig, bounds)
        clause = text[lo:hi]
        after = text[trig.end:_own_clause(text, trig, (lo, len(text)))[1]]  # a cause may name an attack
        people = bool(self.lex.scope_people.search(clause))
        trade = bool(self.lex.scope_trade.search(clause))
        scope = "all" if self.lex.scope_all.search(clause) or (people and trade) else (
            "people" if people else "trade" if trade else None)
        reason = None
        m = self.lex.reason_cues.search(after)
        if m:
            phrase = re.split(r"[,;.]|\s-\s|\bsaid\b|\bofficials?\b", after[m.start():])[0].strip()
            words = phrase.split()
            if 2 <= len(words) <= 16:
                reason = phrase
        return scope, reason

    # -- one article ----------------------------------------------------------------------------

    def events(self, article: Article, mentions: list[Mention]) -> list[Event]:
        text = plain_same_length(article.text)
        published = _published(article)
        boiler = outside_body(article.text)
        sentences = [s for s in split_sentences(text) if not inside(boiler, s.start, s.end)]
        by_sentence = self._mentions_by_sentence(sentences, mentions)
        ctx = ArticleContext(mentions, self.gazetteer)

        # the lexicon's phrases are looked up once for the whole article, then shared out by sentence
        found = self.lex.article_phrases.find(text, fold(text))
        future_at = [m.start for m in found["future"]]
        killing_at = [m.start for m in found["killings"]]
        phrase_hits = list(zip(_by_sentence(found["triggers"], sentences), _by_sentence(found["weapons"], sentences)))

        # pass 1: dates of every sentence, chained one to the next, and the story's own date
        dated = []
        anchors = []  # the anchor each body sentence's dates were resolved against, and its tense
        anchor = None
        for s in sentences:
            future = bisect_left(future_at, s.start) < bisect_left(future_at, s.end)
            anchors.append((anchor, future))
            ds = find_dates(s.text, published, future=future, anchor=anchor)
            if ds:
                anchor = ds[-1].window if ds[-1].window.start else anchor
            dated.append(ds)
        story = story_window([[d for d in ds if not report_date(s.text, d.start, self.lex)]
                              for s, ds in zip(sentences, dated)], published)

        drafts: list[Draft] = []
        last_touched: list[Draft] = []
        # s.index counts every sentence, boilerplate too ('Read more: ...' mid-article): the lists
        # built over the body sentences go along with them
        for s, ds, hits, (anchor_before, future) in zip(sentences, dated, phrase_hits, anchors):
            ms = by_sentence.get(s.index, [])
            triggers = self._triggers(s, ms, hits) if hits[0] or hits[1] or \
                bisect_left(killing_at, s.start) < bisect_left(killing_at, s.end) else []
            if not triggers:
                self._follow_up(s, drafts, last_touched)
                continue
            touched = []
            attack_triggers = [t for t in triggers if t.category == "attack"]
            casualties = find_casualties(s.text) if attack_triggers else _NO_CASUALTIES
            if future and published and any(
                    t.status == "reported" and d.window.start and d.window.start > published for t in triggers for d in ds):
                # 'closed the crossing on Monday and said it will stay shut': what happened is in the past
                past = {d.start: d for d in find_dates(s.text, published, future=False, anchor=anchor_before)}
                ds = [past.get(d.start, d) if d.window.start and d.window.start > published else d for d in ds]
            bound = bind_dates(s.text, triggers, ds, self.lex)
            for i, trig in enumerate(triggers):
                lo = triggers[i - 1].end if i else 0
                hi = triggers[i + 1].start if i + 1 < len(triggers) else len(s.text)
                for cand in self._candidates(article, published, s, trig, bound[i], ms, (lo, hi), ctx, drafts,
                                             background_window(s.text, trig, ds, story, self.lex) or story,
                                             casualties):
                    if trig.category == "attack" and casualties.mentions:
                        assign_casualties(cand.event, trig, attack_triggers, casualties)
                    if trig.continuing and trig.status == "reported":
                        # 'remained closed on Wednesday' neither dates nor best tells the closure
                        cand.own_date, cand.evidence_rank = False, -1
                    target = self._merge_target(drafts, cand, trig, s)
                    if target is not None:
                        absorb(target, cand)
                        touched.append(target)
                    elif cand.own_date or not trig.nominal or is_indefinite(s.text, trig):
                        # an undated 'the attack' only refers back; 'an exchange of gunfire' is a new one
                        cand.order = s.index
                        drafts.append(cand)
                        touched.append(cand)
            if touched:
                last_touched = touched
        out = []
        drafts = self._fold_whole_border(drafts)
        self._place_the_placeless(drafts)
        for d in drafts:
            self._finish(d)
            out.append(d.event)
        return out

    def _triggers(self, s: Sentence, ms: list[Mention], hits: tuple[list[PhraseMatch], list[PhraseMatch]]
                  ) -> list[Trigger]:
        """The sentence's triggers, those words of one attack grouped; ``hits`` its trigger and weapon phrases."""
        spans = tuple((m.start - s.start, m.end - s.start) for m in ms
                      if m.place_id and m.kind in ("crossing", "border"))
        place_spans = tuple((m.start - s.start, m.end - s.start) for m in ms if m.place_id)
        return group_attack_triggers(s.text, find_triggers(s.text, spans, self.lex, hits), place_spans, self.lex)

    def _mentions_by_sentence(self, sentences: list[Sentence], mentions: list[Mention]) -> dict[int, list[Mention]]:
        out: dict[int, list[Mention]] = {}
        i = 0
        ordered = sorted(mentions, key=lambda m: m.start)
        for s in sentences:
            while i < len(ordered) and ordered[i].start < s.start:
                i += 1
            j = i
            while j < len(ordered) and ordered[j].end <= s.end:
                out.setdefault(s.index, []).append(ordered[j])
                j += 1
        return out

    def _candidates(self, article: Article, published: date | None, s: Sentence, trig: Trigger, ds, mentions, bounds,
                    ctx, drafts, story: DateWindow, casualties) -> list[Draft]:
        own = own_date(s.text, trig, ds, published)
        if trig.plural and not trig.nominal and trig.category == "attack" and self._aggregate(s, trig, own, casualties):
            return []  # 'attacks have risen': an aggregate, not one event
        window = own.window if own else story
        if trig.category == "closure":
            places = self._closure_places(trig, s, mentions, ctx, drafts, bounds)
        else:
            place = self._attack_place(trig, s, mentions, bounds, ctx, drafts)
            places = [place] if place else []
        if not places:
            places = [None]
        actors, claimants = self.participants.actors(s, trig, bounds, mentions)
        scope, reason = self._scope_and_reason(s.text, trig, bounds) if trig.category == "closure" else (None, None)
        out = []
        for loc in places:
            event = Event(
                category=trig.category, event_type=trig.event_type,
                date_start=iso(window.start), date_end=iso(window.end), date_precision=precision(window),
                actors=list(actors), claimed_by=list(claimants), scope=scope, reason=reason, status=trig.status,
                sources=[Source(article.article_id, article.title, article.url, article.published,
                                article.text[s.start:s.end], s.start, s.end)])
            rank = (2 if own else 0) + (1 if loc is not None and loc.basis == "sentence" else 0) + (0 if trig.nominal else 1)
            out.append(Draft(event, loc, own_date=own is not None, generic=trig.generic,
                             umbrella=trig.generic and trig.plural and trig.phrase not in self.lex.generic_defaults,
                             all_crossings=trig.all_crossings and (loc is None or loc.kind == "border"),
                             evidence_rank=rank))
        return out

    @staticmethod
    def _aggregate(s: Sentence, trig: Trigger, own, casualties) -> bool:
        """Is a plural attack word a tally ('attacks have risen since 2021') rather than one event told in
        the plural ('two attacks', 'five guards were killed in clashes', 'overnight clashes')?"""
        if own is not None and (own.range_days or 99) <= 7:
            return False
        if re.search(r"\b(?:two|three|both)\b", s.text[max(0, trig.start - 20):trig.start]):
            return False
        if own is None and (casualties.killed is not None or casualties.injured is not None):
            return False
        return True

    @staticmethod
    def _fold_whole_border(drafts: list[Draft]) -> list[Draft]:
        """'Crossings along the border were shut' and 'Torkham and Chaman were closed' in one article are one
        closure told twice: the named crossings keep it, with the whole-border report's facts."""
        kept = []
        for d in drafts:
            loc = d.location
            if d.event.category == "closure" and d.all_crossings and loc is not None and loc.kind == "border":
                named = [o for o in drafts if o is not d and o.event.category == "closure"
                         and o.event.event_type == d.event.event_type and o.event.status == d.event.status
                         and o.location is not None and o.location.kind == "crossing"
                         and o.location.border == loc.place_id
                         and overlaps(o.event.date_start, o.event.date_end, d.event.date_start, d.event.date_end)]
                if named:
                    for o in named:
                        merge_facts(o.event, d.event)
                    continue
            kept.append(d)
        return kept

    def _may_share_place(self, event_type: str, generic: bool, other: Draft) -> bool:
        """May an unplaced attack borrow ``other``'s place? Border fighting may borrow any attack's; an air
        strike or a bombing only one of its own type (the strikes that set off border clashes were not at
        the border)."""
        return (event_type in self.lex.border_context_types or generic or other.generic
                or other.event.event_type == event_type)

    def _place_the_placeless(self, drafts: list[Draft]) -> None:
        """An attack no sentence placed ('an exchange of fire' while troops sealed off 'the area') is where
        the article's nearest placed attack before it is; with none before, it stays unplaced."""
        placed = [d for d in drafts if d.event.category == "attack" and d.location is not None]
        for d in drafts:
            if d.event.category != "attack" or d.location is not None:
                continue
            before = [p for p in placed if p.order <= d.order
                      and self._may_share_place(d.event.event_type, d.generic, p)]
            if before:
                d.location = replace(before[-1].location, basis="previous_event")

    def _merge_target(self, drafts: list[Draft], cand: Draft, trig: Trigger, s: Sentence) -> Draft | None:
        """The draft ``cand`` tells more of: the latest compatible one, one with a place before one without;
        a closure that is undated and unnamed in its sentence ('the move also halted transit') or only
        goes on ('remained closed') is the latest closure of its kind told.  Another event of a stated type
        told in the same sentence is not it ('Pakistan struck Iran two days after Tehran launched an air
        strike'), unless the trigger points back ('... and the attack killed three')."""
        anaphoric = is_anaphoric(s.text, trig)
        latest = None  # the latest compatible draft, kept while one with a place may come
        for d in reversed(drafts):
            if (anaphoric or d.umbrella or d.order != s.index or d.event.category == "closure") \
                    and same_draft_event(d, cand):
                if cand.location is None or d.location is not None:
                    return d
                latest = latest or d
        if latest is not None:
            return latest
        e = cand.event
        unnamed = cand.location is None or cand.location.basis != "sentence"
        if e.category == "closure" and (trig.continuing or (unnamed and not cand.own_date)):
            return next((d for d in reversed(drafts) if d.event.category == "closure"
                         and d.event.event_type == e.event_type and (d.event.status == e.status or trig.continuing)
                         and (unnamed or d.location is None or d.location.place_id == cand.location.place_id)),
                        None)
        return None

    def _follow_up(self, s: Sentence, drafts: list[Draft], last_touched: list[Draft]) -> None:
        """A sentence with no trigger of its own that adds casualties or responsibility to the last event told."""
        if not last_touched:
            return
        attacks = [d for d in last_touched if d.event.category == "attack"]
        if not attacks:
            return
        target = attacks[-1]
        if target.order < s.index - 2:
            return
        casualties = find_casualties(s.text)
        e = target.event
        if casualties.killed is not None and not self.lex.aggregate.search(s.text):
            add = bool(_ALSO.search(s.text)) and e.fatalities is not None and s.index not in target.casualty_sentences
            value = casualties.killed.value + (e.fatalities if add else 0)
            if e.fatalities is None or value > e.fatalities:
                e.fatalities = value
                e.fatalities_low = casualties.killed.low + (e.fatalities_low or 0 if add else 0)
                e.fatalities_high = None if casualties.killed.high is None else (
                    casualties.killed.high + (e.fatalities_high or 0 if add else 0))
            target.casualty_sentences.add(s.index)
            for cm in casualties.mentions:
                if cm.claimed:
                    e.claims.append(f"{cm.claimant or 'claimed'}: {cm.count.value} killed")
        if casualties.injured is not None and (e.injured is None or casualties.injured.value > e.injured):
            e.injured = casualties.injured.value
        if self.lex.responsibility.search(s.text):
            both = re.search(r"\bboth attacks\b|\bthe attacks\b", s.text, re.IGNORECASE)
            targets = attacks[-2:] if both else [target]
            if both:
                targets = [d for d in drafts if d.event.category == "attack"][-2:]
            for a in find_actors(s.text):
                if a.role not in ("claimant", "accused") or a.kind == "capital":
                    continue  # 'no group claimed it, but the TTP has carried out similar attacks': not the TTP
                for d in targets:
                    if a.name not in d.event.actors:
                        d.event.actors.append(a.name)
                    if a.name not in d.event.claimed_by and re.search(r"claim", s.text, re.IGNORECASE):
                        d.event.claimed_by.append(a.name)

    def _finish(self, d: Draft) -> None:
        e = d.event
        loc = d.location
        if loc is not None:
            e.place_id, e.place_name, e.place_kind = loc.place_id, loc.place_name, loc.kind
            e.geo_precision = loc.geo_precision
            e.geometry = loc.point
            if loc.kind == "crossing":
                e.crossing_id = loc.place_id
            if loc.kind == "border":
                e.border_id = loc.place_id
                e.all_crossings = d.all_crossings and e.category == "closure"
