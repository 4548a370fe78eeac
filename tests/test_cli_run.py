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
    for name in ("mentions", "places", "borders", "regions"):
        assert (layers / f"{name}.geojson").is_file()
    assert (cwd / "outputs" / "geoborder.gpkg").is_file()
    assert not list((cwd / "outputs").rglob("*partial*"))


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
