"""geoborder.corpus.boilerplate: spans of an article that are not its body."""

from __future__ import annotations

from geoborder.corpus.boilerplate import inside, outside_body

BODY = ("QUETTA: Officials closed the crossing at Chaman on Monday.\n"
        "Traders said hundreds of trucks were stranded near Spin Boldak.\n"
        "The closure followed clashes along the Durand Line.\n")


def excluded(text: str) -> list[str]:
    return [text[s:e] for s, e in outside_body(text)]


def test_plain_body_has_nothing_outside():
    assert outside_body(BODY) == []


def test_related_articles_block_runs_to_the_end():
    text = BODY + "\nRelated Articles\nIsrael strikes Gaza\nFloods in Sindh\n"
    start = text.index("Related Articles")
    assert outside_body(text) == [(start, len(text))]


def test_related_articles_heading_with_colon_and_case():
    text = BODY + "\nRELATED ARTICLES:\nTalks in Doha\n"
    assert excluded(text) == ["RELATED ARTICLES:\nTalks in Doha\n"]


def test_body_before_the_related_block_is_not_excluded():
    text = BODY + "\nRelated Articles\nNews from Kabul\n"
    spans = outside_body(text)
    chaman = text.index("Chaman")
    assert not inside(spans, chaman, chaman + len("Chaman"))
    kabul = text.index("Kabul")
    assert inside(spans, kabul, kabul + len("Kabul"))


def test_block_heading_at_the_very_top_is_not_a_block():
    # 'Related' as the first line is a kicker, not a list of other stories
    text = "Related\n" + BODY
    assert outside_body(text) == []


def test_see_also_line_is_excluded_alone():
    text = BODY + "See also: Floods in Sindh\nOfficials reopened the crossing on Tuesday.\n"
    assert excluded(text) == ["See also: Floods in Sindh"]
    tuesday = text.index("Tuesday")
    assert not inside(outside_body(text), tuesday, tuesday + 7)


def test_also_read_line_is_excluded_alone():
    text = "Clashes near Torkham.\nAlso read: Talks in Doha stall\nThe border stayed shut.\n"
    assert excluded(text) == ["Also read: Talks in Doha stall"]


def test_cross_reference_lines_and_body_between_them():
    text = "Body about Quetta.\nSee also: Floods in Sindh\nMore body about Chaman.\nAlso read: Talks in Doha\nEnd."
    assert excluded(text) == ["See also: Floods in Sindh", "Also read: Talks in Doha"]
    assert not inside(outside_body(text), text.index("Chaman"), text.index("Chaman") + 6)


def test_urls_are_excluded():
    text = "Read the statement at https://www.dawn.com/news/1644123/chaman-border on the site.\n"
    assert excluded(text) == ["https://www.dawn.com/news/1644123/chaman-border"]


def test_www_url_without_scheme_is_excluded():
    text = "Details on www.example.org/torkham today.\n"
    assert excluded(text) == ["www.example.org/torkham"]


def test_comment_thread_starts_at_its_paragraph():
    comments = ("Ahmed Khan\n"
                "Sep 07, 2021 07:20pm\n"
                "May they rest in peace.\n"
                "Reply Recommend 0\n")
    text = BODY + "\n" + comments
    assert outside_body(text) == [(text.index("Ahmed Khan"), len(text))]


def test_comment_thread_of_several_comments_runs_to_the_end():
    text = (BODY + "\n"
            "Ahmed Khan\nSep 07, 2021 07:20pm\nMay they rest in peace.\nReply Recommend 0\n\n"
            "Sara\nSep 07, 2021 08:00pm\nVery sad news from Quetta.\nReply Recommend 3\n")
    spans = outside_body(text)
    assert spans == [(text.index("Ahmed Khan"), len(text))]
    assert not inside(spans, text.index("Spin Boldak"), text.index("Spin Boldak") + 11)
    assert inside(spans, text.index("Quetta."), text.index("Quetta.") + 6)


def test_comment_thread_and_url_spans_merge():
    text = BODY + "\nAhmed\nSep 07, 2021\nSee https://x.example/y\nReply Recommend 0\n"
    assert outside_body(text) == [(text.index("Ahmed"), len(text))]


def test_spans_are_sorted_and_disjoint():
    text = ("Body https://a.example/1 more.\nSee also: Sindh\nBody.\n"
            "Read at www.b.example/2 now.\n" + BODY + "\nRelated Articles\nhttps://c.example/3\n")
    spans = outside_body(text)
    assert spans == sorted(spans)
    assert all(e1 < s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
    assert spans[-1][1] == len(text)


# -- inside() -------------------------------------------------------------------------

def test_inside_needs_the_whole_span_within_one_span():
    spans = [(10, 20), (30, 40)]
    assert inside(spans, 10, 20)
    assert inside(spans, 12, 15)
    assert not inside(spans, 5, 12)
    assert not inside(spans, 18, 32)
    assert not inside(spans, 20, 25)


def test_inside_with_no_spans_is_false():
    assert not inside([], 0, 1)
