"""The fast matchers of the event lexicons find exactly what their plain regular expressions find."""

import random
import re

import pytest

from geoborder.events.actors import _matcher
from geoborder.events.lexicon import Prefiltered, Words, _alternation, event_lexicon
from geoborder.events.numbers import _count, _pattern, find_counts
from geoborder.resources import LEXICON_DIR, read_lexicon

_LISTS = {k: v for k, v in read_lexicon(LEXICON_DIR / "events.json").items()
          if isinstance(v, list) and v and all(isinstance(w, str) for w in v)}


def _texts(words: list[str], rng: random.Random, n: int) -> list[str]:
    """Texts made of the phrases, bits of them and filler, in mixed case, with every kind of edge a
    whole-word match can meet: hyphens, apostrophes, runs of spaces, line breaks, letters and digits."""
    seps = [" ", "  ", "-", "\n", ", ", "'", "x", "9", "", ". ", " - ", "_", "(", "\t"]
    fillers = ["the", "border", "a", "times", "re", "open", "Torkham", "on", "s", "n't", "will", "be"]
    out = []
    for _ in range(n):
        pieces = []
        for _ in range(rng.randint(1, 8)):
            w = rng.choice(words) if rng.random() < 0.6 else rng.choice(fillers)
            if rng.random() < 0.2:
                w = w[:rng.randint(1, len(w))] if rng.random() < 0.5 else w[rng.randint(0, len(w) - 1):]
            w = re.sub(r"[ -]", lambda _m: rng.choice([" ", "-", "  ", "", "\n"]), w)
            w = "".join(c.upper() if rng.random() < 0.3 else c for c in w)
            pieces += [w, rng.choice(seps)]
        out.append(rng.choice(["", " ", "-", "x"]) + "".join(pieces))
    return out


def _same(fast, slow: re.Pattern, text: str, *bounds: int) -> None:
    m, s = fast.search(text, *bounds), slow.search(text, *bounds)
    assert (m and m.span()) == (s and s.span()), text
    assert [x.span() for x in fast.finditer(text, *bounds)] == [x.span() for x in slow.finditer(text, *bounds)], text


@pytest.mark.parametrize("name", sorted(_LISTS))
def test_words_match_the_regex(name):
    words = _LISTS[name]
    fast, slow = Words(words), re.compile(_alternation(words), re.IGNORECASE)
    rng = random.Random(name)
    for text in _texts(words, rng, 400) + [w.upper() for w in words] + ["Caf\u00e9 " + w for w in words]:
        _same(fast, slow, text)
        _same(fast, slow, text, 2, len(text) - 1)


def test_words_outside_ascii_use_the_regex():
    ws = Words(["stra\u00dfe", "closed"])
    assert ws.search("the STRASSE") is None and ws.search("the Stra\u00dfe").group(0) == "Stra\u00dfe"
    assert [m.group(0) for m in ws.finditer("Closed, closed-off; closed")] == ["Closed", "closed"]


def test_lexicon_patterns_are_words():
    lex = event_lexicon()
    assert isinstance(lex.repetition, Words)
    assert lex.repetition.search("The crossing was shut several   times.").group(0) == "several   times"
    assert lex.future.fullmatch("will") and not lex.future.fullmatch("willing")


def test_prefiltered_tries_the_regex_where_a_match_may_start():
    # 'starts' finds more than the regex matches ('cl' in 'clash'): those places are passed over
    regex = re.compile(r"(?<![\w'])(?:claimed|closed)\s+(?:it|the \w+)")
    fast = Prefiltered(regex, re.compile("cl"))
    rng = random.Random(1)
    words = ["claimed", "closed", "clash", "it", "the", "attack", "unclaimed", "'", "x"]
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        _same(fast, regex, text)
    assert [m.group(0) for m in fast.finditer("unclaimed it, clash; closed the border")] == ["closed the border"]


def test_role_cues_match_their_regexes():
    cues = _matcher().cues
    patterns = [*cues.after.values(), *cues.before.values(), cues.denier_needs_accusation]
    vocab = sorted({w for p in patterns for w in re.findall(r"[a-z]{2,}", p.regex.pattern)}) + ["ttp", "'s", ","]
    rng = random.Random(2)
    for _ in range(2000):
        text = "".join(rng.choice(vocab) + rng.choice([" ", " ", "  ", ""]) for _ in range(rng.randint(0, 10)))
        for p in patterns:
            _same(p, p.regex, text)


def test_counts_in_lower_case_are_the_counts_in_any_case():
    words = ["More than", "at least", "Twenty-five", "TWO", "a dozen", "dozens", "1,200", "3.5", "hundred",
             "thousand", "some", "seven", "up to", "nearly", "x", "-", ",", "Caf\u00e9"]
    rng = random.Random(3)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        want = [(m.start(), m.end(), m.group(0), _count(m)) for m in _pattern().finditer(text) if _count(m)]
        assert [(c.start, c.end, c.text, c.count) for c in find_counts(text)] == want, text
