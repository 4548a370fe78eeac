"""Casualty counts: which numbers in a sentence are people killed or injured."""

from __future__ import annotations

import json

import pytest

from geoborder.errors import InputError
from geoborder.events import casualties as casualties_module
from geoborder.events.casualties import Casualties, CasualtyMention, find_casualties
from geoborder.events.numbers import Count


def killed(text):
    return find_casualties(text).killed


def injured(text):
    return find_casualties(text).injured


def exact(n):
    return Count(n, n, n)


# ------------------------------------------------------------ digits and words

@pytest.mark.parametrize("text, expected", [
    ("Raiders opened fire on the market, killing 12 people.", 12),
    ("Twelve soldiers were killed when their truck struck a mine.", 12),
    ("Twenty-five labourers were killed in the collapse near the crossing.", 25),
    ("Officials said 1,200 people had died in the fighting since spring.", 1200),
    ("Seven of the guards died at the scene.", 7),
])
def test_killed_counts_in_digits_and_words(text, expected):
    assert killed(text) == exact(expected)


def test_injured_count_in_words():
    assert injured("Twenty-five villagers were wounded by the shelling.") == exact(25)


# ------------------------------------------------------------ qualifiers

def test_more_than_is_an_open_lower_bound():
    assert killed("More than 80 police officers were killed in the bombing.") == Count(81, 81, None)


def test_at_least_with_a_bare_dead():
    assert killed("At least 7 dead after the gunfight at the gate.") == Count(7, 7, None)


def test_up_to_is_an_upper_bound():
    assert injured("Up to 30 people were injured, hospital staff said.") == Count(30, 0, 30)


def test_approximate_words_keep_their_bounds():
    assert injured("Dozens of people were hurt in the stampede at the gate.") == Count(24, 24, None)
    assert killed("The militants claimed to have killed more than a dozen guards.") == Count(13, 13, None)


# ------------------------------------------------------------ sums over coordinated victims

def test_coordinated_subject_adds_up():
    c = find_casualties("Five soldiers and one officer were killed in the raid.")
    assert c.killed == exact(6)
    assert [m.count.value for m in c.mentions] == [5, 1]
    assert [m.victims for m in c.mentions] == ["soldiers", "officer"]


def test_both_sides_of_a_clash_add_up():
    assert killed("Two policemen and eight insurgents died in the clash near the fence.") == exact(10)


def test_coordinated_object_adds_up():
    assert killed("Gunmen stormed the checkpoint and killed three officials and two guards.") == exact(5)


def test_comma_list_closed_by_and_adds_up():
    assert killed("Three soldiers, two officers and a child were killed in the blast.") == exact(6)


def test_article_conjuncts_count_one_each():
    assert injured("A policeman and two traders were wounded in the exchange of fire.") == exact(3)


def test_object_list_stops_at_the_next_subject():
    c = find_casualties("The attackers killed 3 guards and 2 drivers were wounded.")
    assert (c.killed, c.injured) == (exact(3), exact(2))


def test_earlier_object_of_another_verb_is_not_summed():
    assert killed("Police detained 5 suspects and 2 soldiers were killed later that day.") == exact(2)


def test_breakdown_after_including_is_not_added():
    text = "More than 600 people, including 250 troops and 90 policemen, have been killed this year."
    assert killed(text) == Count(601, 601, None)
    assert injured("Mortar fire wounded at least 14 civilians, including five children.") == Count(14, 14, None)


def test_part_of_a_group_after_the_total_is_not_added():
    assert killed("The raid killed 15, six of them soldiers.") == exact(15)


# ------------------------------------------------------------ killed and injured in one sentence

def test_martyring_and_wounding():
    c = find_casualties("A bomber struck the convoy, martyring four personnel and wounding 18 others.")
    assert (c.killed, c.injured) == (exact(4), exact(18))
    assert [(m.kind, m.victims) for m in c.mentions] == [("killed", "personnel"), ("injured", "others")]


def test_passive_killed_then_elided_wounded():
    c = find_casualties("Officials said two children were killed and three people wounded in the shelling.")
    assert (c.killed, c.injured) == (exact(2), exact(3))


def test_singular_victim_after_an_article_counts_one():
    c = find_casualties("A major was martyred and two soldiers were hurt when the mine went off.")
    assert (c.killed, c.injured) == (exact(1), exact(2))
    assert c.mentions[0].victims == "major"


