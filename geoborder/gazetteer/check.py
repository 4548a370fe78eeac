"""``geoborder gazetteer check``: validate the curated gazetteer.

Checks the schema of every entry, that its geometry is valid, in range and
in the region, that ids are unique, that no two entries of one kind share a
name unless both declare it ambiguous, and that every crossing lies within a
few kilometres of its border line.  Every finding names the file, the entry
and the problem.

>>> findings = check_gazetteer(Path("gazetteer"))               # doctest: +SKIP
>>> [f.line() for f in findings if f.level == "error"]           # doctest: +SKIP
[]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.validation import explain_validity

from geoborder.errors import GazetteerError
from geoborder.gazetteer.io import read_feature_collection
from geoborder.gazetteer.model import KINDS, gazetteer_files, name_variants

CROSSING_MAX_KM = 5.0
# the region the reporting covers: Iran to Kashmir, the Arabian Sea to Central Asia
REGION_BOUNDS = (44.0, 20.0, 80.0, 42.0)  # min lon, min lat, max lon, max lat
CONFIDENCE = {"high", "medium", "low"}
REQUIRED = ("id", "name", "kind", "source")


@dataclass(frozen=True)
class Finding:
    level: str  # 'error' or 'warning'
    file: str
    entry: str | None
    problem: str

    def line(self) -> str:
        where = f"{self.file}" + (f" [{self.entry}]" if self.entry else "")
        return f"{self.level}: {where}: {self.problem}"


def _km_to_line(pt: Point, line) -> float:
    """Distance in km from a point to a line in lon/lat, locally projected."""
    kx = 111.32 * math.cos(math.radians(pt.y))
    from shapely import affinity

    scaled_line = affinity.scale(line, xfact=kx, yfact=110.57, origin=(0, 0))
    scaled_pt = Point(pt.x * kx, pt.y * 110.57)
    return scaled_line.distance(scaled_pt)


def _coords_in_range(geom) -> bool:
    import shapely

    xy = shapely.get_coordinates(geom)
    return bool(len(xy)) and bool(((xy[:, 0] >= -180) & (xy[:, 0] <= 180) & (xy[:, 1] >= -90) & (xy[:, 1] <= 90)).all())


def check_entries(entries: list[tuple[Path, dict]]) -> list[Finding]:
    """Check (file, feature) pairs; returns findings, errors first."""
    out: list[Finding] = []
    seen_ids: dict[str, str] = {}
    parsed = []  # (file, props, geom)
    for path, feat in entries:
        f = str(path)
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            out.append(Finding("error", f, None, "feature has no properties object"))
            continue
        pid = props.get("id") if isinstance(props.get("id"), str) else None
        for key in REQUIRED:
            if not isinstance(props.get(key), str) or not props.get(key).strip():
                out.append(Finding("error", f, pid, f"missing or empty '{key}'"))
        if pid is None:
            continue
        if pid in seen_ids:
            out.append(Finding("error", f, pid, f"duplicate id (also in {seen_ids[pid]})"))
        seen_ids[pid] = f
        kind = props.get("kind")
        if kind not in KINDS:
            out.append(Finding("error", f, pid, f"kind {kind!r} is not one of {', '.join(KINDS)}"))
        for key in ("aliases", "ambiguous_aliases"):
            val = props.get(key, [])
            if not isinstance(val, list) or not all(isinstance(a, str) and a.strip() for a in val):
                out.append(Finding("error", f, pid, f"'{key}' must be a list of non-empty strings"))
        undeclared = set(props.get("ambiguous_aliases") or []) - set(props.get("aliases") or []) - {props.get("name")}
        if undeclared:
            out.append(Finding("error", f, pid, f"ambiguous_aliases not among the names: {sorted(undeclared)}"))
        if props.get("coord_confidence") not in (None, *CONFIDENCE):
            out.append(Finding("error", f, pid, f"coord_confidence {props.get('coord_confidence')!r} is not high, medium or low"))
        try:
            geom = shape(feat.get("geometry"))
        except Exception as exc:  # shapely raises several types for bad GeoJSON
            out.append(Finding("error", f, pid, f"geometry is not valid GeoJSON ({exc})"))
            continue
        if geom.is_empty:
            out.append(Finding("error", f, pid, "geometry is empty"))
            continue
        if not _coords_in_range(geom):
            out.append(Finding("error", f, pid, "coordinates out of range (longitude -180..180, latitude -90..90; "
                                                "GeoJSON puts longitude first)"))
            continue
        if not geom.is_valid:
            out.append(Finding("error", f, pid, f"invalid geometry: {explain_validity(geom)}"))
        if kind != "country":
            pt = geom if geom.geom_type == "Point" else geom.representative_point()
            lo_x, lo_y, hi_x, hi_y = REGION_BOUNDS
            if not (lo_x <= pt.x <= hi_x and lo_y <= pt.y <= hi_y):
                out.append(Finding("error", f, pid, f"lies at ({pt.x:.3f}, {pt.y:.3f}), outside the region "
                                                    f"{REGION_BOUNDS} (swapped longitude and latitude?)"))
        parsed.append((f, props, geom))
    out += _check_crossings(parsed)
    out += _check_aliases(parsed)
    ids = {p["id"] for _, p, _ in parsed}
    for f, props, _ in parsed:
        admin = props.get("admin")
        if admin and admin not in ids:
            out.append(Finding("warning", f, props["id"], f"admin {admin!r} is not an entry of the gazetteer"))
    return sorted(out, key=lambda x: (x.level != "error", x.file, x.entry or "", x.problem))


def _check_crossings(parsed) -> list[Finding]:
    out = []
    borders = {p["id"]: g for _, p, g in parsed if p.get("kind") == "border"}
    for f, props, geom in parsed:
        if props.get("kind") != "crossing":
            continue
        border = props.get("border")
        if border not in borders:
            out.append(Finding("error", f, props["id"], f"'border' is {border!r}, not the id of a border line"))
            continue
        sides = props.get("sides")
        if not isinstance(sides, dict) or len(sides) != 2:
            out.append(Finding("error", f, props["id"], "'sides' must name the town on each of the two sides"))
        km = _km_to_line(geom if geom.geom_type == "Point" else geom.representative_point(), borders[border])
        if km > CROSSING_MAX_KM:
            out.append(Finding("error", f, props["id"], f"{km:.1f} km from its border line {border} "
                                                        f"(at most {CROSSING_MAX_KM:g} km)"))
    return out


def _check_aliases(parsed) -> list[Finding]:
    """Two entries of one kind may share a name only if both declare it ambiguous."""
    out = []
    owners: dict[tuple[str, str], list[tuple[str, dict, str]]] = {}
    for f, props, _ in parsed:
        for name in [props.get("name"), *(props.get("aliases") or [])]:
            if not isinstance(name, str) or not name:
                continue
            for key in name_variants(name):
                owners.setdefault((str(props.get("kind")), key), []).append((f, props, name))
    reported = set()
    for (kind, key), holders in sorted(owners.items(), key=lambda kv: kv[0]):
        ids = sorted({p["id"] for _, p, _ in holders})
        if len(ids) < 2:
            continue
        declared = all(any(name_variants(a) & {key} for a in (p.get("ambiguous_aliases") or [])) for _, p, _ in holders)
        pair = tuple(ids)
        if not declared and pair not in reported:
            reported.add(pair)
            f, props, name = holders[0]
            out.append(Finding("error", f, props["id"], f"the name {name!r} is shared with {', '.join(i for i in ids if i != props['id'])} "
                                                        f"(same kind '{kind}'); list it in ambiguous_aliases of each, or remove it"))
    return out


def check_gazetteer(folder: Path) -> list[Finding]:
    files = gazetteer_files(folder)
    if not files:
        return [Finding("error", str(folder), None, "no gazetteer files (places.geojson, crossings.geojson, ...)")]
    entries, findings = [], []
    for path in files:
        try:
            entries += [(path, feat) for feat in read_feature_collection(path)]
        except GazetteerError as exc:
            findings.append(Finding("error", str(path), None, exc.problem + (f" (line {exc.line})" if exc.line else "")))
    return sorted(findings + check_entries(entries), key=lambda x: (x.level != "error", x.file, x.entry or "", x.problem))
