"""Writing layers: RFC 7946 GeoJSON under ``OUT/layers/`` and one GeoPackage.

Both are written atomically (temporary file, then rename) and
byte-identically for the same input: GeoJSON with fixed key order and
coordinate precision, the GeoPackage with GDAL's ``OGR_CURRENT_DATE`` pinned
so its timestamps do not change between runs.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import mapping

from geoborder.atomic import atomic_write_text

COORD_DECIMALS = 6
FIXED_TIMESTAMP = "2000-01-01T00:00:00Z"
GEOMETRY_CACHE_MAX = 20_000  # geometry texts kept between chunks (the gazetteer's places are a few hundred)


_PLAIN = frozenset({str, int, bool})
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # made once: json.dumps makes one a call


def _clean(value):
    """JSON-safe values: NaN and None become null, numpy scalars plain Python."""
    if type(value) in _PLAIN:  # most values: nothing to do
        return value
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _geometry(geom):
    if geom is None or geom.is_empty:
        return None
    geom = shapely.set_precision(geom, 10 ** -COORD_DECIMALS)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = shapely.orient_polygons(geom, exterior_cw=False)  # RFC 7946: outer rings counter-clockwise
    return mapping(geom)


def geojson_text(gdf: gpd.GeoDataFrame, geometry_cache: dict | None = None) -> str:
    """RFC 7946 text: WGS 84, no 'crs' member, one feature a line.

    ``geometry_cache`` keeps the text of geometries already written (by
    object identity): many mentions share their place's geometry.
    """
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    cache = {} if geometry_cache is None else geometry_cache
    cols = [c for c in gdf.columns if c != gdf.geometry.name]
    # whole columns as Python lists: far cheaper than a row at a time through pandas
    rows = zip(*(gdf[c].tolist() for c in cols)) if cols else ((),) * len(gdf)
    lines = []
    for row, geom in zip(rows, gdf.geometry.tolist()):
        props = {c: _clean(v) for c, v in zip(cols, row)}
        hit = cache.get(id(geom))
        if hit is None or hit[0] is not geom:
            hit = (geom, json.dumps(_geometry(geom), separators=(",", ":")))
            cache[id(geom)] = hit
        head = _ENCODER.encode({"type": "Feature", "properties": props})
        lines.append(head[:-1] + ',"geometry":' + hit[1] + "}")
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + ("\n" if lines else "") + "]}\n"


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> None:
    atomic_write_text(path, geojson_text(gdf))


def _for_gpkg(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """GeoPackage has no list or object columns: store them as JSON text."""
    out = gdf.copy()
    for col in out.columns:
        if col == out.geometry.name or out[col].dtype != object:
            continue  # only an object column can hold a list
        if any(isinstance(v, (list, dict, tuple)) for v in out[col].tolist()):
            out[col] = out[col].map(lambda v: None if v is None else json.dumps(_clean(v), ensure_ascii=False))
    return out


class LayerWriter:
    """Streams layers to ``OUT/layers/*.geojson`` and ``OUT/geoborder.gpkg``.

    Rows arrive in chunks (a corpus never sits in memory); nothing appears
    under its final name until :meth:`commit`, and an exception leaves the
    previous outputs as they were.

    >>> with LayerWriter("outputs") as out:                      # doctest: +SKIP
    ...     out.append("mentions", frame)
    """

    def __init__(self, out_dir: str | Path, gpkg_name: str = "geoborder.gpkg"):
        self.out_dir = Path(out_dir)
        self.layer_dir = self.out_dir / "layers"
        self.layer_dir.mkdir(parents=True, exist_ok=True)
        self.gpkg_path = self.out_dir / gpkg_name
        self._gpkg_tmp = self.out_dir / f".partial.{gpkg_name}"  # GDAL wants the .gpkg ending
        self._streams: dict[str, object] = {}
        self._first: dict[str, bool] = {}
        self._schemas: dict[str, gpd.GeoDataFrame] = {}
        self._geometry_cache: dict[int, tuple] = {}
        if self._gpkg_tmp.exists():
            self._gpkg_tmp.unlink()

    def __enter__(self):
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_TIMESTAMP})
        return self

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.commit()
            else:
                self.abort()
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})
        return False

    def _tmp(self, name: str) -> Path:
        return self.layer_dir / f".{name}.geojson.partial"

    def append(self, name: str, gdf: gpd.GeoDataFrame) -> None:
        if name not in self._streams:
            fh = self._tmp(name).open("w", encoding="utf-8", newline="\n")
            fh.write('{"type":"FeatureCollection","features":[\n')
            self._streams[name] = fh
            self._first[name] = True
            self._schemas[name] = gdf.iloc[0:0]
        if len(gdf) == 0:
            return
        if len(self._geometry_cache) > GEOMETRY_CACHE_MAX:
            self._geometry_cache.clear()  # GeoNames mentions each bring a point of their own: keep memory flat
        body = geojson_text(gdf, self._geometry_cache)
        features = body[body.index("\n") + 1: body.rindex("\n]}")]
        fh = self._streams[name]
        if not self._first[name]:
            fh.write(",\n")
        fh.write(features)
        self._first[name] = False
        _for_gpkg(gdf).to_file(self._gpkg_tmp, layer=name, driver="GPKG", engine="pyogrio",
                               append=self._gpkg_tmp.exists() and name in self._written_gpkg())

    def _written_gpkg(self) -> list[str]:
        return [n for n, _ in pyogrio.list_layers(self._gpkg_tmp)] if self._gpkg_tmp.exists() else []

    def commit(self) -> list[Path]:
        import os

        written = []
        present = self._written_gpkg()
        for name, fh in self._streams.items():
            fh.write(("\n" if not self._first[name] else "") + "]}\n")
            fh.close()
            if name not in present:  # an empty layer still exists in the GeoPackage
                schema = _for_gpkg(self._schemas[name])
                schema.to_file(self._gpkg_tmp, layer=name, driver="GPKG", engine="pyogrio",
                               geometry_type="Unknown")
        for name in self._streams:
            final = self.layer_dir / f"{name}.geojson"
            os.chmod(self._tmp(name), 0o644)
            os.replace(self._tmp(name), final)
            written.append(final)
        if self._gpkg_tmp.exists():
            os.replace(self._gpkg_tmp, self.gpkg_path)
            written.append(self.gpkg_path)
        self._streams = {}
        return written

    def abort(self) -> None:
        for name, fh in self._streams.items():
            fh.close()
            self._tmp(name).unlink(missing_ok=True)
        self._gpkg_tmp.unlink(missing_ok=True)
        self._streams = {}