def test_leaving_a_soldier_wounded():
    assert injured("The guards traded fire at the gate, leaving a soldier of the border force wounded.") == exact(1)


def test_one_of_the_attackers():
    c = find_casualties("One of the assailants was killed as he fled.")
    assert c.killed == exact(1)
    assert c.mentions[0].victims == "assailants"


def test_shot_dead_a_member():
    c = find_casualties("Guards crossed the line and shot dead a member of the Levies force.")
    assert c.killed == exact(1)
    assert c.mentions[0].victims == "member of the Levies force"


def test_named_person_hit_by_bullets():
    assert injured("The firing lasted an hour and Sepoy Rahim was hit by bullets.") == exact(1)
    assert injured("A shopkeeper was hit by a stray bullet.") == exact(1)


def test_headline_with_a_bare_singular_victim():
    assert injured("FC soldier hurt in exchange of fire at Chaman") == exact(1)
    assert killed("Islamabad protests to Tehran over guard killed near the fence") == exact(1)


def test_headline_with_counts_and_no_verb_be():
    c = find_casualties("3 soldiers martyred, 5 injured in Kurram attack")
    assert (c.killed, c.injured) == (exact(3), exact(5))


def test_named_victims_count_one_each_and_ages_are_not_counts():
    c = find_casualties("The device went off during a patrol, killing Sepoy Anwar Ali, 24, and Naik Javed Iqbal, 31.")
    assert c.killed == exact(2)
    c = find_casualties("Sepoy Anwar Ali, 24, and Naik Javed, 31, were martyred in the blast.")
    assert c.killed == exact(2)


def test_verb_with_an_object_makes_the_subject_an_agent():
    c = find_casualties("Previously, a bomber had killed more than 60 worshippers at the shrine.")
    assert c.killed == Count(61, 61, None)
    assert len(c.mentions) == 1


def test_partitive_of_the_wounded_is_not_a_new_count():
    assert injured("Four of the wounded were in critical condition.") is None
    assert killed("Two of the injured later died in hospital.") == exact(2)


# ------------------------------------------------------------ killed and injured words

@pytest.mark.parametrize("text, expected", [
    ("Nine guards died when the post was overrun.", 9),
    ("Two soldiers were martyred on Tuesday, the military said.", 2),
    ("Iranian guards shot dead three fuel smugglers near the border.", 3),
    ("Eleven miners lost their lives in the attack on the camp.", 11),
    ("The death toll from the bombing rose to 23 on Sunday.", 23),
    ("Officials put the death toll at 14.", 14),
    ("The bodies of four soldiers were handed over at the crossing.", 4),
    ("The explosion left six dead near the market.", 6),
    ("The fighting claimed 40 lives over two days.", 40),
    ("The blast claimed the lives of 14 people.", 14),
    ("Five deaths were reported from the area.", 5),
    ("Six terrorists were neutralised in the operation.", 6),
    ("Two soldiers embraced martyrdom during the exchange.", 2),
])
def test_killed_words(text, expected):
    assert killed(text) == exact(expected)


@pytest.mark.parametrize("text, expected", [
    ("Seven people were hurt when the shell hit a house.", 7),
    ("The rocket hit the bazaar, injuring 12.", 12),
    ("Rockets landed in the village, wounding seven civilians, officials said.", 7),
    ("Three guards sustained injuries in the attack.", 3),
    ("The explosion left six dead and 15 injured.", 15),
])
def test_injured_words(text, expected):
    assert injured(text) == exact(expected)


def test_running_total_replaces_the_sum():
    assert killed("Five soldiers were martyred, bringing the death toll to 12.") == exact(12)


# ------------------------------------------------------------ claims

def test_group_claims_its_fighters_killed():
    c = find_casualties("The group claimed its fighters killed 58 soldiers in the raids.")
    m = c.mentions[0]
    assert c.killed == exact(58)
    assert (m.claimed, m.claimant, m.victims) == (True, "The group", "soldiers")


def test_claimed_to_have_killed():
    c = find_casualties('The BLA claimed to have killed "more than a dozen" personnel.')
    m = c.mentions[0]
    assert c.killed == Count(13, 13, None)
    assert (m.claimed, m.claimant) == (True, "The BLA")


