"""Event extraction on sentences written for these tests: types, non-events, places, merging.

Each test runs the real pipeline on a short article (places, then events), as
``geoborder run`` does.
"""

from __future__ import annotations

import pytest

from geoborder.records import Article


@pytest.fixture(scope="module")
def event_extractor(gazetteer):
    from geoborder.events.extract import EventExtractor

    return EventExtractor(gazetteer)


@pytest.fixture
def events_in(extractor, event_extractor):
    def run(text: str, published: str | None = "2024-06-12", article_id: str = "t"):  # a Wednesday
        art = Article(article_id=article_id, text=text, path="<test>", published=published)
        return event_extractor.events(art, extractor.mentions(art))

    return run


def kinds(events):
    return sorted((e.event_type, e.place_name) for e in events)


# -- closures and reopenings ----------------------------------------------------------------------

def test_named_crossing_closure_with_actor_and_date(events_in):
    [e] = events_in("Pakistani officials closed the Torkham crossing on Monday after a dispute over fencing.")
    assert (e.category, e.event_type, e.place_id) == ("closure", "closure", "crossing/torkham")
    assert (e.date_start, e.date_end, e.date_precision) == ("2024-06-10", "2024-06-10", "day")
    assert e.geo_precision == 1
    assert e.reason and e.reason.startswith("after a dispute")


def test_two_crossings_in_one_sentence_are_two_reopenings(events_in):
    evs = events_in("Islamabad reopened the Chaman and Torkham crossings on Tuesday for trade.")
    assert kinds(evs) == [("reopening", "Chaman–Spin Boldak"), ("reopening", "Torkham")]
    assert all(e.scope == "trade" for e in evs)


def test_all_crossings_is_the_border_itself(events_in):
    [e] = events_in("Authorities closed all border crossings with Afghanistan on Sunday.")
    assert e.place_id == "border/pak-afg" and e.all_crossings and e.geo_precision == 3


def test_announced_reopening_is_kept_as_announced(events_in):
    [e] = events_in("Officials said the Taftan crossing would reopen on Friday.")
    assert (e.event_type, e.status, e.date_start) == ("reopening", "announced", "2024-06-14")


@pytest.mark.parametrize("text", [
    "Traders called for reopening the Torkham crossing.",
    "Tribal elders urged the government to reopen the Chaman border.",
    "The minister threatened to close the Torkham crossing if the fencing went on.",
    "Officials denied that the Taftan crossing had been closed.",
    "Soldiers sealed off the area around the market in Quetta.",
    "Such punitive measures as closing the border hurt traders.",
])
def test_calls_threats_denials_and_non_crossings_are_not_closures(events_in, text):
    assert [e for e in events_in(text) if e.status == "reported"] == []


# -- attacks ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,etype", [
    ("A suicide bomber blew himself up near a police station in Bannu on Monday, killing four officers.",
     "suicide_bombing"),
    ("Two soldiers were killed on Monday when a roadside bomb hit their vehicle in Kech.", "ied"),
    ("Gunmen stormed a checkpost in Tank on Monday, killing three policemen.", "armed_assault"),
    ("Troops and militants exchanged fire in Bajaur on Monday; two militants died.", "armed_clash"),
    ("Air strikes hit hideouts in Paktika on Monday, the Taliban said.", "air_strike"),
    ("Afghan forces fired mortar shells into Chaman on Monday.", "shelling"),
])
def test_attack_types(events_in, text, etype):
    evs = [e for e in events_in(text) if e.category == "attack"]
    assert [e.event_type for e in evs] == [etype]
    assert evs[0].date_start == "2024-06-10"


def test_casualties_and_place_of_an_attack(events_in):
    [e] = events_in("A roadside bomb killed five soldiers and one officer in Balochistan's Kech district "
                    "on Sunday, the military said.")
    assert e.fatalities == 6 and e.place_name == "Kech" and e.geo_precision == 2


