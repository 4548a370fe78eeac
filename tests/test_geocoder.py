"""geoborder.places.geocoder: the online geocoder, tested on a recorded adapter (no network)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderUnavailable
from geopy.geocoders import Nominatim

from geoborder.errors import GeocoderError, GeoborderError
from geoborder.places.geocoder import GeocodedPlace, OnlineGeocoder

ZORBANDI = [{"place_id": 1, "lat": "32.4512", "lon": "69.6123", "class": "place", "type": "village",
             "display_name": "Zorbandi, South Waziristan, Khyber Pakhtunkhwa, Pakistan"}]
CANNED = {"Zorbandi": ZORBANDI, "Nowhereabad": []}


class RecordedAdapter(BaseSyncAdapter):
    """Answers Nominatim searches from canned JSON, keyed by the query, and records every URL."""

    def __init__(self, *, proxies=None, ssl_context=None, answers=None, error=None):
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self.answers = CANNED if answers is None else answers
        self.error = error
        self.urls: list[str] = []

    def queries(self) -> list[str]:
        return [parse_qs(urlparse(u).query)["q"][0] for u in self.urls]

    def get_json(self, url, *, timeout, headers):
        self.urls.append(url)
        if self.error is not None:
            raise self.error
        query = parse_qs(urlparse(url).query)["q"][0]
        return self.answers.get(query, [])

    def get_text(self, url, *, timeout, headers):
        return json.dumps(self.get_json(url, timeout=timeout, headers=headers))


def nominatim_on(adapter: RecordedAdapter) -> Nominatim:
    return Nominatim(user_agent="geoborder-tests", adapter_factory=lambda proxies, ssl_context: adapter)


@pytest.fixture(autouse=True)
def no_sleeping(monkeypatch):
    """geopy's RateLimiter sleeps through a method: record the waits instead of waiting."""
    waits: list[float] = []
    monkeypatch.setattr("geopy.extra.rate_limiter.RateLimiter._sleep", lambda self, seconds: waits.append(seconds))
    return waits


@pytest.fixture
def adapter():
    return RecordedAdapter()


@pytest.fixture
def geocoder(adapter, tmp_path):
    return OnlineGeocoder(nominatim_on(adapter), cache_path=tmp_path / "cache.json", min_delay_seconds=0)


def test_locate_returns_the_place(geocoder):
    found = geocoder.locate("Zorbandi")
    assert found == GeocodedPlace(query="Zorbandi", name="Zorbandi, South Waziristan, Khyber Pakhtunkhwa, Pakistan",
                                  lon=69.6123, lat=32.4512, raw_class="place")


def test_request_asks_for_one_result_in_the_region(geocoder, adapter):
    geocoder.locate("Zorbandi")
    [url] = adapter.urls
    params = parse_qs(urlparse(url).query)
    assert urlparse(url).netloc == "nominatim.openstreetmap.org"
    assert params["q"] == ["Zorbandi"]
    assert params["limit"] == ["1"]
    assert params["countrycodes"] == ["pk,af,ir"]


def test_second_call_is_answered_from_the_cache(geocoder, adapter, no_sleeping):
    first = geocoder.locate("Zorbandi")
    second = geocoder.locate("Zorbandi")
    assert first == second
    assert len(adapter.urls) == 1
    assert geocoder.requests == 1
    assert no_sleeping == []


def test_cache_is_keyed_by_country_codes(geocoder, adapter):
    geocoder.locate("Zorbandi")
    geocoder.locate("Zorbandi", country_codes=["pk"])
    assert len(adapter.urls) == 2
    assert parse_qs(urlparse(adapter.urls[1]).query)["countrycodes"] == ["pk"]


def test_cache_file_persists_and_a_new_geocoder_makes_no_request(geocoder, tmp_path):
    geocoder.locate("Zorbandi")
    cache = json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))
    assert cache == {"Zorbandi|pk,af,ir": {"name": "Zorbandi, South Waziristan, Khyber Pakhtunkhwa, Pakistan",
                                           "lon": 69.6123, "lat": 32.4512, "class": "place"}}
    fresh_adapter = RecordedAdapter(answers={})
    fresh = OnlineGeocoder(nominatim_on(fresh_adapter), cache_path=tmp_path / "cache.json", min_delay_seconds=0)
    assert fresh.locate("Zorbandi") == geocoder.locate("Zorbandi")
    assert fresh_adapter.urls == []
    assert fresh.requests == 0


def test_no_result_is_cached_as_none(geocoder, adapter, tmp_path):
    assert geocoder.locate("Nowhereabad") is None
    assert geocoder.locate("Nowhereabad") is None
    assert len(adapter.urls) == 1
    cache = json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))
    assert cache == {"Nowhereabad|pk,af,ir": None}


def test_cached_none_is_not_asked_again_by_a_new_geocoder(geocoder, tmp_path):
    geocoder.locate("Nowhereabad")
    fresh_adapter = RecordedAdapter()
    fresh = OnlineGeocoder(nominatim_on(fresh_adapter), cache_path=tmp_path / "cache.json", min_delay_seconds=0)
    assert fresh.locate("Nowhereabad") is None
    assert fresh_adapter.urls == []


