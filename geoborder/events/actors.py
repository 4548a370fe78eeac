"""Actors named in border news: armed groups, state forces, governments, capitals and generic perpetrators.

>>> [(m.text, m.actor_id, m.role) for m in find_actors(
...     "Pakistani Taliban fighters attacked an FC post; the TTP claimed responsibility.")]
[('Pakistani Taliban fighters', 'ttp', None), ('FC', 'frontier-corps', None), ('TTP', 'ttp', 'claimant')]
>>> [(m.text, m.kind, m.country, m.role) for m in find_actors("Islamabad blamed the banned BLA, which denied it.")]
[('Islamabad', 'capital', 'PAK', None), ('BLA', 'militant_group', None, 'denier')]
>>> find_actors("This is where Iran's border guards fired.")[0].actor_id
'iran-border-guards'

Every name, spelling, demonym pattern and role cue lives in
``data/lexicons/actors.json``, which an analyst can review without reading
Python. Matching is case-insensitive except for acronyms (``TTP``, ``IS``,
``FC`` match only as written), treats hyphens as spaces and reads through
possessives; the longest match wins and matches never overlap.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import ahocorasick

from geoborder.errors import InputError
from geoborder.events.lexicon import Prefiltered, trie_pattern
from geoborder.resources import LEXICON_DIR, read_lexicon

LEXICON_PATH = LEXICON_DIR / "actors.json"
KINDS = frozenset({"militant_group", "state_force", "government", "capital", "generic"})
COUNTRIES = frozenset({"PAK", "AFG", "IRN"})
ROLES = ("claimant", "denier", "accused")


@dataclass(frozen=True)
class ActorMention:
    """An actor named in text; ``start``/``end`` are offsets in that text, ``text`` as written."""

    start: int
    end: int
    text: str
    actor_id: str
    name: str
    kind: str
    country: str | None
    role: str | None = None


@dataclass(frozen=True)
class Actor:
    """One curated entry of ``actors.json``."""

    id: str
    name: str
    kind: str
    country: str | None
    parent: str | None
    aliases: tuple[str, ...]
    note: str | None


# ---------------------------------------------------------------- text normalisation
# Hyphens, dashes and every kind of space become one space; curly apostrophes become
# straight; a possessive 's (or the bare ' of "guards'") is dropped.  Line breaks stay,
# so no name runs from a headline into the next paragraph.  The same function
# normalises aliases and articles, and keeps a map back to the original offsets.

_REPLACEMENTS = (("-", " "), ("\t", " "), ("`", "'"))  # ASCII, every text
_UNICODE_REPLACEMENTS = tuple((c, "'") for c in "\u2018\u2019\u02bc\u00b4\u2032") + tuple(
    (c, " ") for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00a0\u2002\u2003\u2009\u200a\u202f\u3000")
# each branch opens with its character, so that the regex engine skips ahead to the next ' or space
_DROP = re.compile(r"'(?:s(?![A-Za-z0-9])|(?<=[sS]')(?![A-Za-z0-9]))| (?= )", re.IGNORECASE)
_HYPHENS = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


def _normalize(text: str, lower: bool = True) -> tuple[str, list[int], list[int]]:
    """``text`` normalised, with the piece starts in normalised and original offsets."""
    if lower:
        low = text.lower()
        if len(low) != len(text):  # a few characters lengthen when lowered (e.g. 'İ')
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        text = low
    s = text
    for old, new in _REPLACEMENTS:  # chained str.replace: several times faster than str.translate
        s = s.replace(old, new)
    if not s.isascii():
        for old, new in _UNICODE_REPLACEMENTS:
            if old in s:
                s = s.replace(old, new)
    pieces: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    pos = n = 0
    for m in _DROP.finditer(s):
        if m.start() > pos:
            norm_starts.append(n)
            orig_starts.append(pos)
            pieces.append(s[pos:m.start()])
            n += m.start() - pos
        pos = m.end()
    if pos < len(s):
        norm_starts.append(n)
        orig_starts.append(pos)
        pieces.append(s[pos:])
    return "".join(pieces), norm_starts, orig_starts


class _Text:
    """An article with its normalised form and the offset maps both ways."""

    __slots__ = ("raw", "norm", "norm_starts", "orig_starts")

    def __init__(self, raw: str):
        self.raw = raw
        self.norm, self.norm_starts, self.orig_starts = _normalize(raw)

    def original(self, n: int) -> int:
        k = bisect_right(self.norm_starts, n) - 1
        return self.orig_starts[k] + n - self.norm_starts[k]

    def normalized(self, o: int) -> int:
        """The normalised offset of original offset ``o`` (the next kept character when ``o`` was dropped)."""
        k = bisect_right(self.orig_starts, o) - 1
        if k < 0:
            return 0
        piece_end = self.norm_starts[k + 1] if k + 1 < len(self.norm_starts) else len(self.norm)
        return min(self.norm_starts[k] + o - self.orig_starts[k], piece_end)

    def window(self, start: int, end: int) -> str:
        """The normalised text of original ``start:end``."""
        return self.norm[self.normalized(start):self.normalized(end)] if end > start else ""


@lru_cache(maxsize=4096)
def _key(alias: str) -> str:
    return _normalize(alias)[0].strip()


def _cased_tokens(alias: str) -> list[str]:
    return _normalize(alias, lower=False)[0].strip().split(" ")


@lru_cache(maxsize=4096)
def _forms(phrase: str) -> tuple[str, tuple[str, ...]]:
    """A lexicon phrase's matching key and its words as written (for the case rules)."""
    key, tokens = _key(phrase), tuple(_cased_tokens(phrase))
    return key, tokens


