"""geoborder.corpus.reader and metadata: reading a corpus, and reporting what is broken."""

from __future__ import annotations

import json

import pytest

from geoborder.corpus.metadata import read_sidecar
from geoborder.corpus.reader import iter_articles
from geoborder.errors import InputError


def read(paths):
    """(articles, problems) of a corpus, collecting problems instead of raising."""
    problems: list[InputError] = []
    articles = list(iter_articles([str(p) for p in paths], on_problem=problems.append))
    return articles, problems


def jsonl(path, *records):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
                    encoding="utf-8")
    return path


@pytest.fixture
def txt_corpus(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "002_b.txt").write_text("Trucks queued at Torkham.", encoding="utf-8")
    (folder / "001_a.txt").write_text("QUETTA: The Chaman crossing reopened.", encoding="utf-8")
    return folder


# -- reading -----------------------------------------------------------------------------

def test_txt_with_metadata_json(txt_corpus):
    (txt_corpus / "metadata.json").write_text(json.dumps({
        "001_a": {"published": "2025-10-12", "source": "AFP", "url": "https://example.org/a", "title": "Chaman"},
        "002_b": {"published": "2025-10-13T08:00:00Z", "source": None},
    }), encoding="utf-8")
    articles, problems = read([txt_corpus])
    assert problems == []
    a, b = articles
    assert (a.article_id, a.published, a.published_from, a.source, a.url, a.title) == (
        "001_a", "2025-10-12", "metadata", "AFP", "https://example.org/a", "Chaman")
    assert a.text == "QUETTA: The Chaman crossing reopened."
    assert a.path == str(txt_corpus / "001_a.txt")
    assert (b.article_id, b.published, b.source, b.url) == ("002_b", "2025-10-13", None, None)


def test_txt_with_metadata_csv(txt_corpus):
    (txt_corpus / "metadata.csv").write_text(
        "id,published,source,url,title\n"
        "001_a,2021-09-07,Dawn,https://dawn.com/1,Chaman reopens\n"
        "002_b,,,,\n", encoding="utf-8")
    articles, problems = read([txt_corpus])
    assert problems == []
    a, b = articles
    assert (a.published, a.published_from, a.source, a.url, a.title) == (
        "2021-09-07", "metadata", "Dawn", "https://dawn.com/1", "Chaman reopens")
    assert (b.published, b.published_from, b.source) == (None, None, None)


