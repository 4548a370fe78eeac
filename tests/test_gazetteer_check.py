"""geoborder.gazetteer.check: every problem of a gazetteer entry named with its file and id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoborder.gazetteer.check import check_entries, check_gazetteer
from geoborder.gazetteer.model import GAZETTEER_FILES

BORDER_LINE = [[70.0, 30.0], [71.0, 31.0]]


def point(lon, lat):
    return {"type": "Point", "coordinates": [lon, lat]}


def feature(geometry=None, **props):
    return {"type": "Feature", "properties": props, "geometry": geometry or point(66.0, 30.0)}


def town(pid, name, lon=66.0, lat=30.0, **props):
    return feature(point(lon, lat), id=pid, name=name, kind="town", source="test", **props)


def border(pid="border/x"):
    return feature({"type": "LineString", "coordinates": BORDER_LINE},
                   id=pid, name="X line", kind="border", source="test")


def crossing(pid, lon=70.5, lat=30.5, **props):
    props.setdefault("border", "border/x")
    props.setdefault("sides", {"PAK": "Here", "AFG": "There"})
    return feature(point(lon, lat), id=pid, name=pid.split("/")[1].title(), kind="crossing", source="test", **props)


def write_gazetteer(folder: Path, **files) -> Path:
    """Write {name: [features]} as FeatureCollections; a str value is written as is."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, features in files.items():
        assert name in GAZETTEER_FILES
        text = features if isinstance(features, str) else json.dumps(
            {"type": "FeatureCollection", "features": features})
        (folder / f"{name}.geojson").write_text(text, encoding="utf-8")
    return folder


def errors_of(folder: Path) -> list[str]:
    return [f.line() for f in check_gazetteer(folder) if f.level == "error"]


def only_error(folder: Path) -> str:
    errors = errors_of(folder)
    assert len(errors) == 1, errors
    return errors[0]


# -- a clean gazetteer -----------------------------------------------------------------

def test_clean_gazetteer_has_no_findings(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/a", "Alpha")], borders=[border()],
                             crossings=[crossing("crossing/c")])
    assert check_gazetteer(folder) == []


def test_empty_folder_is_one_error(tmp_path):
    [finding] = check_gazetteer(tmp_path)
    assert finding.level == "error" and finding.file == str(tmp_path)
    assert "no gazetteer files" in finding.problem


# -- schema ------------------------------------------------------------------------------

def test_missing_id(tmp_path):
    folder = write_gazetteer(tmp_path, places=[feature(name="Nameless id", kind="town", source="t")])
    assert only_error(folder) == f"error: {folder / 'places.geojson'}: missing or empty 'id'"


@pytest.mark.parametrize("key", ["name", "source"])
def test_missing_name_or_source(tmp_path, key):
    props = {"id": "town/a", "name": "Alpha", "kind": "town", "source": "t"}
    del props[key]
    folder = write_gazetteer(tmp_path, places=[feature(**props)])
    assert only_error(folder) == f"error: {folder / 'places.geojson'} [town/a]: missing or empty '{key}'"


