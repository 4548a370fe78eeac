"""Trigger words in a sentence, and whether each tells of an event that happened.

A trigger is a word or phrase from ``events.json`` that names a closure, a
reopening or an attack.  :func:`find_triggers` keeps those that report an
event and says how: ``reported``, or ``announced`` for a closure or
reopening that is only planned.  Denials, calls and demands, hypotheticals,
negations ("no further clashes"), gerunds ("such as closing the border")
and aggregate statistics are dropped here.

>>> [(t.category, t.event_type, t.status) for t in find_triggers(
...     "Afghan authorities closed the Torkham border late Sunday.")]
[('closure', 'closure', 'reported')]
>>> [t.status for t in find_triggers("The crossing would reopen from Thursday.")]
['announced']
>>> find_triggers("Pakistan is defying calls for permanently opening the border.")
[]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice

from geoborder.events.lexicon import EventLexicon, event_lexicon
from geoborder.events.phrases import PhraseMatch

# a semicolon or colon, ', but' and its kind, a dash between spaces, a parenthesis; the pattern opens with
# the characters a break starts with (the look-behinds then tell which), so the regex engine skips ahead
_CLAUSE_BREAK = re.compile(r"[;:,\s()](?:(?<=[;:()])|(?<=,)\s+(?:but|while|whereas|and then|although)\b|(?<=\s)-\s)")
_WORD = re.compile(r"[\w']+")
_NEW_PHRASE = re.compile(r"\b(?:and|or|while|then|after|before|following|as|when|since|that|which|who|"
                         r"sparked|triggered|prompted|provoked|caused|followed)\b", re.IGNORECASE)
_GROUP_GAP_WORDS = 5  # 'a suicide squad also stormed', 'a bomb planted on a motorcycle exploded': words between two triggers of one attack


@dataclass(frozen=True)
class Trigger:
    start: int          # offsets in the sentence text
    end: int
    phrase: str         # the trigger as a lexicon key ('gun battle')
    category: str       # 'closure' or 'attack'
    event_type: str     # closure/reopening, or an attack type
    generic: bool       # an attack of unstated type ('attack', 'blast')
    plural: bool        # 'attacks', 'clashes': an aggregate unless dated
    nominal: bool       # a noun ('closure', 'the attack'), not a verb
    status: str         # 'reported' or 'announced'
    all_crossings: bool = False  # 'all regular crossings', 'border crossings': the whole border
    continuing: bool = False     # 'remained closed': a closure already under way, not a new one


_BREAK_AT_END = re.compile(r",\s+(?:but|while|whereas|and then|although)\Z")


@lru_cache(maxsize=8)
def _clause_breaks(text: str) -> tuple[list[int], list[int]]:
    """Where the clause breaks of a sentence start and end: read once for all its triggers."""
    spans = [m.span() for m in _CLAUSE_BREAK.finditer(text)]
    return [a for a, _ in spans], [b for _, b in spans]


def _clause_start(text: str, pos: int) -> int:
    """The end of the last clause break in ``text[:pos]``, else 0."""
    if 0 < pos < len(text) and _is_word(text[pos - 1]) and _is_word(text[pos]) \
            and _BREAK_AT_END.search(text, 0, pos):
        return pos  # ', but' cut off from the rest of its word: a break only in text[:pos]
    ends = _clause_breaks(text)[1]
    k = bisect_right(ends, pos)
    return ends[k - 1] if k else 0


def _clause_end(text: str, pos: int) -> int:
    """The start of the first clause break from ``pos`` on, else the text's end."""
    starts, ends = _clause_breaks(text)
    k = bisect_left(starts, pos)
    if k and ends[k - 1] > pos:  # a break across pos: its inside was not read for breaks of its own
        m = _CLAUSE_BREAK.search(text, pos)
        return m.start() if m else len(text)
    return starts[k] if k < len(starts) else len(text)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # a regex word character


@lru_cache(maxsize=256)
def _last_words(text: str, pos: int) -> tuple[str, ...]:
    """The six words before ``pos``, lower case; asked for several times per trigger, so kept."""
    return tuple(_WORD.findall(text[max(0, pos - 80):pos].lower())[-6:])


def _words_before(text: str, pos: int, n: int) -> list[str]:  # n up to 6
    return list(_last_words(text, pos)[-n:])


