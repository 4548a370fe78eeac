"""A run's GeoJSON layer as plain feature dicts, checked, without geopandas.

What ``geoborder status`` reads (it answers in one line, so it does not load
geopandas) and what :mod:`geoborder.layers.read` builds its frames from.
"""

from __future__ import annotations

import json
from pathlib import Path

from geoborder.errors import InputError


def read_features(path: str | Path) -> list[dict]:
    """The features of one GeoJSON FeatureCollection, as dicts."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such layer; run `geoborder run` first, or name the layers folder of a run")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"not readable as GeoJSON: {exc}") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise InputError(path, "not a GeoJSON FeatureCollection")
    for i, feature in enumerate(doc["features"]):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise InputError(path, "a feature without a properties object", record=f"feature {i}")
    return doc["features"]