def test_more_than_gives_the_lower_bound(events_in):
    [e] = events_in("A suicide bomber killed more than 40 worshippers at a mosque in Peshawar on Friday.")
    assert (e.fatalities, e.fatalities_low, e.fatalities_high) == (41, 41, None)


def test_talk_context_is_not_the_place(events_in):
    evs = events_in("Militants ambushed a convoy in North Waziristan on Sunday, the army spokesman "
                    "told a news conference in Islamabad.")
    assert [e.place_name for e in evs] == ["North Waziristan"]


@pytest.mark.parametrize("text", [
    "More than 300 people have been killed in attacks since January, officials said.",
    "No further clashes were reported on Tuesday.",
    "The border was established in 1893 by a British civil servant.",
    "Attacks on security forces have risen in recent months.",
    "Analysts fear attacks could increase if the talks fail.",
    "More than 500 people, including 311 troops, have been killed in attacks between January and September.",
])
def test_aggregates_negations_background_and_fears_are_not_attacks(events_in, text):
    assert [e for e in events_in(text) if e.category == "attack"] == []


def test_claim_is_recorded_with_its_figure(events_in):
    [e] = events_in("The group claimed its fighters killed 20 soldiers in an attack on a post in Zhob on Monday.")
    assert e.fatalities == 20
    assert e.claims and "20" in e.claims[0]


# -- one event told in several sentences -------------------------------------------------------------

def test_follow_up_sentences_fold_into_one_event(events_in):
    text = ("Rockets were fired into Kech district on Sunday night by Iranian guards.\n\n"
            "The rockets hit a village in Zamuran, wounding four civilians.")
    [e] = [e for e in events_in(text) if e.category == "attack"]
    assert e.event_type == "shelling" and e.place_name == "Zamuran" and e.injured == 4
    assert e.date_start == "2024-06-09"


def test_separate_incidents_stay_separate(events_in):
    text = ("Two attacks took place on Monday: an IED blast near Quetta and an exchange of gunfire "
            "near the border with Iran.")
    evs = sorted((e.event_type, e.geo_precision) for e in events_in(text) if e.category == "attack")
    assert evs == [("armed_clash", 3), ("ied", 2)]


def test_casualty_sentence_after_an_attack_adds_to_it(events_in):
    text = ("Militants attacked a checkpost in Kurram on Tuesday.\n\n"
            "Three soldiers were killed and two were wounded.")
    [e] = events_in(text)
    assert (e.fatalities, e.injured) == (3, 2)


def test_no_publication_date_leaves_relative_dates_open(events_in):
    [e] = events_in("Militants attacked a checkpost in Kurram on Tuesday.", published=None)
    assert (e.date_start, e.date_end) == (None, None)
    [f] = events_in("Militants attacked a checkpost in Kurram on 4 March 2019.", published=None)
    assert (f.date_start, f.date_end) == ("2019-03-04", "2019-03-04")


def test_event_ids_are_stable_and_sources_carry_the_sentence(extractor, event_extractor):
    from geoborder.events.merge import EventStore

    def run():
        store = EventStore()
        for i, day in enumerate(("2024-06-12", "2024-06-13")):
            art = Article(f"a{i}", "Afghan authorities closed the Torkham crossing on Tuesday.", "<t>",
                          published=day, title=f"T{i}", url=f"https://example.org/{i}")
            for ev in event_extractor.events(art, extractor.mentions(art)):
                store.add(ev)
        return store.events()

    first, second = run(), run()
    assert [e.event_id for e in first] == [e.event_id for e in second]
    [e] = first
    assert e.n_sources == 2
    assert e.sources[0].sentence == "Afghan authorities closed the Torkham crossing on Tuesday."
    assert (e.sources[0].start, e.sources[0].end) == (0, len(e.sources[0].sentence))


