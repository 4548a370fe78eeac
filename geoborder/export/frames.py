"""A run's layers, read back for export with their integers kept integers.

>>> import json, tempfile
>>> layer = Path(tempfile.mkdtemp()) / "attacks.geojson"
>>> _ = layer.write_text(json.dumps({"type": "FeatureCollection", "features": [
...     {"type": "Feature", "properties": {"fatalities": 5}, "geometry": {"type": "Point", "coordinates": [71, 34]}},
...     {"type": "Feature", "properties": {"fatalities": None}, "geometry": None}]}))
>>> layer_frame(layer)["fatalities"].tolist()
[5, <NA>]

Reading GeoJSON into pandas turns an integer column with a null in it
(``fatalities``: 5, null) into floats (5.0, NaN); written out again that
would be ``5.0`` in GeoJSON and a REAL column in the GeoPackage.  A column
whose JSON values are all integers or null becomes pandas' nullable ``Int64``.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geoborder.errors import InputError
from geoborder.layers.read import LAYER_NAMES, frame_from_features, read_features


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _integers_restored(frame: gpd.GeoDataFrame, features: list[dict]) -> gpd.GeoDataFrame:
    for col in frame.columns:
        if col == frame.geometry.name or not pd.api.types.is_float_dtype(frame[col]):
            continue
        raw = [f["properties"].get(col) for f in features]
        if all(v is None or _is_int(v) for v in raw):
            frame[col] = pd.array(raw, dtype="Int64")
    return frame


def layer_frame(path: str | Path) -> gpd.GeoDataFrame:
    """One layer file as a GeoDataFrame in EPSG:4326; an unreadable file is an InputError naming it."""
    features = read_features(path)
    return _integers_restored(frame_from_features(features, path), features)


def layers_folder(layers_dir: str | Path) -> Path:
    """``layers_dir`` as a Path, or an InputError when there is no such folder."""
    layers_dir = Path(layers_dir)
    if not layers_dir.is_dir():
        raise InputError(layers_dir, "no such folder; name the layers folder of a run (OUT/layers)")
    return layers_dir


def layer_frames(layers_dir: str | Path, names: tuple[str, ...] = LAYER_NAMES) -> dict[str, gpd.GeoDataFrame]:
    """Every layer of ``names`` present in ``layers_dir``, in that order.

    A run always writes all of them; a folder with none is not a run's layers.
    """
    layers_dir = layers_folder(layers_dir)
    present = [name for name in names if (layers_dir / f"{name}.geojson").is_file()]
    if not present:
        expected = ", ".join(f"{name}.geojson" for name in names)
        raise InputError(layers_dir, f"no layers here; a run's layers folder holds {expected}")
    return {name: layer_frame(layers_dir / f"{name}.geojson") for name in present}