@lru_cache(maxsize=None)
def _is_acronym(token: str) -> bool:
    """Written in capitals or with inner capitals (TTP, JuA, LeJ): such tokens match only as written."""
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and any(c.isupper() for c in letters[1:])


# ---------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class _Candidate:
    actor_id: str | None          # None for a not-actor
    name: str
    kind: str
    country: str | None
    priority: int                 # 0 listed, 1 demonym pattern, 2/3 the same with a member noun
    exact: tuple[tuple[int, str], ...] = ()   # (token index, token as it must be written)
    compound_guard: bool = False  # starts with a demonym: not right after 'Pak-', 'Pakistan-', ...
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    adjectival: bool = False
    headline_guard: bool = False


@dataclass(frozen=True)
class _RoleCues:
    trigger: re.Pattern           # any word a cue can start with: no trigger, no cue
    after: dict[str, Prefiltered]
    before: dict[str, Prefiltered]
    denier_needs_accusation: Prefiltered
    accusation: re.Pattern
    claim_not_followed_by: frozenset[str]
    coordination: frozenset[str]


@dataclass(frozen=True)
class _Matcher:
    automaton: ahocorasick.Automaton
    adjective_heads: frozenset[str]
    demonyms: frozenset[str]
    cues: _RoleCues


def _fail(path: Path, problem: str, record: str | None = None):
    raise InputError(path, problem, record=record)


def _read(path: Path) -> dict:
    data = read_lexicon(path)
    if not isinstance(data, dict):
        _fail(path, "the top level must be an object")
    for section in ("actors", "member_nouns", "demonym_roles", "capitals", "not_actors", "role_cues"):
        if section not in data:
            _fail(path, f"missing section {section!r}")
    return data


