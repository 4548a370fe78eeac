"""Finding and resolving places, on sentences written for these tests."""

from __future__ import annotations

import pytest

from geoborder.places.geonames import GeoName, GeoNamesIndex


def ids(found):
    return [pid for _, pid, _ in found]


def surfaces(found):
    return [text for text, _, _ in found]


# -- aliases, case, possessives, line breaks ---------------------------------------

def test_alias_spelling_variant_resolves_to_its_entry(places_in):
    found = places_in("Trucks queued at Torkhum for a third day.")
    assert found == [("Torkhum", "crossing/torkham", [])]


def test_upper_case_dateline_is_a_place(places_in):
    found = places_in("QUETTA: Officials met on Monday.")
    assert ids(found) == ["city/pak/quetta"]


def test_possessive_is_left_out_of_the_surface(places_in):
    found = places_in("Pakistan\u2019s army said the road was open.")
    assert found[0][:2] == ("Pakistan", "country/pak")


def test_name_broken_across_a_line_keeps_offsets_into_the_original(extractor):
    from geoborder.records import Article

    text = "Traders crossed into Spin\nBoldak before noon."
    [m] = [m for m in extractor.mentions(Article("t", text, "<t>")) if m.place_id]
    assert text[m.start:m.end] == "Spin\nBoldak" == m.text
    assert m.place_id == "town/afg/spin-boldak"


def test_non_breaking_space_inside_a_name(places_in):
    found = places_in("Guards at Spin\u00a0Boldak turned them back.")
    assert ids(found) == ["town/afg/spin-boldak"]


def test_spelling_of_a_province_variant(places_in):
    assert ids(places_in("Fighting spread across Baluchistan.")) == ["province/balochistan"]


# -- border compounds ----------------------------------------------------------------

@pytest.mark.parametrize("phrase,border", [
    ("the Pakistan-Iran border", "border/pak-irn"),
    ("the Afghan-Pakistan border", "border/pak-afg"),
    ("the Pak-Afghan border", "border/pak-afg"),
    ("the Pakistani\u2013Iranian border", "border/pak-irn"),
    ("the Iran-Pakistan frontier", "border/pak-irn"),
    ("the Durand Line", "border/pak-afg"),
])
def test_border_compounds_name_the_border_line(places_in, phrase, border):
    found = places_in(f"Patrols were stepped up along {phrase} overnight.")
    assert ids(found) == [border]
    assert found[0][0] == phrase.removeprefix("the ")


def test_event_name_compound_is_not_a_place(places_in):
    assert places_in("He fought in the Iran-Iraq war as a young man.") == []


# -- what is not a place ---------------------------------------------------------------

def test_demonyms_are_not_places(places_in):
    assert places_in("Afghan forces and Pakistani troops exchanged fire; Iranian guards watched.") == []


@pytest.mark.parametrize("sentence", [
    "The minister spoke at the Munich Security Conference on Saturday.",
    "The Balochistan Liberation Army said it carried out the raid.",
    "The wounded were taken to District Hospital Turbat for treatment.",
    "Leaders of Tehreek-e-Taliban Pakistan denied the report.",
    "According to Agence France-Presse, talks stalled.",
])
def test_places_inside_organisation_names_are_not_places(places_in, sentence):
    assert places_in(sentence) == []


def test_country_as_an_actor_prefix_is_not_a_place(places_in):
    assert places_in("US-led troops withdrew years ago.") == []


# -- choosing among places of one name --------------------------------------------------

def test_a_kind_word_picks_the_district(places_in):
    assert ids(places_in("Curfew was imposed across Kurram district.")) == ["district/pak/kurram"]


def test_crossing_cue_turns_a_town_into_its_crossing(places_in):
    assert ids(places_in("The crossing at Chaman was sealed.")) == ["crossing/chaman-spin-boldak"]
    assert ids(places_in("Shops in Chaman were shut.")) == ["city/pak/chaman"]


def test_ambiguous_gate_name_follows_the_article_geography(places_in):
    taftan = places_in("Pilgrims reached Taftan. The Friendship Gate stayed shut all week.")
    chaman = places_in("Traders waited in Chaman. The Friendship Gate stayed shut all week.")
    assert ids(taftan)[1] != ids(chaman)[1]
    assert "taftan" in ids(taftan)[1] and "chaman" in ids(chaman)[1]


