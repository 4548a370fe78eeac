"""How many people a sentence says were killed and injured.

>>> c = find_casualties("A bomb went off, martyring four personnel and wounding 18 others.")
>>> c.killed.value, c.injured.value
(4, 18)
>>> c = find_casualties("The group claimed its fighters killed more than 80 soldiers.")
>>> c.killed
Count(value=81, low=81, high=None)
>>> m = c.mentions[0]
>>> m.kind, m.claimed, m.claimant, m.victims
('killed', True, 'The group', 'soldiers')
>>> find_casualties("Nobody was hurt, officials said.").injured
Count(value=0, low=0, high=0)
>>> find_casualties("Sepoy Ali, 25, stood guard there for three hours.")
Casualties(killed=None, injured=None, mentions=())

A count belongs to a casualty word when the victims sit between them
("seven soldiers have been killed"), follow an active verb ("killing 12
people"), or the count stands alone ("12 dead").  Counts joined by "and" add
up ("five soldiers and one officer were killed" is 6); a breakdown after
"including" does not add to its total.  Without a count, a singular victim
("an army captain was martyred", "FC soldier hurt") or a named person ("Sepoy
Zia was martyred") counts 1.  "No casualties", "nobody was hurt" count 0.

Totals: a running total ("the death toll rose to 12") stands for its kind
instead of adding to the other figures; a party's claim counts only when the
text gives no other figure of that kind (the mentions keep both).

The words (verbs, victim nouns, claim cues, negations) live in
``data/lexicons/casualties.json``; numbers come from :mod:`geoborder.events.numbers`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from geoborder.errors import InputError
from geoborder.events.numbers import Count, find_counts
from geoborder.resources import LEXICON_DIR, read_lexicon

KINDS = ("killed", "injured")
_ZERO = Count(0, 0, 0)
_ONE = Count(1, 1, 1)


@dataclass(frozen=True)
class CasualtyMention:
    """One count of victims tied to a killed or injured word."""

    start: int  # offsets in the text of the whole phrase (count .. verb)
    end: int
    kind: str  # 'killed' | 'injured'
    count: Count
    claimed: bool  # the figure is a party's claim ("the BLA claimed to have killed ...")
    claimant: str | None  # the claimant's words as written ("the Taliban government"), when stated
    victims: str | None  # the victim noun phrase as written ("Pakistani troops"), when stated


@dataclass(frozen=True)
class Casualties:
    """Killed and injured summed over the mentions; None when the text states none."""

    killed: Count | None
    injured: Count | None
    mentions: tuple[CasualtyMention, ...]


_NONE = Casualties(None, None, ())

# ---------------------------------------------------------------- lexicon

_REQUIRED = ("killed", "injured", "lives_verbs", "toll_nouns", "toll_links", "passive_auxiliaries", "auxiliaries",
             "adverbs", "victim_nouns", "non_victim_nouns", "np_stops", "not_count_after", "breakdown_cues",
             "zero_subjects", "zero_nouns", "zero_noun_adjectives", "zero_adjectives", "negations", "claim_cues",
             "not_claim_objects", "reporting_verbs", "object_starts", "object_fillers", "clause_openers",
             "hypothetical_markers", "singular_auxiliaries", "determiners", "self_claim_verbs", "self_claim_subjects")
_ROLES = ("subject_verbs", "object_verbs", "count_nouns", "of_nouns")
_QUOTES = "\"'“”‘’"


_WORD_END = "\x00"  # ends a phrase that must end a word


def _trie(phrases, lead: str = "") -> str:
    """One regex for many lowercase phrases, built as a character trie; ``lead`` follows each first
    character, and a phrase may end in ``_WORD_END``.

    The engine then follows one branch per letter instead of trying every
    phrase at every position: several times faster on long sentences."""
    root: dict = {}
    for phrase in set(phrases):
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node, lead: str = "") -> str:
        ends = "" in node
        branches = [(r"\s+" if ch == " " else r"\b" if ch == _WORD_END else re.escape(ch)) + lead + walk(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return walk(root, lead)


def _words(phrases) -> str:
    """``\\b(?:trie)``, with the boundary written after each first character instead, as a look-behind:
    the same matches (before a word character, a boundary is no word character before it), and the
    regex engine skips ahead to the characters a phrase starts with."""
    phrases = list(phrases)
    if all(re.match(r"\w", p) for p in phrases):
        return "(?:" + _trie(phrases, r"(?<!\w.)") + ")"
    return rf"\b(?:{_trie(phrases)})"


def _lower(text: str) -> str:
    """Lowercase with every offset kept (``str.lower`` lengthens a few non-ASCII letters)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=1024)  # also the key of every casualty word found: the same few come back
def _norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.lower().replace("’", "'")).strip()


@dataclass(frozen=True)
class _Lexicon:
    # scanned over the lowercased sentence
    stems: ahocorasick.Automaton  # one telling stem (or whole word) per phrase: most sentences stop here
    trigger: re.Pattern
    zero_phrase: re.Pattern  # 'no casualties'
    zero_subject: re.Pattern  # 'nobody', 'no one'
    toll: re.Pattern
    lives: re.Pattern
    claim: re.Pattern
    claim_after: re.Pattern  # ', the group claimed' after the figure
    self_claim: re.Pattern  # 'the TTP said it had killed': the speaker reports its own kills
    # words of which every match of the pattern holds one (see _needles): the cheap test before a scan
    zero_needles: tuple[str, ...]
    toll_needles: tuple[str, ...]
    lives_needles: tuple[str, ...]
    claim_needles: tuple[str, ...]  # for claim and claim_after
    self_claim_needles: tuple[str, ...] | None  # None when a verb is not ASCII (see _claim)
    # matched at a position of the original sentence
    rest: re.Pattern  # what may stand between a victim noun phrase and its verb
    aux_chain: re.Pattern  # auxiliaries and adverbs ending right before a verb
    aux_chain_lower: re.Pattern | None  # the same, case-sensitive, for the lowercased text of an ASCII sentence
    filler: re.Pattern  # between an active verb and its count: 'killing an estimated 40'
    lives_after: re.Pattern
    not_claim: re.Pattern
    reporting: re.Pattern
    hypothetical: re.Pattern
    trigger_roles: dict  # phrase -> (kind, frozenset of roles); kind 'zero_injured' for 'unhurt'
    toll_kinds: dict
    zero_nouns: dict
    passive: frozenset
    singular_aux: frozenset
    negations: frozenset
    victim_singular: frozenset
    victim_plural: frozenset
    victim_words: frozenset
    non_victims: frozenset
    np_stops: frozenset
    aux_words: frozenset
    not_count_after: frozenset
    object_starts: frozenset
    openers: frozenset
    determiners: frozenset