def _parse_actors(path: Path, data: dict) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for i, raw in enumerate(data["actors"]):
        record = raw.get("id") if isinstance(raw, dict) else None
        record = record or f"actors[{i}]"
        if not isinstance(raw, dict):
            _fail(path, "an actor entry must be an object", record)
        for field in ("id", "name", "kind", "country", "aliases"):
            if field not in raw:
                _fail(path, f"missing field {field!r}", record)
        if raw["kind"] not in KINDS - {"capital"}:
            _fail(path, f"unknown kind {raw['kind']!r}", record)
        if raw["country"] is not None and raw["country"] not in COUNTRIES:
            _fail(path, f"unknown country {raw['country']!r} (use one of {sorted(COUNTRIES)} or null)", record)
        if raw["kind"] == "government" and raw["country"] is None:
            _fail(path, "a government needs a country", record)
        if raw["kind"] in ("militant_group", "generic") and raw["country"] is not None:
            _fail(path, "non-state actors have country null (use operates_in)", record)
        if raw["id"] in actors:
            _fail(path, "duplicate id", record)
        aliases = list(raw["aliases"]) + list(raw.get("exact_case", []))
        if not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
            _fail(path, "aliases must be non-empty strings", record)
        actors[raw["id"]] = Actor(raw["id"], raw["name"], raw["kind"], raw["country"], raw.get("parent"),
                                  tuple(aliases), raw.get("note"))
    for actor in actors.values():
        if actor.parent is not None and actor.parent not in actors:
            _fail(path, f"parent {actor.parent!r} is not an actor id", actor.id)
    return actors


def load_actor_lexicon(path: str | Path = LEXICON_PATH) -> dict[str, Actor]:
    """The curated actors of ``path`` by id, checked; :class:`InputError` names the file and entry."""
    path = Path(path)
    return _parse_actors(path, _read(path))


@lru_cache(maxsize=1)
def actor_lexicon() -> dict[str, Actor]:
    """The packaged actors by id (read once)."""
    return load_actor_lexicon(LEXICON_PATH)


def _cue_regex(cue: str) -> str:
    """A cue phrase as a regex: '*' one word, '...' up to six words, {a|b} a choice."""
    tokens = re.findall(r"\{[^}]*\}|\S+", cue.lower())
    out, after_gap = "", False
    for i, tok in enumerate(tokens):
        if i and not after_gap:
            out += r"\s+"
        after_gap = tok == "..."
        if tok == "...":
            out += r"(?:\S+\s+){0,6}"
        elif tok == "*":
            out += r"\S+"
        elif tok.startswith("{"):
            out += "(?:" + "|".join(_cue_regex(alt) for alt in tok[1:-1].split("|")) + ")"
        else:
            out += re.escape(_key(tok))
    return out


def _first_words(cue: str) -> set[str]:
    first = re.findall(r"\{[^}]*\}|\S+", cue.lower())[0]
    alternatives = first[1:-1].split("|") if first.startswith("{") else [first]
    return {_key(alt.split()[0]) for alt in alternatives}


def _alternation(cues: list[str]) -> str:
    return "|".join(f"(?:{_cue_regex(c)})" for c in cues)


def _prefiltered(regex: re.Pattern, cues: list[str]) -> Prefiltered:
    """``regex`` of ``cues``, tried only where one of their first words stands: the regex of a cue opens
    with its first word (one opening with '*' or '...' may start anywhere: then ``regex`` searches alone)."""
    words = set().union(*(_first_words(c) for c in cues))
    literal = words and all(w and w not in ("*", "...") for w in words)
    return Prefiltered(regex, re.compile("|".join(re.escape(w) for w in sorted(words))) if literal else None)