def test_metadata_csv_with_stem_column(tmp_path):
    (tmp_path / "x.txt").write_text("Body.", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("stem,source\nx,Reuters\n", encoding="utf-8")
    [article], problems = read([tmp_path])
    assert problems == [] and article.source == "Reuters"


def test_jsonl_records(tmp_path):
    path = jsonl(tmp_path / "feed.jsonl",
                 {"id": "r1", "text": "Clashes near Torkham.", "published": "2024-01-18",
                  "source": "AP", "url": "https://ap.example/1", "title": "Clashes"},
                 {"id": 7, "text": "Taftan closed."})
    articles, problems = read([path])
    assert problems == []
    r1, r7 = articles
    assert (r1.article_id, r1.text, r1.published, r1.published_from, r1.source, r1.url, r1.title) == (
        "r1", "Clashes near Torkham.", "2024-01-18", "metadata", "AP", "https://ap.example/1", "Clashes")
    assert r1.path == str(path)
    assert (r7.article_id, r7.published, r7.published_from) == ("7", None, None)


def test_blank_jsonl_lines_are_skipped_silently(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id":"a","text":"x"}\n\n   \n{"id":"b","text":"y"}\n', encoding="utf-8")
    articles, problems = read([path])
    assert [a.article_id for a in articles] == ["a", "b"] and problems == []


def test_folder_and_single_files_together(tmp_path, txt_corpus):
    feed = jsonl(tmp_path / "feed.jsonl", {"id": "j1", "text": "Body."})
    single = tmp_path / "lone.txt"
    single.write_text("Lone article.", encoding="utf-8")
    articles, problems = read([single, txt_corpus, feed])
    assert problems == []
    assert [a.article_id for a in articles] == ["lone", "001_a", "002_b", "j1"]


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    for rel in ("b/2.txt", "a/9.txt", "a/10.txt", "c.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"Article {rel}.", encoding="utf-8")
    jsonl(tmp_path / "a" / "feed.jsonl", {"id": "f", "text": "x"})
    ids = [a.article_id for a in read([tmp_path])[0]]
    assert ids == ["10", "9", "f", "2", "c"]
    assert ids == [a.article_id for a in read([tmp_path])[0]]


def test_sidecar_applies_per_folder(tmp_path):
    for sub, source in (("one", "AFP"), ("two", "AP")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / f"{sub}.txt").write_text("Body.", encoding="utf-8")
        (tmp_path / sub / "metadata.json").write_text(json.dumps({sub: {"source": source}}), encoding="utf-8")
    articles, problems = read([tmp_path])
    assert problems == []
    assert [(a.article_id, a.source) for a in articles] == [("one", "AFP"), ("two", "AP")]


def test_single_txt_file_uses_its_folders_sidecar(txt_corpus):
    (txt_corpus / "metadata.json").write_text(json.dumps({"001_a": {"source": "AFP"}, "002_b": {}}),
                                              encoding="utf-8")
    [article], problems = read([txt_corpus / "001_a.txt"])
    assert problems == [] and article.source == "AFP"


def test_utf8_bom_is_accepted(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffTorkham reopened.".encode("utf-8"))
    [article], problems = read([tmp_path])
    assert problems == [] and article.text == "Torkham reopened."


def test_nothing_is_read_before_iteration(tmp_path):
    # a generator: problems surface while iterating, so a corpus streams in flat memory
    articles = iter_articles([tmp_path / "nope"])
    with pytest.raises(InputError, match="no such file or folder"):
        next(articles)


# -- where the publication date came from ----------------------------------------------------

def test_published_from_text_without_sidecar(tmp_path):
    (tmp_path / "d.txt").write_text("date 2023-02-22\nKhawaja Asif said ...", encoding="utf-8")
    [article], _ = read([tmp_path])
    assert (article.published, article.published_from) == ("2023-02-22", "text")


def test_published_from_metadata_wins_over_the_text(tmp_path):
    (tmp_path / "d.txt").write_text("date 2023-02-22\nBody.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(json.dumps({"d": {"published": "2023-02-21"}}), encoding="utf-8")
    [article], _ = read([tmp_path])
    assert (article.published, article.published_from) == ("2023-02-21", "metadata")


def test_published_from_text_when_sidecar_has_no_date(tmp_path):
    (tmp_path / "d.txt").write_text("Headline\nPublished September 7, 2021\nBody.", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(json.dumps({"d": {"source": "Dawn"}}), encoding="utf-8")
    [article], _ = read([tmp_path])
    assert (article.published, article.published_from, article.source) == ("2021-09-07", "text", "Dawn")


def test_published_from_none_without_any_date(tmp_path):
    (tmp_path / "d.txt").write_text("Trucks queued at Torkham.", encoding="utf-8")
    [article], _ = read([tmp_path])
    assert (article.published, article.published_from) == (None, None)


def test_jsonl_record_without_published_uses_the_text(tmp_path):
    path = jsonl(tmp_path / "f.jsonl", {"id": "a", "text": "date 2023-02-22\nBody.", "published": ""})
    [article], _ = read([path])
    assert (article.published, article.published_from) == ("2023-02-22", "text")


# -- input errors: named, and the rest of the corpus still read ---------------------------------

def test_missing_path(tmp_path, txt_corpus):
    missing = tmp_path / "nope"
    articles, [problem] = read([missing, txt_corpus])
    assert [a.article_id for a in articles] == ["001_a", "002_b"]
    assert problem.path == str(missing)
    assert str(problem) == f"{missing}: no such file or folder"


def test_missing_path_raises_by_default(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        list(iter_articles([tmp_path / "nope"]))


def test_empty_txt(txt_corpus):
    (txt_corpus / "003_empty.txt").write_text("  \n\n", encoding="utf-8")
    articles, [problem] = read([txt_corpus])
    assert [a.article_id for a in articles] == ["001_a", "002_b"]
    assert str(problem) == f"{txt_corpus / '003_empty.txt'}: the article is empty"


def test_undecodable_bytes(txt_corpus):
    bad = txt_corpus / "0015_bad.txt"
    bad.write_bytes(b"\xff\xfe bad")
    articles, [problem] = read([txt_corpus])
    assert [a.article_id for a in articles] == ["001_a", "002_b"]
    assert problem.path == str(bad)
    assert "not valid UTF-8" in problem.problem and "0xff" in problem.problem
    assert str(problem).startswith(f"{bad}: ")


def test_bad_json_line(tmp_path):
    path = jsonl(tmp_path / "f.jsonl", {"id": "a", "text": "x"}, "{not json", {"id": "b", "text": "y"})
    articles, [problem] = read([path])
    assert [a.article_id for a in articles] == ["a", "b"]
    assert (problem.path, problem.line) == (str(path), 2)
    assert str(problem).startswith(f"{path}:2: not valid JSON")


def test_undecodable_jsonl_line(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"id":"a","text":"x"}\n{"id":"b","text":"\xff"}\n{"id":"c","text":"z"}\n')
    articles, [problem] = read([path])
    assert [a.article_id for a in articles] == ["a", "c"]
    assert problem.line == 2 and "not valid UTF-8" in str(problem)


def test_jsonl_line_that_is_not_an_object(tmp_path):
    path = jsonl(tmp_path / "f.jsonl", "[1, 2]", {"id": "b", "text": "y"})
    articles, [problem] = read([path])
    assert [a.article_id for a in articles] == ["b"]
    assert str(problem) == f"{path}:1: expected a JSON object, got list"


def test_jsonl_record_without_id(tmp_path):
    path = jsonl(tmp_path / "f.jsonl", {"text": "no id here"}, {"id": "", "text": "empty id"},
                 {"id": "ok", "text": "y"})
    articles, problems = read([path])
    assert [a.article_id for a in articles] == ["ok"]
    assert [str(p) for p in problems] == [f"{path}:1: record has no 'id'", f"{path}:2: record has no 'id'"]


def test_jsonl_record_without_text(tmp_path):
    path = jsonl(tmp_path / "f.jsonl", {"id": "a", "title": "no text"}, {"id": "b", "text": 5},
                 {"id": "c", "text": "y"})
    articles, problems = read([path])
    assert [a.article_id for a in articles] == ["c"]
    assert [str(p) for p in problems] == [f"{path}:1 [a]: record has no 'text' string",
                                          f"{path}:2 [b]: record has no 'text' string"]


def test_jsonl_record_with_empty_text(tmp_path):
    path = jsonl(tmp_path / "f.jsonl", {"id": "a", "text": "   "}, {"id": "b", "text": "y"})
    articles, [problem] = read([path])
    assert [a.article_id for a in articles] == ["b"]
    assert str(problem) == f"{path}:1 [a]: the article is empty"


def test_jsonl_bad_published(tmp_path):
    path = jsonl(tmp_path / "f.jsonl", {"id": "a", "text": "x", "published": "yesterday"},
                 {"id": "b", "text": "y", "published": "2020-05-21"})
    articles, [problem] = read([path])
    assert [(a.article_id, a.published) for a in articles] == [("b", "2020-05-21")]
    assert str(problem) == f"{path}:1 [a]: 'published' is 'yesterday', not a YYYY-MM-DD date"


def test_metadata_for_an_article_that_does_not_exist(txt_corpus):
    sidecar = txt_corpus / "metadata.json"
    sidecar.write_text(json.dumps({"001_a": {"source": "AFP"}, "999_ghost": {"source": "AP"}}), encoding="utf-8")
    articles, [problem] = read([txt_corpus])
    assert [(a.article_id, a.source) for a in articles] == [("001_a", "AFP"), ("002_b", None)]
    assert problem.path == str(sidecar) and problem.record == "999_ghost"
    assert "999_ghost" in problem.problem and "no 999_ghost.txt" in problem.problem


def test_bad_published_in_metadata_is_reported(txt_corpus):
    sidecar = txt_corpus / "metadata.json"
    sidecar.write_text(json.dumps({"002_b": {"published": "7 Sept"}}), encoding="utf-8")
    articles, [problem] = read([txt_corpus])
    assert [a.article_id for a in articles] == ["001_a", "002_b"]
    assert str(problem) == f"{sidecar} [002_b]: 'published' is '7 Sept', not a YYYY-MM-DD date"


def test_bad_published_in_metadata_keeps_the_other_articles_metadata(txt_corpus):
    (txt_corpus / "metadata.json").write_text(json.dumps({
        "001_a": {"published": "2025-10-12", "source": "AFP"},
        "002_b": {"published": "7 Sept"},
    }), encoding="utf-8")
    articles, problems = read([txt_corpus])
    assert len(problems) == 1
    assert (articles[0].published, articles[0].source) == ("2025-10-12", "AFP")


def test_bad_published_in_metadata_csv_is_reported(txt_corpus):
    sidecar = txt_corpus / "metadata.csv"
    sidecar.write_text("id,published\n001_a,2021-13-40\n", encoding="utf-8")
    articles, [problem] = read([txt_corpus])
    assert [a.article_id for a in articles] == ["001_a", "002_b"]
    assert problem.path == str(sidecar) and problem.record == "001_a"
    assert "'published' is '2021-13-40'" in str(problem)


def test_sidecar_that_is_not_json(txt_corpus):
    sidecar = txt_corpus / "metadata.json"
    sidecar.write_text('{"001_a": {"source": "AFP"},\n oops}', encoding="utf-8")
    articles, [problem] = read([txt_corpus])
    assert [a.article_id for a in articles] == ["001_a", "002_b"]
    assert (problem.path, problem.line) == (str(sidecar), 2)
    assert "not valid JSON" in problem.problem


def test_csv_sidecar_without_id_column(tmp_path):
    path = tmp_path / "metadata.csv"
    path.write_text("name,published\nx,2020-01-01\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs an 'id' column") as info:
        read_sidecar(path)
    assert info.value.path == str(path) and info.value.line == 1


def test_csv_sidecar_row_without_id_names_its_line(tmp_path):
    path = tmp_path / "metadata.csv"
    path.write_text("id,published\nx,2020-01-01\n,2020-01-02\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_sidecar(path)
    assert str(info.value) == f"{path}:3: empty 'id'"


def test_duplicate_article_ids_across_files(tmp_path, txt_corpus):
    feed = jsonl(tmp_path / "feed.jsonl", {"id": "001_a", "text": "Another text."}, {"id": "j2", "text": "y"})
    articles, [problem] = read([txt_corpus, feed])
    assert [(a.article_id, a.path) for a in articles] == [
        ("001_a", str(txt_corpus / "001_a.txt")), ("002_b", str(txt_corpus / "002_b.txt")), ("j2", str(feed))]
    assert problem.path == str(feed) and problem.record == "001_a"
    assert f"already read from {txt_corpus / '001_a.txt'}" in problem.problem


def test_duplicate_txt_stems_in_two_subfolders(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(f"From {sub}.", encoding="utf-8")
    articles, [problem] = read([tmp_path])
    assert [a.text for a in articles] == ["From x."]
    assert problem.path == str(tmp_path / "y" / "same.txt") and problem.record == "same"


def test_same_folder_given_twice_reports_every_article_once(txt_corpus):
    articles, problems = read([txt_corpus, txt_corpus])
    assert [a.article_id for a in articles] == ["001_a", "002_b"]
    assert [p.record for p in problems] == ["001_a", "002_b"]


def test_duplicate_id_in_jsonl_names_its_line(tmp_path):
    path = jsonl(tmp_path / "f.jsonl", {"id": "a", "text": "x"}, {"id": "b", "text": "y"}, {"id": "a", "text": "z"})
    _, [problem] = read([path])
    assert problem.line == 3


def test_non_article_file_given_directly(tmp_path, txt_corpus):
    notes = tmp_path / "notes.md"
    notes.write_text("# notes", encoding="utf-8")
    articles, [problem] = read([notes, txt_corpus])
    assert [a.article_id for a in articles] == ["001_a", "002_b"]
    assert str(problem) == f"{notes}: not an article file: expected .txt or .jsonl"


def test_sidecar_given_directly_is_not_an_article(txt_corpus):
    sidecar = txt_corpus / "metadata.json"
    sidecar.write_text("{}", encoding="utf-8")
    articles, [problem] = read([sidecar])
    assert articles == [] and problem.path == str(sidecar)
    assert "not an article file" in problem.problem


def test_folder_without_articles(tmp_path):
    (tmp_path / "readme.md").write_text("x", encoding="utf-8")
    articles, [problem] = read([tmp_path])
    assert articles == []
    assert str(problem) == f"{tmp_path}: the folder holds no .txt or .jsonl articles"


def test_many_problems_in_one_corpus_and_everything_else_read(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("Good article A.", encoding="utf-8")
    (folder / "b.txt").write_text("", encoding="utf-8")
    (folder / "c.txt").write_bytes(b"\xff\xfe bad")
    (folder / "d.txt").write_text("Good article D.", encoding="utf-8")
    jsonl(folder / "e.jsonl", {"id": "e1", "text": "Good."}, "{bad", {"text": "no id"}, {"id": "e4"},
          {"id": "a", "text": "dup"})
    articles, problems = read([folder, tmp_path / "missing"])
    assert [a.article_id for a in articles] == ["a", "d", "e1"]
    where = [(p.path, p.line) for p in problems]
    assert where == [(str(folder / "b.txt"), None), (str(folder / "c.txt"), None),
                     (str(folder / "e.jsonl"), 2), (str(folder / "e.jsonl"), 3), (str(folder / "e.jsonl"), 4),
                     (str(folder / "e.jsonl"), 5), (str(tmp_path / "missing"), None)]
