"""geoborder.map without a browser: the page's data, the HTML it writes, its options and errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import folium
import pytest
from shapely.geometry import Point, shape

from geoborder.errors import GeoborderError, InputError
from geoborder.map.assets import INSTALLED, asset_text
from geoborder.map.build import MAP_LAYERS, event_map, map_from_data, write_map, write_map_from_layers
from geoborder.map.data import BLOCK, data_bounds, pack, page_data, unpack

GEOBORDER = str(Path(sys.executable).with_name("geoborder"))
PAYLOAD = "A bomb hit Quetta </script><script>alert(1)</script> <img src=x onerror=alert(2)> ${alert(3)} `x` \\"


@pytest.fixture
def layers(sample_layers) -> Path:
    return sample_layers


def read(layers: Path, name: str) -> list[dict]:
    return json.loads((layers / f"{name}.geojson").read_text(encoding="utf-8"))["features"]


def event(i: int, sentence: str = "Militants attacked a checkpoint.", geometry=None) -> dict:
    return {"type": "Feature", "geometry": geometry if geometry is not None else
            {"type": "Point", "coordinates": [66.0 + i / 1000, 30.0]},
            "properties": {"event_id": f"ev-{i}", "event_type": "armed_assault", "status": "reported",
                           "date_start": "2023-02-19", "date_end": "2023-02-19", "fatalities": 2,
                           "sources": [{"article_id": "a", "title": "T", "url": "https://example.org/a",
                                        "published": "2023-02-20", "sentence": sentence, "start": 0, "end": 5}]}}


def test_page_data_keeps_every_feature_with_its_point_latitude_first(layers):
    data = page_data({name: read(layers, name) for name in MAP_LAYERS})
    for name in ("closures", "attacks", "crossings", "mentions"):
        features = read(layers, name)
        assert len(data[name]) == len(features), name
        for record, feature in zip(data[name], features):
            if feature["geometry"] is None:
                assert record["at"] is None
            elif feature["geometry"]["type"] == "Point":
                lon, lat = feature["geometry"]["coordinates"]
                assert record["at"] == [round(lat, 5), round(lon, 5)]
            else:  # a border or province mention: a point on or inside its shape
                assert shape(feature["geometry"]).buffer(1e-4).contains(Point(record["at"][1], record["at"][0]))
    source = data["attacks"][0]["sources"][0]
    assert source["sentence"] == read(layers, "attacks")[0]["properties"]["sources"][0]["sentence"]
    assert len(data["regions"]) == len(read(layers, "regions")) and all(r["shape"] for r in data["regions"])


def test_packing_round_trips_and_leaves_only_base64_in_the_page():
    records = page_data({"attacks": [event(i, PAYLOAD if i == 7 else f"sentence {i}") for i in range(BLOCK * 2 + 5)]})
    packed = pack(records)
    assert len(packed.blocks["attacks"]) == 3  # details in blocks of BLOCK records
    assert unpack(packed) == records
    for text in [packed.index, *packed.blocks["attacks"]]:
        assert re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", text)
    assert "sentence 3" not in json.dumps(unpack(type(packed)(packed.index, {}))["attacks"][3])  # not in the index


def test_packing_is_byte_stable():
    records = page_data({"attacks": [event(i) for i in range(50)]})
    assert pack(records) == pack(records)


def test_bounds_fit_the_events_and_crossings():
    data = page_data({"attacks": [event(0), event(500)], "crossings": []})
    assert data_bounds(data) == [[30.0, 66.0], [30.0, 66.5]]
    assert data_bounds(page_data({})) is None


def test_the_html_is_the_same_for_the_same_layers(layers, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_map_from_layers(layers, a)
    write_map_from_layers(layers, b)
    assert a.read_bytes() == b.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html"]  # no temporary file left behind


def test_article_text_never_appears_in_the_page_as_markup(tmp_path):
    data = page_data({"attacks": [event(1, PAYLOAD)]})
    html = map_from_data(data, tiles="none").get_root().render()
    assert "alert(" not in html and "onerror" not in html and "${" not in html


def test_the_default_map_links_leaflet_and_the_cluster_plugin_from_their_cdn(layers):
    html = event_map(layers).get_root().render()
    linked = set(re.findall(r'<script src="([^"]+)"', html)) | set(re.findall(r'<link [^>]*href="([^"]+)"', html))
    assert linked == set(INSTALLED)  # no jQuery, Bootstrap or icon fonts
    assert "tile.openstreetmap.org" in html


def test_the_self_contained_map_inlines_every_script_and_style(layers):
    html = event_map(layers, tiles="none", self_contained=True).get_root().render()
    assert "<script src=" not in html and "<link " not in html
    assert asset_text(next(u for u in INSTALLED if u.endswith("leaflet.js")))[:200] in html
    assert not re.search(r"""url\((?!["']?(data:|#default#VML))""", html)  # images are data URIs
    assert "tile.openstreetmap.org" not in html


@pytest.mark.parametrize("tiles, present, absent", [
    ("none", None, "L.tileLayer"),
    ("openstreetmap", "tile.openstreetmap.org", None),
    ("https://tiles.example.org/{z}/{x}/{y}.png", "tiles.example.org/{z}/{x}/{y}.png", "openstreetmap"),
    ("OpenStreetMap.HOT", "tile.openstreetmap.fr", None),
])
def test_tiles(layers, tiles, present, absent):
    html = event_map(layers, tiles=tiles).get_root().render()
    if present:
        assert present in html
    if absent:
        assert absent not in html


@pytest.mark.parametrize("tiles", ["no-such-provider", "ftp://x/{z}/{x}/{y}.png"])
def test_unknown_tiles_are_an_error_that_says_what_is_allowed(layers, tiles):
    with pytest.raises(GeoborderError, match="tile"):
        event_map(layers, tiles=tiles)


def test_a_missing_layer_is_an_error_naming_its_file(layers, tmp_path):
    for name in MAP_LAYERS:
        (tmp_path / f"{name}.geojson").write_bytes((layers / f"{name}.geojson").read_bytes())
    (tmp_path / "attacks.geojson").unlink()
    with pytest.raises(InputError, match=r"attacks\.geojson: no such layer"):
        event_map(tmp_path)
    (tmp_path / "attacks.geojson").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"attacks\.geojson: not readable as GeoJSON"):
        event_map(tmp_path)


def test_an_asset_no_package_provides_is_refused():
    with pytest.raises(GeoborderError, match="no installed package provides"):
        asset_text("https://cdn.example.org/leaflet-heat.js")


def test_the_notebook_api_returns_a_folium_map_that_renders_inline(layers):
    from geoborder.api import event_map as api_event_map

    m = api_event_map(layers, tiles="none")
    assert isinstance(m, folium.Map)
    assert "<iframe" in m._repr_html_() and "&lt;script src=" in m._repr_html_()
    inline = api_event_map(layers, tiles="none", self_contained=True)._repr_html_()
    assert "&lt;script src=" not in inline and "L.markerClusterGroup" in inline  # a notebook offline draws it too


def test_write_map_creates_the_folder_and_replaces_atomically(layers, tmp_path):
    target = tmp_path / "new" / "map.html"
    write_map(event_map(layers, tiles="none"), target)
    first = target.read_bytes()
    write_map(event_map(layers, tiles="none"), target)
    assert target.read_bytes() == first
    assert [p.name for p in target.parent.iterdir()] == ["map.html"]


def test_the_map_command(layers, tmp_path):
    out = tmp_path / "m.html"
    proc = subprocess.run([GEOBORDER, "map", layers, "-o", out, "--self-contained", "--tiles", "none"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert f"map written to {out}" in proc.stdout and out.stat().st_size > 100_000
    proc = subprocess.run([GEOBORDER, "map", tmp_path / "nowhere", "-o", out], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 2
    assert "nowhere/closures.geojson: no such layer" in proc.stderr
    proc = subprocess.run([GEOBORDER, "map", layers, "-o", out, "--tiles", "bogus"], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 2 and "unknown tiles 'bogus'" in proc.stderr