def _role_cues(path: Path, data: dict) -> _RoleCues:
    try:
        rc = data["role_cues"]
        fillers = "|".join(re.escape(_key(w)) for w in sorted(rc["accused"]["fillers"], key=len, reverse=True))
        tail = rf"\s+(?:(?:{fillers})\s+)*$"
        after = {role: _prefiltered(re.compile(rf"(?<![\w']){_alternation(rc[role]['after'])}(?![\w])"),
                                    rc[role]["after"]) for role in ROLES}
        before = {role: _prefiltered(re.compile(rf"(?<![\w'])(?:{_alternation(rc[role]['before'])}){tail}"),
                                     rc[role]["before"]) for role in ROLES}
        needs = _prefiltered(re.compile(rf"(?<![\w']){_alternation(rc['denier']['after_with_accusation'])}(?![\w])"),
                             rc["denier"]["after_with_accusation"])
        accusation = re.compile(r"(?<![\w'])(?:" + "|".join(
            re.escape(_key(w)) for w in rc["denier"]["accusation_words"]) + r")(?![\w])")
        coordination = frozenset(_key(w) or w for w in rc["coordination"]["words"]) | frozenset(
            _key(w) for w in rc["accused"]["fillers"])
        firsts = set()
        for role in ROLES:
            for cue in rc[role]["after"] + rc[role]["before"]:
                firsts |= _first_words(cue)
        for cue in rc["denier"]["after_with_accusation"]:
            firsts |= _first_words(cue)
        # as a trie the regex engine skips ahead to the words' first letters; not an empty word (anywhere)
        trigger = re.compile((r"(?:" + trie_pattern(firsts, not_after=r"[\w']", unit=re.escape) + ")" if all(firsts)
                              else r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in sorted(firsts)) + ")")
                             + r"(?![\w])")
        return _RoleCues(trigger, after, before, needs, accusation,
                         frozenset(w.lower() for w in rc["claimant"]["not_followed_by"]), coordination)
    except (KeyError, TypeError, re.error) as exc:
        raise InputError(path, f"role_cues is malformed: {exc!r}", record="role_cues") from None


def _build(path: Path) -> _Matcher:
    data = _read(path)
    actors = _parse_actors(path, data)
    table: dict[str, list[_Candidate]] = {}
    origin: dict[tuple[str, int, str | None], str] = {}

    def add(alias: str, cand: _Candidate, where: str, exact_words: int = 0, noun: str | None = None) -> None:
        """Register ``alias`` (+ ``noun``); its acronyms, and its first ``exact_words`` words, must match as written."""
        key, tokens = _forms(alias)
        if not key:
            return
        if len(tokens) != len(key.split(" ")):
            _fail(path, f"alias {alias!r} normalises unevenly", where)
        if noun is not None:
            noun_key, noun_tokens = _forms(noun)
            key, tokens = f"{key} {noun_key}", tokens + noun_tokens
        exact = tuple((i, t) for i, t in enumerate(tokens) if i < exact_words or _is_acronym(t))
        table.setdefault(key, []).append(replace(cand, exact=exact) if exact else cand)
        origin.setdefault((key, cand.priority, cand.actor_id), where)

    member_nouns = {k: v for k, v in data["member_nouns"].items() if not k.startswith("_")}
    default_suffixes = {"militant_group": ["armed_group"], "state_force": ["force"], "government": ["government"]}
    guarded = frozenset(data.get("headline_guard", {}).get("aliases", []))
    raw_by_id = {raw["id"]: raw for raw in data["actors"]}

    def suffixes_of(actor_id: str) -> list[str]:
        names = raw_by_id[actor_id].get("suffixes", default_suffixes.get(actors[actor_id].kind, []))
        out: list[str] = []
        for name in names:
            if name not in member_nouns:
                _fail(path, f"unknown member_nouns list {name!r}", actor_id)
            out += member_nouns[name]
        return out

    for actor in actors.values():
        raw = raw_by_id[actor.id]
        base = _Candidate(actor.id, actor.name, actor.kind, actor.country, 0)
        adjectival = {_key(a) for a in raw.get("adjectival", [])}
        exact_case = list(raw.get("exact_case", []))
        for alias in list(raw["aliases"]) + exact_case:
            exact_words = len(_cased_tokens(alias)) if alias in exact_case else 0
            add(alias, replace(base, adjectival=_key(alias) in adjectival, headline_guard=alias in guarded),
                actor.id, exact_words)
            longer = replace(base, priority=2)
            for noun in suffixes_of(actor.id):
                add(alias, longer, actor.id, exact_words, noun)

    dr = data["demonym_roles"]
    conditions = {_key(k): v for k, v in dr.get("role_conditions", {}).items() if not k.startswith("_")}
    for country, demonyms in dr["demonyms"].items():
        targets = dr["targets"].get(country)
        if targets is None:
            _fail(path, f"no targets for {country}", "demonym_roles")
        for role_class, nouns in dr["roles"].items():
            target = targets.get(role_class)
            if target not in actors:
                _fail(path, f"target {target!r} for {country}/{role_class} is not an actor id", "demonym_roles")
            t = actors[target]
            for noun in nouns:
                cond = conditions.get(_key(noun), {})
                base = _Candidate(t.id, t.name, t.kind, t.country, 1,
                                  not_after=frozenset(_key(w) for w in cond.get("not_after", [])),
                                  not_before=frozenset(_key(w) for w in cond.get("not_before", [])))
                longer = _Candidate(t.id, t.name, t.kind, t.country, 3)
                where = f"demonym_roles/{country}/{role_class}"
                for demonym in demonyms:
                    add(f"{demonym} {noun}", base, where)
                    for member in suffixes_of(t.id):
                        add(f"{demonym} {noun}", longer, where, noun=member)

    capitals = data["capitals"]
    for entry in capitals["entries"]:
        target = actors.get(entry.get("stands_for"))
        if target is None:
            _fail(path, f"stands_for {entry.get('stands_for')!r} is not an actor id", f"capitals/{entry.get('name')}")
        cand = _Candidate(target.id, target.name, "capital", target.country, 0)
        for alias in entry["aliases"]:
            add(alias, cand, f"capitals/{entry['name']}")
            blocked = _Candidate(None, alias, "not_actor", None, 0)
            for follower in capitals.get("not_followed_by", []):
                add(alias, blocked, "capitals/not_followed_by", noun=follower)

    for entry in data["not_actors"]["entries"]:
        for alias in entry["aliases"]:
            add(alias, _Candidate(None, entry["name"], "not_actor", None, 0), f"not_actors/{entry['name']}")

    demonym_keys = frozenset(_key(d) for names in dr["demonyms"].values() for d in names)
    automaton = ahocorasick.Automaton()
    for key, cands in table.items():
        kept: list[_Candidate] = []
        for c in sorted(set(cands), key=lambda c: (c.priority, c.exact)):
            # Two entries claiming the same words at the same rank is a lexicon error,
            # unless the case rules tell them apart.
            for k in kept:
                if (k.priority == c.priority and k.actor_id != c.actor_id
                        and tuple(t.lower() for _, t in k.exact) == tuple(t.lower() for _, t in c.exact)):
                    _fail(path, f"{key!r} is an alias of both {k.actor_id or 'a not-actor'} and "
                                f"{c.actor_id or 'a not-actor'}", origin[(key, c.priority, c.actor_id)])
            if key.split(" ", 1)[0] in demonym_keys:
                c = replace(c, compound_guard=True)
            kept.append(c)
        automaton.add_word(key, (len(key), tuple(kept)))
    automaton.make_automaton()
    heads = frozenset(_key(w) for w in data.get("adjective_heads", {}).get("words", []))
    return _Matcher(automaton, heads, demonym_keys, _role_cues(path, data))


