"""The curated gazetteer in memory: places by id and by every spelling.

>>> gaz = Gazetteer.load()
>>> [p.id for p in gaz.by_name("torkhum")]
['crossing/torkham']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from shapely.geometry import shape

from geoborder.corpus.normalize import lower_same_length, normalize
from geoborder.errors import GazetteerError
from geoborder.gazetteer.io import read_feature_collection
from geoborder.resources import gazetteer_dir

KINDS = ("crossing", "city", "town", "district", "province", "region", "border", "physical", "country")
# the data contract's coarser kinds for mentions
CONTRACT_KIND = {"district": "admin", "province": "admin"}
MENTION_SIMPLIFY_DEGREES = 0.1
GAZETTEER_FILES = ("places", "crossings", "physical", "regions", "provinces", "countries", "borders")


_PLAIN_ASCII = re.compile(r"^[A-Za-z0-9 ,.()'-]*$")


def name_key(name: str) -> str:
    """The form under which a name is looked up: plain, lower-case, single-spaced."""
    if _PLAIN_ASCII.match(name):  # the common case, and the fast one
        return " ".join(name.lower().split())
    return lower_same_length(normalize(name).text).strip()


def folded_key(name: str) -> str:
    """``name_key`` without accents: 'Muzaffarābād' is looked up as 'muzaffarabad'."""
    key = name_key(name)
    if key.isascii():
        return key
    return "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))


def name_variants(name: str) -> set[str]:
    """Spellings that count as the same name: hyphens and spaces are interchangeable,
    and a two-part name may be written as one word ('Landi Kotal', 'Landikotal')."""
    key = name_key(name)
    variants = {key, key.replace("-", " "), key.replace(" ", "-")}
    if 1 <= key.count(" ") + key.count("-") <= 2:
        variants.add(key.replace(" ", "").replace("-", ""))
    variants.add(key.replace(".", "") if len(key) > 3 else key)
    return {v for v in variants if v}


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    ambiguous_aliases: tuple[str, ...]
    geometry: object  # shapely geometry
    properties: dict = field(hash=False, compare=False)
    file: str = ""

    @property
    def contract_kind(self) -> str:
        return CONTRACT_KIND.get(self.kind, self.kind)

    point: object = field(default=None, hash=False, compare=False)  # a representative point, set below
    mention_geometry: object = field(default=None, hash=False, compare=False)  # what a mention carries
    xy: tuple = field(default=(), hash=False, compare=False)  # the point's (lon, lat), as floats

    def __post_init__(self):
        geom = self.geometry
        # a line's or polygon's point on its surface, computed once: resolution asks for it often
        point = geom if geom.geom_type == "Point" else geom.representative_point()
        object.__setattr__(self, "point", point)
        object.__setattr__(self, "xy", (point.x, point.y))
        # A mention carries its place's shape at mention scale: a border or province
        # simplified to about 10 km (the full shape is in the reference layers,
        # under the same place_id); a country its label point, since its outline
        # on every 'Pakistan' would dwarf the layer.
        if self.kind == "country" or geom.geom_type == "Point":
            shown = point
        else:
            shown = geom.simplify(MENTION_SIMPLIFY_DEGREES, preserve_topology=True)
        object.__setattr__(self, "mention_geometry", shown)

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class Gazetteer:
    """Places keyed by id, with an index from every name variant to its places."""

    def __init__(self, places: list[Place]):
        self.places = {p.id: p for p in places}
        self._by_key: dict[str, list[Place]] = {}
        for place in places:
            for name in place.names():
                for key in name_variants(name):
                    bucket = self._by_key.setdefault(key, [])
                    if place not in bucket:
                        bucket.append(place)

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self):
        return iter(self.places.values())

    def by_name(self, name: str) -> list[Place]:
        return list(self._by_key.get(name_key(name), []))

    def keys(self):
        """Every lookup key with its places (for building a matcher)."""
        return self._by_key.items()

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    @classmethod
    def load(cls, folder: str | Path | None = None) -> "Gazetteer":
        return _load_cached(str(Path(folder) if folder else gazetteer_dir()))


def place_from_feature(feature: dict, path: Path) -> Place:
    """Build a Place, raising GazetteerError on anything malformed."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(props, dict):
        raise GazetteerError(path, "feature has no properties object")
    pid = props.get("id")
    if not isinstance(pid, str) or not pid:
        raise GazetteerError(path, "entry has no 'id'")
    try:
        geom = shape(feature["geometry"])
    except Exception as exc:  # shapely raises several types for bad GeoJSON
        raise GazetteerError(path, f"geometry is not valid GeoJSON ({exc})", record=pid) from None
    aliases = props.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise GazetteerError(path, "'aliases' must be a list of strings", record=pid)
    return Place(id=pid, name=str(props.get("name") or ""), kind=str(props.get("kind") or ""),
                 country=props.get("country"), aliases=tuple(aliases),
                 ambiguous_aliases=tuple(props.get("ambiguous_aliases") or ()),
                 geometry=geom, properties=props, file=str(path))


def gazetteer_files(folder: Path) -> list[Path]:
    return [folder / f"{name}.geojson" for name in GAZETTEER_FILES if (folder / f"{name}.geojson").exists()]


@lru_cache(maxsize=4)
def _load_cached(folder: str) -> Gazetteer:
    root = Path(folder)
    files = gazetteer_files(root)
    if not files:
        raise GazetteerError(root, "no gazetteer files (places.geojson, crossings.geojson, ...) in this folder")
    places = []
    for path in files:
        for feature in read_feature_collection(path):
            places.append(place_from_feature(feature, path))
    return Gazetteer(places)
