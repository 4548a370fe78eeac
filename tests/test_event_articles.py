"""Whole articles written for these tests in the styles of the wires and the Pakistani press
(datelines, "(Reuters) -", "martyred", "the Friendship Gate"), run through places and events
as ``geoborder run`` does: what an analyst should read off each one.
"""

from __future__ import annotations

import pytest

from geoborder.records import Article

TORKHAM_REOPENS = (
    "Torkham border reopens after nine-day closure\n\n"
    "LANDI KOTAL: The Torkham border crossing between Pakistan and Afghanistan was reopened for all kinds "
    "of traffic on Friday, nine days after it was shut following an exchange of fire between the border "
    "forces of the two countries.\n\n"
    "Officials said hundreds of trucks loaded with goods crossed into Afghanistan within hours. The crossing "
    "had been closed on September 6 after Afghan forces tried to build a check post on the Pakistani side, "
    "according to Pakistani officials.\n\n"
    "Traders said they had suffered losses worth millions of rupees during the closure.\n")

WAZIRISTAN_ATTACK = (
    "Militants kill 4 soldiers in North Waziristan attack\n\n"
    "MIRANSHAH: Four soldiers were martyred and two others injured when terrorists opened fire on a security "
    "forces' checkpost in the Spinwam area of North Waziristan on Tuesday night, the ISPR said on Wednesday.\n\n"
    "Troops responded effectively and killed three terrorists, the military's media wing said.\n\n"
    "No group claimed responsibility for the attack, but the banned Tehreek-i-Taliban Pakistan has carried "
    "out similar attacks in the region.\n")

SARAVAN_CLASH = (
    "Iran border guards killed near Saravan\n\n"
    "TEHRAN: Five Iranian border guards were killed in clashes with militants near the town of Saravan in "
    "Sistan-Baluchestan province close to the Pakistani border, the state news agency IRNA reported on "
    "Sunday.\n\n"
    "The Sunni militant group Jaish al-Adl claimed responsibility for the attack, which took place late on "
    "Saturday.\n\n"
    "Iran has repeatedly asked Islamabad to act against militants it says operate from Pakistani soil.\n")

CHAMAN_SIT_IN = (
    "Chaman border stays closed for third day as protest sit-in continues\n\n"
    "CHAMAN: The Pak-Afghan border at Chaman remained closed for the third consecutive day on Monday as "
    "traders and labourers continued their sit-in against the new visa requirement.\n\n"
    "The Friendship Gate has been closed since Saturday, leaving thousands of people stranded on both sides. "
    "Officials said talks with the protesters would resume on Tuesday.\n\n"
    "Meanwhile, Pakistani authorities said the border would be reopened for trade once the protest ended.\n")

STRIKES_ON_IRAN = (
    "ISLAMABAD, Jan 18 (Reuters) - Pakistan carried out military strikes against militant hideouts inside "
    "Iran early on Thursday, killing at least nine people, two days after Tehran launched an air strike on "
    "Pakistani territory.\n\n"
    "The Iranian strike on Tuesday hit the town of Panjgur in Balochistan, killing two children, Pakistan's "
    "foreign ministry said.\n")

CHAMAN_BLAST = (
    "Blast near Chaman market kills three\n\n"
    "QUETTA: At least three people were killed and 15 injured when a bomb planted on a motorcycle exploded "
    "near a busy market in Chaman on Monday evening, police said.\n\n"
    "Officials said trade through the nearby Friendship Gate was suspended for several hours after the "
    "explosion.\n")

TORKHAM_PASSPORTS = (
    "Pakistan to close Torkham to travellers without passports from November 1\n\n"
    "PESHAWAR: The federal government has decided to close the Torkham border to people travelling without "
    "valid passports and visas from November 1, officials said on Wednesday.\n\n"
    "The Chaman crossing will remain open for trade.\n")


@pytest.fixture(scope="module")
def events_of(extractor, gazetteer):
    from geoborder.events.extract import EventExtractor

    events = EventExtractor(gazetteer)

    def run(text: str, published: str):
        art = Article(article_id="a", text=text, path="<test>", published=published)
        return sorted(events.events(art, extractor.mentions(art)),
                      key=lambda e: (e.category, e.date_start or "", e.event_type))

    return run


def facts(e):
    return (e.event_type, e.status, e.place_name, e.date_start, e.date_end)


def test_a_reopening_and_the_closure_it_ends(events_of):
    evs = events_of(TORKHAM_REOPENS, "2023-09-16")
    closures = [facts(e) for e in evs if e.category == "closure"]
    assert closures == [("closure", "reported", "Torkham", "2023-09-06", "2023-09-06"),
                        ("reopening", "reported", "Torkham", "2023-09-15", "2023-09-15")]


def test_a_checkpost_attack_with_its_toll_and_no_one_blamed(events_of):
    [e] = events_of(WAZIRISTAN_ATTACK, "2024-03-20")
    assert (e.event_type, e.place_name, e.date_start) == ("armed_assault", "Spinwam", "2024-03-19")
    assert (e.fatalities, e.injured) == (4, 2)
    assert not any("Taliban" in a for a in e.actors) and e.claimed_by == []