def _stem_automaton(prefixes: list[str], whole: list[str]) -> ahocorasick.Automaton:
    """An automaton over the stems, each with its length and whether it must end a word ('dead', not
    'deadly'); a stem that is also a prefix need not."""
    automaton = ahocorasick.Automaton()
    for stem in set(whole) - set(prefixes):
        automaton.add_word(stem, (len(stem), True))
    for stem in prefixes:
        automaton.add_word(stem, (len(stem), False))
    automaton.make_automaton()
    return automaton


def _needles(phrases) -> tuple[str, ...]:
    """A few words of which every phrase holds one: where none of them occurs, a pattern that needs
    one of the phrases cannot match. (A space of a phrase stands for any run of spaces in the
    patterns; its words are written as they are.)

    Picked greedily, the word the most phrases left share first (the longer on a tie); a word that
    holds another is dropped, since it occurs only where the other does."""
    left = [set(phrase.split()) for phrase in phrases]
    picked: list[str] = []
    while left:
        shared = Counter(word for words in left for word in words)
        best = max(shared, key=lambda word: (shared[word], len(word), word))
        picked.append(best)
        left = [words for words in left if best not in words]
    return tuple(word for word in picked if not any(other != word and other in word for other in picked))


def _holds_any(text: str, needles: tuple[str, ...], start: int = 0, end: int | None = None) -> bool:
    """Whether one of ``needles`` occurs in text[start:end]: a substring search for each is much
    cheaper than a regex scan, and most sentences hold none."""
    for needle in needles:
        if text.find(needle, start, end) >= 0:
            return True
    return False


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what the regex \w matches


def _boundary(low: str, i: int) -> bool:
    """Whether the regex \b holds at ``i``: a word character on one side only."""
    before = i > 0 and _is_word_char(low[i - 1])
    return before != (i < len(low) and _is_word_char(low[i]))


def _holds_stem(low: str, lex: _Lexicon) -> bool:
    """Whether a stem of a casualty word starts a word of the lowercased text (a whole-word stem
    ending one too): most sentences hold none and stop here.

    This is the search of the regex \b(?:stem|...|word\b|...) over ``low``, made by the
    automaton, whose scan costs a fraction of the regex engine's.
    """
    for end, (length, whole) in lex.stems.iter(low):
        if _boundary(low, end - length + 1) and (not whole or _boundary(low, end + 1)):
            return True
    return False


def _words_of(data: dict, key: str) -> list[str]:
    return [_norm(w) for w in data[key]]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    path = LEXICON_DIR / "casualties.json"
    data = read_lexicon(path)
    missing = [k for k in _REQUIRED if k not in data] if isinstance(data, dict) else list(_REQUIRED)
    if missing:
        raise InputError(path, f"lexicon lacks the keys {', '.join(missing)}")
    try:
        return _build(data, path)
    except (AttributeError, TypeError, ValueError) as exc:
        raise InputError(path, f"malformed lexicon: {exc}") from None