def test_claimed_that_some_had_died():
    c = find_casualties("They claimed that 12 of the raiders had reportedly died in the return fire.")
    m = c.mentions[0]
    assert c.killed == exact(12)
    assert (m.claimed, m.claimant) == (True, "They")


def test_claimant_after_an_introductory_phrase():
    c = find_casualties("Meanwhile, the Taliban government claimed on Sunday that its forces killed 40 troops.")
    assert c.mentions[0].claimant == "the Taliban government"


def test_claim_stated_after_the_figure():
    m = find_casualties("Twenty soldiers were killed, the militant group claimed.").mentions[0]
    assert (m.claimed, m.claimant) == (True, "the militant group")


def test_speaker_reporting_its_own_kills_is_a_claim():
    m = find_casualties("The TTP said it had killed 30 soldiers.").mentions[0]
    assert (m.claimed, m.claimant) == (True, "The TTP")


def test_claimed_responsibility_is_not_a_figure_claim():
    m = find_casualties("The TTP claimed responsibility for the attack, which killed 12 soldiers.").mentions[0]
    assert (m.claimed, m.claimant) == (False, None)


def test_rejecting_a_claim_gives_a_reported_figure():
    m = find_casualties("Islamabad rejected the claims, saying only two soldiers were killed.").mentions[0]
    assert m.claimed is False


def test_reported_figure_counts_over_a_claim_in_the_same_sentence():
    c = find_casualties("At least 12 soldiers were killed, the army said, while the rebels claimed to have killed 40.")
    assert c.killed == Count(12, 12, None)
    assert [m.claimed for m in c.mentions] == [False, True]


# ------------------------------------------------------------ negations

@pytest.mark.parametrize("text", [
    "Nobody was hurt in the incident.",
    "No one was injured when the shell landed.",
    "None of the passengers were hurt.",
    "Both drivers escaped unhurt.",
])
def test_nobody_injured_is_zero(text):
    assert injured(text) == exact(0)


@pytest.mark.parametrize("text", [
    "No casualties were reported.",
    "There were no casualties, officials said.",
    "The attack did not result in any casualties.",
])
def test_no_casualties_is_zero_of_both(text):
    c = find_casualties(text)
    assert (c.killed, c.injured) == (exact(0), exact(0))


def test_no_one_killed_is_zero_killed():
    c = find_casualties("No one was killed in the attack.")
    assert (c.killed, c.injured) == (exact(0), None)


def test_no_one_killed_or_injured_is_zero_of_both():
    c = find_casualties("No one was killed or injured in the blast.")
    assert (c.killed, c.injured) == (exact(0), exact(0))


def test_no_reports_of_casualties_states_nothing():
    assert find_casualties("There were no immediate reports of casualties.") == Casualties(None, None, ())


def test_negated_verb_cancels_the_count():
    assert find_casualties("The two soldiers were not hurt.").injured is None


def test_zero_adds_to_other_figures():
    c = find_casualties("The firing went on for three hours but nobody was hurt, though two guards died.")
    assert (c.killed, c.injured) == (exact(2), exact(0))


# ------------------------------------------------------------ numbers that are not casualties

@pytest.mark.parametrize("text", [
    "Sepoy Ali Khan, 25, and Sepoy Zia, 20, guarded the post for three hours.",
    "42 rockets were fired into the district overnight.",
    "Troops fired 12 mortar rounds at the hideouts.",
    "Traders lost Rs 500 million while the crossing was shut.",
    "The post is 5 km from the border.",
    "The crossing has been closed since 2021.",
    "The firing continued for three hours.",
    "Hundreds of trucks were stranded at the crossing.",
    "Prices rose by 40 percent after the closure.",
    "A seven-member delegation visited Kabul.",
    "Clashes were reported in at least four districts.",
    "The crossing reopened on 12 March after talks.",
])
def test_numbers_without_a_casualty_word_are_not_casualties(text):
    assert find_casualties(text) == Casualties(None, None, ())


@pytest.mark.parametrize("text, expected_killed", [
    ("The post is 5 km from the border and two soldiers were killed there.", 2),
    ("Since 2021, militants have killed hundreds of soldiers.", 200),
    ("On March 20 two soldiers were killed near the gate.", 2),
    ("The militants fired 30 rockets, killing one child.", 1),
    ("The attack came at 11:30 pm, killing two guards.", 2),
    ("Clashes erupted in 3 districts and 4 people were killed.", 4),
    ("The 25-year-old soldier was killed near the fence.", 1),
])
def test_other_numbers_near_a_casualty_are_left_out(text, expected_killed):
    assert killed(text).value == expected_killed


