"""geoborder.events.actors: who is named in a sentence, and whether it claims, denies or is accused."""

from __future__ import annotations

import json

import pytest

from geoborder.errors import InputError
from geoborder.events.actors import (
    LEXICON_PATH,
    ActorMention,
    actor_lexicon,
    check_actor_lexicon,
    find_actors,
    load_actor_lexicon,
)


def ids(text: str) -> list[str]:
    return [m.actor_id for m in find_actors(text)]


def spans(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.actor_id) for m in find_actors(text)]


def role_of(text: str, surface: str) -> str | None:
    for m in find_actors(text):
        if m.text == surface:
            return m.role
    raise AssertionError(f"{surface!r} not found in {spans(text)}")


# ---------------------------------------------------------------- the interface


def test_mention_carries_offsets_text_and_entry_fields():
    text = "On Tuesday the BLA attacked a convoy."
    [m] = find_actors(text)
    assert isinstance(m, ActorMention)
    assert (m.start, m.end, m.text) == (15, 18, "BLA")
    assert text[m.start:m.end] == m.text
    assert m.actor_id == "bla"
    assert m.name == "Balochistan Liberation Army (BLA)"
    assert (m.kind, m.country, m.role) == ("militant_group", None, None)


def test_state_actor_carries_its_country():
    [m] = find_actors("Frontier Corps personnel sealed the road.")
    assert (m.actor_id, m.kind, m.country) == ("frontier-corps", "state_force", "PAK")


