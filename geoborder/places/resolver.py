"""Resolve candidate names to places: the curated gazetteer first, then
GeoNames, then (only when the user asks) an online geocoder.

Choosing among several places of one name uses, in order: the kind a nearby
word gives (``Kurram district``, ``the crossing at Chaman``), closeness to
the article's other places (its *anchor*), and a kind preference that puts
settlements before districts, provinces and countries.

>>> resolver = PlaceResolver(Gazetteer.load())                     # doctest: +SKIP
>>> mentions = resolver.resolve(article, normalized, candidates)   # doctest: +SKIP
"""

from __future__ import annotations

import re
from statistics import median

from shapely.geometry import Point

from geoborder.corpus.normalize import NormalizedText
from geoborder.gazetteer.model import CONTRACT_KIND, Gazetteer, Place
from geoborder.places.finder import Candidate
from geoborder.places.geocoder import OnlineGeocoder
from geoborder.places.geonames import GeoName, GeoNamesIndex, km_between
from geoborder.records import Mention

KIND_PREFERENCE = {"city": 0, "town": 0, "crossing": 1, "district": 2, "province": 3, "region": 4,
                   "physical": 5, "border": 6, "country": 7}
# kinds a cue word accepts, best first
CUE_KINDS = {
    "crossing": ("crossing",), "border": ("crossing", "border"),
    "district": ("district", "province"), "province": ("province", "district"),
    "city": ("city", "town"), "town": ("town", "city", "district"),
    "region": ("region", "province", "physical"), "physical": ("physical", "region"),
}
ANCHOR_KINDS = {"city", "town", "crossing", "district", "physical"}
GEONAMES_CITY_POPULATION = 100_000
# a name with a local kind word ('Safi tehsil', 'the Zamuran area') is looked for only
# in the countries of these borders, or near the article's other places
LOCAL_CUES = {"district", "town", "crossing"}
FOCUS_COUNTRIES = {"PK", "AF", "IR"}
LOCAL_RADIUS_KM = 500
_SENTENCE_BREAK = re.compile(r"[.;!?\n]")
_LINK = re.compile(r"^[\s\w',-]{0,40}?\b(?:on|along|at|near|across|of)\b[\s\w',-]{0,30}$")