def _build(data: dict, path) -> _Lexicon:
    roles: dict[str, tuple[str, set]] = {}
    for kind in KINDS:
        for role in _ROLES:
            for phrase in data[kind].get(role, []):
                key = _norm(phrase)
                if key in roles and roles[key][0] != kind:
                    raise InputError(path, f"'{phrase}' is listed under both killed and injured", record=role)
                roles.setdefault(key, (kind, set()))[1].add(role)
    for word in data["zero_adjectives"]:
        roles[_norm(word)] = ("zero_injured", {"subject_verbs"})
    trigger_roles = {k: (kind, frozenset(r)) for k, (kind, r) in roles.items()}
    toll_kinds = {_norm(k): v for k, v in data["toll_nouns"].items()}
    for noun, kind in toll_kinds.items():
        if kind not in KINDS:
            raise InputError(path, f"toll noun kind must be killed or injured, not {kind!r}", record=noun)
    zero_nouns = {_norm(k): tuple(v) for k, v in data["zero_nouns"].items()}
    for noun, kinds in zero_nouns.items():
        if not kinds or set(kinds) - set(KINDS):
            raise InputError(path, "zero noun kinds must be a list of killed and injured", record=noun)
    w = lambda key: _words_of(data, key)  # noqa: E731

    # the cheap first test: a stem of each one-word phrase ('kille' finds 'killed', 'dead' only 'dead', not
    # 'deadly'), and one telling word of each longer phrase that no such stem covers ('gunned down')
    def stem(word: str) -> str:
        return word[:5] if len(word) > 5 else word + " "  # the space marks a whole word

    common = {"their", "his", "her", "people", "among", "human", "number", "those", "the", "of", "were", "by", "to",
              "down", "and"}
    phrases = list(trigger_roles) + list(toll_kinds) + list(zero_nouns) + ["lives", "life"]
    stems = {stem(p) for p in phrases if " " not in p}
    for phrase in phrases:
        words = re.findall(r"[a-z]+", phrase)
        if len(words) > 1 and not any(stem(x) in stems or x[:5] in stems for x in words):
            stems.add(stem(max((x for x in words if x not in common), key=len)))
    prefixes = [x for x in stems if not x.endswith(" ")]
    whole = [x.strip() for x in stems if x.endswith(" ")]

    negs = [n for n in w("negations") if n != "n't"]
    aux_words = w('passive_auxiliaries') + w('auxiliaries') + w('adverbs') + negs
    aux_or_neg = rf"(?:{_trie(aux_words)}|\w+n['’]t)"
    q = _QUOTES
    breakdown = _trie(w("breakdown_cues"))
    victims = {_norm(k): _norm(v) for k, v in data["victim_nouns"].items()}
    low = lambda key: frozenset(w(key))  # noqa: E731
    return _Lexicon(
        stems=_stem_automaton(prefixes, whole),
        # the casualty words start with most letters, so the skip to a first letter gains little: the
        # leading boundary, which turns away every position inside a word at once, is the faster form here
        trigger=re.compile(rf"\b(?:{_trie(trigger_roles)})\b"),
        zero_phrase=re.compile(
            # 'no', 'without', 'not': the boundary after the first letter, so the engine skips ahead to it
            rf"(?:n(?<!\w.)o|w(?<!\w.)ithout(?:\s+any)?|n(?<!\w.)ot\s+(?:\w+\s+){{0,2}}?any)\s+"
            rf"(?:(?:{_trie(w('zero_noun_adjectives'))})\s+)?"
            rf"(?P<noun>{_trie(zero_nouns)})\b"),
        zero_subject=re.compile(rf"{_words(w('zero_subjects'))}\b"),
        toll=re.compile(rf"(?P<noun>{_words(toll_kinds)})\b(?P<mid>(?:\s+[^\s\d.;,!?]+){{0,6}}?)"
                        rf"\s+(?:{_trie(w('toll_links') + ['to'])})\s+"),
        lives=re.compile(rf"{_words(w('lives_verbs'))}\s+(?P<of>the\s+lives?\s+of\s+)?"),
        claim=re.compile(rf"{_words(w('claim_cues'))}\b"),
        claim_after=re.compile(rf",\s*(?P<who>[^,;]{{1,80}}?)\s+(?:also\s+)?(?:{_trie(w('claim_cues'))})\b"),
        self_claim=re.compile(rf"\b(?:{_trie(w('self_claim_verbs'))})\s+(?:that\s+)?(?:{_trie(w('self_claim_subjects'))})\s+"
                              rf"(?:(?:had|have|has|also|reportedly|successfully)\s+)*$", re.I),
        rest=re.compile(
            rf"[\s{q}]*(?P<paren>(?:,\s*(?:{breakdown})\b[^,;:.()]*,|,[^,;:.()]{{0,30}}?\bof\s+(?:whom|them)\b[^,;:.()]*,"
            rf"|\s[—–]\s*(?:{breakdown})\b[^—–;:.()]*[—–]|\([^()]*\))[\s{q}]*)?"
            rf"(?P<rel>(?:who|that|which)\s+)?(?P<aux>(?:{aux_or_neg}\s+)*)[\s{q}]*$", re.I),
        aux_chain=re.compile(rf"(?:\b{aux_or_neg}\s+)*$", re.I),
        # (a non-ASCII letter of a word might match an ASCII one when case is ignored: then none)
        aux_chain_lower=re.compile(rf"(?:\b{aux_or_neg}\s+)*$") if all(x.isascii() for x in aux_words) else None,
        filler=re.compile(rf"[\s{q}]*(?:(?:{_trie(w('object_fillers'))})\s+)?[{q}]?", re.I),
        lives_after=re.compile(rf"[\s{q}]*(?:(?:more|other|innocent|precious|human|civilian|\w+'s?)\s+)?lives?\b", re.I),
        not_claim=re.compile(rf"\s*(?:{_trie(w('not_claim_objects'))})\b", re.I),
        reporting=re.compile(rf"\b(?:{_trie(w('reporting_verbs') + ['saying'])})\b|;", re.I),
        hypothetical=re.compile(rf"\b(?:{_trie(w('hypothetical_markers'))})\s+$", re.I),
        zero_needles=_needles(zero_nouns), toll_needles=_needles(toll_kinds), lives_needles=_needles(w("lives_verbs")),
        claim_needles=_needles(w("claim_cues")),
        self_claim_needles=_needles(w("self_claim_verbs")) if all(x.isascii() for x in w("self_claim_verbs")) else None,
        trigger_roles=trigger_roles, toll_kinds=toll_kinds, zero_nouns=zero_nouns,
        passive=low("passive_auxiliaries"), singular_aux=low("singular_auxiliaries"), negations=low("negations"),
        victim_singular=frozenset(v.split()[-1] for v in victims),
        victim_plural=frozenset(v.split()[-1] for v in victims.values()),
        victim_words=frozenset(v.split()[-1] for v in [*victims, *victims.values()]),
        non_victims=low("non_victim_nouns"), np_stops=low("np_stops"),
        aux_words=frozenset(x for x in low("auxiliaries") | low("passive_auxiliaries") | low("adverbs") | low("negations")
                            if " " not in x),
        not_count_after=frozenset(x.rstrip(".") for x in w("not_count_after")),
        object_starts=low("object_starts"), openers=low("clause_openers"), determiners=low("determiners"),
    )


# ---------------------------------------------------------------- counts

@dataclass(slots=True)
class _Cand:
    """A count that may be the victims of a casualty word."""

    start: int
    end: int
    count: Count
    what: str  # 'number' | 'article' (checked later against its noun) | 'zero' ('nobody')
    text: str
    after_preposition: bool = False  # 'since 2021', 'in four districts': not a subject, may still follow 'toll at'
    used: bool = False