def test_mentions_come_left_to_right_without_overlap():
    text = "Iranian border guards, the IRGC and Jaish al-Adl fighters exchanged fire near Saravan."
    found = find_actors(text)
    assert [m.actor_id for m in found] == ["iran-border-guards", "irgc", "jaish-al-adl"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_empty_and_actorless_text():
    assert find_actors("") == []
    assert find_actors("Trucks queued at the crossing for a third day.") == []


def test_offsets_survive_curly_quotes_dashes_and_non_breaking_spaces():
    text = "“We closed it,” said an official — the Afghan\u00a0Taliban’s spokesman then spoke."
    [m] = find_actors(text)
    assert m.actor_id == "afghan-taliban"
    assert text[m.start:m.end] == m.text == "Afghan\u00a0Taliban’s spokesman"


# ---------------------------------------------------------------- alias families


@pytest.mark.parametrize("phrase, actor_id", [
    # TTP and its spellings, its Pakistani official label and the loose 'Pakistani Taliban'
    ("Tehreek-e-Taliban Pakistan", "ttp"),
    ("Tehrik-i-Taliban Pakistan", "ttp"),
    ("Tehrik-e-Taliban", "ttp"),
    ("Pakistani Taliban", "ttp"),
    ("TTP", "ttp"),
    ("Fitna al-Khawarij", "ttp"),
    ("Fitna-ul-Khawarij", "ttp"),
    ("khawarij", "ttp"),
    # Pakistan-Afghanistan groups
    ("Jamaat-ul-Ahrar", "jamaat-ul-ahrar"),
    ("Jamaatul Ahrar", "jamaat-ul-ahrar"),
    ("Hafiz Gul Bahadur group", "hafiz-gul-bahadur-group"),
    ("Gul Bahadur faction", "hafiz-gul-bahadur-group"),
    ("Lashkar-e-Islam", "lashkar-e-islam"),
    ("Lashkar-i-Islam", "lashkar-e-islam"),
    ("Lashkar-e-Jhangvi", "lashkar-e-jhangvi"),
    ("LeJ", "lashkar-e-jhangvi"),
    ("Lashkar-e-Jhangvi al-Alami", "lashkar-e-jhangvi-al-alami"),
    ("Haqqani network", "haqqani-network"),
    ("Haqqanis", "haqqani-network"),
    ("al-Qaeda", "al-qaeda"),
    ("al Qaida", "al-qaeda"),
    ("al-Qaeda in the Indian Subcontinent", "aqis"),
    # Islamic State and its Khorasan province
    ("Islamic State Khorasan Province", "iskp"),
    ("Islamic State-Khorasan", "iskp"),
    ("ISKP", "iskp"),
    ("IS-K", "iskp"),
    ("ISIS-K", "iskp"),
    ("Daesh Khorasan", "iskp"),
    ("Islamic State", "islamic-state"),
    ("ISIS", "islamic-state"),
    ("Daesh", "islamic-state"),
    ("IS", "islamic-state"),
    # Baloch groups
    ("Balochistan Liberation Army", "bla"),
    ("Baluchistan Liberation Army", "bla"),
    ("Baloch Liberation Army", "bla"),
    ("BLA", "bla"),
    ("Majeed Brigade", "majeed-brigade"),
    ("Majid Brigade", "majeed-brigade"),
    ("Balochistan Liberation Front", "blf"),
    ("Baluchistan Liberation Front", "blf"),
    ("BLF", "blf"),
    ("Baloch Raji Aajoi Sangar", "bras"),
    ("BRAS", "bras"),
    ("Baloch Republican Army", "baloch-republican-army"),
    # Iran border groups
    ("Jaish al-Adl", "jaish-al-adl"),
    ("Jaish ul-Adl", "jaish-al-adl"),
    ("Jaish-ul-Adl", "jaish-al-adl"),
    ("Army of Justice", "jaish-al-adl"),
    ("Jundallah", "jundallah"),
    ("Jundullah", "jundallah"),
    ("Ansar al-Furqan", "ansar-al-furqan"),
    # Afghan Taliban
    ("Taliban", "afghan-taliban"),
    ("Afghan Taliban", "afghan-taliban"),
    ("Islamic Emirate of Afghanistan", "afghan-taliban"),
    ("Taliban government", "afghan-taliban"),
    ("Taliban authorities", "afghan-taliban"),
    ("Taliban forces", "afghan-taliban"),
    ("Afghan interim government", "afghan-taliban"),
    # Pakistani state forces
    ("Pakistan Army", "pakistan-army"),
    ("Pakistani military", "pakistan-army"),
    ("Frontier Corps", "frontier-corps"),
    ("FC", "frontier-corps"),
    ("FC Balochistan", "frontier-corps"),
    ("FC Khyber Pakhtunkhwa", "frontier-corps"),
    ("Balochistan Levies", "levies"),
    ("Levies", "levies"),
    ("Counter Terrorism Department", "ctd"),
    ("CTD", "ctd"),
    ("Balochistan Police", "pakistan-police"),
    ("Pakistan Air Force", "pakistan-air-force"),
    ("PAF", "pakistan-air-force"),
    ("Pakistani security forces", "pakistan-security-forces"),
    # Afghan and Iranian state forces
    ("Afghan forces", "afghan-forces"),
    ("Afghan border forces", "afghan-forces"),
    ("Afghan troops", "afghan-forces"),
    ("Iranian border guards", "iran-border-guards"),
    ("Iranian guards", "iran-border-guards"),
    ("Islamic Revolutionary Guard Corps", "irgc"),
    ("Revolutionary Guards", "irgc"),
    ("IRGC", "irgc"),
    ("Iranian forces", "iranian-forces"),
    # governments
    ("Government of Pakistan", "pakistan-government"),
    ("Pakistani authorities", "pakistan-government"),
    ("Pakistani officials", "pakistan-government"),
    ("Pakistan government", "pakistan-government"),
    ("Afghan government", "afghan-government"),
    ("Afghan authorities", "afghan-government"),
    ("Government of Iran", "iran-government"),
    ("Iranian authorities", "iran-government"),
    # generic perpetrators
    ("militants", "generic:militants"),
    ("terrorists", "generic:terrorists"),
    ("gunmen", "generic:gunmen"),
    ("armed men", "generic:armed-men"),
    ("attackers", "generic:attackers"),
    ("insurgents", "generic:insurgents"),
    ("suicide bomber", "generic:suicide-bomber"),
    ("unidentified assailants", "generic:unidentified-assailants"),
    ("unknown gunmen", "generic:unidentified-assailants"),
])
def test_alias_family_resolves_to_its_entry(phrase, actor_id):
    text = f"Reports on Sunday named {phrase} in connection with the raid."
    [m] = find_actors(text)
    assert (m.text, m.actor_id) == (phrase, actor_id)


def test_ispr_is_not_an_actor():
    assert find_actors("ISPR reported the clash.") == []
    assert find_actors("Inter-Services Public Relations issued a statement.") == []


def test_unit_has_its_parent_in_the_lexicon():
    lexicon = actor_lexicon()
    assert lexicon["majeed-brigade"].parent == "bla"
    assert lexicon["iskp"].parent == "islamic-state"
    assert lexicon["ctd"].parent == "pakistan-police"


def test_afghan_taliban_is_one_government_entry_with_a_note():
    taliban = actor_lexicon()["afghan-taliban"]
    assert (taliban.kind, taliban.country) == ("government", "AFG")
    assert "2021" in taliban.note


# ---------------------------------------------------------------- case rules for acronyms


def test_acronyms_match_only_in_upper_case():
    assert find_actors("the ttp, the bla and the irgc were mentioned in lower case") == []


def test_is_the_group_is_not_is_the_verb():
    assert ids("This is what IS wanted, and it is not over.") == ["islamic-state"]


def test_is_inside_an_all_capitals_headline_is_the_verb():
    assert ids("TALIBAN IS BACK AT THE GATE") == ["afghan-taliban"]


def test_is_next_to_other_acronyms_still_counts():
    assert ids("The TTP, IS and the BLA were all named.") == ["ttp", "islamic-state", "bla"]


def test_fc_does_not_match_inside_words():
    assert find_actors("The FCC and AFC rules, the FCs and KFC outlets.") == []


def test_names_match_in_any_case():
    assert ids("TEHREEK-E-TALIBAN PAKISTAN SAYS") == ["ttp"]
    assert ids("the frontier corps moved in") == ["frontier-corps"]


def test_the_verb_levies_is_not_the_levies_force():
    assert ids("The province levies a toll; Levies personnel guard it.") == ["levies"]


def test_mixed_case_acronym_keeps_its_case():
    assert ids("Claims by JuA were noted") == ["jamaat-ul-ahrar"]
    assert find_actors("a jua and a lej") == []


# ---------------------------------------------------------------- longest match


def test_taliban_inside_the_ttp_name_is_the_ttp():
    assert spans("Tehreek-e-Taliban Pakistan fighters crossed over.") == [
        ("Tehreek-e-Taliban Pakistan fighters", "ttp")]


def test_pakistani_taliban_is_the_ttp_and_afghan_taliban_is_not():
    assert ids("The Pakistani Taliban and the Afghan Taliban met.") == ["ttp", "afghan-taliban"]


def test_khorasan_name_beats_islamic_state():
    assert ids("The Islamic State Khorasan Province and IS-K are one group.") == ["iskp", "iskp"]


def test_member_noun_stays_inside_the_mention():
    assert spans("TTP militants and FC troops clashed; Taliban officials watched.") == [
        ("TTP militants", "ttp"), ("FC troops", "frontier-corps"), ("Taliban officials", "afghan-taliban")]


def test_name_with_its_acronym_in_brackets_is_one_mention():
    assert spans("The Balochistan Liberation Front (BLF) and the Frontier Corps (FC) clashed.") == [
        ("Balochistan Liberation Front (BLF)", "blf"), ("Frontier Corps (FC)", "frontier-corps")]


def test_bare_role_noun_defers_to_the_longer_named_force():
    assert ids("Pakistani soldiers and soldiers of the line") == ["pakistan-security-forces", "security-forces"]


# ---------------------------------------------------------------- spelling variation


def test_hyphens_and_spaces_are_the_same_in_names():
    assert ids("Tehreek e Taliban Pakistan") == ["ttp"]
    assert ids("Jaish al Adl") == ["jaish-al-adl"]
    assert ids("Lashkar e Jhangvi") == ["lashkar-e-jhangvi"]


def test_possessives_are_read_through_with_either_apostrophe():
    assert spans("The BLA's men and the TTP’s chief") == [("BLA's men", "bla"), ("TTP", "ttp")]
    assert ids("Iran’s border guards fired") == ["iran-border-guards"]


def test_names_do_not_run_across_a_paragraph_break():
    assert spans("Afghan forces\n\nMen waited at the gate.") == [("Afghan forces", "afghan-forces")]


# ---------------------------------------------------------------- demonym + role patterns


@pytest.mark.parametrize("phrase, actor_id", [
    ("Pakistani troops", "pakistan-security-forces"),
    ("Pakistan's security forces", "pakistan-security-forces"),
    ("Pakistani border guards", "pakistan-security-forces"),
    ("Pakistani jets", "pakistan-air-force"),
    ("Pakistan's army", "pakistan-army"),
    ("Pakistani government", "pakistan-government"),
    ("Afghan soldiers", "afghan-forces"),
    ("Afghanistan's border forces", "afghan-forces"),
    ("Afghan officials", "afghan-government"),
    ("Iranian troops", "iranian-forces"),
    ("Iran's border forces", "iran-border-guards"),
    ("Iranian officials", "iran-government"),
    ("Iranian government", "iran-government"),
])
def test_demonym_and_role_noun(phrase, actor_id):
    assert spans(f"Later {phrase} arrived at the post.") == [(phrase, actor_id)]


def test_second_half_of_a_country_pair_is_not_a_demonym():
    found = spans("Pak-Afghan border forces and Pakistan-Iran border guards met.")
    assert ("Afghan border forces", "afghan-forces") not in found
    assert all(actor != "iran-border-guards" for _, actor in found)


def test_hyphen_after_a_non_country_word_keeps_the_name():
    assert ids("An anti-Pakistan Army rally") == ["pakistan-army"]


def test_afghan_side_acting_is_the_government_but_a_location_is_not():
    assert spans("The Afghan side closed the gate.") == [("Afghan side", "afghan-government")]
    assert find_actors("Trucks waited on the Afghan side for hours.") == []
    assert find_actors("The Iranian side of the border was quiet.") == []


# ---------------------------------------------------------------- capitals


def test_capital_standing_for_its_government():
    found = find_actors("Islamabad protested and Tehran summoned the envoy.")
    assert [(m.text, m.actor_id, m.kind, m.country) for m in found] == [
        ("Islamabad", "pakistan-government", "capital", "PAK"),
        ("Tehran", "iran-government", "capital", "IRN")]


def test_capital_inside_another_name_is_not_an_actor():
    assert find_actors("The Kabul River rose; the Islamabad High Court sat; the Tehran Times reported.") == []


# ---------------------------------------------------------------- roles


@pytest.mark.parametrize("text, surface", [
    ("The TTP claimed responsibility for the ambush.", "TTP"),
    ("Jaish al-Adl has claimed the attack on the guards.", "Jaish al-Adl"),
    ("The raid was claimed by the outlawed BLF.", "BLF"),
    ("The BLA said it carried out the assault.", "BLA"),
    ("The BLA, in a message to reporters, said its fighters entered the camp.", "BLA"),
    ("ISKP took responsibility in a statement.", "ISKP"),
    ("The group Lashkar-e-Islam claimed to have killed four.", "Lashkar-e-Islam"),
])
def test_claimant(text, surface):
    assert role_of(text, surface) == "claimant"


@pytest.mark.parametrize("text, surface", [
    ("The Afghan Taliban denied any involvement.", "Afghan Taliban"),
    ("The TTP has not confirmed that it was behind the blast.", "TTP"),
    ("Tehran says the attackers came from Pakistan, a charge Pakistani officials deny.", "Pakistani officials"),
    ("Kabul blames Islamabad, which rejects the allegation.", "Islamabad"),
    ("The TTP has not claimed responsibility for the bombing.", "TTP"),
])
def test_denier(text, surface):
    assert role_of(text, surface) == "denier"


@pytest.mark.parametrize("text, surface", [
    ("Officials blamed the banned TTP for the attack.", "TTP"),
    ("Islamabad accused Kabul of doing nothing.", "Kabul"),
    ("The bombing was blamed on the Islamic State.", "Islamic State"),
    ("Police said the gunmen were linked to Lashkar-e-Jhangvi.", "Lashkar-e-Jhangvi"),
    ("Officials blamed the attack on the BLF.", "BLF"),
    ("Suspected BLA militants opened fire.", "BLA militants"),
])
def test_accused(text, surface):
    assert role_of(text, surface) == "accused"


def test_accuser_gets_no_role():
    assert role_of("Islamabad accused Kabul of doing nothing.", "Islamabad") is None


def test_no_role_without_a_cue():
    assert [m.role for m in find_actors("TTP militants attacked an FC post near Tank.")] == [None, None]


def test_negated_claim_does_not_make_a_claimant():
    assert role_of("No group, not even the TTP, has yet to claim responsibility.", "TTP") is None


def test_cue_in_the_next_sentence_does_not_count():
    assert role_of("The BLA was active in Kech. Officials said they claimed responsibility.", "BLA") is None


def test_cue_stops_at_the_next_actor():
    text = "Militants stormed the camp and the BLA later claimed responsibility."
    assert role_of(text, "Militants") is None
    assert role_of(text, "BLA") == "claimant"


def test_rejecting_a_proposal_is_not_a_denial():
    assert role_of("Afghan authorities rejected the trade proposal.", "Afghan authorities") is None


def test_denied_entry_is_not_a_denial():
    assert role_of("Iranian authorities denied entry to the trucks.", "Iranian authorities") is None


def test_role_is_shared_by_coordinated_actors():
    text = "The TTP and Jamaat-ul-Ahrar claimed the attack."
    assert [m.role for m in find_actors(text)] == ["claimant", "claimant"]
    text = "The Majeed Brigade of the banned BLA said it carried out the attack."
    assert [(m.actor_id, m.role) for m in find_actors(text)] == [("majeed-brigade", "claimant"), ("bla", "claimant")]


def test_claim_beats_an_accusation_on_the_same_actor():
    assert role_of("Officials blamed the TTP, which claimed responsibility.", "TTP") == "claimant"


# ---------------------------------------------------------------- no false hits


def test_ordinary_words_are_not_actors():
    text = ("This is a fine day. The army of ants marched on; guards of honour stood by. "
            "Kabuli pulao was served and the fc is tiny. Afghanistan and Iran are countries. "
            "Traders said the government levies are high. He is a Pakistani poet.")
    assert find_actors(text) == []


def test_adjective_uses_of_generic_nouns_are_dropped():
    text = "The terrorist attack hit militant hideouts; a terrorist fled and a militant was held."
    assert spans(text) == [("terrorist", "generic:terrorists"), ("militant", "generic:militants")]


def test_country_names_alone_are_not_actors():
    assert find_actors("Pakistan and Afghanistan reopened trade; Iran watched.") == []


# ---------------------------------------------------------------- the lexicon as data


def test_lexicon_documents_itself():
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    assert "_about" in data and "_about" in data["demonym_roles"] and "_about" in data["role_cues"]
    assert any(e["name"].startswith("Inter-Services Public Relations") for e in data["not_actors"]["entries"])


def test_every_entry_is_well_formed():
    lexicon = actor_lexicon()
    assert len(lexicon) >= 60
    for actor in lexicon.values():
        assert actor.kind in {"militant_group", "state_force", "government", "generic"}
        assert actor.country in {None, "PAK", "AFG", "IRN"}
        if actor.kind == "generic":
            assert actor.id.startswith("generic:")
        if actor.kind == "government":
            assert actor.country is not None


def test_lexicon_check_builds_the_whole_matcher():
    assert check_actor_lexicon() > 5000


def write_lexicon(tmp_path, mutate):
    data = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "actors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_unreadable_lexicon_names_the_file(tmp_path):
    path = tmp_path / "actors.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="actors.json"):
        load_actor_lexicon(path)


def test_duplicate_id_names_the_entry(tmp_path):
    path = write_lexicon(tmp_path, lambda d: d["actors"].append(dict(d["actors"][0])))
    with pytest.raises(InputError, match=r"\[ttp\]: duplicate id"):
        load_actor_lexicon(path)


def test_unknown_parent_names_the_entry(tmp_path):
    def mutate(d):
        next(e for e in d["actors"] if e["id"] == "majeed-brigade")["parent"] = "no-such-group"
    with pytest.raises(InputError, match=r"\[majeed-brigade\].*no-such-group"):
        load_actor_lexicon(write_lexicon(tmp_path, mutate))


def test_bad_kind_and_country_are_refused(tmp_path):
    with pytest.raises(InputError, match="unknown kind"):
        load_actor_lexicon(write_lexicon(tmp_path, lambda d: d["actors"][0].update(kind="gang")))
    with pytest.raises(InputError, match="unknown country"):
        load_actor_lexicon(write_lexicon(tmp_path, lambda d: d["actors"][-1].update(country="IND")))


def test_one_phrase_claimed_by_two_actors_is_refused(tmp_path):
    def mutate(d):
        next(e for e in d["actors"] if e["id"] == "blf")["aliases"].append("Baloch Liberation Army")
    with pytest.raises(InputError, match="baloch liberation army.*bla.*blf|baloch liberation army.*blf.*bla"):
        check_actor_lexicon(write_lexicon(tmp_path, mutate))


def test_demonym_target_must_exist(tmp_path):
    def mutate(d):
        d["demonym_roles"]["targets"]["IRN"]["army"] = "iran-army"
    with pytest.raises(InputError, match="iran-army"):
        check_actor_lexicon(write_lexicon(tmp_path, mutate))