@pytest.mark.parametrize("text, expected", [
    ("The Torkham border was closed on Monday due to protests by traders.", ("closure", "2024-06-10")),
    ("Militants attacked a checkpost in Kurram on Monday, which was found to be poorly guarded.",
     ("armed_assault", "2024-06-10")),
    ("Pakistan closed the Torkham crossing on Monday and said it will stay shut until the talks end.",
     ("closure", "2024-06-10")),
])
def test_what_happened_is_never_dated_after_the_report(events_in, text, expected):
    [e] = events_in(text)
    assert (e.event_type, e.date_start) == expected and e.status == "reported"


def test_unconfirmed_responsibility_is_not_an_actor(events_in):
    evs = events_in("Islamabad has not confirmed that it was behind Thursday's air strikes in Paktika.")
    assert [(e.event_type, e.date_start) for e in evs] == [("air_strike", "2024-06-06")]
    assert "Government of Pakistan" not in evs[0].actors


def test_text_outside_the_article_body_gives_no_events(events_in):
    text = ("Traders in Landi Kotal said business was slow this summer.\n\n"
            "Related articles:\n"
            "Torkham border closed after clashes\n"
            "Suicide bomber kills 12 in Bannu\n")
    assert events_in(text) == []


def test_a_cross_reference_line_mid_article_leaves_the_sentences_after_it_dated(events_in):
    # the 'Read more' line is left out of the body; the sentences after it keep their own tense and dates
    evs = events_in("Pakistan will close the Torkham crossing on Friday, officials said.\n\n"
                    "Read more: Earlier coverage of the border\n\n"
                    "Afghan authorities closed the Chaman crossing on Sunday.")
    got = sorted((e.place_id, e.status, e.date_start) for e in evs)
    assert got == [("crossing/chaman-spin-boldak", "reported", "2024-06-09"), ("crossing/torkham", "announced", "2024-06-14")]


@pytest.mark.parametrize("text", [
    "Pakistan and Afghanistan have closed the Torkham crossing several times in recent years.",
    "The crossing has been closed 12 times since 2016.",
    "Iranian guards have repeatedly fired rockets into Panjgur.",
])
def test_a_habit_is_not_one_event(events_in, text):
    assert events_in(text) == []


def test_an_undated_event_in_a_sentence_set_years_back_takes_that_time(events_in):
    evs = events_in("In 2016, Pakistan closed the Torkham border for weeks after a gunfight between border forces.")
    assert sorted((e.event_type, e.date_start, e.date_end) for e in evs) == [
        ("armed_clash", "2016-01-01", "2016-12-31"), ("closure", "2016-01-01", "2016-12-31")]


@pytest.mark.parametrize("text, expected", [
    ("Torkham was closed on Monday while Chaman remained open.", [("closure", "Torkham")]),
    ("Pakistan closed Torkham on Monday but kept Chaman open for trade.", [("closure", "Torkham")]),
    ("Taftan reopened on Monday, a day after Torkham was closed.",
     [("closure", "Torkham"), ("reopening", "Taftan–Mirjaveh")]),
])
def test_a_closure_is_only_of_the_crossings_its_own_clause_names(events_in, text, expected):
    assert kinds(events_in(text)) == expected


def test_scope_is_read_from_the_closures_own_clause(events_in):
    [e] = events_in("Pakistan closed Torkham on Monday but kept Chaman open for trade.")
    assert e.scope is None


@pytest.mark.parametrize("text, etype", [
    ("A suicide car bomber rammed a military convoy in North Waziristan on Monday.", "suicide_bombing"),
    ("Militants ambushed a Frontier Corps convoy in Zhob on Monday, killing four soldiers.", "armed_assault"),
    ("Two Levies men were killed in a landmine blast in Kohlu on Monday.", "ied"),
    ("Cross-border firing from Afghanistan killed a child in Kurram on Monday.", "armed_clash"),
    ("A drone strike hit a compound in Khost on Monday, the Taliban said.", "air_strike"),
])
def test_more_ways_the_press_names_an_attack(events_in, text, etype):
    [e] = events_in(text)
    assert (e.event_type, e.date_start) == (etype, "2024-06-10")