def check_actor_lexicon(path: str | Path = LEXICON_PATH) -> int:
    """Build the matcher from ``path`` as find_actors would; the number of phrases it matches.

    Raises :class:`InputError` naming the file and entry for anything an analyst's edit
    can break: a bad kind or country, an unknown parent or target, one phrase claimed
    by two actors, a malformed cue.
    """
    return len(_build(Path(path)).automaton)


@lru_cache(maxsize=1)
def _capitals() -> tuple[dict, ...]:
    return tuple(_read(LEXICON_PATH)["capitals"]["entries"])


def capital_governments() -> frozenset[str]:
    """The ids of the governments a capital stands for ('pakistan-government', ...)."""
    return frozenset(e["stands_for"] for e in _capitals())


@lru_cache(maxsize=1)
def capital_names() -> frozenset[str]:
    """The capitals that can stand for a government, lower case ('islamabad', 'teheran')."""
    return frozenset(a.lower() for e in _capitals() for a in [e["name"], *e.get("aliases", [])])


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    return _build(LEXICON_PATH)


# ---------------------------------------------------------------- matching

_WORD = re.compile(r"[\w']+")
_PREV_WORDS = re.compile(r"([\w']+)\W*(?:([\w']+)\W*)?$")


def _next_word(text: str, pos: int) -> str:
    m = _WORD.search(text, pos, pos + 40)
    if m is None or text[pos:m.start()].strip(" "):
        return ""
    return m.group(0).lower()