def _near_before(pattern: re.Pattern, text: str, pos: int, words: int) -> bool:
    window = " ".join(_words_before(text, pos, words))
    return bool(pattern.search(window))


_NOMINAL_HINT = re.compile(r"(?:sion|ure|down|ing|ion|ings|ions|ures|downs)$")
_CLOSURE_VERBS_ED = re.compile(r"(?:ed|shut|seal|close|reopen|resume|restart|halt|block|suspend|open)s?$")


def _is_nominal(phrase: str, text: str, start: int, lex: EventLexicon, category: str) -> bool:
    if category == "closure":
        return phrase in ("closure", "closures", "shutdown", "shutdowns", "suspension", "reopening", "resumption")
    before = _words_before(text, start, 1)
    return bool(before and before[0] in ("the", "a", "an", "this", "that", "its", "their", "both", "his", "her"))


def _closure_category(key: str, lex: EventLexicon) -> str | None:
    if key in lex.closure_words:
        return "closure"
    if key in lex.reopening_words:
        return "reopening"
    return None


_NEGATED_AFTER = re.compile(r"\s+(?:has|had|have|was|were|is|are|did|does|do)(?:\s+not|n't)\b", re.IGNORECASE)
_TIMES = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozen)\s+times\b", re.IGNORECASE)
_OBJECT_WORDS = 7  # how far (in words) the thing that closed may stand from the trigger
_WHOLE = re.compile(r"\b(?:all|every|crossings|borders|points|gates|frontier)\b", re.IGNORECASE)
_EVERY = re.compile(r"\b(?:all|every|each|crossings)\b", re.IGNORECASE)
_ONE_CROSSING = re.compile(r"\b(?:crossing|crossing point|gate|terminal|post)\b(?!s)", re.IGNORECASE)


def _word_window(text: str, start: int, end: int, n: int) -> tuple[int, int]:
    """Offsets of the ``n`` words before ``start`` and after ``end``, inside the clause."""
    lo, hi = _clause_start(text, start), _clause_end(text, end)
    # the words of the last stretch before the trigger; the first may be cut, but with more than n only
    # the uncut ones are kept (else the whole clause is read)
    near = max(lo, start - 16 * n)
    before = [m.start() for m in _WORD.finditer(text, near, start)]
    if len(before) <= n and near > lo:
        before = [m.start() for m in _WORD.finditer(text, lo, start)]
    before = before[-n:]
    after = [m.end() for m in islice(_WORD.finditer(text, end, hi), n)]
    return (before[0] if before else start), (after[-1] if after else end)


def _has_closure_object(text: str, start: int, end: int, lex: EventLexicon, place_spans) -> tuple[bool, bool]:
    """Does the trigger's clause name, next to it, what closed (a crossing, a border, a route)?
    And is it all crossings? ('halted the cycle of attacks in the border areas' closed nothing.)"""
    a, b = _word_window(text, start, end, _OBJECT_WORDS)
    window = text[a:b]
    obj = lex.closure_objects.search(window)
    near_place = any(a <= s < b for s, _ in place_spans)
    if not obj and not near_place:
        return False, False
    after = text[end:b]
    noise = lex.closure_object_noise.search(after)
    if noise and not lex.closure_objects.search(after[:noise.start()]) and not near_place:
        return False, False
    whole = bool(lex.all_crossings.search(window)) and bool(_WHOLE.search(window)) and not (
        _ONE_CROSSING.search(window) and not _EVERY.search(window))  # 'the main crossing on the frontier' is one
    return True, whole


def _to_governed_real(text: str, start: int, lex: EventLexicon) -> bool | None:
    """For 'to close': None when not an infinitive, else whether the governing verb makes it real."""
    before = _words_before(text, start, 6)
    if before[-2:] == ["to", "be"]:  # 'forced the point to be shut'
        before = before[:-1]
    if not before or before[-1] != "to":
        return None
    for i in range(len(before) - 2, -1, -1):  # the nearest governing verb decides: 'has decided to' is a plan
        w, phrase = before[i], " ".join(before[i:])
        if w in lex.to_governors_real:
            return True
        if any(p.fullmatch(w) or p.fullmatch(phrase) for p in (lex.announce, lex.future, lex.calls)):
            return False
    return False


