"""Reading a run's layers back: ``OUT/layers/*.geojson`` as GeoDataFrames.

Lists and objects in properties (``sources``, ``actors``, ``timeline``) stay
Python lists and dicts, as the run wrote them; features without a place keep
a null geometry.  A missing or broken layer is an :class:`InputError` naming
the file.

>>> frames = read_layers("outputs/layers")                    # doctest: +SKIP
>>> frames["attacks"][["event_type", "fatalities"]].head()     # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from geoborder.errors import InputError
from geoborder.layers.features import read_features  # noqa: F401  (read from here too)

CRS = "EPSG:4326"
LAYER_NAMES = ("mentions", "places", "borders", "regions", "closures", "attacks", "crossings")


def frame_from_features(features: list[dict], path: str | Path | None = None) -> gpd.GeoDataFrame:
    try:
        return gpd.GeoDataFrame.from_features(features, crs=CRS)
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise InputError(path, f"a feature's geometry is not valid GeoJSON: {exc}") from None


def read_layer(layers_dir: str | Path, name: str) -> gpd.GeoDataFrame:
    """One layer of a run (``attacks``, ``closures``, ``crossings``, ...) as a GeoDataFrame in EPSG:4326."""
    path = Path(layers_dir) / f"{name}.geojson"
    return frame_from_features(read_features(path), path)


def read_layers(layers_dir: str | Path, names: tuple[str, ...] = LAYER_NAMES) -> dict[str, gpd.GeoDataFrame]:
    """Every layer of a run, by name."""
    return {name: read_layer(layers_dir, name) for name in names}
