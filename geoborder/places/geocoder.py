"""The online geocoder, used only when the user asks for it.

Nominatim through geopy, with the user agent the user gives (Nominatim's
policy refuses anonymous use), one request a second (``RateLimiter``), and
every answer cached on disk so a corpus is never geocoded twice.  The
geocoder object is injectable: tests pass one built on a recorded adapter.

>>> geo = OnlineGeocoder.nominatim(user_agent="my-newsroom-geoborder", cache_path="geocode-cache.json")  # doctest: +SKIP
>>> geo.locate("Jamrud", country_codes=["pk", "af", "ir"])                                              # doctest: +SKIP
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from geoborder.atomic import atomic_write_text
from geoborder.errors import GeocoderError

DEFAULT_COUNTRY_CODES = ("pk", "af", "ir")


@dataclass(frozen=True)
class GeocodedPlace:
    query: str
    name: str
    lon: float
    lat: float
    raw_class: str | None = None


class OnlineGeocoder:
    """A geopy geocoder behind a disk cache and a rate limit."""

    def __init__(self, geocoder, cache_path: str | Path | None = None, min_delay_seconds: float = 1.0):
        from geopy.extra.rate_limiter import RateLimiter

        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=1,
                                    swallow_exceptions=False)
        self.cache_path = Path(cache_path) if cache_path else None
        self._cache: dict[str, dict | None] = {}
        if self.cache_path and self.cache_path.exists():
            self._cache = json.loads(self.cache_path.read_text(encoding="utf-8"))
        self.requests = 0

    @classmethod
    def nominatim(cls, user_agent: str, cache_path: str | Path | None = None, **kwargs) -> "OnlineGeocoder":
        from geopy.geocoders import Nominatim

        if not user_agent or user_agent.startswith("geopy") or len(user_agent) < 4:
            raise GeocoderError("Nominatim needs a user agent of your own (e.g. 'acme-newsroom-geoborder'); "
                                "its usage policy refuses the default one")
        return cls(Nominatim(user_agent=user_agent, timeout=10), cache_path=cache_path, **kwargs)

    def locate(self, name: str, country_codes=DEFAULT_COUNTRY_CODES) -> GeocodedPlace | None:
        key = f"{name}|{','.join(country_codes)}"
        if key not in self._cache:
            from geopy.exc import GeopyError

            try:
                self.requests += 1
                loc = self._geocode(name, exactly_one=True, country_codes=list(country_codes))
            except GeopyError as exc:
                raise GeocoderError(f"geocoding {name!r} failed: {exc}") from exc
            self._cache[key] = None if loc is None else {
                "name": loc.address, "lon": loc.longitude, "lat": loc.latitude,
                "class": (loc.raw or {}).get("class")}
            self._save()
        hit = self._cache[key]
        return None if hit is None else GeocodedPlace(name, hit["name"], hit["lon"], hit["lat"], hit.get("class"))

    def _save(self) -> None:
        if self.cache_path:
            atomic_write_text(self.cache_path, json.dumps(self._cache, ensure_ascii=False, indent=1, sort_keys=True))