class PlaceResolver:
    def __init__(self, gazetteer: Gazetteer, geonames: GeoNamesIndex | None = None,
                 geocoder: OnlineGeocoder | None = None, use_geonames: bool = True):
        self.gazetteer = gazetteer
        self._geonames = geonames
        self.use_geonames = use_geonames
        self.geocoder = geocoder
        self._crossing_of_town = self._crossings_by_side_town()
        self._cue_memo: dict[tuple[int, str | None], tuple] = {}

    @property
    def geonames(self) -> GeoNamesIndex:
        if self._geonames is None:
            self._geonames = GeoNamesIndex.load()
        return self._geonames

    def _crossings_by_side_town(self) -> dict[str, Place]:
        """'chaman' -> the Chaman–Spin Boldak crossing, from each crossing's 'sides'."""
        out = {}
        for place in self.gazetteer:
            if place.kind == "crossing":
                for town in (place.properties.get("sides") or {}).values():
                    out.setdefault(town.lower(), place)
        return out

    # -- the whole article ----------------------------------------------------
    def resolve(self, article_id: str, text: NormalizedText, candidates: list[Candidate]) -> list[Mention]:
        options = [self._by_cue(c) for c in candidates]
        # first what one name alone decides
        anchor = self._anchor([places[0] for places in options if len(places) == 1])
        mentions = []
        for c, places in zip(candidates, options):
            start, end = text.span_to_original(c.start, c.end)
            surface = text.original[start:end]
            place = places[0] if len(places) == 1 else self._choose(places, anchor)
            if place is not None:
                mentions.append(self._gazetteer_mention(article_id, surface, start, end, c.cue, place))
                continue
            mention = Mention(article_id=article_id, text=surface, start=start, end=end, candidate_kind=c.cue)
            if not self._resolve_elsewhere(mention, text.text[c.start:c.end], anchor):
                if c.origin != "context" or not c.strong:
                    continue  # a weak context and no place of that name anywhere: not a mention
            mentions.append(mention)
        self._flag_conflicts(text, candidates, mentions)
        return mentions

    # -- choosing among gazetteer places --------------------------------------
    def _by_cue(self, c: Candidate) -> list[Place]:
        """The places a name may mean, narrowed by its cue word (memoised: names repeat)."""
        if not isinstance(c.places, tuple):  # only the gazetteer's own, shared tuples are memoised
            return self._narrow(c.places, c.cue)
        key = (id(c.places), c.cue)
        hit = self._cue_memo.get(key)
        if hit is None or hit[0] is not c.places:
            hit = (c.places, self._narrow(c.places, c.cue))
            self._cue_memo[key] = hit
        return hit[1]

    def _narrow(self, places, cue: str | None) -> list[Place]:
        if not places:
            return []
        if cue in ("crossing", "border"):
            crossings = [p for p in places if p.kind == "crossing"]
            if crossings:
                return crossings
            for p in places:  # 'Chaman border', 'the crossing at Taftan': the town's crossing
                crossing = self._crossing_of_town.get(p.name.lower())
                if crossing is not None and p.kind in ("city", "town", "district"):
                    return [crossing]
        for kind in CUE_KINDS.get(cue or "", ()):
            of_kind = [p for p in places if p.kind == kind]
            if of_kind:
                return of_kind
        best = min(KIND_PREFERENCE.get(p.kind, 9) for p in places)
        return [p for p in places if KIND_PREFERENCE.get(p.kind, 9) == best]

    def _anchor(self, places) -> tuple[float, float] | None:
        """The article's centre: the median (lon, lat) of its settlements, crossings and districts."""
        xy = [p.xy for p in places if p.kind in ANCHOR_KINDS]
        if not xy:
            return None
        return median(x for x, _ in xy), median(y for _, y in xy)

    def _choose(self, options: list[Place], anchor: tuple[float, float] | None) -> Place | None:
        if not options:
            return None
        if anchor is not None:
            return min(options, key=lambda p: (km_between(anchor, p.xy), p.id))
        return min(options, key=lambda p: (p.country != "PAK", p.id))

    @staticmethod
    def _gazetteer_mention(article_id: str, surface: str, start: int, end: int, cue: str | None,
                           place: Place) -> Mention:
        # positional, in the order of Mention's fields: a call by keywords costs twice as much,
        # and this one is made for nearly every mention
        return Mention(article_id, surface, start, end, place.id, place.name, place.contract_kind, "gazetteer",
                       [], place.mention_geometry, place.country, cue)

    # -- beyond the gazetteer ---------------------------------------------------
    def _resolve_elsewhere(self, mention: Mention, name: str, anchor: tuple[float, float] | None) -> bool:
        if self.use_geonames:
            hit: GeoName | None = self.geonames.best(name, anchor)
            if hit is not None and mention.candidate_kind in LOCAL_CUES and not self._near(hit, anchor):
                hit = None  # 'the Safi tehsil' is a local place, not Safi in Morocco
            if hit is not None:
                mention.place_id = f"geonames:{hit.geonameid}"
                mention.place_name = hit.name
                mention.kind = "city" if hit.population >= GEONAMES_CITY_POPULATION else "town"
                mention.resolution = "geonames"
                mention.geometry = Point(hit.lon, hit.lat)
                mention.country = hit.iso3 or hit.country
                return True
        if self.geocoder is not None:
            found = self.geocoder.locate(name)
            if found is not None:
                mention.place_id = f"geocoder:{found.query}"
                mention.place_name = found.name.split(",")[0]
                mention.kind = CONTRACT_KIND.get(mention.candidate_kind or "", mention.candidate_kind or "town")
                mention.resolution = "geocoder"
                mention.geometry = Point(found.lon, found.lat)
                return True
        if mention.candidate_kind:
            mention.kind = CONTRACT_KIND.get(mention.candidate_kind, mention.candidate_kind)
        return False

    @staticmethod
    def _near(hit: GeoName, anchor: tuple[float, float] | None) -> bool:
        if hit.country in FOCUS_COUNTRIES:
            return True
        return anchor is not None and km_between(anchor, (hit.lon, hit.lat)) <= LOCAL_RADIUS_KM

    # -- the article contradicting the gazetteer ----------------------------------
    def _flag_conflicts(self, text: NormalizedText, candidates: list[Candidate], mentions: list[Mention]) -> None:
        """Flag a crossing the article ties to another border than the gazetteer's.

        'the Torkham post on the Pakistan-Iran border': Torkham is on the Durand
        Line, so the mention of Torkham carries ``gazetteer_conflict``.
        """
        borders = [m for m in mentions if m.kind == "border"]
        if not borders:
            return
        for m in mentions:
            if m.kind != "crossing":
                continue  # the cheap test first: a gazetteer crossing's mention has its kind
            place = self.gazetteer.get(m.place_id or "")
            if place is None or place.kind != "crossing" or not place.properties.get("border"):
                continue
            for b in borders:
                lo, hi = (m.end, b.start) if m.end <= b.start else (b.end, m.start)
                between = text.original[lo:hi]
                if hi - lo > 60 or _SENTENCE_BREAK.search(between):
                    continue
                if b.place_id != place.properties["border"] and (m.end > b.start or _LINK.match(between)):
                    if "gazetteer_conflict" not in m.flags:
                        m.flags.append("gazetteer_conflict")
