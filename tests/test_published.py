"""geoborder.corpus.published: the publication date an article's own text states."""

from __future__ import annotations


from geoborder.corpus.published import published_in_text


# -- dates that are publication dates -----------------------------------------------

def test_date_line_first():
    text = "date 2023-02-22\nKhawaja Asif said the crossing at Torkham would reopen."
    assert published_in_text(text) == "2023-02-22"


def test_date_prefix_inline_with_the_body():
    assert published_in_text(" date 2023-02-22 Pakistan's defense minister said ...") == "2023-02-22"


def test_published_line_under_the_headline():
    text = "Torkham border reopens\n\nPublished September 7, 2021\n\nPESHAWAR: The crossing ..."
    assert published_in_text(text) == "2021-09-07"


def test_dawn_byline_with_published_and_updated():
    text = ("Six killed in Bajaur blast\n"
            "Dawn.com | Published September 7, 2021 - Updated September 8, 2021 10:20am\n"
            "BAJAUR: Six people were killed on September 5, 2021.")
    assert published_in_text(text) == "2021-09-07"


def test_iso_timestamp_line():
    text = "Chaman border reopens\n2024-01-18T04:01+0000\nQUETTA: Trade resumed on Wednesday."
    assert published_in_text(text) == "2024-01-18"


def test_bare_date_line():
    text = "Taftan crossing closed\nMay 21, 2020\nQUETTA: Officials closed the crossing."
    assert published_in_text(text) == "2020-05-21"


def test_print_credit_at_the_end():
    text = ("Talks on the Durand Line\n"
            "ISLAMABAD: Officials met on March 3 to discuss the crossing.\n"
            "The talks will continue.\n\n"
            "Published in Dawn, May 16th, 2024")
    assert published_in_text(text) == "2024-05-16"


def test_print_credit_far_below_the_head_lines():
    body = "".join(f"Paragraph {i} about Chaman.\n" for i in range(30))
    assert published_in_text(body + "\nPublished in Dawn, May 16th, 2024\n") == "2024-05-16"


def test_header_date_wins_over_the_print_credit():
    text = "Headline\nPublished September 7, 2021\nBody.\n\nPublished in Dawn, September 8th, 2021"
    assert published_in_text(text) == "2021-09-07"


def test_day_month_year_with_updated_prefix():
    assert published_in_text("Headline\nUpdated: 12 March 2019\nBody text.") == "2019-03-12"


# -- dates that are not publication dates ---------------------------------------------

def test_photo_caption_date_is_not_the_publication_date():
    text = ("Border tensions rise\n"
            "A soldier stands guard at the border crossing in Chaman, Pakistan, March 7, 2017.\n"
            "QUETTA: Officials said the crossing would stay closed.")
    assert published_in_text(text) is None


def test_date_inside_a_body_sentence_is_not_the_publication_date():
    text = "Headline\nOn May 21, 2020 the crossing at Taftan was closed by officials.\nMore text."
    assert published_in_text(text) is None


def test_text_without_a_date_gives_none():
    assert published_in_text("Torkham reopens\nTrucks crossed on Monday.\nNo year is given.") is None


def test_empty_text_gives_none():
    assert published_in_text("") is None


def test_impossible_calendar_date_is_ignored():
    assert published_in_text("Headline\n2023-02-30\nBody.") is None


def test_bare_date_deep_in_the_body_is_not_the_publication_date():
    lines = [f"Line {i} of the story about Torkham." for i in range(20)]
    lines.insert(15, "May 21, 2020")
    assert published_in_text("\n".join(lines)) is None


def test_sentence_starting_with_date_palms_is_not_a_date_line():
    text = ("Floods in Kech\n"
            "Date palm growers in Turbat said on May 5, 2020 that their orchards were lost.\n"
            "More text.")
    assert published_in_text(text) is None