def test_geonames_prefers_the_focus_region_over_a_homonym():
    kabul_af = GeoName(1138958, "Kabul", 69.17, 34.53, "AF", 4_434_550)
    kabul_il = GeoName(294098, "Kabul", 35.21, 32.87, "IL", 13_000)
    index = GeoNamesIndex({"kabul": [kabul_il, kabul_af]})
    assert index.best("Kabul") == kabul_af


def test_geonames_uses_the_article_anchor_among_focus_homonyms():
    kalat_pk = GeoName(1, "Kalat", 66.58, 29.02, "PK", 40_000)
    qalat_af = GeoName(2, "Kalat", 66.90, 32.10, "AF", 40_000)
    index = GeoNamesIndex({"kalat": [kalat_pk, qalat_af]})
    assert index.best("Kalat", anchor=(67.0, 30.2)) == kalat_pk   # article about Quetta
    assert index.best("Kalat", anchor=(65.7, 31.6)) == qalat_af   # article about Kandahar


def test_unknown_name_in_a_strong_context_is_kept_unresolved(extractor):
    from geoborder.records import Article

    ms = extractor.mentions(Article("t", "Shells landed in the Qaziqilla Zorbandi area at dawn.", "<t>"))
    assert [(m.text, m.resolution, m.geometry) for m in ms] == [("Qaziqilla Zorbandi", "unresolved", None)]


def test_unknown_name_after_a_bare_preposition_is_not_guessed(places_in):
    assert places_in("The delegation flew to Zorbandiqilla on Tuesday.") == []


# -- the article contradicting the gazetteer --------------------------------------------

def test_crossing_placed_on_the_wrong_border_is_flagged(places_in):
    found = places_in("Crowds gathered at the Torkham post on the Pakistan-Iran border.")
    assert found[0] == ("Torkham", "crossing/torkham", ["gazetteer_conflict"])
    assert found[1][1] == "border/pak-irn"


def test_crossing_on_its_own_border_is_not_flagged(places_in):
    found = places_in("Crowds gathered at Torkham on the Pak-Afghan border.")
    assert found[0] == ("Torkham", "crossing/torkham", [])


def test_places_in_related_article_lists_are_kept_but_flagged(places_in):
    text = ("Guards in Quetta were put on alert after the attack on Monday.\n\n" * 3
            + "Related Articles\n\nFloods hit Karachi\n")
    found = places_in(text)
    assert ("Karachi", "city/pak/karachi", ["outside_body"]) in found
    assert all(flags == [] for text_, _, flags in found if text_ == "Quetta")


def test_places_inside_urls_are_not_mentions(places_in):
    assert places_in("Read https://example.org/quetta-karachi-news for more.") == []


def test_a_place_name_as_a_family_name_is_not_a_place(places_in):
    found = places_in("Deputy Commissioner Noshki Habibullah Musakhel told reporters the road was shut.")
    assert ids(found) == ["town/pak/nushki"]


def test_a_kind_word_after_coordinated_names_applies_to_each(places_in):
    found = places_in("Heavy rain hit Kandahar and Helmand provinces overnight.")
    assert ids(found) == ["province/kandahar", "province/helmand"]


def test_a_common_word_name_coordinated_after_a_preposition_is_a_place(places_in):
    assert ids(places_in("Traders in Wana and Tank said trucks were stranded.")) == ["town/pak/wana", "town/pak/tank"]
    assert places_in("The tank was stranded.") == []


def test_a_local_kind_word_keeps_a_faraway_homonym_out(extractor):
    from geoborder.records import Article

    ms = extractor.mentions(Article("t", "A blast in the Safi tehsil of Mohmand district killed four.", "<t>"))
    assert [(m.text, m.resolution) for m in ms] == [("Safi", "unresolved"), ("Mohmand", "gazetteer")]


def test_coordinated_foreign_cities_resolve_through_geonames(extractor):
    from geoborder.records import Article

    ms = extractor.mentions(Article("t", "Officials in Washington and London urged restraint.", "<t>"))
    assert [(m.text, m.resolution, m.country) for m in ms] == [("Washington", "geonames", "US"),
                                                               ("London", "geonames", "GB")]