_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’\-]|\.(?=[A-Za-z]))*|\d+(?:-[A-Za-z]+)+|\([^()]*\)|\d[\d,.]*|[^\sA-Za-z\d]")
_ARTICLE = re.compile(r"a(?<!\w.)n?\s+(?=[a-z\d])")  # 'a' or 'an' as a word; the letter first: the engine skips to it
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_SENTENCE_BREAK = re.compile(r"[.!?;](?=\s|$)")
_BREAK_MARKS = (".", "!", "?", ";")  # what a sentence break starts with
_NOT_COUNT_AFTER_NUMBER = re.compile(r"-[A-Za-z]|\s*(?:%|per\s*cent)|:\d|/\d|\.\d", re.I)  # '7-member', '40 %', '11:30'
_NOT_COUNT_BEFORE_NUMBER = re.compile(r"(?:[/$£€]\s*|:)$")  # '3:2', '$5'; not a dateline 'QUETTA: Five
_AGE_BEFORE = re.compile(r"[A-Za-z]\s*,\s*$|\(\s*$")
_AGE_AFTER = re.compile(r"\s*[,)]")
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_ARTICLE = re.compile(r"^(?:of\s+)?(?:(?:the|a|an)\s+)?", re.I)
_NEXT_WORD = re.compile(r"\s*([A-Za-z']+)")
_JOINT = re.compile(r"\s*(,\s*and\s+|,\s*|\s+and\s+)")
_CONJUNCT = re.compile(r"(?P<np>[^,;:.()]*?)\s*(?P<joint>,\s*and|,|and)\s+(?:(?:his|her|their|its)\s+)?")
_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\s+$")
_PUNCT_BEFORE = re.compile(r"[,;:(\"“—–]\s*$")
_RELATIVE_BEFORE = re.compile(r"\b(?:who|that|which)\s+$")
_AGE_AT_END = re.compile(r"\s*(?:,\s*\d{1,3}\s*,|\(\s*\d{1,3}\s*\))\s*$")
_SPACE_RUN = re.compile(r"\s{2,}")
_CLAIMANT_SPLIT = re.compile(r"[,;:—–\"“”]")
_PREPOSITION_START = re.compile(r"(?:in|on|at|according|after|during|via|through)\b", re.I)
_OR = re.compile(r"\s+(?:or|and/or|and)\s+")
_THE = re.compile(r"\s*the\s+", re.I)
# possessive: a name never gives back a word, so a long run of capitalised words cannot backtrack
_NAME = r"(?:[A-Z][a-z'’\-]++|[A-Z]{2,}+|[A-Z][a-z]*+\.)(?:\s+(?:[A-Z][a-z'’\-]++|[A-Z]{2,}+))*+"
_AGE = r"(?:\s*,\s*\d{1,2}\s*,?|\s*\(\d{1,2}\))"
_NAMES_AFTER = re.compile(rf"(?:{_NAME}{_AGE}?(?:\s*,\s*and\s+|\s*,\s+|\s+and\s+|(?=[.;,)\s]|$)))+")
_NAMES_BEFORE = re.compile(rf"(?:{_NAME}{_AGE}?\s*(?:,\s*and\s+|,\s*|\s+and\s+))+{_NAME}{_AGE}?[\s,]*$")
_NAME_SPLIT = re.compile(r"\s*,\s*and\s+|\s*,\s*|\s+and\s+")
_AGES = re.compile(_AGE)
_LIST_END = re.compile(r"[\s,]*(?:and)?\s*$")