def _matches(text: str, lex: EventLexicon, phrases: list[PhraseMatch], weapons: list[PhraseMatch]
             ) -> list[tuple[PhraseMatch, bool]]:
    """Trigger phrases, and weapons that are used in their clause ('drones and missiles were launched
    against a base'), in text order; a weapon inside a trigger phrase ('missile strike') is not counted twice."""
    out = [(m, False) for m in phrases]
    for w in weapons:
        if any(p.start < w.end and w.start < p.end for p in phrases):
            continue
        lo, hi = _clause_start(text, w.start), _clause_end(text, w.end)
        window = text[max(lo, w.start - 60):w.start] + " " + text[w.end:min(hi, w.end + 60)]
        if lex.weapon_use.search(window):
            out.append((w, True))
    out.sort(key=lambda x: x[0].start)
    return out


def _did_not_happen(text: str, start: int, end: int, clause_before: str, lex: EventLexicon) -> bool:
    """Negated ('no further clashes', 'the fighting had not resumed'), stopped, called for, hypothetical or
    denied: the words around a trigger that say its event did not happen."""
    return bool(lex.negated.search(" ".join(_words_before(text, start, 3))) or _NEGATED_AFTER.match(text, end)
                or lex.calls.search(clause_before[-80:]) or lex.unreal.search(clause_before[-60:]))


def _habitual(clause: str, lex: EventLexicon) -> bool:
    """'repeatedly shelled', 'closed three times since 2021': the clause tells a habit."""
    if lex.repetition.search(clause):
        return True
    # a count of times needs the word, and in ASCII text 'times' in any case is 'times' in lower case
    return (not clause.isascii() or "times" in clause.lower()) and bool(_TIMES.search(clause))


def _strong_attack_elsewhere(phrases: list[PhraseMatch], start: int, end: int, lex: EventLexicon) -> bool:
    """Is another attack word, one that needs no support, in the sentence?"""
    for m in phrases:
        if m.start < end and start < m.end:
            continue
        if m.key in lex.phrase_type and m.key not in lex.weak and m.key not in lex.closure_words \
                and m.key not in lex.reopening_words:
            return True
    return False


def find_triggers(text: str, place_spans: tuple[tuple[int, int], ...] = (),
                  lex: EventLexicon | None = None,
                  hits: tuple[list[PhraseMatch], list[PhraseMatch]] | None = None) -> list[Trigger]:
    """Triggers in one sentence (plain quotes and hyphens), those of events that did not happen left out.

    ``place_spans`` are the sentence offsets of crossing and border mentions:
    a named crossing near 'closed' is what closed.  ``hits``, the trigger and
    weapon phrases of the sentence when the caller found them for a whole
    article at once (sentence offsets), saves looking again.
    """
    lex = lex or event_lexicon()
    phrases, weapons = hits if hits is not None else (lex.triggers.find(text), lex.weapons.find(text))
    out: list[Trigger] = []
    if not phrases and not weapons and not lex.killing_verbs.search(text):
        return out
    aggregate = None  # a tally word in the sentence: looked for only when a plural or weak trigger asks
    for m, weapon in _matches(text, lex, phrases, weapons):
        key, start, end = m.key, m.start, m.end
        closure_type = _closure_category(key, lex)
        if weapon:
            category, etype = "attack", lex.weapon_type[key]
        elif closure_type and key not in lex.phrase_type:
            category, etype = "closure", closure_type
        elif key in lex.phrase_type:
            category, etype = "attack", lex.phrase_type[key]
        else:
            continue
        generic = category == "attack" and key in lex.generic and not weapon
        if generic:
            etype = lex.generic_type[key]
        plural = key in lex.plural
        nominal = _is_nominal(key, text, start, lex, category)
        lo, hi = _clause_start(text, start), _clause_end(text, end)
        clause_before = text[lo:start]
        status = "reported"
        all_crossings = False
        if category == "closure":
            if key in lex.gerunds or (key == "close" and re.match(r"\s+to\b", text[end:])):
                continue  # 'such as closing the border', 'close to the border'
            ok, all_crossings = _has_closure_object(text, start, end, lex, place_spans)
            if not ok:
                continue
        if category == "attack" and key in lex.weak and not weapon:
            window = text[max(lo, start - 60):min(hi, end + 60)]
            rest = window.replace(text[start:end], " ", 1)
            if not lex.weak_needs.search(rest) and not _strong_attack_elsewhere(phrases, start, end, lex):
                continue  # 'strikes' counts beside 'clashes', not beside 'a trade deal'
        if _did_not_happen(text, start, end, clause_before, lex):
            continue
        if _habitual(text[lo:hi], lex):
            continue  # 'closed the crossing several times in recent years': a habit, not one event
        governed = _to_governed_real(text, start, lex)
        before = " ".join(_words_before(text, start, 6))
        if governed is False or (governed is None and lex.future.search(before)):
            if category == "attack":
                continue
            if governed is False and not (lex.announce.search(before) or lex.future.search(before)):
                continue  # 'efforts to seal the border', 'a bid to reopen': no closure was decided
            status = "announced"
        continuing = category == "closure" and etype == "closure" and bool(
            lex.continuation.search(text[start:end]) or _near_before(lex.continuation, text, start, 3))
        if plural or key in lex.weak:
            if aggregate is None:
                aggregate = bool(lex.aggregate.search(text))
            if aggregate:
                continue  # 'a wave of suicide bombings struck cities': a tally, not one event
        out.append(Trigger(start, end, key, category, etype, generic, plural, nominal, status, all_crossings,
                           continuing))
    if not any(t.category == "attack" for t in out):
        out.extend(_killings(text, lex))
    return sorted(out, key=lambda t: t.start)


