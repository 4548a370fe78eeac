"""geoborder.layers: RFC 7946 GeoJSON, the GeoPackage, atomic and byte-stable writing."""

from __future__ import annotations

import hashlib
import json

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import LineString, Point, Polygon

from geoborder.layers.build import MENTION_COLUMNS, MentionTally, mentions_frame
from geoborder.layers.write import LayerWriter, geojson_text, write_geojson
from geoborder.records import Mention

CLOCKWISE_SQUARE = Polygon([(66, 30), (66, 31), (67, 31), (67, 30)])


def frame(rows, geoms, crs="EPSG:4326"):
    return gpd.GeoDataFrame(rows, geometry=geoms, crs=crs)


def features(text: str) -> list[dict]:
    doc = json.loads(text)
    assert doc["type"] == "FeatureCollection"
    return doc["features"]


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder) -> dict[str, str]:
    """Every file under a folder (hidden ones included) with its hash."""
    return {str(p.relative_to(folder)): sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def mentions():
    return frame({"article_id": ["a1", "a1", "a2"], "text": ["Torkham", "Quetta", "Zorbandi"],
                  "flags": [["gazetteer_conflict"], [], []], "n": [1, 2, 3]},
                 [Point(71.0955, 34.1125), Point(66.99, 30.18), None])


# -- geojson_text --------------------------------------------------------------------------

def test_geojson_has_no_crs_member(mentions):
    doc = json.loads(geojson_text(mentions))
    assert set(doc) == {"type", "features"}
    assert "crs" not in geojson_text(mentions)


def test_longitude_comes_before_latitude(mentions):
    [torkham, quetta, _] = features(geojson_text(mentions))
    assert torkham["geometry"] == {"type": "Point", "coordinates": [71.0955, 34.1125]}
    assert quetta["geometry"]["coordinates"] == [66.99, 30.18]


def test_other_crs_is_reprojected_to_wgs84_lon_lat():
    web_mercator = frame({"name": ["x"]}, [Point(71.0955, 34.1125)]).to_crs(3857)
    [feat] = features(geojson_text(web_mercator))
    assert feat["geometry"]["coordinates"] == [71.0955, 34.1125]


def test_polygon_exterior_ring_is_counter_clockwise():
    assert not CLOCKWISE_SQUARE.exterior.is_ccw
    [feat] = features(geojson_text(frame({"name": ["sq"]}, [CLOCKWISE_SQUARE])))
    ring = feat["geometry"]["coordinates"][0]
    assert Polygon(ring).exterior.is_ccw
    assert ring[0] == ring[-1]


def test_polygon_hole_is_clockwise():
    hole = [(66.2, 30.2), (66.8, 30.2), (66.8, 30.8), (66.2, 30.8)]  # counter-clockwise on input
    poly = Polygon([(66, 30), (66, 31), (67, 31), (67, 30)], [hole])
    [feat] = features(geojson_text(frame({"name": ["holed"]}, [poly])))
    exterior, interior = feat["geometry"]["coordinates"]
    assert Polygon(exterior).exterior.is_ccw
    assert not Polygon(interior).exterior.is_ccw


def test_coordinates_are_rounded_to_six_decimals():
    [feat] = features(geojson_text(frame({"name": ["p"]}, [Point(66.123456789, 30.987654321)])))
    assert feat["geometry"]["coordinates"] == [66.123457, 30.987654]


def test_line_coordinates_are_rounded_too():
    line = LineString([(70.00000049, 30.1234564), (71.1, 31.9999996)])
    [feat] = features(geojson_text(frame({"name": ["l"]}, [line])))
    assert feat["geometry"]["coordinates"] == [[70.0, 30.123456], [71.1, 32.0]]


def test_null_geometry_is_allowed(mentions):
    zorbandi = features(geojson_text(mentions))[2]
    assert zorbandi["geometry"] is None
    assert zorbandi["properties"]["text"] == "Zorbandi"


def test_lists_stay_json_arrays_and_numbers_stay_numbers(mentions):
    props = [f["properties"] for f in features(geojson_text(mentions))]
    assert [p["flags"] for p in props] == [["gazetteer_conflict"], [], []]
    assert [p["n"] for p in props] == [1, 2, 3]
    assert all(type(p["n"]) is int for p in props)


def test_nested_objects_stay_objects():
    sources = [[{"article_id": "a1", "start": 3, "end": 10}]]
    [feat] = features(geojson_text(frame({"sources": sources}, [Point(66, 30)])))
    assert feat["properties"]["sources"] == [{"article_id": "a1", "start": 3, "end": 10}]


def test_nan_becomes_null():
    gdf = frame({"fatalities": [float("nan"), 4.0], "name": ["a", None]}, [Point(66, 30), Point(67, 31)])
    props = [f["properties"] for f in features(geojson_text(gdf))]
    assert props == [{"fatalities": None, "name": "a"}, {"fatalities": 4.0, "name": None}]
    assert "NaN" not in geojson_text(gdf)


def test_properties_keep_column_order_and_unicode(mentions):
    gdf = frame({"z": [1], "name": ["Muzaffar\u0101b\u0101d"], "a": [2]}, [Point(73.47, 34.37)])
    text = geojson_text(gdf)
    assert '"properties":{"z":1,"name":"Muzaffar\u0101b\u0101d","a":2}' in text


def test_one_feature_a_line_and_empty_collection():
    gdf = frame({"name": ["a", "b"]}, [Point(66, 30), Point(67, 31)])
    assert len(geojson_text(gdf).splitlines()) == 4
    empty = geojson_text(gdf.iloc[0:0])
    assert json.loads(empty) == {"type": "FeatureCollection", "features": []}


def test_mentions_frame_has_the_contract_columns_and_crs():
    m = Mention("a1", "Torkham", 10, 17, place_id="crossing/torkham", place_name="Torkham", kind="crossing",
                resolution="gazetteer", flags=["gazetteer_conflict"], geometry=Point(71.0955, 34.1125))
    gdf = mentions_frame([m])
    assert list(gdf.columns) == [*MENTION_COLUMNS, "geometry"]
    assert gdf.crs.to_epsg() == 4326
    [feat] = features(geojson_text(gdf))
    assert feat["properties"] == {"article_id": "a1", "text": "Torkham", "start": 10, "end": 17,
                                  "place_id": "crossing/torkham", "place_name": "Torkham", "kind": "crossing",
                                  "resolution": "gazetteer", "flags": ["gazetteer_conflict"]}


def test_mention_tally_counts_resolved_mentions():
    tally = MentionTally()
    tally.add([Mention("a", "X", 0, 1, place_id="town/x"), Mention("a", "Y", 2, 3),
               Mention("b", "X", 0, 1, place_id="town/x"),
               Mention("b", "Z", 4, 5, place_id="geocoder:Z", resolution="geocoder")])
    assert dict(tally.counts) == {"town/x": 2, "geocoder:Z": 1}
    assert list(tally.outside) == ["geocoder:Z"]


# -- single-file writers ----------------------------------------------------------------------

def test_write_geojson_is_atomic_and_leaves_no_temporary_file(tmp_path, mentions):
    path = tmp_path / "layers" / "mentions.geojson"
    write_geojson(mentions, path)
    assert path.read_text(encoding="utf-8") == geojson_text(mentions)
    assert [p.name for p in path.parent.iterdir()] == ["mentions.geojson"]


def write_run(out_dir, mentions):
    with LayerWriter(out_dir) as out:
        out.append("mentions", mentions.iloc[0:0])
        out.append("mentions", mentions.iloc[:2])
        out.append("mentions", mentions.iloc[2:])
        out.append("places", mentions.iloc[0:0])


def test_writer_writes_layers_and_geopackage(tmp_path, mentions):
    write_run(tmp_path, mentions)
    assert sorted(p.name for p in (tmp_path / "layers").iterdir()) == ["mentions.geojson", "places.geojson"]
    assert (tmp_path / "geoborder.gpkg").is_file()
    streamed = (tmp_path / "layers" / "mentions.geojson").read_text(encoding="utf-8")
    assert streamed == geojson_text(mentions)


def test_writer_leaves_no_partial_files(tmp_path, mentions):
    write_run(tmp_path, mentions)
    names = [p.name for p in tmp_path.rglob("*")]
    assert not [n for n in names if "partial" in n or n.endswith(".tmp")], names
    assert sorted(names) == ["geoborder.gpkg", "layers", "mentions.geojson", "places.geojson"]


def test_nothing_appears_before_commit(tmp_path, mentions):
    with LayerWriter(tmp_path) as out:
        out.append("mentions", mentions)
        assert not (tmp_path / "layers" / "mentions.geojson").exists()
        assert not (tmp_path / "geoborder.gpkg").exists()
    assert (tmp_path / "layers" / "mentions.geojson").exists()


def test_empty_layer_is_present_in_geojson_and_geopackage(tmp_path, mentions):
    write_run(tmp_path, mentions)
    assert features((tmp_path / "layers" / "places.geojson").read_text(encoding="utf-8")) == []
    assert sorted(name for name, _ in pyogrio.list_layers(tmp_path / "geoborder.gpkg")) == ["mentions", "places"]
    places = gpd.read_file(tmp_path / "geoborder.gpkg", layer="places")
    assert len(places) == 0
    assert {"article_id", "text", "flags"} <= set(places.columns)


def test_only_empty_layers_still_make_a_geopackage(tmp_path, mentions):
    with LayerWriter(tmp_path) as out:
        out.append("mentions", mentions.iloc[0:0])
    assert [name for name, _ in pyogrio.list_layers(tmp_path / "geoborder.gpkg")] == ["mentions"]


def test_exception_inside_with_leaves_previous_outputs_untouched(tmp_path, mentions):
    write_run(tmp_path, mentions)
    before = snapshot(tmp_path)
    with pytest.raises(RuntimeError, match="boom"):
        with LayerWriter(tmp_path) as out:
            out.append("mentions", mentions.iloc[:1])
            out.append("attacks", mentions)
            raise RuntimeError("boom")
    assert snapshot(tmp_path) == before


def test_exception_on_a_first_run_leaves_nothing(tmp_path, mentions):
    with pytest.raises(RuntimeError):
        with LayerWriter(tmp_path) as out:
            out.append("mentions", mentions)
            raise RuntimeError("boom")
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == []


def test_stale_partial_geopackage_is_removed(tmp_path, mentions):
    (tmp_path / ".partial.geoborder.gpkg").write_bytes(b"left by a killed run")
    write_run(tmp_path, mentions)
    assert not (tmp_path / ".partial.geoborder.gpkg").exists()
    assert len(gpd.read_file(tmp_path / "geoborder.gpkg", layer="mentions")) == 3


def test_same_frames_twice_give_byte_identical_files(tmp_path, mentions):
    write_run(tmp_path / "one", mentions)
    first = snapshot(tmp_path / "one")
    write_run(tmp_path / "one", mentions)
    write_run(tmp_path / "two", mentions)
    assert snapshot(tmp_path / "one") == first
    assert snapshot(tmp_path / "two") == first
    assert set(first) == {"geoborder.gpkg", "layers/mentions.geojson", "layers/places.geojson"}


def test_geopackage_stores_lists_as_json_text(tmp_path, mentions):
    write_run(tmp_path, mentions)
    back = gpd.read_file(tmp_path / "geoborder.gpkg", layer="mentions")
    assert back["flags"].tolist() == ['["gazetteer_conflict"]', "[]", "[]"]
    assert [json.loads(v) for v in back["flags"]] == [["gazetteer_conflict"], [], []]


def test_every_layer_reads_back_in_epsg_4326(tmp_path, mentions):
    write_run(tmp_path, mentions)
    for name in ("mentions", "places"):
        from_gpkg = gpd.read_file(tmp_path / "geoborder.gpkg", layer=name)
        from_geojson = gpd.read_file(tmp_path / "layers" / f"{name}.geojson")
        assert from_gpkg.crs.to_epsg() == 4326
        assert from_geojson.crs.to_epsg() == 4326
    back = gpd.read_file(tmp_path / "geoborder.gpkg", layer="mentions")
    assert back.geometry.iloc[0].equals(Point(71.0955, 34.1125))
    assert back.geometry.iloc[2] is None
    assert back["text"].tolist() == ["Torkham", "Quetta", "Zorbandi"]


def test_geojson_layer_reads_back_with_its_values(tmp_path, mentions):
    write_run(tmp_path, mentions)
    back = gpd.read_file(tmp_path / "layers" / "mentions.geojson")
    assert back["article_id"].tolist() == ["a1", "a1", "a2"]
    assert back.geometry.iloc[1].equals(Point(66.99, 30.18))


def test_geopackage_timestamps_are_pinned(tmp_path, mentions):
    # byte-identical across runs only if GDAL's 'last_change' does not follow the clock
    import sqlite3

    write_run(tmp_path, mentions)
    with sqlite3.connect(tmp_path / "geoborder.gpkg") as db:
        stamps = db.execute("SELECT table_name, last_change FROM gpkg_contents ORDER BY table_name").fetchall()
    db.close()
    assert stamps == [("mentions", "2000-01-01T00:00:00Z"), ("places", "2000-01-01T00:00:00Z")]
