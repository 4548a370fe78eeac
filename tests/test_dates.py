"""geoborder.events.dates: date expressions resolved against the publication date.

Every sentence here is written for these tests.  Weekdays of the publication dates
used: 2024-05-16 Thursday, 2023-02-21 Tuesday, 2023-02-24 Friday, 2024-05-13 Monday.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from geoborder.errors import InputError
from geoborder.events import dates as dates_module
from geoborder.events.dates import DateMention, DateWindow, date_words, find_dates

THU = date(2024, 5, 16)
TUE = date(2023, 2, 21)
FRI = date(2023, 2, 24)
MON = date(2024, 5, 13)


def spans(text: str, published: date | None, **kw) -> list[tuple[str, str | None, str | None, str | None]]:
    """(surface, start, end, precision) of every mention, dates as ISO strings."""
    out = []
    for m in find_dates(text, published, **kw):
        w = m.window
        out.append((m.text, w.start and w.start.isoformat(), w.end and w.end.isoformat(), w.precision))
    return out


def one(text: str, published: date | None, **kw) -> DateMention:
    found = find_dates(text, published, **kw)
    assert len(found) == 1, found
    return found[0]


def day(iso: str) -> DateWindow:
    d = date.fromisoformat(iso)
    return DateWindow(d, d, "day")


# -- the records ---------------------------------------------------------------------

def test_mention_offsets_point_at_the_text():
    text = "Guards fired mortars late on Sunday and again on Monday morning, officials said."
    found = find_dates(text, THU)
    assert [m.text for m in found] == ["late on Sunday", "Monday morning"]
    for m in found:
        assert text[m.start:m.end] == m.text


def test_range_days_counts_the_window_and_is_none_when_open():
    assert one("The market shut on Wednesday.", THU).range_days == 1
    assert one("Trade stopped last week.", THU).range_days == 7
    assert one("Trade stopped on Wednesday.", None).range_days is None


def test_text_without_date_words_is_not_parsed(monkeypatch):
    def boom(*args):
        raise AssertionError("the quick pre-check should have stopped here")

    monkeypatch.setattr(dates_module, "_select", boom)
    assert find_dates("Officials said the crossing would stay shut until talks ended.", THU) == []
    assert find_dates("", THU) == []


def test_publication_datetime_is_taken_as_its_day():
    assert one("Mortars hit the post yesterday.", datetime(2024, 5, 16, 23, 30)).window == day("2024-05-15")


def test_results_are_deterministic_and_left_to_right():
    text = "In 2014 the route closed; on March 18 it reopened; on Sunday it closed again."
    first = find_dates(text, THU)
    assert [m.start for m in first] == sorted(m.start for m in first)
    assert first == find_dates(text, THU)


# -- weekdays ------------------------------------------------------------------------

def test_weekday_in_past_narration_is_latest_on_or_before_publication():
    assert one("Three guards were killed on Tuesday.", TUE).window == day("2023-02-21")
    assert one("Three guards were killed on Wednesday.", TUE).window == day("2023-02-15")
    assert one("Three guards were killed on Monday.", TUE).window == day("2023-02-20")


def test_weekday_with_times_of_day_and_edges_keeps_the_day():
    text = ("Firing began late Sunday, resumed late on Sunday, paused on Sunday evening, "
            "flared Saturday night and ended Monday morning.")
    assert spans(text, THU) == [
        ("late Sunday", "2024-05-12", "2024-05-12", "day"),
        ("late on Sunday", "2024-05-12", "2024-05-12", "day"),
        ("Sunday evening", "2024-05-12", "2024-05-12", "day"),
        ("Saturday night", "2024-05-11", "2024-05-11", "day"),
        ("Monday morning", "2024-05-13", "2024-05-13", "day"),
    ]


def test_possessive_weekdays():
    assert spans("Saturday night's assault followed Thursday's strikes.", THU) == [
        ("Saturday night", "2024-05-11", "2024-05-11", "day"),
        ("Thursday", "2024-05-16", "2024-05-16", "day"),
    ]


def test_last_weekday_is_strictly_before_publication():
    assert one("The gate was closed last Friday.", FRI).window == day("2023-02-17")
    assert one("The gate was closed last Thursday.", FRI).window == day("2023-02-23")


def test_weekday_last_in_south_asian_usage_and_weekday_of_a_named_week():
    assert one("The gate was closed on Friday last.", FRI).window == day("2023-02-17")
    assert one("Talks were held on Tuesday last week.", THU).window == day("2024-05-07")
    assert one("Talks will be held on Tuesday next week.", THU, future=True).window == day("2024-05-21")


def test_weekday_in_future_narration_is_next_on_or_after_publication():
    assert one("The crossing would reopen from Thursday.", THU, future=True).window == day("2024-05-16")
    assert one("The crossing would reopen from Friday.", THU, future=True).window == day("2024-05-17")
    assert one("The crossing would reopen from Wednesday.", THU, future=True).window == day("2024-05-22")


def test_overnight_around_a_weekday():
    assert spans("Shells fell overnight into Sunday.", THU) == [("overnight into Sunday", "2024-05-11", "2024-05-12", "day")]
    assert spans("Shells fell overnight Saturday.", THU) == [("overnight Saturday", "2024-05-11", "2024-05-12", "day")]


def test_intervening_night_spans_both_days():
    assert spans("Militants attacked the post during the intervening night of Saturday and Sunday.", THU) == [
        ("the intervening night of Saturday and Sunday", "2024-05-11", "2024-05-12", "day")]


def test_weekday_without_publication_date_is_open():
    m = one("Guards were attacked on Sunday.", None)
    assert m.window == DateWindow(None, None, "day")
    assert m.relative and not m.chained


# -- today, yesterday, overnight ----------------------------------------------------------

@pytest.mark.parametrize("phrase, start, end", [
    ("overnight", "2024-05-15", "2024-05-16"),
    ("last night", "2024-05-15", "2024-05-16"),
    ("yesterday", "2024-05-15", "2024-05-15"),
    ("late yesterday", "2024-05-15", "2024-05-15"),
    ("yesterday morning", "2024-05-15", "2024-05-15"),
    ("today", "2024-05-16", "2024-05-16"),
    ("tonight", "2024-05-16", "2024-05-16"),
    ("this morning", "2024-05-16", "2024-05-16"),
    ("the day before yesterday", "2024-05-14", "2024-05-14"),
])
def test_days_relative_to_publication(phrase, start, end):
    assert spans(f"Mortars hit the post {phrase}, police said.", THU) == [(phrase, start, end, "day")]


def test_overnight_as_adjective():
    assert spans("Pakistan carried out overnight strikes on hideouts.", THU) == [
        ("overnight", "2024-05-15", "2024-05-16", "day")]


def test_tomorrow_looks_ahead():
    assert one("The gate reopens tomorrow.", THU, future=True).window == day("2024-05-17")


# -- chains --------------------------------------------------------------------------

def test_chain_onto_an_earlier_expression_in_the_same_text():
    found = find_dates("The post was attacked on Sunday and the next morning the border was sealed.", THU)
    assert [(m.text, m.window, m.chained) for m in found] == [
        ("Sunday", day("2024-05-12"), False),
        ("the next morning", day("2024-05-13"), True),
    ]


def test_chain_onto_the_anchor_from_the_previous_sentence():
    m = one("The following day traders were turned back.", THU, anchor=day("2024-05-12"))
    assert m.window == day("2024-05-13") and m.chained and m.relative


def test_closest_preceding_expression_wins_over_the_anchor():
    found = find_dates("On Tuesday the gate closed; a day later it reopened.", THU, anchor=day("2024-01-01"))
    assert found[1].window == day("2024-05-15")


@pytest.mark.parametrize("phrase, iso", [
    ("the next day", "2024-05-13"),
    ("the following day", "2024-05-13"),
    ("the next morning", "2024-05-13"),
    ("a day later", "2024-05-13"),
    ("two days later", "2024-05-14"),
    ("the day before", "2024-05-11"),
    ("two days prior", "2024-05-10"),
    ("three days earlier", "2024-05-09"),
    ("later that day", "2024-05-12"),
    ("that night", "2024-05-12"),
    ("the same day", "2024-05-12"),
    ("late at night", "2024-05-12"),
    ("the previous night", "2024-05-11"),
])
def test_chained_expressions(phrase, iso):
    m = one(f"Gunmen struck the checkpoint {phrase}.", THU, anchor=day("2024-05-12"))
    assert (m.text, m.window, m.chained) == (phrase, day(iso), True)


def test_chain_counts_use_number_words():
    assert one("Eleven days later the route reopened.", THU, anchor=day("2024-04-01")).window == day("2024-04-12")
    assert one("Twenty-one days earlier the route closed.", THU, anchor=day("2024-04-22")).window == day("2024-04-01")


def test_earlier_that_week_stays_inside_a_month_anchor():
    found = find_dates("In August a van hit a mine. Earlier that same week a patrol was ambushed.", date(2021, 9, 7))
    assert [(m.text, m.window) for m in found] == [
        ("August", DateWindow(date(2021, 8, 1), date(2021, 8, 31), "month")),
        ("Earlier that same week", DateWindow(date(2021, 8, 1), date(2021, 8, 31), "month")),
    ]


def test_that_week_of_a_day_anchor_is_its_iso_week():
    anchor = day("2024-04-11")  # a Thursday
    assert one("That week the market stayed shut.", THU, anchor=anchor).window == \
        DateWindow(date(2024, 4, 8), date(2024, 4, 14), "week")
    assert one("Earlier that week the market stayed shut.", THU, anchor=anchor).window == \
        DateWindow(date(2024, 4, 8), date(2024, 4, 10), "week")


def test_following_week_and_month_are_calendar_periods():
    anchor = day("2024-02-08")
    assert one("The following week talks resumed.", THU, anchor=anchor).window == \
        DateWindow(date(2024, 2, 12), date(2024, 2, 18), "week")
    assert one("The following month talks resumed.", THU, anchor=anchor).window == \
        DateWindow(date(2024, 3, 1), date(2024, 3, 31), "month")


def test_past_narration_ends_a_window_at_publication():
    assert one("The following month talks resumed.", THU, anchor=day("2024-04-11")).window == \
        DateWindow(date(2024, 5, 1), THU, "month")


def test_next_day_after_a_run_of_days_counts_from_its_end():
    assert spans("The gate was shut from March 1 to March 5 and reopened the next day.", date(2023, 10, 1)) == [
        ("March 1 to March 5", "2023-03-01", "2023-03-05", "day"),
        ("the next day", "2023-03-06", "2023-03-06", "day"),
    ]


def test_next_day_after_a_month_stays_in_the_month():
    found = find_dates("In August the route closed and the next day traders protested.", date(2021, 9, 7))
    assert found[1].window == DateWindow(date(2021, 8, 1), date(2021, 8, 31), "month")


def test_a_date_related_to_another_event_is_no_date_of_its_own():
    text = "Officials spoke on Wednesday, two days after the minister visited Kabul."
    assert [m.text for m in find_dates(text, THU)] == ["Wednesday"]
    m = one("Two days after the attack the gate reopened.", THU, anchor=day("2024-05-12"))
    assert m.window == day("2024-05-14")


def test_vague_durations_before_a_clause_are_not_dates():
    assert find_dates("It may be months before trade resumes.", THU) == []
    assert [m.text for m in find_dates("The blast came hours after talks failed on Monday.", THU)] == ["Monday"]


def test_day_of_month_alone_follows_the_date_told_before():
    found = find_dates("On June 1, 2023 the route opened; on the 3rd it closed.", THU)
    assert found[1].text == "the 3rd" and found[1].window == day("2023-06-03") and found[1].chained
    assert one("The meeting was held on the 14th.", THU).window == day("2024-05-14")
    assert find_dates("They met on the 3rd floor to discuss the 18th amendment.", THU) == []


def test_chain_without_anything_to_chain_onto_is_open():
    m = one("The next day the gate reopened.", THU)
    assert m.window == DateWindow(None, None, "day") and m.chained


def test_chain_resolves_from_its_anchor_without_a_publication_date():
    found = find_dates("The gate closed on March 7, 2017 and reopened two days later.", None)
    assert found[1].window == day("2017-03-09")


# -- weeks ---------------------------------------------------------------------------

def test_this_week_runs_from_monday_to_publication():
    assert one("Trucks queued this week.", THU).window == DateWindow(date(2024, 5, 13), THU, "week")


@pytest.mark.parametrize("phrase", ["earlier this week", "earlier in the week"])
def test_earlier_this_week_ends_the_day_before_publication(phrase):
    assert one(f"Trucks queued {phrase}.", THU).window == DateWindow(date(2024, 5, 13), date(2024, 5, 15), "week")


def test_earlier_this_week_on_a_monday_is_the_previous_week():
    assert one("Trucks queued earlier this week.", MON).window == \
        DateWindow(date(2024, 5, 6), date(2024, 5, 12), "week")


def test_last_and_next_week():
    assert one("Trucks queued last week.", THU).window == DateWindow(date(2024, 5, 6), date(2024, 5, 12), "week")
    assert one("Talks resume next week.", THU, future=True).window == \
        DateWindow(date(2024, 5, 20), date(2024, 5, 26), "week")


def test_this_week_in_future_narration_runs_from_publication_to_sunday():
    assert one("Talks will be held this week.", THU, future=True).window == \
        DateWindow(THU, date(2024, 5, 19), "week")


def test_weekend():
    assert spans("Clashes erupted over the weekend.", THU) == [("the weekend", "2024-05-11", "2024-05-12", "week")]


# -- months --------------------------------------------------------------------------

def test_last_month_is_the_previous_calendar_month():
    assert one("Trade stopped last month.", date(2017, 3, 9)).window == \
        DateWindow(date(2017, 2, 1), date(2017, 2, 28), "month")


def test_this_month_and_earlier_this_month():
    assert one("Trade stopped this month.", date(2017, 3, 9)).window == \
        DateWindow(date(2017, 3, 1), date(2017, 3, 9), "month")
    assert one("Trade stopped earlier this month.", date(2017, 3, 9)).window == \
        DateWindow(date(2017, 3, 1), date(2017, 3, 8), "month")


def test_late_last_month_and_mid_month_stay_inside_the_month():
    late = one("The border was shut late last month.", date(2017, 3, 9)).window
    assert late.precision == "month" and date(2017, 2, 1) <= late.start <= late.end == date(2017, 2, 28)
    mid = one("The border was shut in mid-March.", date(2017, 4, 20))
    assert mid.text == "mid-March" and mid.window.precision == "month"
    assert date(2017, 3, 1) <= mid.window.start <= mid.window.end <= date(2017, 3, 31)


def test_month_name_in_past_narration_is_the_latest_that_started():
    assert one("The border was shut in January.", date(2023, 2, 10)).window == \
        DateWindow(date(2023, 1, 1), date(2023, 1, 31), "month")
    same = one("The border was shut in January.", date(2023, 1, 20)).window
    assert same.start == date(2023, 1, 1) and same.end <= date(2023, 1, 20)
    assert one("The border was shut in March.", date(2023, 2, 10)).window.start == date(2022, 3, 1)


def test_month_name_in_future_narration_is_the_next():
    assert one("The fence will be finished in January.", date(2023, 2, 10), future=True).window == \
        DateWindow(date(2024, 1, 1), date(2024, 1, 31), "month")


def test_month_with_year_is_fixed():
    for text in ("The crossing closed in April 2019.", "The crossing closed April 2019."):
        m = one(text, THU)
        assert m.text == "April 2019" and not m.relative
        assert m.window == DateWindow(date(2019, 4, 1), date(2019, 4, 30), "month")


def test_last_month_name_is_before_the_current_month():
    assert one("The route closed last March.", date(2023, 3, 20)).window.start == date(2022, 3, 1)
    assert one("The route closed last March.", date(2023, 4, 2)).window.start == date(2023, 3, 1)


# -- days of months ----------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, iso", [
    ("Officials spoke on May 13.", "May 13", "2022-05-13"),
    ("After the May 13 phone call the gate reopened.", "May 13", "2022-05-13"),
    ("Guards were attacked on March 18.", "March 18", "2022-03-18"),
    ("Guards were attacked January 29.", "January 29", "2023-01-29"),
    ("Guards were attacked on 13 May.", "13 May", "2022-05-13"),
    ("Guards were attacked on March 20th.", "March 20th", "2022-03-20"),
    ("Guards were attacked on the 18th of March.", "the 18th of March", "2022-03-18"),
    ("Guards were attacked on February 10.", "February 10", "2023-02-10"),
])
def test_day_of_month_in_past_narration(text, surface, iso):
    m = one(text, date(2023, 2, 10))
    assert (m.text, m.window, m.relative) == (surface, day(iso), True)


def test_day_of_month_in_future_narration():
    assert one("The gate will reopen on May 13.", date(2023, 2, 10), future=True).window == day("2023-05-13")
    assert one("The gate will reopen on February 10.", date(2023, 2, 10), future=True).window == day("2023-02-10")


@pytest.mark.parametrize("text, surface, iso", [
    ("The post was hit on March 7, 2017.", "March 7, 2017", "2017-03-07"),
    ("The post was hit on 7 March 2017.", "7 March 2017", "2017-03-07"),
    ("Rockets fell on Dec 29, 2014.", "Dec 29, 2014", "2014-12-29"),
    ("The gate reopened on Sept. 15, 2021.", "Sept. 15, 2021", "2021-09-15"),
    ("date 2023-02-22", "2023-02-22", "2023-02-22"),
    ("2024-01-18T04:01+0000 Trade resumed.", "2024-01-18T04:01+0000", "2024-01-18"),
    ("Published Monday, March 25, 2024 by the desk.", "Monday, March 25, 2024", "2024-03-25"),
])
def test_explicit_dates(text, surface, iso):
    m = one(text, THU)
    assert (m.text, m.window, m.relative) == (surface, day(iso), False)


def test_ambiguous_numeric_date_is_skipped():
    assert find_dates("The notice was dated 22/02/2023.", THU) == []
    assert find_dates("The notice was dated 04.05.2023.", THU) == []


def test_impossible_day_is_not_a_date():
    assert all(m.window.precision != "day" for m in find_dates("The form listed February 30 as the day.", THU))


# -- years ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, first, last", [
    ("Islamabad sealed the route in 2014.", "2014", "2014-01-01", "2014-12-31"),
    ("The route has been closed since 2021.", "2021", "2021-01-01", "2021-12-31"),
    ("The line was drawn in 1893.", "1893", "1893-01-01", "1893-12-31"),
    ("The 2014 agreement lapsed.", "2014", "2014-01-01", "2014-12-31"),
])
def test_years(text, surface, first, last):
    m = one(text, THU)
    assert (m.text, m.window, m.relative) == (
        surface, DateWindow(date.fromisoformat(first), date.fromisoformat(last), "year"), False)


def test_years_relative_to_publication():
    assert one("Trade fell last year.", THU).window == DateWindow(date(2023, 1, 1), date(2023, 12, 31), "year")
    assert one("Trade fell this year.", THU).window == DateWindow(date(2024, 1, 1), THU, "year")
    assert one("Trade fell earlier this year.", THU).window == DateWindow(date(2024, 1, 1), date(2024, 5, 15), "year")


def test_old_years_after_the():
    assert [m.text for m in find_dates("The 1947 partition and the 1893 agreement shaped the line.", THU)] == \
        ["1947", "1893"]


def test_numbers_that_are_not_years():
    assert find_dates("About 2000 trucks and 1,200 people waited at the gate.", THU) == []
    assert find_dates("Under Resolution 1973 it paid Rs 2014 million for 2000 km of fence.", THU) == []


def test_decades_and_year_spans():
    assert spans("Refugees arrived in the 1980s and in 2019-20.", THU) == [
        ("the 1980s", "1980-01-01", "1989-12-31", "year"),
        ("2019-20", "2019-01-01", "2020-12-31", "year"),
    ]


# -- ranges --------------------------------------------------------------------------

def test_between_month_and_day_is_one_mention():
    m = one("Between January and September 15, 40 guards were killed.", date(2023, 10, 1))
    assert (m.text, m.window) == ("January and September 15",
                                  DateWindow(date(2023, 1, 1), date(2023, 9, 15), "month"))


def test_from_day_to_day_is_one_mention():
    assert spans("The gate was shut from March 1 to March 5.", date(2023, 10, 1)) == [
        ("March 1 to March 5", "2023-03-01", "2023-03-05", "day")]
    assert spans("The gate was shut from March 28 to April 2.", date(2023, 10, 1)) == [
        ("March 28 to April 2", "2023-03-28", "2023-04-02", "day")]


def test_range_across_new_year_and_compact_ranges():
    assert spans("The gate was shut from December 28 to January 3.", date(2024, 1, 10)) == [
        ("December 28 to January 3", "2023-12-28", "2024-01-03", "day")]
    assert spans("Talks ran March 1-5.", date(2023, 10, 1)) == [("March 1-5", "2023-03-01", "2023-03-05", "day")]


def test_dates_joined_by_and_without_between_stay_apart():
    assert [m.text for m in find_dates("Mortars fell on March 3 and March 5.", date(2023, 10, 1))] == \
        ["March 3", "March 5"]


def test_range_with_a_fixed_end_needs_no_publication_date():
    assert spans("The gate was shut from March 1 to March 5, 2017.", None) == [
        ("March 1 to March 5, 2017", "2017-03-01", "2017-03-05", "day")]


# -- recent --------------------------------------------------------------------------

@pytest.mark.parametrize("text, surface, back, precision", [
    ("Attacks rose recently.", "recently", 30, "month"),
    ("The recent attacks worried traders.", "recent", 30, "month"),
    ("Attacks rose in recent days.", "in recent days", 7, "week"),
    ("Attacks rose in recent weeks.", "in recent weeks", 30, "month"),
    ("Attacks rose in recent months.", "in recent months", 90, "month"),
])
def test_recent(text, surface, back, precision):
    m = one(text, THU)
    assert (m.text, m.window.end, (m.window.end - m.window.start).days, m.window.precision) == \
        (surface, THU, back, precision)


def test_rolling_windows_and_ago():
    assert spans("In the past 24 hours two posts were hit.", THU) == [
        ("the past 24 hours", "2024-05-15", "2024-05-16", "day")]
    assert spans("Over the last two weeks trade fell.", THU) == [
        ("the last two weeks", "2024-05-02", "2024-05-16", "month")]
    assert spans("Trade will pick up over the next few days.", THU, future=True) == [
        ("the next few days", "2024-05-16", "2024-05-23", "week")]
    assert spans("The gate closed two days ago.", THU) == [("two days ago", "2024-05-14", "2024-05-14", "day")]
    assert spans("The gate closed a fortnight ago.", THU) == [("a fortnight ago", "2024-04-29", "2024-05-05", "week")]


# -- since ---------------------------------------------------------------------------

def test_since_is_left_to_the_caller():
    assert [m.text for m in find_dates("The crossing has been closed since late Sunday.", THU)] == ["late Sunday"]
    assert [m.text for m in find_dates("The crossing has been closed since March 18.", THU)] == ["March 18"]


# -- words that look like dates -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "May he rest in peace, the commander said.",
    "Officials may decide to reopen the crossing.",
    "May God protect the traders, he said.",
    "Thousands joined a march to the border crossing.",
    "March organisers said the rally was peaceful.",
    "The Sunday Times reported the closure.",
    "Shops promoted Black Friday discounts.",
    "The 15-year-old boy died in a day-long clash; a two-week extension followed.",
    "The crossing handles 2,000 trucks a day.",
    "TRADE MAY RESUME, OFFICIALS SAY",
])
def test_words_that_are_not_dates(text):
    assert find_dates(text, THU) == []


@pytest.mark.parametrize("text, surface, start", [
    ("The border closed in May.", "May", "2024-05-01"),
    ("The border closed last May.", "last May", "2023-05-01"),
    ("The border closed in early May.", "early May", "2024-05-01"),
    ("The border closed in mid-May.", "mid-May", "2024-05-10"),
    ("The border closed in March.", "March", "2024-03-01"),
    ("The border closed on May 13.", "May 13", "2024-05-13"),
    ("The border closed in May 2020.", "May 2020", "2020-05-01"),
])
def test_may_and_march_as_months(text, surface, start):
    m = one(text, THU)
    assert (m.text, m.window.start.isoformat()) == (surface, start)


# -- no publication date ----------------------------------------------------------------

def test_without_publication_date_keeps_only_what_the_text_fixes():
    text = "In April 2019, on March 7, 2017 and in 2014; also last month, in January, yesterday and on Sunday."
    assert spans(text, None) == [
        ("April 2019", "2019-04-01", "2019-04-30", "month"),
        ("March 7, 2017", "2017-03-07", "2017-03-07", "day"),
        ("2014", "2014-01-01", "2014-12-31", "year"),
        ("last month", None, None, "month"),
        ("January", None, None, "month"),
        ("yesterday", None, None, "day"),
        ("Sunday", None, None, "day"),
    ]


# -- times of day ----------------------------------------------------------------------

def test_times_of_day_are_not_dates_and_do_not_move_the_day():
    assert spans("The blast came at 2pm on Monday.", THU) == [("Monday", "2024-05-13", "2024-05-13", "day")]
    assert find_dates("The gate shut at midnight.", THU) == []
    assert spans("Firing started at 10:30 am on January 29.", THU) == [
        ("January 29", "2024-01-29", "2024-01-29", "day")]


# -- the lexicon -----------------------------------------------------------------------

def test_lexicon_explains_itself_and_lists_the_words():
    words = date_words()
    assert words.months["sept"] == 9 and words.weekdays["sunday"] == 6
    assert {"may", "march"} <= words.ambiguous
    data = json.loads((dates_module.LEXICON_DIR / "dates.json").read_text(encoding="utf-8"))
    assert data["_about"]


def test_broken_lexicon_names_the_file(tmp_path, monkeypatch):
    (tmp_path / "dates.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(dates_module, "LEXICON_DIR", tmp_path)
    date_words.cache_clear()
    try:
        with pytest.raises(InputError, match="dates.json"):
            date_words()
        (tmp_path / "dates.json").write_text(json.dumps({"months": {}}), encoding="utf-8")
        date_words.cache_clear()
        with pytest.raises(InputError, match="dates.json"):
            date_words()
    finally:
        monkeypatch.undo()
        date_words.cache_clear()