def test_empty_name_is_missing(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/a", "  ")])
    assert only_error(folder) == f"error: {folder / 'places.geojson'} [town/a]: missing or empty 'name'"


def test_missing_kind_alone(tmp_path):
    folder = write_gazetteer(tmp_path, places=[feature(id="town/a", name="Alpha", source="t")])
    errors = errors_of(folder)
    assert f"error: {folder / 'places.geojson'} [town/a]: missing or empty 'kind'" in errors


def test_missing_kind_beside_other_entries(tmp_path):
    folder = write_gazetteer(tmp_path, places=[feature(id="town/a", name="Alpha", source="t"),
                                               town("town/b", "Beta")])
    assert f"error: {folder / 'places.geojson'} [town/a]: missing or empty 'kind'" in errors_of(folder)


def test_unknown_kind(tmp_path):
    folder = write_gazetteer(tmp_path, places=[feature(id="town/a", name="Alpha", kind="hamlet", source="t")])
    line = only_error(folder)
    assert line.startswith(f"error: {folder / 'places.geojson'} [town/a]: kind 'hamlet' is not one of ")


def test_feature_without_properties(tmp_path):
    folder = write_gazetteer(tmp_path, places=[{"type": "Feature", "geometry": point(66, 30)}])
    assert only_error(folder) == f"error: {folder / 'places.geojson'}: feature has no properties object"


def test_duplicate_id_across_files(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/a", "Alpha")],
                             crossings=[town("town/a", "Alpha Two", lon=67.0)])
    assert only_error(folder) == (f"error: {folder / 'crossings.geojson'} [town/a]: "
                                  f"duplicate id (also in {folder / 'places.geojson'})")


def test_aliases_not_a_list(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/a", "Alpha", aliases="Alfa")])
    assert only_error(folder) == (f"error: {folder / 'places.geojson'} [town/a]: "
                                  "'aliases' must be a list of non-empty strings")


def test_aliases_with_an_empty_string(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/a", "Alpha", aliases=["Alfa", ""])])
    assert "'aliases' must be a list of non-empty strings" in only_error(folder)


def test_bad_coord_confidence(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/a", "Alpha", coord_confidence="sure")])
    assert only_error(folder) == (f"error: {folder / 'places.geojson'} [town/a]: "
                                  "coord_confidence 'sure' is not high, medium or low")


# -- geometry ------------------------------------------------------------------------------

def test_self_intersecting_polygon(tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[66, 30], [67, 31], [67, 30], [66, 31], [66, 30]]]}
    folder = write_gazetteer(tmp_path, places=[feature(bowtie, id="district/bow", name="Bow", kind="district",
                                                       source="t")])
    line = only_error(folder)
    assert line.startswith(f"error: {folder / 'places.geojson'} [district/bow]: invalid geometry: Self-intersection")


def test_geometry_that_is_not_geojson(tmp_path):
    folder = write_gazetteer(tmp_path, places=[feature({"type": "Blob", "coordinates": [1, 2]},
                                                       id="town/a", name="Alpha", kind="town", source="t")])
    line = only_error(folder)
    assert line.startswith(f"error: {folder / 'places.geojson'} [town/a]: geometry is not valid GeoJSON")


def test_swapped_lon_lat_is_outside_the_region(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/quetta", "Quetta", lon=30.18, lat=66.99)])
    line = only_error(folder)
    assert line.startswith(f"error: {folder / 'places.geojson'} [town/quetta]: lies at (30.180, 66.990), "
                           "outside the region")
    assert "swapped longitude and latitude?" in line


def test_country_may_lie_outside_the_region(tmp_path):
    folder = write_gazetteer(tmp_path, countries=[feature(point(-98.0, 39.0), id="country/usa", name="USA",
                                                          kind="country", source="t")])
    assert errors_of(folder) == []


def test_coordinates_out_of_range(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/a", "Alpha", lon=200.0, lat=30.0)])
    line = only_error(folder)
    assert line.startswith(f"error: {folder / 'places.geojson'} [town/a]: coordinates out of range")
    assert "GeoJSON puts longitude first" in line


# -- crossings -----------------------------------------------------------------------------

def test_crossing_on_a_border_that_does_not_exist(tmp_path):
    folder = write_gazetteer(tmp_path, borders=[border()], crossings=[crossing("crossing/c", border="border/nope")])
    assert only_error(folder) == (f"error: {folder / 'crossings.geojson'} [crossing/c]: "
                                  "'border' is 'border/nope', not the id of a border line")


def test_crossing_20_km_from_its_border_line(tmp_path):
    # 0.13 degrees east and 0.13 south of the line's midpoint: about 18-20 km away at 30.5 N
    folder = write_gazetteer(tmp_path, borders=[border()], crossings=[crossing("crossing/far", lon=70.63, lat=30.37)])
    line = only_error(folder)
    assert line.startswith(f"error: {folder / 'crossings.geojson'} [crossing/far]: ")
    assert "km from its border line border/x (at most 5 km)" in line
    km = float(line.split("]: ")[1].split(" km")[0])
    assert 17.0 < km < 21.0


def test_crossing_3_km_from_its_border_line_is_accepted(tmp_path):
    folder = write_gazetteer(tmp_path, borders=[border()], crossings=[crossing("crossing/near", lon=70.52, lat=30.48)])
    assert errors_of(folder) == []


def test_crossing_without_sides(tmp_path):
    c = crossing("crossing/c")
    del c["properties"]["sides"]
    folder = write_gazetteer(tmp_path, borders=[border()], crossings=[c])
    assert only_error(folder) == (f"error: {folder / 'crossings.geojson'} [crossing/c]: "
                                  "'sides' must name the town on each of the two sides")


def test_crossing_with_one_side(tmp_path):
    folder = write_gazetteer(tmp_path, borders=[border()], crossings=[crossing("crossing/c", sides={"PAK": "Here"})])
    assert "'sides' must name the town on each of the two sides" in only_error(folder)


# -- names shared between entries -------------------------------------------------------

def test_undeclared_alias_clash_between_two_towns(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/mirpur-a", "Mirpur"),
                                               town("town/mirpur-b", "Mir Pur", lon=67.0, aliases=["Mirpur"])])
    line = only_error(folder)
    assert line.startswith(f"error: {folder / 'places.geojson'} [town/mirpur-")
    assert "is shared with town/mirpur-" in line and "(same kind 'town')" in line


def test_clash_by_spelling_variant_is_found(tmp_path):
    # 'Landi Kotal' and 'Landikotal' are the same lookup name
    folder = write_gazetteer(tmp_path, places=[town("town/lk1", "Landi Kotal"), town("town/lk2", "Landikotal")])
    assert "is shared with" in only_error(folder)


def test_declared_ambiguous_alias_on_both_is_accepted(tmp_path):
    folder = write_gazetteer(tmp_path, places=[
        town("town/kala-a", "Kala", ambiguous_aliases=["Kala"]),
        town("town/kala-b", "Kala Town", lon=67.0, aliases=["Kala"], ambiguous_aliases=["Kala"])])
    assert check_gazetteer(folder) == []


def test_ambiguous_alias_declared_on_one_only_is_a_clash(tmp_path):
    folder = write_gazetteer(tmp_path, places=[
        town("town/kala-a", "Kala", ambiguous_aliases=["Kala"]),
        town("town/kala-b", "Kala Town", lon=67.0, aliases=["Kala"])])
    assert "is shared with" in only_error(folder)


def test_same_name_of_different_kinds_is_accepted(tmp_path):
    folder = write_gazetteer(tmp_path, places=[
        town("town/khyber", "Khyber"),
        feature(point(71.0, 34.0), id="district/khyber", name="Khyber", kind="district", source="t")])
    assert errors_of(folder) == []


def test_ambiguous_alias_that_is_not_a_name_of_the_entry(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/a", "Alpha", aliases=["Alfa"],
                                                    ambiguous_aliases=["Beta"])])
    assert only_error(folder) == (f"error: {folder / 'places.geojson'} [town/a]: "
                                  "ambiguous_aliases not among the names: ['Beta']")


# -- files -----------------------------------------------------------------------------------

def test_malformed_json_file_is_reported_not_raised(tmp_path):
    folder = write_gazetteer(tmp_path, places='{"type": "FeatureCollection", "features": [\n  {oops}\n]}',
                             borders=[border()])
    findings = check_gazetteer(folder)
    assert [f.line() for f in findings] == [
        f"error: {folder / 'places.geojson'}: not valid JSON: Expecting property name enclosed in double quotes "
        "(line 2)"]


def test_file_that_is_not_a_feature_collection(tmp_path):
    folder = write_gazetteer(tmp_path, places='{"type": "Feature"}')
    assert only_error(folder) == f"error: {folder / 'places.geojson'}: not a GeoJSON FeatureCollection"


def test_entries_of_other_files_are_still_checked_when_one_file_is_broken(tmp_path):
    folder = write_gazetteer(tmp_path, places="not json at all",
                             crossings=[crossing("crossing/c", border="border/nope")])
    errors = errors_of(folder)
    assert len(errors) == 2
    assert any(e.startswith(f"error: {folder / 'places.geojson'}: not valid JSON") for e in errors)
    assert any(e.startswith(f"error: {folder / 'crossings.geojson'} [crossing/c]: 'border' is") for e in errors)


def test_unknown_admin_is_a_warning_not_an_error(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/a", "Alpha", admin="district/nowhere")])
    [finding] = check_gazetteer(folder)
    assert finding.level == "warning"
    assert finding.line() == (f"warning: {folder / 'places.geojson'} [town/a]: "
                              "admin 'district/nowhere' is not an entry of the gazetteer")


def test_errors_come_before_warnings(tmp_path):
    folder = write_gazetteer(tmp_path, places=[town("town/a", "Alpha", admin="district/nowhere"),
                                               town("town/z", "Zulu", lon=200.0)])
    assert [f.level for f in check_gazetteer(folder)] == ["error", "warning"]


def test_check_entries_takes_file_and_feature_pairs():
    findings = check_entries([(Path("places.geojson"), town("town/a", "Alpha", aliases="Alfa"))])
    assert [f.line() for f in findings] == [
        "error: places.geojson [town/a]: 'aliases' must be a list of non-empty strings"]


# -- the repository's own gazetteer ----------------------------------------------------------

def test_repository_gazetteer_has_no_errors():
    from geoborder.resources import gazetteer_dir

    folder = gazetteer_dir()
    if not (folder / "places.geojson").exists():
        pytest.skip("the curated gazetteer has no places.geojson yet")
    assert errors_of(folder) == []


# -- the command line -------------------------------------------------------------------------

def test_cli_check_of_a_bad_folder_exits_1_and_names_file_and_entry(tmp_path):
    from typer.testing import CliRunner

    from geoborder.cli import app

    folder = write_gazetteer(tmp_path / "bad", places=[town("town/swapped", "Swapped", lon=30.0, lat=66.0)])
    result = CliRunner().invoke(app, ["gazetteer", "check", "--dir", str(folder)])
    assert result.exit_code == 1
    assert f"error: {folder / 'places.geojson'} [town/swapped]: lies at (30.000, 66.000)" in result.output
    assert "1 files checked: 1 errors, 0 warnings" in result.output


def test_cli_check_of_a_good_folder_exits_0(tmp_path):
    from typer.testing import CliRunner

    from geoborder.cli import app

    folder = write_gazetteer(tmp_path / "good", places=[town("town/a", "Alpha")], borders=[border()])
    result = CliRunner().invoke(app, ["gazetteer", "check", "--dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert "2 files checked: 0 errors, 0 warnings" in result.output