def _all_caps(word: str) -> bool:
    return len(word) >= 2 and word.isalpha() and word.isupper()


_WORD_BEFORE_HYPHEN = re.compile(r"([\w']+)$")


def _accept(c: _Candidate, text: str, start: int, end: int, m: _Matcher) -> bool:
    if c.exact:
        span = text[start:end]
        if any(t not in span for _, t in c.exact):  # cheap: 'is' never contains 'IS'
            return False
        tokens = _cased_tokens(span)
        if any(i >= len(tokens) or tokens[i] != t for i, t in c.exact):
            return False
    if c.compound_guard and start > 1 and text[start - 1] in _HYPHENS:
        # the second half of 'Pak-Afghan' or 'Pakistan-Iran' does not start a mention
        w = _WORD_BEFORE_HYPHEN.search(text, max(0, start - 16), start - 1)
        if w and _key(w.group(1)) in m.demonyms:
            return False
    if c.not_after:
        m = _PREV_WORDS.search(text, max(0, start - 40), start)
        if m:
            words = [w.lower() for w in m.groups() if w]
            last = words[-1] if words else ""
            before_the = words[0] if len(words) == 2 and last == "the" else None
            if last in c.not_after or before_the in c.not_after:
                return False
    if c.not_before and _next_word(text, end) in c.not_before:
        return False
    if c.adjectival and _next_word(text, end) in m.adjective_heads:
        return False
    if c.headline_guard:
        prev = _WORD.findall(text[max(0, start - 30):start])
        nxt = _WORD.findall(text[end:end + 30])
        neighbours = [w for w in (prev[-1] if prev else None, nxt[0] if nxt else None) if w]
        if neighbours and all(_all_caps(w) for w in neighbours):
            return False
    return True


def _spans(doc: _Text, m: _Matcher) -> list[tuple[int, int, _Candidate]]:
    text, norm, original = doc.raw, doc.norm, doc.original
    found = []
    size = len(norm)
    for last, (length, cands) in m.automaton.iter(norm):
        first = last - length + 1
        if (first > 0 and norm[first - 1].isalnum()) or (last + 1 < size and norm[last + 1].isalnum()):
            continue
        start, end = original(first), original(last) + 1
        for c in cands:
            if _accept(c, text, start, end, m):
                found.append((start, end, c))
                break
    found.sort(key=lambda f: (f[0] - f[1], f[0], f[2].priority))
    taken = bytearray(len(text))
    chosen = []
    for start, end, c in found:
        if taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, c))
    chosen.sort(key=lambda f: f[0])
    return [f for f in chosen if f[2].actor_id is not None]


_OPEN_PAREN = re.compile(r"\s*\(\s*$")
_CLOSE_PAREN = re.compile(r"\s*\)")


def _merge_parenthesised_acronyms(spans: list[tuple[int, int, _Candidate]], text: str):
    """'Frontier Corps (FC)' is one mention, not two."""
    out: list[tuple[int, int, _Candidate]] = []
    for start, end, c in spans:
        if out:
            p_start, p_end, p = out[-1]
            close = _CLOSE_PAREN.match(text, end)
            if p.actor_id == c.actor_id and close and _OPEN_PAREN.match(text[p_end:start]):
                out[-1] = (p_start, close.end(), p)
                continue
        out.append((start, end, c))
    return out


# ---------------------------------------------------------------- roles

# opens with the characters an end starts with, so that the regex engine skips ahead to them
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[\"'\u201d\u2019)\]]*(?=\s)|(?<=\n))")
_ABBREVIATIONS = frozenset("gen lt col maj capt brig mr mrs ms dr no st sr jr prof gov sen rep mt sgt cpl "
                           "hon adm cmdr vs e.g i.e u.s u.n approx".split())
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bno|\byet to|\bno longer)\s+(?:\S+\s+)?$")
_AFTER_LIMIT, _BEFORE_LIMIT = 220, 160
_NEAR_WORDS = 4  # weak denials and passive accusations must follow the actor this closely


