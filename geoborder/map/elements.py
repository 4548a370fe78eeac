"""The map's folium elements: a Leaflet-only map, the packed data, one overlay per layer, the controls.

Each element's JavaScript is a one-line call into ``static/geoborder_map.js``
(our own code, always inlined); Leaflet and Leaflet.markercluster arrive as
links to their CDN, or inlined from installed packages by
:class:`SelfContainedFigure`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import folium
from branca.element import Element, Figure, JavascriptLink, CssLink, MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from geoborder.map.assets import CLUSTER_CSS, CLUSTER_JS, LEAFLET_CSS, LEAFLET_JS, asset_text
from geoborder.map.data import Packed

_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")


@lru_cache(maxsize=None)
def _static(name: str) -> str:
    return resources.files("geoborder.map").joinpath("static", name).read_text(encoding="utf-8")


class RawHTML(Element):
    """Text that goes into the page as it is: unlike branca's ``Element``, never compiled as a Jinja template
    (our script has no template syntax to expand, and 20 MB of data would take seconds to compile)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class GeoborderMap(folium.Map):
    """A folium map that loads Leaflet only: our overlays need neither jQuery, Bootstrap nor icon fonts."""

    default_js = [("leaflet", LEAFLET_JS)]
    default_css = [("leaflet_css", LEAFLET_CSS)]

    def render(self, **kwargs):
        super().render(**kwargs)  # links Leaflet and the plugins first: our script builds on them
        header = self.get_root().header
        header.add_child(RawHTML(f"<style>{_static('geoborder_map.css')}</style>"), name="geoborder_css")
        header.add_child(RawHTML(f"<script>{_static('geoborder_map.js')}</script>"), name="geoborder_js")


class PageData(Element):
    """The layers' features, packed once (see :mod:`geoborder.map.data`), and a promise of them decoded."""

    def __init__(self, packed: Packed):
        super().__init__()
        self._name = "GeoborderData"
        texts = [packed.index] + [b for blocks in packed.blocks.values() for b in blocks]
        if not all(_BASE64.fullmatch(t) for t in texts):  # the guarantee that nothing in it can end the element
            raise ValueError("packed map data must be base64")
        self.packed = packed

    def render(self, **kwargs):
        figure = self.get_root()
        name = self.get_name()
        parts = [(name, self.packed.index)] + [(f"{name}-{layer}-{i}", block)
                                               for layer, blocks in self.packed.blocks.items()
                                               for i, block in enumerate(blocks)]
        html = "\n".join(f'<script type="application/octet-stream" id="{id_}">{text}</script>' for id_, text in parts)
        figure.html.add_child(RawHTML(html), name=name)
        figure.script.add_child(RawHTML(f'var {name} = geoborder.unpack("{name}");'), name=name)


class Overlay(JSCSSMixin, Layer):
    """One overlay of the layer control: closures, attacks, crossings, borders, regions or mentions."""

    default_js = [("leaflet_markercluster", CLUSTER_JS)]
    default_css = [("leaflet_markercluster_css", CLUSTER_CSS)]
    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = geoborder.overlay({{ this.kind|tojson }}, {{ this.data.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, kind: str, data: PageData, name: str, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "GeoborderOverlay"
        self.kind = kind
        self.data = data


class Controls(MacroElement):
    """The legend, the time control and the page's ready flag, once every overlay is filled."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        geoborder.controls({{ this._parent.get_name() }}, {{ this.data.get_name() }}, {
            {%- for o in this.overlays %}
            {{ o.kind|tojson }}: {{ o.get_name() }},
            {%- endfor %}
        });
        {% endmacro %}
    """)

    def __init__(self, data: PageData, overlays: list[Overlay]):
        super().__init__()
        self._name = "GeoborderControls"
        self.data = data
        self.overlays = overlays


class SelfContainedFigure(Figure):
    """A figure whose script and style links are replaced by the installed files they name.

    A link no installed package provides is an error, never a silent
    download: the page must need no network.
    """

    def render(self, **kwargs):
        for child in self._children.values():
            child.render(**kwargs)
        for child in self.header._children.values():
            if isinstance(child, (JavascriptLink, CssLink)):
                child.code = asset_text(child.url)
        return self._template.render(this=self, kwargs={**kwargs, "embedded": True})
