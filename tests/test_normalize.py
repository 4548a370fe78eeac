"""geoborder.corpus.normalize: one plain form for matching, offsets into the original."""

from __future__ import annotations

import pytest

from geoborder.corpus.normalize import lower_same_length, normalize


def original_of(n, surface_in_plain: str) -> str:
    """The original text behind the first occurrence of a plain-text surface."""
    start = n.text.index(surface_in_plain)
    s, e = n.span_to_original(start, start + len(surface_in_plain))
    return n.original[s:e]


# -- the plain form ---------------------------------------------------------------

def test_decomposed_accents_are_composed_nfc():
    n = normalize("Muzaffara\u0304ba\u0304d city")
    assert n.text == "Muzaffar\u0101b\u0101d city"
    assert len(n.text) == 17


def test_non_breaking_space_becomes_a_plain_space():
    assert normalize("Spin\u00a0Boldak").text == "Spin Boldak"


def test_curly_quotes_become_straight_quotes():
    n = normalize("\u201cclosed\u201d at Pakistan\u2019s \u2018main\u2019 crossing")
    assert n.text == "\"closed\" at Pakistan's 'main' crossing"


def test_en_and_em_dashes_become_hyphens():
    assert normalize("Pak\u2013Afghan border \u2014 closed").text == "Pak-Afghan border - closed"


def test_zero_width_characters_and_soft_hyphens_are_dropped():
    n = normalize("\ufeffTor\u200bkham and Cha\u00adman\u200d")
    assert n.text == "Torkham and Chaman"


def test_whitespace_runs_and_line_breaks_fold_to_one_space():
    assert normalize("Spin  \n\n\t Boldak\r\nChaman").text == "Spin Boldak Chaman"


def test_zero_width_inside_a_whitespace_run_does_not_add_a_space():
    assert normalize("Spin \u200b Boldak").text == "Spin Boldak"


def test_zero_width_between_spaces_folds_in_decomposed_text():
    # the same run after a decomposed accent (the NFC-composing path) folds to one space
    assert normalize("Cafe\u0301 Spin \u200b Boldak").text == "Caf\u00e9 Spin Boldak"


def test_plain_text_length_counts_folded_characters_once():
    n = normalize("a\u00a0\u00a0b\u200bc")
    assert n.text == "a bc"
    assert n.span_to_original(0, 4) == (0, 6)
    assert n.span_to_original(2, 4) == (3, 6)


# -- mapping spans back -----------------------------------------------------------

def test_span_of_plain_ascii_maps_to_itself():
    n = normalize("Clashes near Torkham.")
    assert n.span_to_original(13, 20) == (13, 20)
    assert original_of(n, "Torkham") == "Torkham"


def test_span_over_decomposed_accents_covers_the_combining_marks():
    text = "Shelling in Muzaffara\u0304ba\u0304d today"
    n = normalize(text)
    assert original_of(n, "Muzaffar\u0101b\u0101d") == "Muzaffara\u0304ba\u0304d"
    # the word after it is shifted by the two combining marks
    assert original_of(n, "today") == "today"
    assert n.span_to_original(n.text.index("today"), len(n.text)) == (text.index("today"), len(text))


@pytest.mark.parametrize("broken", ["Spin\nBoldak", "Spin\r\n    Boldak"])
def test_name_split_across_a_line_break_maps_to_the_broken_surface(broken):
    n = normalize(f"Traders crossed into {broken} before noon.")
    assert original_of(n, "Spin Boldak") == broken


def test_possessive_with_curly_apostrophe_maps_back_exactly():
    text = "Pakistan\u2019s army said the road was open."
    n = normalize(text)
    assert original_of(n, "Pakistan") == "Pakistan"
    assert original_of(n, "Pakistan's") == "Pakistan\u2019s"


def test_span_ending_before_whitespace_does_not_include_it():
    text = "at Torkham \n\n the gate"
    n = normalize(text)
    assert original_of(n, "Torkham") == "Torkham"


def test_span_ending_before_a_zero_width_char_leaves_it_out():
    text = "Torkham\u200b reopened"
    n = normalize(text)
    s, e = n.span_to_original(0, 7)
    assert (s, e) == (0, 7)
    assert text[s:e] == "Torkham"


def test_span_with_a_zero_width_char_inside_keeps_it():
    text = "Tor\u200bkham reopened"
    n = normalize(text)
    assert original_of(n, "Torkham") == "Tor\u200bkham"


def test_span_after_a_dropped_bom_starts_after_it():
    text = "\ufeffQuetta: Officials met."
    n = normalize(text)
    assert n.span_to_original(0, 6) == (1, 7)
    assert original_of(n, "Quetta") == "Quetta"


def test_empty_span_maps_to_a_position():
    n = normalize("a\u00a0\u00a0b")
    assert n.span_to_original(2, 2) == (3, 3)


@pytest.mark.parametrize("text", [
    "\u201cSpin\u00a0Boldak\u201d \u2013 closed",
    "Landi\n Kotal\u2019s bazaar",
    "Muzaffara\u0304ba\u0304d\u200b and Quetta",
])
def test_every_word_maps_back_to_itself(text):
    n = normalize(text)
    for word in ("Spin", "Boldak", "closed", "Landi", "Kotal", "bazaar", "Quetta", "and"):
        if word in n.text:
            assert original_of(n, word) == word


def test_lower_same_length_keeps_length_and_offsets():
    # 'İ'.lower() is two characters: it is left as it is
    assert lower_same_length("QUETTA \u0130stanbul") == "quetta \u0130stanbul"
    assert len(lower_same_length("\u0130\u0130")) == 2
