"""`geoborder export`: GeoJSON, GeoPackage, GeoParquet and the ACLED-style CSV of events."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import shape

from geoborder.errors import InputError
from geoborder.export import FORMATS, export_layers
from geoborder.export.acled import ACLED_COLUMNS, ACLED_FILE
from geoborder.layers.read import LAYER_NAMES

GEOBORDER = str(Path(sys.executable).with_name("geoborder"))
OWN_COLUMNS_REQUIRED = ("event_id", "geoborder_event_type", "status", "date_start", "date_end", "place_id", "actors",
                        "claimed_by", "injured", "fatalities_low", "fatalities_high", "scope", "reason", "n_sources",
                        "source_urls")
CONTRACT_ATTACK_TYPES = ("suicide_bombing", "ied", "armed_assault", "armed_clash", "air_strike", "shelling")
# ACLED Codebook: event types and their sub-event types
ACLED_TAXONOMY = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
TRICKY_SENTENCE = 'Officials said, "the crossing, at Torkham, is shut";\nthe "second" line, too.'


@pytest.fixture
def layers(sample_layers) -> Path:
    return sample_layers


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _events(layers: Path) -> list[dict]:
    return _features(layers / "closures.geojson") + _features(layers / "attacks.geojson")


def _copy_layers(layers: Path, dest: Path) -> Path:
    shutil.copytree(layers, dest)
    return dest


def _rewrite(path: Path, edit) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    edit(doc["features"])
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _csv_rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


def _export(layers: Path, fmt: str, where: Path) -> Path:
    output = where / ("out." + fmt if fmt in ("gpkg", "csv") else fmt)
    export_layers(layers, fmt, output)
    return output


def _tree_bytes(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


# ------------------------------------------------------------------ GeoJSON

def test_geojson_export_writes_every_layer_as_rfc7946_with_the_same_properties(layers, tmp_path):
    written = export_layers(layers, "geojson", tmp_path / "gj")
    assert written == [tmp_path / "gj" / f"{name}.geojson" for name in LAYER_NAMES]
    for name in LAYER_NAMES:
        doc = json.loads((tmp_path / "gj" / f"{name}.geojson").read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection" and "crs" not in doc
        before = _features(layers / f"{name}.geojson")
        assert len(doc["features"]) == len(before)
        for new, old in zip(doc["features"], before):
            assert new["type"] == "Feature"
            assert new["properties"] == old["properties"]  # 5 stays 5, not 5.0; lists stay lists
            assert json.dumps(new["properties"]) == json.dumps(old["properties"])
            if old["geometry"] is None:
                assert new["geometry"] is None
                continue
            geom = shape(new["geometry"])
            assert geom.is_valid and geom.equals(shape(old["geometry"]))
            if name in ("borders", "closures", "attacks", "crossings"):  # all on Pakistan's borders
                x, y = shapely.get_coordinates(geom)[0]
                assert 50 < x < 80 and 20 < y < 40, "longitude first"
            for poly in getattr(geom, "geoms", [geom]):
                if poly.geom_type == "Polygon":
                    assert poly.exterior.is_ccw


def test_geojson_export_writes_the_layers_found_and_refuses_a_folder_with_none(layers, tmp_path):
    partial = _copy_layers(layers, tmp_path / "partial")
    (partial / "mentions.geojson").unlink()
    written = export_layers(partial, "geojson", tmp_path / "out")
    assert [p.name for p in written] == [f"{n}.geojson" for n in LAYER_NAMES if n != "mentions"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="no layers here") as info:
        export_layers(empty, "geojson", tmp_path / "out2")
    assert info.value.path == str(empty)


# ------------------------------------------------------------------ GeoPackage

def test_gpkg_export_has_one_table_per_layer_with_lists_as_json_text(layers, tmp_path):
    path = tmp_path / "export.gpkg"
    assert export_layers(layers, "gpkg", path) == [path]
    assert [name for name, _ in pyogrio.list_layers(path)] == list(LAYER_NAMES)
    for name in LAYER_NAMES:
        table = gpd.read_file(path, layer=name)
        assert len(table) == len(_features(layers / f"{name}.geojson"))
        assert table.crs.to_epsg() == 4326
    attacks = gpd.read_file(path, layer="attacks")
    before = _features(layers / "attacks.geojson")
    assert [json.loads(s) for s in attacks["sources"]] == [f["properties"]["sources"] for f in before]
    assert [json.loads(a) for a in attacks["actors"]] == [f["properties"]["actors"] for f in before]
    fields = dict(zip(*[pyogrio.read_info(path, layer="attacks")[k] for k in ("fields", "dtypes")]))
    assert fields["fatalities"] == "int64" and fields["n_sources"] == "int64"
    timeline = gpd.read_file(path, layer="crossings")["timeline"].map(json.loads).tolist()
    assert timeline == [f["properties"]["timeline"] for f in _features(layers / "crossings.geojson")]


def test_a_failed_gpkg_export_leaves_the_previous_file_and_no_temporary_files(layers, tmp_path, monkeypatch):
    import geoborder.export.files as files

    path = tmp_path / "export.gpkg"
    export_layers(layers, "gpkg", path)
    before = path.read_bytes()
    real, calls = files._for_gpkg, []

    def failing(frame):  # the third table fails half-way through the file
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(frame)

    monkeypatch.setattr(files, "_for_gpkg", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        export_layers(layers, "gpkg", path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.gpkg"]


# ------------------------------------------------------------------ GeoParquet

def test_parquet_export_round_trips_rows_geometry_and_nested_columns(layers, tmp_path):
    written = export_layers(layers, "parquet", tmp_path / "pq")
    assert written == [tmp_path / "pq" / f"{name}.parquet" for name in LAYER_NAMES]
    for name in LAYER_NAMES:
        table = gpd.read_parquet(tmp_path / "pq" / f"{name}.parquet")
        before = _features(layers / f"{name}.geojson")
        assert len(table) == len(before) and table.crs.to_epsg() == 4326
        for geom, feature in zip(table.geometry, before):
            assert (geom is None) == (feature["geometry"] is None)
            assert geom is None or geom.equals(shape(feature["geometry"]))
    attacks = gpd.read_parquet(tmp_path / "pq" / "attacks.parquet")
    before = [f["properties"] for f in _features(layers / "attacks.geojson")]
    assert [json.loads(s) for s in attacks["sources"]] == [p["sources"] for p in before]
    assert [json.loads(s) for s in attacks["claimed_by"]] == [p["claimed_by"] for p in before]
    assert str(attacks["fatalities"].dtype) == "Int64"  # integers with nulls, not floats
    assert [None if v is pd.NA else v for v in attacks["fatalities"]] == [p["fatalities"] for p in before]
    crossings = gpd.read_parquet(tmp_path / "pq" / "crossings.parquet")
    assert [json.loads(t) for t in crossings["timeline"]] == [
        f["properties"]["timeline"] for f in _features(layers / "crossings.geojson")]


# ------------------------------------------------------------------ every format

@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_same_layers_export_to_the_same_bytes_and_leave_no_temporary_files(layers, tmp_path, fmt):
    first = _export(layers, fmt, tmp_path / "a")
    second = _export(layers, fmt, tmp_path / "b")
    assert _tree_bytes(first) == _tree_bytes(second)
    for where in (tmp_path / "a", tmp_path / "b"):
        names = sorted(p.relative_to(where).as_posix() for p in where.rglob("*"))
        assert not [n for n in names if "/." in "/" + n or "partial" in n or n.endswith(".tmp")], names
    again = _export(layers, fmt, tmp_path / "a")  # over the previous export
    assert _tree_bytes(again) == _tree_bytes(second)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_broken_layer_is_an_input_error_naming_the_file(layers, tmp_path, fmt):
    broken = _copy_layers(layers, tmp_path / "broken")
    (broken / "attacks.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    with pytest.raises(InputError) as info:
        _export(broken, fmt, tmp_path / "out")
    assert info.value.path == str(broken / "attacks.geojson")
    assert "attacks.geojson" in str(info.value)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*"))


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_missing_layers_folder_is_an_input_error_naming_it(tmp_path, fmt):
    missing = tmp_path / "no-such-run" / "layers"
    with pytest.raises(InputError, match="no such folder") as info:
        _export(missing, fmt, tmp_path)
    assert info.value.path == str(missing)


def test_an_unknown_format_is_an_input_error_listing_the_formats(layers, tmp_path):
    with pytest.raises(InputError) as info:
        export_layers(layers, "shapefile", tmp_path / "x")
    assert "shapefile" in str(info.value)
    assert "csv, geojson, gpkg, parquet" in str(info.value)
    assert not (tmp_path / "x").exists()


def test_a_folder_format_refuses_a_file_and_a_file_format_a_folder(layers, tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file"):
        export_layers(layers, "parquet", tmp_path / "a-file")
    with pytest.raises(InputError, match="is a folder"):
        export_layers(layers, "csv", tmp_path)


# ------------------------------------------------------------------ ACLED-style CSV

def test_csv_header_opens_with_acled_columns_in_order_then_ours(layers, tmp_path):
    path = tmp_path / "events.csv"
    assert export_layers(layers, "csv", path) == [path]
    header, _ = _csv_rows(path)
    assert header[:12] == ["event_date", "event_type", "sub_event_type", "actor1", "location", "latitude",
                           "longitude", "geo_precision", "time_precision", "fatalities", "source", "notes"]
    assert list(ACLED_COLUMNS) == header[:12]
    assert set(OWN_COLUMNS_REQUIRED) <= set(header[12:])
    raw = path.read_bytes()
    assert b"\r\n" not in raw.replace(b'\r\n"', b"")  # line ends are \n
    raw.decode("utf-8")


def test_csv_has_each_event_once_sorted_by_date_then_id(layers, tmp_path):
    path = tmp_path / "events.csv"
    export_layers(layers, "csv", path)
    _, rows = _csv_rows(path)
    events = _events(layers)
    ids = [r["event_id"] for r in rows]
    assert len(ids) == len(set(ids)) == len(events)
    assert set(ids) == {f["properties"]["event_id"] for f in events}
    assert [(r["event_date"], r["event_id"]) for r in rows] == sorted((r["event_date"], r["event_id"]) for r in rows)


def test_csv_rows_carry_the_events_values_mapped_to_acled(layers, tmp_path):
    path = tmp_path / "events.csv"
    export_layers(layers, "csv", path)
    _, rows = _csv_rows(path)
    mapping = json.loads(ACLED_FILE.read_text(encoding="utf-8"))
    by_id = {r["event_id"]: r for r in rows}
    for feature in _events(layers):
        p, row = feature["properties"], by_id[feature["properties"]["event_id"]]
        acled = mapping["event_types"][p["event_type"]]
        assert (row["event_type"], row["sub_event_type"]) == (acled["event_type"], acled["sub_event_type"])
        assert row["geoborder_event_type"] == p["event_type"]
        assert row["event_date"] == p["date_start"] and row["date_end"] == p["date_end"]
        assert row["time_precision"] == str({"day": 1, "week": 2, "month": 3, "year": 3}[p["date_precision"]])
        assert row["location"] == p["place_name"]
        lon, lat = feature["geometry"]["coordinates"]
        assert (float(row["longitude"]), float(row["latitude"])) == (lon, lat)
        assert row["fatalities"] == ("" if p["fatalities"] is None else str(p["fatalities"]))
        assert row["actors"] == "; ".join(p["actors"])
        assert row["actor1"] == ((p["claimed_by"] or p["actors"] or [""])[0])
        assert row["n_sources"] == str(p["n_sources"])
        assert p["sources"][0]["sentence"] in row["notes"]
        assert row["source"].split("; ")[0] == p["sources"][0]["title"]
        if p["event_type"] in ("closure", "reopening"):
            assert row["event_type"] == "Strategic developments" and row["notes"].startswith("Border ")


def test_csv_keeps_awkward_sentences_and_zero_apart_from_unknown(layers, tmp_path):
    tricky = _copy_layers(layers, tmp_path / "tricky")

    def edit(features):
        first, second = features[0]["properties"], features[1]["properties"]
        first["sources"][0]["sentence"] = TRICKY_SENTENCE
        first.update(fatalities=0, claimed_by=["Group, \"X\""], actors=["soldiers", "Group, \"X\""])
        second.update(fatalities=None)
        features[1]["geometry"] = None

    _rewrite(tricky / "attacks.geojson", edit)
    path = tmp_path / "events.csv"
    export_layers(tricky, "csv", path)
    attacks = [f["properties"] for f in _features(tricky / "attacks.geojson")]
    with path.open(encoding="utf-8", newline="") as fh:
        rows = {r["event_id"]: r for r in csv.DictReader(fh)}
    first, second = rows[attacks[0]["event_id"]], rows[attacks[1]["event_id"]]
    assert first["notes"] == TRICKY_SENTENCE
    assert first["fatalities"] == "0" and first["actor1"] == 'Group, "X"'
    assert first["actors"] == 'soldiers; Group, "X"'
    assert second["fatalities"] == "" and second["latitude"] == "" and second["longitude"] == ""
    # the same through a plain csv.reader on the raw text
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert len(records) == 1 + len(rows)
    assert TRICKY_SENTENCE in [cell for record in records for cell in record]


def test_an_event_type_without_an_acled_mapping_is_an_input_error_naming_the_event(layers, tmp_path):
    odd = _copy_layers(layers, tmp_path / "odd")

    def edit(features):
        features[0]["properties"]["event_type"] = "kidnapping"

    _rewrite(odd / "attacks.geojson", edit)
    with pytest.raises(InputError, match="kidnapping") as info:
        export_layers(odd, "csv", tmp_path / "events.csv")
    assert info.value.path == str(odd / "attacks.geojson")
    assert info.value.record == _features(odd / "attacks.geojson")[0]["properties"]["event_id"]
    assert not (tmp_path / "events.csv").exists()


def test_csv_needs_both_event_layers(layers, tmp_path):
    partial = _copy_layers(layers, tmp_path / "partial")
    (partial / "closures.geojson").unlink()
    with pytest.raises(InputError, match="no such layer") as info:
        export_layers(partial, "csv", tmp_path / "events.csv")
    assert info.value.path == str(partial / "closures.geojson")


def test_the_acled_mapping_covers_every_event_type_with_acled_categories():
    from geoborder.events.lexicon import event_lexicon

    mapping = json.loads(ACLED_FILE.read_text(encoding="utf-8"))
    assert mapping["_about"]
    types = set(CONTRACT_ATTACK_TYPES) | set(event_lexicon().type_priority) | {"closure", "reopening"}
    assert types <= set(mapping["event_types"])
    for ours, acled in mapping["event_types"].items():
        assert acled["sub_event_type"] in ACLED_TAXONOMY[acled["event_type"]], ours
    assert mapping["event_types"]["suicide_bombing"]["sub_event_type"] == "Suicide bomb"
    assert mapping["event_types"]["armed_clash"] == {"event_type": "Battles", "sub_event_type": "Armed clash"}
    assert set(mapping["time_precision"]) == {"day", "week", "month", "year"}
    assert set(mapping["time_precision"].values()) <= {1, 2, 3}
    assert set(mapping["geo_precision"]) == {"1", "2", "3", "4"} and set(mapping["geo_precision"].values()) <= {1, 2, 3}


# ------------------------------------------------------------------ the command line

def test_the_export_command_as_a_user_runs_it(layers, tmp_path):
    out = tmp_path / "events.csv"
    proc = subprocess.run([GEOBORDER, "export", str(layers), "--format", "csv", "-o", str(out)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"written: {out}" in proc.stdout
    header, rows = _csv_rows(out)
    assert header[0] == "event_date" and len(rows) == len(_events(layers))

    bad = subprocess.run([GEOBORDER, "export", str(layers), "--format", "kml", "-o", str(tmp_path / "x.kml")],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    assert "unknown export format" in bad.stderr and "csv, geojson, gpkg, parquet" in bad.stderr
    assert "Traceback" not in bad.stderr and not (tmp_path / "x.kml").exists()
