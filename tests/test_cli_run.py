"""The `geoborder run` command end to end, as a user runs it."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

GEOBORDER = str(Path(sys.executable).with_name("geoborder"))
CONTRACT_MENTION_PROPS = {"article_id", "text", "start", "end", "place_id", "place_name", "kind", "resolution", "flags"}
CONTRACT_KINDS = {"crossing", "city", "town", "admin", "region", "border", "physical", "country"}


def geoborder(*args, cwd):
    return subprocess.run([GEOBORDER, *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("user")
    proc = geoborder("run", cwd=cwd)
    return cwd, proc


def _features(path: Path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    return doc["features"]


def test_run_without_arguments_processes_the_bundled_samples_into_outputs(sample_run):
    cwd, proc = sample_run
    assert proc.returncode == 0, proc.stderr
    assert "articles read: 5 (publication dates: 5 from the metadata)" in proc.stdout
    assert "gazetteer conflicts flagged: 1" in proc.stdout
    layers = cwd / "outputs" / "layers"
    for name in ("mentions", "places", "borders", "regions", "closures", "attacks", "crossings"):
        assert (layers / f"{name}.geojson").is_file()
    assert "events: " in proc.stdout and " reports" in proc.stdout
    assert (cwd / "outputs" / "geoborder.gpkg").is_file()
    assert (cwd / "outputs" / "map.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "map written to outputs/map.html" in proc.stdout
    assert not list((cwd / "outputs").rglob("*partial*")) and not list((cwd / "outputs").glob(".*.tmp"))


def test_mentions_follow_the_data_contract(sample_run):
    cwd, _ = sample_run
    from geoborder.resources import SAMPLES_DIR

    feats = _features(cwd / "outputs" / "layers" / "mentions.geojson")
    assert len(feats) > 50
    for f in feats:
        p = f["properties"]
        assert CONTRACT_MENTION_PROPS <= set(p)
        text = (SAMPLES_DIR / f"{p['article_id']}.txt").read_text(encoding="utf-8")
        assert text[p["start"]:p["end"]] == p["text"]
        assert p["resolution"] in {"gazetteer", "geonames", "geocoder", "unresolved"}
        assert (f["geometry"] is None) == (p["resolution"] == "unresolved")
        if p["kind"] is not None:
            assert p["kind"] in CONTRACT_KINDS
    flagged = [f["properties"]["text"] for f in feats if "gazetteer_conflict" in f["properties"]["flags"]]
    assert flagged == ["Torkham"]  # sample 002 puts Torkham on the Pakistan-Iran border


def test_reference_layers_hold_the_two_borders_and_the_provinces(sample_run):
    cwd, _ = sample_run
    borders = {f["properties"]["place_id"]: f for f in _features(cwd / "outputs" / "layers" / "borders.geojson")}
    assert {"border/pak-afg", "border/pak-irn"} <= set(borders)
    assert borders["border/pak-afg"]["geometry"]["type"] in ("LineString", "MultiLineString")
    regions = {f["properties"]["name"] for f in _features(cwd / "outputs" / "layers" / "regions.geojson")}
    assert {"Mekran", "Balochistan", "Khyber Pakhtunkhwa"} <= regions
    places = _features(cwd / "outputs" / "layers" / "places.geojson")
    assert all(f["geometry"]["type"] == "Point" and f["properties"]["n_mentions"] >= 1 for f in places)


EVENT_PROPS = {"event_id", "event_type", "date_start", "date_end", "date_precision", "place_id", "place_name",
               "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "injured", "actors", "sources",
               "n_sources"}
SOURCE_PROPS = {"article_id", "title", "url", "published", "sentence", "start", "end"}


def test_event_layers_follow_the_data_contract_and_quote_their_evidence(sample_run):
    cwd, _ = sample_run
    from geoborder.resources import SAMPLES_DIR

    layers = cwd / "outputs" / "layers"
    closures, attacks = _features(layers / "closures.geojson"), _features(layers / "attacks.geojson")
    assert closures and attacks
    ids = [f["properties"]["event_id"] for f in closures + attacks]
    assert len(ids) == len(set(ids))
    for f in closures + attacks:
        p = f["properties"]
        assert EVENT_PROPS <= set(p)
        assert p["n_sources"] == len(p["sources"]) >= 1
        assert p["date_start"] is None or p["date_start"] <= p["date_end"]
        for src in p["sources"]:
            assert SOURCE_PROPS <= set(src)
            text = (SAMPLES_DIR / f"{src['article_id']}.txt").read_text(encoding="utf-8")
            assert text[src["start"]:src["end"]] == src["sentence"]
    for f in closures:
        assert {"scope", "reason"} <= set(f["properties"])
        assert f["properties"]["event_type"] in ("closure", "reopening")
    # the bundled samples retell the seed articles: the Karachi raid is told by two of them, one event
    karachi = [f["properties"] for f in attacks if f["properties"]["place_name"] == "Karachi"]
    assert len(karachi) == 1 and karachi[0]["n_sources"] == 2 and karachi[0]["fatalities"] == 5
    assert karachi[0]["date_start"] == "2023-02-17"
    torkham_2023 = [f["properties"] for f in closures if f["properties"]["place_name"] == "Torkham"
                    and f["properties"]["event_type"] == "closure" and f["properties"]["date_start"][:4] == "2023"]
    assert [(p["date_start"], p["n_sources"]) for p in torkham_2023] == [("2023-02-19", 2)]


def test_crossings_layer_has_every_crossing_and_its_timeline(sample_run):
    cwd, _ = sample_run
    crossings = {f["properties"]["crossing_id"]: f for f in _features(cwd / "outputs" / "layers" / "crossings.geojson")}
    assert {"crossing/torkham", "crossing/chaman-spin-boldak", "crossing/taftan-mirjaveh"} <= set(crossings)
    torkham = crossings["crossing/torkham"]["properties"]
    assert {"name", "country_pair", "status_on_last_report", "last_report_date", "timeline"} <= set(torkham)
    assert torkham["status_on_last_report"] == "closed" and torkham["timeline"][-1]["start"] == "2025-10-11"
    starts = [i["start"] for i in torkham["timeline"]]
    assert starts == sorted(starts)
    assert crossings["crossing/taftan-mirjaveh"]["properties"]["timeline"] == []


@pytest.mark.parametrize("args, expected", [
    (["Torkham"], "Torkham on 2025-10-11: closed since 2025-10-11"),
    (["torkham", "--on", "2023-02-21"], "Torkham on 2023-02-21: closed since 2023-02-19"),
    (["Chaman", "--on", "2017-03-07"], "Chaman–Spin Boldak on 2017-03-07: open since 2017-03-06"),
    (["Torkham", "--on", "2020-01-01"], "Torkham on 2020-01-01: unknown"),
    (["Taftan"], "Taftan–Mirjaveh: unknown (no closure or reopening reported"),
])
def test_status_answers_from_a_runs_layers(sample_run, args, expected):
    cwd, _ = sample_run
    proc = geoborder("status", *args, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    assert " ".join(proc.stdout.split()).startswith(expected), proc.stdout


@pytest.mark.parametrize("args, message", [
    (["Nowhere"], "no crossing called 'Nowhere'"),
    (["Torkham", "--on", "2023-13-01"], "not a date in the form YYYY-MM-DD"),
    (["Torkham", "--layers", "missing"], "crossings.geojson: no such layer"),
])
def test_status_errors_name_the_problem(sample_run, args, message):
    cwd, _ = sample_run
    proc = geoborder("status", *args, cwd=cwd)
    assert proc.returncode == 2
    assert message in " ".join(proc.stderr.split())


def test_the_same_input_gives_byte_identical_outputs(sample_run, tmp_path):
    cwd, _ = sample_run
    again = geoborder("run", "--out", tmp_path / "again", cwd=cwd)
    assert again.returncode == 0, again.stderr

    def digest(root: Path):
        return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(root.rglob("*")) if p.is_file()}

    assert digest(cwd / "outputs") == digest(tmp_path / "again")


def test_bad_inputs_are_named_and_the_rest_is_processed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Clashes were reported near Chaman on Sunday.", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"Torkham \xff\xfe closed")
    (corpus / "metadata.json").write_text(json.dumps({"good": {"published": "2024-05-01"},
                                                       "ghost": {"published": "2024-05-02"}}), encoding="utf-8")
    (tmp_path / "more.jsonl").write_text('{"id": "j1", "text": "Taftan reopened."}\nnot json\n', encoding="utf-8")
    proc = geoborder("run", corpus, tmp_path / "more.jsonl", tmp_path / "missing", "--out", tmp_path / "out",
                     cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    err = " ".join(proc.stderr.split())
    assert "empty.txt: the article is empty" in err
    assert "binary.txt: not valid UTF-8" in err
    assert "'ghost'" in err and "metadata.json" in err
    assert "more.jsonl:2" in err and "not valid JSON" in err
    assert "missing: no such file or folder" in err
    assert "articles read: 2" in proc.stdout
    arts = {f["properties"]["article_id"] for f in _features(tmp_path / "out" / "layers" / "mentions.geojson")}
    assert arts == {"good", "j1"}


def test_no_readable_article_is_an_error(tmp_path):
    proc = geoborder("run", tmp_path / "nothing-here", "--out", tmp_path / "out", cwd=tmp_path)
    assert proc.returncode == 1
    assert "nothing-here: no such file or folder" in proc.stderr


def test_unresolved_names_are_listed_for_curation(tmp_path):
    (tmp_path / "a.txt").write_text("Shells hit the Qaziqilla Zorbandi area. Later the Qaziqilla Zorbandi area "
                                    "was evacuated.", encoding="utf-8")
    proc = geoborder("gazetteer", "unresolved", tmp_path / "a.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "2\tQaziqilla Zorbandi\ta:" in proc.stdout