def _windows(s: str, spots: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches around the casualty words, cut at spaces, where counts are worth parsing."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spots):
        a, b = max(0, a - 300), min(len(s), b + 200)
        while a > 0 and not s[a - 1].isspace():
            a -= 1
        while b < len(s) and not s[b].isspace():
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _word_before(s: str, start: int) -> str | None:
    """The word (with its dot: 'no.') or the '$' right before ``start``, with nothing but spaces
    between, looked for in the 24 characters before it; None when something else stands there.

    What ``([A-Za-z]+\.?|\$)\s*$`` would find there, read backwards from the end instead of tried
    at every position."""
    before = s[max(0, start - 24):start].rstrip()
    if before.endswith("$"):
        return "$"
    letters_end = len(before) - 1 if before.endswith(".") else len(before)
    i = letters_end
    while i and before[i - 1] in _ASCII_LETTERS:
        i -= 1
    return before[i:] if i < letters_end else None


def _candidates(s: str, low: str, spots, lex: _Lexicon) -> list[_Cand]:
    """Counts that could be victims: numbers, zero words, and 'a'/'an'."""
    zeros = [_Cand(m.start(), m.end(), _ZERO, "zero", m.group()) for m in lex.zero_subject.finditer(low)]
    numbers = []
    for a, b in _windows(s, spots):
        for span in find_counts(s[a:b]):
            start, end = a + span.start, a + span.end
            if any(z.start < end and start < z.end for z in zeros) or not _plausible_number(s, start, end):
                continue
            prev = _word_before(s, start)
            after_preposition = prev is not None and prev.lower().rstrip(".") in lex.not_count_after
            numbers.append(_Cand(start, end, span.count, "number", span.text, after_preposition))
    taken = sorted(zeros + numbers, key=lambda c: c.start)
    starts = {c.start for c in taken}
    articles = []
    for m in _ARTICLE.finditer(low):
        if m.start() not in starts:  # 'a dozen' is a number
            word = m.group().rstrip()
            articles.append(_Cand(m.start(), m.start() + len(word), _ONE, "article", word))
    return sorted(taken + articles, key=lambda c: c.start)


def _plausible_number(s: str, start: int, end: int) -> bool:
    """False for ages ('Ali, 25,'), compounds ('seven-member'), money, percentages and clock times."""
    after, before = s[end:end + 8], s[max(0, start - 24):start]
    if _NOT_COUNT_AFTER_NUMBER.match(after) or _NOT_COUNT_BEFORE_NUMBER.search(before):
        return False
    # an age after a name: 'Sepoy Zia, 20,' or 'Sepoy Zia (20)'
    return not (s[start:end].isdigit() and _AGE_BEFORE.search(before) and _AGE_AFTER.match(after))


# ---------------------------------------------------------------- noun phrases

def _tokens(text: str, offset: int = 0):
    return [(m.group(), offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)]


def _is_word(tok: str) -> bool:
    """Words, and compounds such as '10-year-old'."""
    return tok[0].isalpha() or (tok[0].isdigit() and "-" in tok)


def _np_word(tok: str, lex: _Lexicon) -> bool:
    low = tok.lower()
    return _is_word(tok) and low not in lex.np_stops and low not in lex.aux_words


def _head(words: list[str]) -> str:
    """The noun that names the victims: before 'of' ('members of the force'), after it ('one of the attackers')."""
    low = [w.lower().replace("’", "'") for w in words]
    if low[0] == "of":
        head = low[-1]
    elif "of" in low:
        head = low[low.index("of") - 1]
    else:
        head = low[-1]
    return _POSSESSIVE.sub("", head)


def _np_ok(words: list[str], cand: _Cand, lex: _Lexicon) -> bool:
    """Whether the noun phrase after a count can name victims of that count."""
    if not words:
        # a bare article counts nothing; a bare year is a date ('since 2021')
        return cand.what != "article" and not _YEAR.fullmatch(cand.text)
    head = _head(words)
    if head in lex.non_victims:
        return False
    if cand.what == "article":
        return head in lex.victim_singular
    return True


def _np_right(s: str, pos: int, lex: _Lexicon, limit: int = 7):
    """Victim words after a count: (words, end offset)."""
    found = []
    for m in _WORD.finditer(s, pos, pos + 120):  # tokens as they come: the loop stops after a few
        tok, tok_end = m.group(), m.end()
        if tok in _QUOTES:
            if found:
                break
            continue
        if not _np_word(tok, lex) or tok.lower() in lex.trigger_roles or len(found) >= limit:
            break
        found.append((tok, tok_end))
    # end at the last victim noun: 'soldiers' in 'two soldiers sparked protests' (an 'of' phrase stays whole:
    # 'a member of the Levies force')
    nouns = [i for i, (w, _) in enumerate(found) if _POSSESSIVE.sub("", w.lower()) in lex.victim_words]
    if nouns and not any(w.lower() == "of" for w, _ in found):
        del found[nouns[-1] + 1:]
    while found and found[-1][0].lower() in ("of", "the", "its", "their", "his", "her"):
        found.pop()
    return [w for w, _ in found], (found[-1][1] if found else pos)


def _victims_text(s: str, start: int, end: int) -> str | None:
    """The victim words as written, without the partitive 'of' or an article: 'the attackers' -> 'attackers'."""
    text = s[start:end].strip().strip(_QUOTES).strip()
    return _LEADING_ARTICLE.sub("", text) or None


# ---------------------------------------------------------------- linking

@dataclass(slots=True)
class _Link:
    start: int
    end: int
    kind: str  # 'killed' | 'injured' | 'both' (for 'killed or injured', resolved before the end)
    count: Count
    victims: str | None
    toll: bool = False


def _cand_at(cands: list[_Cand], pos: int, used_too: bool = False) -> _Cand | None:
    for c in cands:
        if c.start == pos and (used_too or not c.used):
            return c
        if c.start > pos:
            return None
    return None


def _object_start(s: str, pos: int, lex: _Lexicon) -> int:
    return lex.filler.match(s, pos).end()


def _has_object(s: str, pos: int, cands, lex: _Lexicon) -> bool:
    """Whether an active verb is followed by its object ('killed 5', 'killed the commander')."""
    if _cand_at(cands, _object_start(s, pos, lex), used_too=True) is not None:
        return True
    nxt = _NEXT_WORD.match(s, pos)
    return bool(nxt and nxt.group(1).lower() in lex.object_starts)


def _starts_predicate(s: str, pos: int, lex: _Lexicon) -> bool:
    """Whether a verb follows: then the noun phrase before it is that verb's subject, not an object."""
    m = _NEXT_WORD.match(s, pos)
    if not m:
        return False
    word = m.group(1).lower()
    return word in lex.passive or word in ("have", "has", "had") or word in lex.trigger_roles


def _aux_before(s: str, low: str, tstart: int, lex: _Lexicon) -> re.Match:
    """The auxiliaries and adverbs that end right before a casualty word ('have been', 'was later'), maybe none.

    The pattern ignores case. In an ASCII sentence that is the same as matching the lowercased text
    case-sensitively, at the same offsets, and the regex engine does that much faster; the words it
    gives are read in lower case anyway."""
    if lex.aux_chain_lower is not None and s.isascii():
        return lex.aux_chain_lower.search(low, max(0, tstart - 60), tstart)
    return lex.aux_chain.search(s, max(0, tstart - 60), tstart)


def _passive(chain: re.Match, lex: _Lexicon) -> bool:
    """Whether the auxiliaries before a casualty word make it passive ('were killed')."""
    return bool(chain) and any(w in lex.passive for w in chain.group().lower().split())


def _link_object(s: str, trig_start: int, trig_end: int, kind: str, cands, lex: _Lexicon, links: list) -> bool:
    """Victims after an active verb, with the counts joined to them by 'and'."""
    pos = _object_start(s, trig_end, lex)
    cand = _cand_at(cands, pos)
    if cand is None:
        names = _names_after(s, pos, lex)
        if names is None:
            return False
        count, end = names
        links.append(_Link(trig_start, end, kind, count, _victims_text(s, pos, end)))
        return True
    conjuncts = []  # (the joint before it: 'first' | 'and' | 'comma', candidate, noun phrase end, victims)
    joint = "first"
    while cand is not None:
        words, np_end = _np_right(s, cand.end, lex)
        if not _np_ok(words, cand, lex):
            break
        if joint != "first" and (not words or words[0].lower() == "of" or _starts_predicate(s, np_end, lex)):
            break  # 'killing 12, 5 of them soldiers'; 'killed 3 and 2 others were hurt'
        conjuncts.append((joint, cand, np_end, _victims_text(s, cand.end, np_end) if words else None))
        sep = _JOINT.match(s, np_end)
        if not sep:
            break
        joint = "and" if "and" in sep.group(1) else "comma"
        cand = _cand_at(cands, _object_start(s, sep.end(), lex))
    # commas join a list only when an 'and' closes it ('three soldiers, two officers and a child')
    last_and = max((i for i, c in enumerate(conjuncts) if c[0] in ("first", "and")), default=-1)
    for i, (_, c, np_end, victims) in enumerate(conjuncts[:last_and + 1]):
        c.used = True
        links.append(_Link(trig_start if i == 0 else c.start, np_end if victims else c.end, kind, c.count, victims))
    return last_and >= 0


def _link_subject(s: str, trig_start: int, trig_end: int, kind: str, roles, cands, lex: _Lexicon, links: list,
                  active_object: bool) -> str:
    """Victims before their verb ('seven soldiers have been killed'); returns 'linked', 'negated' or ''."""
    for cand in reversed([c for c in cands if c.end <= trig_start]):
        if trig_start - cand.end > 240:
            break
        words, np_end = [], cand.end
        for m in _WORD.finditer(s, cand.end, trig_start):  # tokens as they come: the loop stops after a few
            tok, tok_end = m.group(), m.end()
            if tok in _QUOTES:
                continue
            if not _np_word(tok, lex) or len(words) >= 8:
                break
            words.append(tok)
            np_end = tok_end
        rest = lex.rest.match(s, np_end, trig_start)
        if rest is None or (rest.group("rel") and not rest.group("aux").strip()):
            continue  # a farther count may still fit: 'More than 500 people, including 311 troops, ...'
        if cand.used:
            return ""
        if cand.after_preposition:
            continue  # 'since 2021', 'by 20 gunmen', 'March 20'
        aux = rest.group("aux").lower().split()
        if roles == {"count_nouns"} and (aux or rest.group("paren")):
            continue  # '12 deaths' takes its count directly
        if active_object:
            return ""  # 'a suicide bomber had killed 80 officers': the bomber is the agent
        if words and words[-1].lower() in ("of", "the", "those"):
            continue  # 'four of the wounded': a part of a group counted elsewhere
        if not _np_ok(words, cand, lex):
            return ""
        if any(a in lex.negations or a.endswith(("n't", "n’t")) for a in aux):
            return "negated"
        for c, victims_end in _subject_conjuncts(s, cand, np_end if words else cand.end, cands, lex):
            c.used = True
            links.append(_Link(c.start, trig_end, kind, c.count, _victims_text(s, c.end, victims_end)))
        return "linked"
    return ""


def _subject_conjuncts(s: str, cand: _Cand, np_end: int, cands, lex: _Lexicon):
    """The count next to the verb and those joined to it on the left ('five soldiers and one officer')."""
    group = [(cand, np_end)]
    seen_and = False
    current = cand
    earlier = [c for c in cands if c.end <= cand.start]
    while earlier:
        prev = earlier.pop()
        if prev.used or prev.after_preposition:
            break
        m = _CONJUNCT.fullmatch(s, prev.end, current.start)
        if not m or (m.group("joint") == "," and not seen_and):
            break
        words = [t for t, _, _ in _tokens(m.group("np")) if t not in _QUOTES]
        if not words or not all(_np_word(t, lex) for t in words) or not _np_ok(words, prev, lex):
            break
        # the earlier conjunct must open its clause, or it is some verb's object ('arrested 5 suspects and ...')
        before = s[max(0, prev.start - 30):prev.start]
        word = _WORD_BEFORE.search(before)
        if word:
            if word.group(1).lower() not in lex.openers and not word.group(1)[0].isupper():
                break
        elif before.strip() and not _PUNCT_BEFORE.search(before):
            break
        seen_and = seen_and or "and" in m.group("joint")
        group.insert(0, (prev, m.end("np")))
        current = prev
    return group


def _names_after(s: str, pos: int, lex: _Lexicon):
    """Named victims after a verb ('killing Sepoy Zia Akram, 25, and Sepoy Musawwar Khan, 20'): (Count, end)."""
    m = _NAMES_AFTER.match(s[pos:pos + 200])
    if not m:
        return None
    text = _LIST_END.sub("", m.group())
    groups = _name_groups(text, lex)
    return None if groups is None else (Count(groups, groups, groups), pos + len(text))


def _names_before(before: str, lex: _Lexicon):
    """Named victims before a plural verb ('Sepoy Ali Khan, 25, and Sepoy Zia, 20, were killed')."""
    m = _NAMES_BEFORE.search(before, max(0, len(before) - 200))
    if not m or " and " not in m.group():
        return None
    groups = _name_groups(m.group(), lex)
    return None if groups is None else (Count(groups, groups, groups), m.start(), None)


def _name_groups(text: str, lex: _Lexicon) -> int | None:
    """How many people a list of names names, or None when it does not look like people."""
    names = [g.strip() for g in _NAME_SPLIT.split(_AGES.sub(",", text)) if g.strip()]
    if not names:
        return None
    for name in names:
        parts = name.split()
        if any(p.lower().rstrip(".") in lex.non_victims or p.lower() in lex.determiners for p in parts):
            return None
    ranked = sum(1 for n in names if n.split()[0].lower() in lex.victim_singular or n.split()[0].endswith("."))
    # one name needs a rank ('Sepoy Zia'); a list of full names ('Ali Khan and Umar Shah') stands on its own
    if ranked < len(names) and not (len(names) > 1 and all(len(n.split()) > 1 for n in names)):
        return None
    return len(names)


def _singular_subject(s: str, trig_start: int, chain: re.Match, lex: _Lexicon):
    """A subject with no count that still names victims ('an officer was', 'FC soldier hurt', 'X was hit');
    ``chain`` is the auxiliaries before the casualty word.

    Returns (Count, start, victims) or None."""
    aux = chain.group().lower().split() if chain else []
    if any(a in lex.negations or a.endswith(("n't", "n’t")) for a in aux):
        return None
    before = s[:chain.start() if chain else trig_start]
    cut = max(0, len(before) - 200)
    rel = _RELATIVE_BEFORE.search(before, cut)
    if rel:
        if not aux:
            return None
        before = before[:rel.start()]
    age = _AGE_AT_END.search(before, cut)  # an age after a name
    if age:
        before = before[:age.start()] + " "
    # a run of spaces or a line break ends a headline or a caption: the subject does not reach across it
    body = before.rstrip()
    edge = max(before.rfind("\n", cut), max((m.end() for m in _SPACE_RUN.finditer(body, cut)), default=-1), cut)
    words = []
    for tok, start, _ in reversed(_tokens(before[edge:], edge)):
        low = tok.lower()
        if low in lex.determiners:
            words.insert(0, (tok, start))
            break
        if tok in _QUOTES or not _np_word(tok, lex) or len(words) >= 6:
            break
        words.insert(0, (tok, start))
    content = [w for w, _ in words if w.lower() not in lex.determiners]
    singular = bool(set(aux) & lex.singular_aux)
    if not content:
        return _names_before(before, lex) if aux and not singular else None
    if any(w.lower() in ("every", "each", "any", "no", "some", "all") for w, _ in words):
        return None
    head = _head(content)
    start = words[0][1]
    victims = _LEADING_ARTICLE.sub("", s[start:words[-1][1] + len(words[-1][0])])
    if head in lex.victim_singular and (head not in lex.victim_plural or singular):
        return _ONE, start, victims
    if head in lex.non_victims:
        return None
    if head in ("he", "she"):
        return _ONE, start, None
    if singular and content[-1][0].isupper() and (
            all(w[0].isupper() for w in content) or any(w.lower() in lex.victim_singular for w in content)):
        return _ONE, start, victims  # a named person: 'Sepoy Zia was martyred', 'FC soldier Maqsood was hit'
    if aux and not singular:
        return _names_before(before, lex)
    return None


# ---------------------------------------------------------------- claims

def _claim(s: str, low: str, start: int, end: int, lex: _Lexicon) -> tuple[bool, str | None]:
    """Whether a party claims the figure, and who, from the words around the mention."""
    reach = max(0, start - 400)  # a claim cue further back is in another sentence, or too far to govern
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(s, reach, start)] \
        if _holds_any(s, _BREAK_MARKS, reach, start) else []  # most mentions have none before them
    window_start = breaks[-1] if breaks else reach
    cues = lex.claim.finditer(low, window_start, start) if _holds_any(low, lex.claim_needles, window_start, start) else ()
    for cue in reversed(list(cues)):
        if lex.not_claim.match(s, cue.end()):
            continue  # 'claimed responsibility', 'claimed 40 lives'
        if lex.reporting.search(s, cue.end(), start):
            return False, None  # 'rejected the claims, saying two soldiers died'
        return True, _claimant_before(s, window_start, cue.start(), lex)
    own_start = max(window_start, start - 120)
    # the pattern ignores case: in ASCII text its (ASCII) words stand in the lowercased text at the same offsets
    own = lex.self_claim.search(s, own_start, start) \
        if lex.self_claim_needles is None or not s.isascii() or _holds_any(low, lex.self_claim_needles, own_start, start) \
        else None
    if own:
        return True, _claimant_before(s, window_start, own.start(), lex)
    stop = _SENTENCE_BREAK.search(s, end)
    tail_end = stop.start() if stop else len(s)
    after = lex.claim_after.search(low, end, tail_end) if _holds_any(low, lex.claim_needles, end, tail_end) else None
    if after and not lex.not_claim.match(s, after.end()) and not lex.trigger.search(low, after.start("who"), after.end("who")) \
            and not lex.reporting.search(s, end, after.end("who")):
        return True, _claimant_before(s, after.start("who"), after.end("who"), lex)
    return False, None