def test_a_clash_dated_by_the_event_not_by_the_report(events_of):
    [e] = events_of(SARAVAN_CLASH, "2023-05-21")
    assert facts(e) == ("armed_clash", "reported", "Saravan", "2023-05-20", "2023-05-20")
    assert e.fatalities == 5
    assert any("Jaish al-Adl" in a for a in e.claimed_by)


def test_a_closure_that_goes_on_is_one_closure_and_a_promise_is_announced(events_of):
    evs = events_of(CHAMAN_SIT_IN, "2024-01-29")
    assert [facts(e) for e in evs] == [
        ("closure", "reported", "Chaman–Spin Boldak", "2024-01-27", "2024-01-27"),
        ("reopening", "announced", "Chaman–Spin Boldak", "2024-01-29", "2024-01-29")]


def test_two_strikes_in_one_sentence_are_two_events_each_with_its_toll_and_actor(events_of):
    evs = events_of(STRIKES_ON_IRAN, "2024-01-18")
    by_place = {e.place_name: e for e in evs}
    assert set(by_place) == {"Iran", "Panjgur"}
    assert (by_place["Iran"].date_start, by_place["Iran"].fatalities) == ("2024-01-18", 9)
    assert by_place["Iran"].actors == ["Government of Pakistan"]
    assert (by_place["Panjgur"].date_start, by_place["Panjgur"].fatalities) == ("2024-01-16", 2)
    assert by_place["Panjgur"].actors == ["Government of Iran"]


def test_a_bombing_is_where_it_happened_not_where_it_was_filed(events_of):
    evs = events_of(CHAMAN_BLAST, "2024-02-13")
    [blast] = [e for e in evs if e.category == "attack"]
    assert (blast.event_type, blast.place_name, blast.fatalities, blast.injured) == ("ied", "Chaman", 3, 15)
    [halt] = [e for e in evs if e.category == "closure"]
    assert (halt.place_name, halt.scope, halt.reason) == ("Chaman–Spin Boldak", "trade", "after the explosion")


def test_a_decision_to_close_from_a_later_date_is_announced(events_of):
    evs = events_of(TORKHAM_PASSPORTS, "2023-10-04")
    assert [facts(e) for e in evs] == [("closure", "announced", "Torkham", "2023-11-01", "2023-11-01")]
    assert evs[0].scope == "people"


GHULAM_KHAN_TRADE = (
    "Trade resumes through Ghulam Khan after three weeks\n\n"
    "MIRAMSHAH: Trade resumed through the Ghulam Khan border crossing in North Waziristan on Sunday after a "
    "suspension of three weeks, customs officials said. Hundreds of trucks carrying fruit and vegetables "
    "crossed into Pakistan on the first day.\n")

BAJAUR_SHELLING = (
    "Two soldiers injured as Afghan forces shell Bajaur posts\n\n"
    "KHAR: Two soldiers were injured on Thursday when Afghan forces fired mortar shells at Pakistani border "
    "posts in the Nawa Pass area of Bajaur district, officials said. Pakistani troops responded and the "
    "exchange continued for about two hours.\n")

LABOURERS_KILLED = (
    "Nine Pakistani labourers shot dead in Iran\n\n"
    "Gunmen killed nine Pakistani labourers near Saravan in Iran's Sistan-Baluchestan province on Saturday, "
    "Pakistan's embassy in Tehran said on Sunday. The men were working at a car repair workshop. No group "
    "has claimed the killings.\n")

EID_CLOSURE = (
    "Torkham to stay closed for Eid holidays\n\n"
    "The Torkham border will remain closed for four days from Monday for the Eid holidays, officials said on "
    "Saturday. Pedestrian movement and trade will resume on Friday.\n")


def test_trade_resuming_is_a_reopening_for_trade(events_of):
    [e] = events_of(GHULAM_KHAN_TRADE, "2023-03-13")
    assert facts(e) == ("reopening", "reported", "Ghulam Khan", "2023-03-12", "2023-03-12")
    assert e.scope == "trade"


def test_mortar_fire_is_shelling_with_its_injured(events_of):
    [e] = events_of(BAJAUR_SHELLING, "2023-06-30")
    assert facts(e) == ("shelling", "reported", "Nawa Pass", "2023-06-29", "2023-06-29")
    assert (e.fatalities, e.injured) == (None, 2) and "Afghan forces" in e.actors


def test_a_killing_by_gunmen_is_an_armed_assault_at_the_place_not_the_embassy(events_of):
    [e] = events_of(LABOURERS_KILLED, "2024-01-28")
    assert facts(e) == ("armed_assault", "reported", "Saravan", "2024-01-27", "2024-01-27")
    assert e.fatalities == 9 and "Government of Pakistan" not in e.actors


def test_a_holiday_closure_and_its_end_are_announced_for_their_days(events_of):
    evs = events_of(EID_CLOSURE, "2024-06-15")
    assert [facts(e) for e in evs] == [("closure", "announced", "Torkham", "2024-06-17", "2024-06-17"),
                                       ("reopening", "announced", "Torkham", "2024-06-21", "2024-06-21")]
