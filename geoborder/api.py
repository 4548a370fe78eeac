"""The Python API for notebooks and scripts: a run's layers as GeoDataFrames, its map as a ``folium.Map``.

>>> from geoborder.api import read_layers, event_map        # doctest: +SKIP
>>> layers = read_layers("outputs/layers")                  # doctest: +SKIP
>>> layers["attacks"].groupby("event_type").size()          # doctest: +SKIP
>>> event_map("outputs/layers")  # shows inline in Jupyter   # doctest: +SKIP
"""

from __future__ import annotations

from geoborder.export import export_layers
from geoborder.layers.read import LAYER_NAMES, read_layer, read_layers
from geoborder.map.build import event_map, write_map
from geoborder.pipeline import run_corpus

__all__ = ["LAYER_NAMES", "event_map", "export_layers", "read_layer", "read_layers", "run_corpus", "write_map"]
