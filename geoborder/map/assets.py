"""The map's third-party scripts and styles: where a browser fetches them, and where they are installed.

A map links Leaflet and Leaflet.markercluster from a public CDN by default.
``--self-contained`` inlines the very same versions from the installed XStatic
packages instead (``xstatic-leaflet``, ``xstatic-leaflet-markercluster``),
images included as data URIs, so the page needs no network.  Nothing
third-party is copied into this repository.

>>> asset_text(LEAFLET_JS).startswith("/*")
True
"""

from __future__ import annotations

import base64
import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geoborder.errors import GeoborderError

_CDN = "https://cdn.jsdelivr.net/npm"
LEAFLET_JS = f"{_CDN}/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = f"{_CDN}/leaflet@1.9.3/dist/leaflet.css"
CLUSTER_JS = f"{_CDN}/leaflet.markercluster@1.4.1/dist/leaflet.markercluster.js"
CLUSTER_CSS = f"{_CDN}/leaflet.markercluster@1.4.1/dist/MarkerCluster.css"


@dataclass(frozen=True)
class InstalledAsset:
    module: str  # the XStatic package that ships the file
    version: str  # the upstream version the CDN URL names; the installed one must match
    file: str


INSTALLED = {
    LEAFLET_JS: InstalledAsset("xstatic.pkg.leaflet", "1.9.3", "leaflet.js"),
    LEAFLET_CSS: InstalledAsset("xstatic.pkg.leaflet", "1.9.3", "leaflet.css"),
    CLUSTER_JS: InstalledAsset("xstatic.pkg.leaflet_markercluster", "1.4.1", "leaflet.markercluster.js"),
    CLUSTER_CSS: InstalledAsset("xstatic.pkg.leaflet_markercluster", "1.4.1", "MarkerCluster.css"),
}

_CSS_URL = re.compile(r"url\((['\"]?)(images/[^'\")]+)\1\)")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$|/\*# sourceMappingURL=.*?\*/", re.MULTILINE)


def _package_dir(asset: InstalledAsset, url: str) -> Path:
    try:
        module = importlib.import_module(asset.module)
    except ImportError:
        raise GeoborderError(f"{url} should come from the installed package {asset.module}, which is missing; "
                             "reinstall geoborder") from None
    if getattr(module, "VERSION", None) != asset.version:
        raise GeoborderError(f"{url} names version {asset.version}, but {asset.module} has "
                             f"{getattr(module, 'VERSION', 'no version')}")
    return Path(module.BASE_DIR)


def _data_uri(path: Path) -> str:
    kind = {".png": "image/png", ".svg": "image/svg+xml", ".gif": "image/gif"}.get(path.suffix, "application/octet-stream")
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


@lru_cache(maxsize=None)
def asset_text(url: str) -> str:
    """The text of the script or stylesheet the CDN serves at ``url``, read from its installed package.

    Images a stylesheet names become data URIs and source-map comments go, so
    that an inlined asset makes no request at all.
    """
    asset = INSTALLED.get(url)
    if asset is None:
        raise GeoborderError(f"no installed package provides {url}; a self-contained map cannot include it")
    folder = _package_dir(asset, url)
    text = (folder / asset.file).read_text(encoding="utf-8")
    if asset.file.endswith(".css"):
        text = _CSS_URL.sub(lambda m: f'url("{_data_uri(folder / m.group(2))}")', text)
    text = _SOURCE_MAP.sub("", text)
    if "</script" in text.lower() or "</style" in text.lower():  # would end the inline element early
        raise GeoborderError(f"{url} cannot be inlined: it contains a closing script or style tag")
    return text
