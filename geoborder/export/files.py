"""Layers as GIS files: a folder of GeoJSON, one GeoPackage, a folder of GeoParquet.

>>> import geopandas as gpd, tempfile
>>> from shapely.geometry import Point
>>> frames = {"places": gpd.GeoDataFrame({"place_id": ["crossing/torkham"], "aliases": [["Torkham Border"]]},
...                                      geometry=[Point(71.09, 34.12)], crs="EPSG:4326")}
>>> out = Path(tempfile.mkdtemp())
>>> [p.name for p in write_parquet_folder(frames, out)]
['places.parquet']
>>> gpd.read_parquet(out / "places.parquet").loc[0, "aliases"]
'["Torkham Border"]'

Every file is written under a temporary name beside its final one, then
renamed, and the same layers give the same bytes.

GeoJSON is RFC 7946 (WGS 84, lon/lat, no ``crs`` member, counter-clockwise
outer rings), written by the run's own writer: same key order, coordinate
precision and one feature a line.  GEOS may start a polygon's ring at another
vertex when it snaps the coordinates again, so a re-exported polygon can
differ in bytes from the run's file while being the same geometry.

GeoPackage: one table per layer; list and object columns (``sources``,
``actors``, ``timeline``) are JSON text, and GDAL's timestamps are pinned,
as in the run's own ``geoborder.gpkg``.

GeoParquet (``GeoDataFrame.to_parquet``; pyogrio here has no Parquet driver):
one file per layer, list and object columns stored as JSON text, the same as
in the GeoPackage; read them with ``json.loads`` (pandas) or ``from_json``
(DuckDB).  Arrow's nested types would take them too, but they do not give
back what went in: a struct column adds every key seen in any row to every
row, an all-empty list column becomes ``list<null>``, the schema changes with
the data, and a value whose type differs between rows fails the export.  JSON
text is exact for every layer, and one schema for every run.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import pyogrio

from geoborder.atomic import atomic_path, atomic_write_text
from geoborder.layers.write import FIXED_TIMESTAMP, _for_gpkg, geojson_text


def write_geojson_folder(frames: dict[str, gpd.GeoDataFrame], folder: str | Path) -> list[Path]:
    """``FOLDER/NAME.geojson`` for each layer."""
    written = []
    for name, frame in frames.items():
        path = Path(folder) / f"{name}.geojson"
        atomic_write_text(path, geojson_text(frame))
        written.append(path)
    return written


def write_parquet_folder(frames: dict[str, gpd.GeoDataFrame], folder: str | Path) -> list[Path]:
    """``FOLDER/NAME.parquet`` (GeoParquet) for each layer."""
    written = []
    for name, frame in frames.items():
        path = Path(folder) / f"{name}.parquet"
        with atomic_path(path) as tmp:
            _for_gpkg(frame).to_parquet(tmp, index=False)
        written.append(path)
    return written


@contextmanager
def _pinned_gdal_timestamps():
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_TIMESTAMP})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})


@contextmanager
def _gpkg_temp_path(path: Path):
    """A free name ending ``.gpkg`` beside ``path`` (GDAL picks the driver by the ending); renamed over it on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.stem}.", suffix=".partial", dir=path.parent))
    tmp_file = tmp / f"{path.stem}.gpkg"
    try:
        yield tmp_file
        os.replace(tmp_file, path)
    finally:
        for leftover in tmp.iterdir():  # SQLite journals, or the file itself after a failure
            leftover.unlink()
        tmp.rmdir()


def write_geopackage(frames: dict[str, gpd.GeoDataFrame], path: str | Path) -> list[Path]:
    """One GeoPackage with a table per layer."""
    path = Path(path)
    with _gpkg_temp_path(path) as tmp, _pinned_gdal_timestamps():
        for name, frame in frames.items():
            extra = {"geometry_type": "Unknown"} if len(frame) == 0 else {}  # nothing to infer it from
            _for_gpkg(frame).to_file(tmp, layer=name, driver="GPKG", engine="pyogrio", **extra)
    return [path]
