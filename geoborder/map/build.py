"""Building the map from a run's layers, and writing it.

>>> m = event_map("outputs/layers", tiles="none")                   # doctest: +SKIP
>>> m  # shows inline in Jupyter                                   # doctest: +SKIP
>>> write_map(m, "outputs/map.html")                                 # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import folium
import xyzservices

from geoborder.atomic import atomic_write_text
from geoborder.errors import GeoborderError
from geoborder.layers.read import read_features
from geoborder.map.data import data_bounds, pack, page_data
from geoborder.map.elements import Controls, GeoborderMap, Overlay, PageData, SelfContainedFigure

MAP_LAYERS = ("closures", "attacks", "crossings", "borders", "regions", "mentions")
OVERLAYS = (  # (layer, name in the layer control, shown on opening); drawn bottom to top
    ("regions", "Regions and provinces", True),
    ("borders", "Borders", True),
    ("mentions", "Place mentions", False),
    ("crossings", "Crossings", True),
    ("closures", "Closures and reopenings", True),
    ("attacks", "Attacks", True),
)
# The clustering plugin clusters every marker at every zoom level the map allows: from both borders in one
# view (5) to a town's streets (13) is all the reporting's precision needs, and half the work of 0 to 18.
MIN_ZOOM, MAX_ZOOM = 5, 13
DEFAULT_VIEW = ([30.5, 66.5], 6)  # the two borders, when there is nothing to fit


def _tiles(tiles: str):
    """folium's ``tiles`` for our option: none, OpenStreetMap, a URL template, or an xyzservices name."""
    key = (tiles or "none").strip()
    if key.lower() == "none":
        return None
    if key.lower() in ("openstreetmap", "osm"):
        return "OpenStreetMap"
    if "{z}" in key:
        parts = urlsplit(key)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise GeoborderError(f"tile URL {tiles!r} must start with http:// or https://")
        return folium.TileLayer(tiles=key, attr=f"Tiles: {parts.netloc}", min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM)
    try:
        xyzservices.providers.query_name(key)
    except ValueError:
        raise GeoborderError(f"unknown tiles {tiles!r}: use 'openstreetmap', 'none', a URL template with "
                             "{z}/{x}/{y}, or an xyzservices provider name such as 'OpenStreetMap.HOT'") from None
    return key


def _renumber(element, counter: list[int] | None = None) -> None:
    """Give every element a sequential id instead of a random one, so the same layers give the same HTML."""
    counter = counter if counter is not None else [0]
    counter[0] += 1
    element._id = f"{counter[0]:04d}"
    for child in list(element._children.values()):
        _renumber(child, counter)


def map_from_data(data: dict, *, tiles: str = "openstreetmap", self_contained: bool = False) -> folium.Map:
    """A ``folium.Map`` of the map's data (see :func:`geoborder.map.data.page_data`)."""
    m = GeoborderMap(location=DEFAULT_VIEW[0], zoom_start=DEFAULT_VIEW[1], tiles=_tiles(tiles), min_zoom=MIN_ZOOM,
                     max_zoom=MAX_ZOOM, control_scale=True)
    m.options.update(min_zoom=MIN_ZOOM, max_zoom=MAX_ZOOM)  # on the map itself, tiles or none
    if self_contained:
        SelfContainedFigure(title="geoborder map").add_child(m)
    else:
        m.get_root().title = "geoborder map"
    packed = PageData(pack(data))
    m.add_child(packed)
    overlays = [Overlay(kind, packed, name, show) for kind, name, show in OVERLAYS]
    for overlay in overlays:
        m.add_child(overlay)
    m.add_child(Controls(packed, overlays))
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    bounds = data_bounds(data)
    if bounds:
        m.fit_bounds(bounds, padding=(30, 30), max_zoom=10)
    _renumber(m.get_root())
    return m


def event_map(layers_dir: str | Path, *, tiles: str = "openstreetmap", self_contained: bool = False) -> folium.Map:
    """The interactive map of a run's layers, as a ``folium.Map`` (a notebook shows it inline)."""
    layers_dir = Path(layers_dir)
    layers = {name: read_features(layers_dir / f"{name}.geojson") for name in MAP_LAYERS}
    return map_from_data(page_data(layers), tiles=tiles, self_contained=self_contained)


def write_map(m: folium.Map, path: str | Path) -> Path:
    """Write the map's HTML atomically (a temporary file, then a rename)."""
    atomic_write_text(path, m.get_root().render())
    return Path(path)


def write_map_from_layers(layers_dir: str | Path, path: str | Path, *, tiles: str = "openstreetmap",
                          self_contained: bool = False) -> Path:
    return write_map(event_map(layers_dir, tiles=tiles, self_contained=self_contained), path)