def test_ages_next_to_the_victims_are_not_counts():
    c = find_casualties("Sepoy Imran, 22, was martyred in the attack.")
    assert c.killed == exact(1)
    assert c.mentions[0].victims == "Sepoy Imran"


def test_things_hit_by_bullets_are_not_injured():
    assert find_casualties("The 12 trucks were hit by bullets.").injured is None


def test_metaphorical_hurt_is_not_a_casualty():
    assert find_casualties("The closure has hurt both countries.") == Casualties(None, None, ())
    assert find_casualties("Trade was hurt by the closure.") == Casualties(None, None, ())


def test_threats_and_intentions_are_not_casualties():
    assert find_casualties("The militants threatened to kill 20 hostages.") == Casualties(None, None, ())


def test_killed_or_injured_with_a_figure_is_ambiguous():
    assert find_casualties("Twelve people were killed or injured in the blast.") == Casualties(None, None, ())


# ------------------------------------------------------------ interface

def test_offsets_cover_count_to_verb_and_stay_relative_to_the_text():
    text = "Border trade resumed. Two soldiers were martyred on Tuesday."
    start = text.index("Two")
    c = find_casualties(text, start)
    m = c.mentions[0]
    assert isinstance(m, CasualtyMention)
    assert text[m.start:m.end] == "Two soldiers were martyred"


def test_span_limits_what_is_read():
    text = "Three guards were killed. Nobody was hurt."
    cut = text.index("Nobody")
    assert find_casualties(text, 0, cut).injured is None
    assert find_casualties(text, cut).killed is None


def test_active_phrase_offsets_run_from_verb_to_victims():
    text = "The blast killed three guards near the gate."
    m = find_casualties(text).mentions[0]
    assert text[m.start:m.end] == "killed three guards"


def test_records_are_frozen():
    c = find_casualties("Two soldiers died.")
    with pytest.raises(AttributeError):
        c.killed = None
    with pytest.raises(AttributeError):
        c.mentions[0].kind = "injured"


def test_sentence_without_casualty_words_skips_number_parsing(monkeypatch):
    def refuse(text):
        raise AssertionError("numbers parsed for a sentence without casualty words")

    monkeypatch.setattr(casualties_module, "find_counts", refuse)
    text = "Trade across the crossing fell by 40 percent as 300 trucks waited for 12 days."
    assert find_casualties(text) == Casualties(None, None, ())


# ------------------------------------------------------------ lexicon file

@pytest.fixture
def fresh_lexicon():
    casualties_module._lexicon.cache_clear()
    yield
    casualties_module._lexicon.cache_clear()


def test_lexicon_has_an_about_key():
    path = casualties_module.LEXICON_DIR / "casualties.json"
    assert "_about" in json.loads(path.read_text(encoding="utf-8"))


def test_unreadable_lexicon_names_the_file(tmp_path, monkeypatch, fresh_lexicon):
    (tmp_path / "casualties.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(casualties_module, "LEXICON_DIR", tmp_path)
    with pytest.raises(InputError) as err:
        find_casualties("Two soldiers died.")
    assert "casualties.json" in str(err.value)


def test_lexicon_missing_keys_names_them(tmp_path, monkeypatch, fresh_lexicon):
    (tmp_path / "casualties.json").write_text('{"_about": "x", "killed": {}}', encoding="utf-8")
    monkeypatch.setattr(casualties_module, "LEXICON_DIR", tmp_path)
    with pytest.raises(InputError) as err:
        find_casualties("Two soldiers died.")
    assert "casualties.json" in str(err.value) and "injured" in str(err.value)


def test_letters_the_pattern_folds_give_a_count_not_a_crash():
    # a case-insensitive regex matches the long s as 's': the count's words are looked up case-folded
    from geoborder.events.numbers import find_counts

    [span] = find_counts("dozenſ of people were killed")
    assert (span.text, span.count.low) == ("dozenſ of", 24)
    assert find_casualties("Dozenſ of people were killed in the blast.").killed.low == 24