def _claimant_before(s: str, window_start: int, cue_start: int, lex: _Lexicon) -> str | None:
    """The party named right before a claim verb: 'the Taliban government', 'They'."""
    for piece in reversed(_CLAIMANT_SPLIT.split(s[window_start:cue_start])):
        piece = piece.strip()
        if not piece or _PREPOSITION_START.match(piece):
            continue  # 'The TTP, in a statement, claimed'
        words = []
        for tok, _, _ in reversed(_tokens(piece)):
            low = tok.lower()
            if low in lex.determiners:
                words.insert(0, tok)
                break
            if low in lex.np_stops or low in lex.openers or low in lex.aux_words or not (tok[0].isalpha() or tok[0] == "("):
                break
            words.insert(0, tok)
        text = _POSSESSIVE.sub("", " ".join(words)).strip()
        return text or None
    return None


# ---------------------------------------------------------------- entry point

def _sum(counts: list[Count]) -> Count:
    return Count(sum(c.value for c in counts), sum(c.low for c in counts),
                 None if any(c.high is None for c in counts) else sum(c.high for c in counts))


def find_casualties(text: str, start: int = 0, end: int | None = None) -> Casualties:
    """Casualties stated in text[start:end]; offsets stay relative to `text`."""
    end = len(text) if end is None else end
    s = text[start:end]
    low = _lower(s)
    lex = _lexicon()
    if not _holds_stem(low, lex):
        return _NONE
    links = _links(s, low, lex)
    if not links:
        return _NONE
    mentions = []
    for link in sorted(links, key=lambda k: (k.start, k.end)):
        claimed, claimant = _claim(s, low, link.start, link.end, lex)
        mentions.append(CasualtyMention(start + link.start, start + link.end, link.kind, link.count,
                                        claimed, claimant, link.victims))
    claimed_at = {(m.start - start, m.end - start) for m in mentions if m.claimed}
    totals = {}
    for kind in KINDS:
        own = [k for k in links if k.kind == kind]
        # a party's claim and the reported figure are two accounts of one toll: the reported one counts
        own = [k for k in own if (k.start, k.end) not in claimed_at] or own
        tolls = [k.count for k in own if k.toll]
        counts = [k.count for k in own if not k.toll]
        if tolls:
            best = max(tolls, key=lambda c: c.value)
            totals[kind] = best if not counts or best.value >= _sum(counts).value else _sum(counts)
        else:
            totals[kind] = _sum(counts) if counts else None
    return Casualties(totals["killed"], totals["injured"], tuple(mentions))