def _killings(text: str, lex: EventLexicon) -> list[Trigger]:
    """'Gunmen killed nine labourers', 'two were shot dead by militants': a killing by a perpetrator is an
    armed assault, when the sentence has no other attack word."""
    out = []
    for m in lex.killing_verbs.finditer(text):
        lo, hi = _clause_start(text, m.start()), _clause_end(text, m.end())
        before, after = text[lo:m.start()], text[m.end():hi]
        by = re.match(r"\s+(?:\w+\s+){0,3}?by\b", after)
        if not (lex.perpetrators.search(before[-60:]) or (by and lex.perpetrators.search(after[:60]))):
            continue
        if _did_not_happen(text, m.start(), m.end(), before, lex):
            continue
        if lex.future.search(" ".join(_words_before(text, m.start(), 6))):
            continue
        key = lex.key(m.group(0))
        out.append(Trigger(m.start(), m.end(), key, "attack", "armed_assault", True, False, False, "reported"))
        break  # one killing per sentence: its figures are read from the whole sentence
    return out


def is_indefinite(text: str, trig: Trigger) -> bool:
    """'an exchange of gunfire' introduces an event; 'the attack' points back to one."""
    words = _WORD.findall(text[max(0, trig.start - 12):trig.start])
    return bool(words) and words[-1].lower() in ("a", "an", "another")


def is_anaphoric(text: str, trig: Trigger) -> bool:
    """'the attack', 'the closure': a noun that points back to an event already told."""
    return trig.nominal and not is_indefinite(text, trig)


def _type_rank(t: Trigger, lex: EventLexicon) -> tuple[int, int]:
    order = lex.type_priority
    return (1 if t.generic else 0, order.index(t.event_type) if t.event_type in order else len(order))


def group_attack_triggers(text: str, triggers: list[Trigger], place_spans, lex: EventLexicon | None = None
                          ) -> list[Trigger]:
    """Attack words that tell one attack ('a suicide squad stormed', 'an IED blast') become one trigger
    spanning them, of the most specific type; words split by a place, a clause break or a new
    noun phrase ('a blast near Quetta and an exchange of gunfire') stay apart."""
    lex = lex or event_lexicon()
    out: list[Trigger] = []
    for t in triggers:
        prev = out[-1] if out else None
        if prev is not None and prev.category == t.category == "attack" and prev.status == t.status:
            gap = text[prev.end:t.start]
            split = (len(_WORD.findall(gap)) > _GROUP_GAP_WORDS or _CLAUSE_BREAK.search(gap) or "," in gap or _NEW_PHRASE.search(gap)
                     or any(prev.end <= s and e <= t.start for s, e in place_spans))
            if not split:
                best = min((prev, t), key=lambda x: _type_rank(x, lex))
                out[-1] = replace(best, start=prev.start, end=t.end, plural=prev.plural and t.plural,
                                  nominal=prev.nominal, generic=prev.generic and t.generic)
                continue
        out.append(t)
    return out