def test_without_cache_path_nothing_is_written(adapter, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    geo = OnlineGeocoder(nominatim_on(adapter), min_delay_seconds=0)
    assert geo.locate("Zorbandi").lon == 69.6123
    assert geo.locate("Zorbandi").lat == 32.4512
    assert len(adapter.urls) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("user_agent", ["", "geopy/2.5.0", "abc"])
def test_nominatim_refuses_a_missing_or_default_user_agent(user_agent, tmp_path):
    with pytest.raises(GeocoderError, match="user agent of your own"):
        OnlineGeocoder.nominatim(user_agent=user_agent, cache_path=tmp_path / "c.json")


def test_nominatim_with_a_user_agent_builds_without_a_request(tmp_path):
    geo = OnlineGeocoder.nominatim(user_agent="acme-newsroom-geoborder", cache_path=tmp_path / "c.json")
    assert geo.requests == 0 and geo.cache_path == tmp_path / "c.json"


def test_geopy_error_becomes_geocoder_error(tmp_path):
    adapter = RecordedAdapter(error=GeocoderUnavailable("host unreachable"))
    geo = OnlineGeocoder(nominatim_on(adapter), cache_path=tmp_path / "cache.json", min_delay_seconds=0)
    with pytest.raises(GeocoderError, match="geocoding 'Zorbandi' failed") as info:
        geo.locate("Zorbandi")
    assert isinstance(info.value, GeoborderError)
    assert isinstance(info.value.__cause__, GeocoderUnavailable)
    assert adapter.urls  # it did ask


def test_failed_lookup_is_not_cached(tmp_path):
    adapter = RecordedAdapter(error=GeocoderUnavailable("host unreachable"))
    geo = OnlineGeocoder(nominatim_on(adapter), cache_path=tmp_path / "cache.json", min_delay_seconds=0)
    with pytest.raises(GeocoderError):
        geo.locate("Zorbandi")
    assert not (tmp_path / "cache.json").exists()
    adapter.error = None
    assert geo.locate("Zorbandi").name.startswith("Zorbandi")


# -- through the resolver -------------------------------------------------------------------------

def tiny_gazetteer(folder):
    """A gazetteer of one town, so the test does not depend on the curated one."""
    from geoborder.gazetteer.model import Gazetteer

    folder.mkdir()
    feat = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [66.99, 30.18]},
            "properties": {"id": "city/pak/quetta", "name": "Quetta", "kind": "city", "country": "PAK",
                           "source": "test"}}
    (folder / "places.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [feat]}),
                                           encoding="utf-8")
    return Gazetteer.load(folder)


def zorbandi_mentions(gazetteer, geocoder):
    from geoborder.pipeline import PlaceExtractor
    from geoborder.records import Article

    extractor = PlaceExtractor(gazetteer, geocoder=geocoder, use_geonames=False)
    text = "Rockets hit the Zorbandi area."
    return text, extractor.mentions(Article(article_id="t", text=text, path="<test>"))


def test_resolver_asks_the_geocoder_for_a_strong_context_name(geocoder, adapter, tmp_path):
    text, mentions = zorbandi_mentions(tiny_gazetteer(tmp_path / "gaz"), geocoder)
    [m] = mentions
    assert (m.text, m.start, m.end) == ("Zorbandi", 16, 24) and text[m.start:m.end] == "Zorbandi"
    assert m.resolution == "geocoder"
    assert m.place_id == "geocoder:Zorbandi"
    assert (m.place_name, m.kind) == ("Zorbandi", "town")
    assert (m.geometry.x, m.geometry.y) == (69.6123, 32.4512)
    assert adapter.queries() == ["Zorbandi"]


def test_resolver_with_the_repository_gazetteer(geocoder, adapter):
    from geoborder.gazetteer.model import Gazetteer
    from geoborder.resources import gazetteer_dir

    if not (gazetteer_dir() / "places.geojson").exists():
        pytest.skip("the curated gazetteer has no places.geojson yet")
    _, mentions = zorbandi_mentions(Gazetteer.load(), geocoder)
    zorbandi = [m for m in mentions if m.text == "Zorbandi"]
    assert [(m.resolution, m.place_id) for m in zorbandi] == [("geocoder", "geocoder:Zorbandi")]
    assert adapter.queries() == ["Zorbandi"]


def test_resolver_keeps_an_unanswered_strong_name_unresolved(tmp_path):
    adapter = RecordedAdapter(answers={})
    geo = OnlineGeocoder(nominatim_on(adapter), cache_path=tmp_path / "cache.json", min_delay_seconds=0)
    _, [m] = zorbandi_mentions(tiny_gazetteer(tmp_path / "gaz"), geo)
    assert (m.text, m.resolution, m.place_id, m.geometry) == ("Zorbandi", "unresolved", None, None)
    assert adapter.queries() == ["Zorbandi"]