def _triggers(s: str, low: str, lex: _Lexicon):
    """(kind, roles, start, end) per casualty word; 'killed or injured' and 'killed and injured' become one
    trigger of kind 'both'."""
    merged: list[list] = []
    for m in lex.trigger.finditer(low):
        kind, roles = lex.trigger_roles[_norm(m.group())]
        if merged and _OR.fullmatch(s, merged[-1][3], m.start()) \
                and merged[-1][0] != kind and "zero_injured" not in (kind, merged[-1][0]):
            prev = merged[-1]
            merged[-1] = ["both", (prev[1] & roles) or prev[1], prev[2], m.end()]
            continue
        merged.append([kind, roles, m.start(), m.end()])
    return [tuple(t) for t in merged]


def _links(s: str, low: str, lex: _Lexicon) -> list[_Link]:
    triggers = _triggers(s, low, lex)
    zeros = list(lex.zero_phrase.finditer(low)) if _holds_any(low, lex.zero_needles) else []
    tolls = list(lex.toll.finditer(low)) if _holds_any(low, lex.toll_needles) else []
    lives = list(lex.lives.finditer(low)) if _holds_any(low, lex.lives_needles) else []
    spots = [(t[2], t[3]) for t in triggers] + [m.span() for m in zeros + tolls + lives]
    if not spots:
        return []
    cands = _candidates(s, low, spots, lex)
    links: list[_Link] = []

    for m in zeros:  # 'no casualties were reported'
        for c in cands:
            if m.start() <= c.start < m.end():
                c.used = True
        for kind in lex.zero_nouns[_norm(m.group("noun"))]:
            links.append(_Link(m.start(), m.end(), kind, _ZERO, None))

    for m in tolls:  # 'the death toll rose to 12'
        cand = _cand_at(cands, _object_start(s, m.end(), lex))
        if cand is not None:
            _link_after(s, m.start(), cand, lex.toll_kinds[_norm(m.group("noun"))], lex, links, toll=True)

    for m in lives:  # 'claimed 40 lives', 'cost the lives of 14 people'
        cand = _cand_at(cands, _object_start(s, m.end(), lex))
        if cand is None:
            continue
        if m.group("of"):
            _link_after(s, m.start(), cand, "killed", lex, links)
        elif cand.what != "article" and (after := lex.lives_after.match(s, cand.end)):
            cand.used = True
            links.append(_Link(m.start(), after.end(), "killed", cand.count, None))

    # both passes below read the words before a casualty word: each is read once
    chains: dict[int, re.Match] = {}
    hypothetical: dict[int, bool] = {}

    def aux_before(tstart: int) -> re.Match:
        if tstart not in chains:
            chains[tstart] = _aux_before(s, low, tstart, lex)
        return chains[tstart]

    def after_hypothetical(tstart: int) -> bool:  # 'threatened to kill', 'could die'
        if tstart not in hypothetical:
            hypothetical[tstart] = bool(lex.hypothetical.search(s, max(0, tstart - 12), tstart))
        return hypothetical[tstart]

    # victims after active verbs first: 'killing 5 people and injuring 12'
    for kind, roles, tstart, tend in triggers:
        if "of_nouns" in roles:  # 'the bodies of (the) four soldiers'
            the = _THE.match(s, tend)
            cand = _cand_at(cands, _object_start(s, tend, lex)) or (the and _cand_at(cands, the.end()))
            if cand:
                _link_after(s, tstart, cand, kind, lex, links)
            continue
        if "object_verbs" not in roles or _passive(aux_before(tstart), lex) or after_hypothetical(tstart):
            continue  # 'were killed' has no object; 'threatened to kill 20' killed nobody
        before = len(links)
        if _link_object(s, tstart, tend, kind, cands, lex, links) and kind == "both":
            _split_both(links, before)

    for kind, roles, tstart, tend in triggers:
        if not roles & {"subject_verbs", "count_nouns"}:
            continue
        passive = _passive(aux_before(tstart), lex)
        if after_hypothetical(tstart) and not passive:
            continue
        active_object = "object_verbs" in roles and not passive and _has_object(s, tend, cands, lex)
        real_kind = "injured" if kind == "zero_injured" else kind
        before = len(links)
        result = _link_subject(s, tstart, tend, real_kind, roles, cands, lex, links, active_object)
        if result == "negated" or (result == "" and active_object):
            continue
        if result == "" and "subject_verbs" in roles:
            one = _singular_subject(s, tstart, aux_before(tstart), lex)
            if one is not None:
                count, start, victims = one
                links.append(_Link(start, tend, real_kind, count, victims))
            elif kind == "zero_injured":  # 'the passengers were unhurt'
                links.append(_Link(tstart, tend, "injured", _ZERO, None))
        if kind == "zero_injured":
            for link in links[before:]:
                link.count = _ZERO
        if kind == "both":
            _split_both(links, before)
    return links


def _link_after(s: str, start: int, cand: _Cand, kind: str, lex: _Lexicon, links: list, toll: bool = False) -> None:
    """A count after a noun that names the kind ('death toll rose to 12', 'bodies of four soldiers')."""
    words, np_end = _np_right(s, cand.end, lex)
    if not _np_ok(words, cand, lex):
        return
    cand.used = True
    links.append(_Link(start, np_end if words else cand.end, kind, cand.count,
                       _victims_text(s, cand.end, np_end) if words else None, toll=toll))


def _split_both(links: list, first: int) -> None:
    """'killed or injured', 'killed and injured': a zero counts for both kinds; any other figure does not say
    how many of each, and is dropped."""
    pending = links[first:]
    del links[first:]
    for link in pending:
        if link.count.value == 0 and link.count.high == 0:
            for kind in KINDS:
                links.append(_Link(link.start, link.end, kind, link.count, link.victims))