def _sentence_breaks(text: str, lo: int, hi: int) -> list[int]:
    """Offsets in ``lo:hi`` where a sentence ends (the break character's position)."""
    breaks = []
    for m in _SENTENCE_END.finditer(text, lo, min(len(text), hi + 1)):
        at = m.start()
        if at >= hi:
            break
        if text[at] == ".":
            k = at
            while k > 0 and at - k < 8 and (text[k - 1].isalpha() or text[k - 1] == "."):
                k -= 1
            word = text[k:at]
            if word and (word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())):
                continue
        breaks.append(at)
    return breaks


def _cue_after(window: str, pattern: Prefiltered, not_followed_by: frozenset[str] = frozenset(),
               near: int | None = None) -> bool:
    for m in pattern.finditer(window):
        if near is not None and len(window[:m.start()].split()) > near:
            break
        if " not " not in f" {m.group(0)} " and _NEGATED.search(window, 0, m.start()):
            continue
        if not_followed_by and _next_word(window, m.end()) in not_followed_by:
            continue
        return True
    return False


_TOKEN = re.compile(r"[\w']+|[^\s\w']")


def _coordinated(norm: str, cues: _RoleCues) -> bool:
    norm = norm.strip()
    if len(norm) > 40:
        return False
    return all(tok in cues.coordination for tok in _TOKEN.findall(norm))


def _roles(spans, doc: _Text, cues: _RoleCues) -> list[str | None]:
    text = doc.raw
    groups: list[list[int]] = []
    for i, (start, _end, _c) in enumerate(spans):
        if groups:
            prev_end = spans[groups[-1][-1]][1]
            if _coordinated(doc.window(prev_end, start), cues) and not _sentence_breaks(text, prev_end, start):
                groups[-1].append(i)
                continue
        groups.append([i])
    roles: list[str | None] = [None] * len(spans)
    for g, members in enumerate(groups):
        first, last = spans[members[0]][0], spans[members[-1]][1]
        lo = max(spans[groups[g - 1][-1]][1] if g else 0, first - _BEFORE_LIMIT)
        hi = min(spans[groups[g + 1][0]][0] if g + 1 < len(groups) else len(text), last + _AFTER_LIMIT)
        left = _sentence_breaks(text, lo, first)
        right = _sentence_breaks(text, last, hi)
        sentence_start = left[-1] + 1 if left else lo
        sentence_end = right[0] if right else hi
        before = doc.window(sentence_start, first).rstrip() + " "
        after = doc.window(last, sentence_end)
        found = set()
        if cues.trigger.search(after):
            if _cue_after(after, cues.after["claimant"], cues.claim_not_followed_by):
                found.add("claimant")
            if _cue_after(after, cues.after["denier"]):
                found.add("denier")
            elif _cue_after(after, cues.denier_needs_accusation, near=_NEAR_WORDS) and cues.accusation.search(
                    doc.window(sentence_start, sentence_end)):
                found.add("denier")
            if _cue_after(after, cues.after["accused"], near=_NEAR_WORDS):
                found.add("accused")
        if cues.trigger.search(before):
            found.update(role for role in ROLES if cues.before[role].search(before))
        role = next((r for r in ROLES if r in found), None)
        for i in members:
            roles[i] = role
    return roles


def find_actors(text: str) -> list[ActorMention]:
    """Actors named in text, longest match first, no overlaps, left to right."""
    if not text:
        return []
    m = _matcher()
    doc = _Text(text)
    spans = _merge_parenthesised_acronyms(_spans(doc, m), text)
    roles = _roles(spans, doc, m.cues)
    return [ActorMention(start, end, text[start:end], c.actor_id, c.name, c.kind, c.country, role)
            for (start, end, c), role in zip(spans, roles)]
