"""Trigger words one sentence at a time: what counts as a closure, a reopening or an attack, and how.

Sentences written for these tests.  Each kind of non-event the issue names has
its own case here, beside the whole-article cases in ``test_events.py``.
"""

from __future__ import annotations

import pytest

from geoborder.events.phrases import PhraseSet
from geoborder.events.triggers import find_triggers, group_attack_triggers


def kinds(text, spans=()):
    return [(t.category, t.event_type, t.status) for t in find_triggers(text, spans)]


@pytest.mark.parametrize("text, expected", [
    ("Pakistani officials closed the Torkham crossing on Monday.", [("closure", "closure", "reported")]),
    ("The Chaman border was reopened for trade on Friday.", [("closure", "reopening", "reported")]),
    ("Trade resumed through the Ghulam Khan crossing on Sunday.", [("closure", "reopening", "reported")]),
    ("Officials said the Taftan crossing would reopen on Friday.", [("closure", "reopening", "announced")]),
    ("The government has decided to close the Torkham border from November 1.",
     [("closure", "closure", "announced")]),
    ("Firing by Afghan forces had forced the Kharlachi point to be shut.",
     [("attack", "armed_clash", "reported"), ("closure", "closure", "reported")]),
])
def test_closures_reopenings_and_plans(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "The court closed the case against the traders.",                      # nothing that closes a crossing
    "Those steps halted the cycle of attacks and reprisals in the border areas last year.",
    "Such measures as closing the border hurt traders.",                   # a gerund
    "The camp lies close to the border.",
    "Traders called for reopening the Torkham crossing.",                  # a call
    "The minister threatened to close the crossing if the fencing went on.",
    "Officials denied that the Taftan crossing had been closed.",          # a denial
    "Funds were approved for efforts to seal the border.",                 # a purpose, not a decision
])
def test_what_closed_nothing(text):
    assert [k for k in kinds(text) if k[0] == "closure"] == []


@pytest.mark.parametrize("text", [
    "No further clashes were reported on Tuesday.",
    "By Sunday morning the fighting had not resumed.",
    "A wave of suicide bombings struck cities across the country last month.",
    "Labour strikes shut the port for a week.",
    "The plant makes missile parts.",
])
def test_what_is_no_attack(text):
    assert [k for k in kinds(text) if k[0] == "attack"] == []


@pytest.mark.parametrize("text, etype", [
    ("Dozens of rockets were fired into Kech district.", "shelling"),
    ("The Guards launched drones and ballistic missiles against a base.", "air_strike"),
    ("Thursday's strikes set off the clashes on the border.", "air_strike"),
    ("Gunmen killed nine labourers near Saravan.", "armed_assault"),
    ("Two guards were shot dead by militants near Mand.", "armed_assault"),
])
def test_weapons_and_killings_name_their_attack(text, etype):
    assert [k for k in kinds(text) if k[0] == "attack"][0] == ("attack", etype, "reported")


def test_a_closure_that_goes_on_and_one_of_the_whole_border():
    [t] = find_triggers("The crossing at Torkham remained closed on Wednesday.")
    assert t.continuing and not t.all_crossings
    [t] = find_triggers("Authorities sealed every regular crossing after the bombings.")
    assert t.all_crossings
    [t] = find_triggers("The Taliban said the main crossing on the frontier would reopen.")
    assert not t.all_crossings and t.status == "announced"


def test_words_of_one_attack_are_one_trigger_of_the_most_specific_type():
    text = "However, a suicide squad also stormed a police compound in Karachi."
    [t] = group_attack_triggers(text, find_triggers(text), ())
    assert t.event_type == "suicide_bombing" and text[t.start:t.end] == "suicide squad also stormed"


def test_two_attacks_apart_stay_two():
    text = "One was an IED blast near Quetta and the second an exchange of gunfire near the border."
    quetta = text.index("Quetta")
    ts = group_attack_triggers(text, find_triggers(text), ((quetta, quetta + 6),))
    assert [t.event_type for t in ts] == ["ied", "armed_clash"]


def test_phrase_set_matches_whole_words_as_the_equivalent_regex_does():
    import random
    import re

    words = ["air strike", "strike", "strikes", "counter-attack", "shut down", "shut", "closed", "IED"]
    ps = PhraseSet(words)
    forms = sorted({w.lower() for w in words} | {"counterattack"}, key=len, reverse=True)
    regex = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]")
                                                    for f in forms) + r")(?![\w-])", re.IGNORECASE)
    filler = ["the", "air", "Strike", "strikes,", "shut", "down", "downtown", "closed.", "ied", "counter-attack",
              "counterattack", "x-shut", "air-strike", "  "]
    rng = random.Random(7)
    for _ in range(300):
        text = " ".join(rng.choice(filler) for _ in range(rng.randint(1, 12)))
        assert [(m.start, m.end) for m in ps.find(text)] == [(m.start(), m.end()) for m in regex.finditer(text)], text
    # a dash between spaces parts two words; a hyphen or a line break does not
    assert [m.key for m in ps.find("the air - strike")] == ["strike"]
    assert [m.key for m in ps.find("an air-\nstrike")] == ["air strike"]
