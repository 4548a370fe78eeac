"""How the map scales: build time, HTML size and load time in headless Chromium, beside folium's own clustering.

For each size, synthetic events (closures and attacks at random places along
the two borders, dated over ten years, each with a 20-to-40-word evidence
sentence drawn at random from the vocabulary of the bundled sample articles,
so that it compresses like prose and not like one repeated sentence) go
through:

1. geoborder's map: ``page_data`` from the features, the folium map, and the
   HTML written (build); then Chromium opens it until every overlay is
   filled (load);
2. folium's own ``MarkerCluster`` of ``Marker``s with an HTML popup each
   (the evidence sentence), as a folium user would draw the same events.

Both maps link their scripts from CDNs; the benchmark serves each from an
installed package (Leaflet, markercluster, and jQuery, which folium's popups
need, from XStatic), so no network is used and load times compare. A page
counts as loaded when every marker is clustered (ours: its ready flag, set
when the cluster plugin reports the last chunk; folium's: the cluster holds
every marker). A load slower than ``--load-timeout`` is reported as such.
Targets (issue 4) at 100,000 events: HTML under 20 MB, build under 10 s,
load under 5 s.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python benchmarks/map_scale.py [--sizes 1000 10000 100000] [--no-baseline]
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from geoborder.map.assets import INSTALLED, asset_text
from geoborder.map.browser import open_chromium, wait_until_drawn
from geoborder.map.build import map_from_data, write_map
from geoborder.map.data import page_data
from geoborder.resources import SAMPLES_DIR

ATTACK_TYPES = ["suicide_bombing", "ied", "armed_assault", "armed_clash", "air_strike", "shelling"]
BOX = (60.8, 24.9, 71.9, 36.9)  # west, south, east, north: both borders and their provinces
START = date(2016, 1, 1)


def _vocabulary() -> list[str]:
    words = []
    for path in sorted(SAMPLES_DIR.glob("*.txt")):
        words += re.findall(r"[A-Za-z][A-Za-z'-]*|\d+", path.read_text(encoding="utf-8"))
    return words


def synthetic_features(n: int, seed: int = 7) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    words = _vocabulary()
    layers: dict[str, list[dict]] = {"closures": [], "attacks": []}
    for i in range(n):
        closure = rng.random() < 0.3
        day = START + timedelta(days=rng.randrange(3650))
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(20, 40))) + "."
        killed = None if rng.random() < 0.3 else rng.randint(0, 60)
        props = {
            "event_id": f"ev-{i:012x}", "status": "reported", "date_start": day.isoformat(),
            "date_end": day.isoformat(), "date_precision": "day", "place_id": f"synthetic/{i % 400}",
            "place_name": f"Place {i % 400}", "place_kind": "town", "geo_precision": 1 + i % 4,
            "fatalities": None if closure else killed, "fatalities_low": None if closure else killed,
            "fatalities_high": None if closure else killed, "injured": None, "actors": ["security forces"],
            "claimed_by": [], "claims": [], "n_sources": 1,
            "event_type": rng.choice(["closure", "reopening"]) if closure else rng.choice(ATTACK_TYPES),
            "sources": [{"article_id": f"article-{i}", "title": f"Report {i}", "url": f"https://example.org/{i}",
                         "published": day.isoformat(), "sentence": sentence, "start": 0, "end": len(sentence)}],
        }
        point = {"type": "Point", "coordinates": [round(rng.uniform(BOX[0], BOX[2]), 5),
                                                  round(rng.uniform(BOX[1], BOX[3]), 5)]}
        layers["closures" if closure else "attacks"].append({"type": "Feature", "properties": props,
                                                             "geometry": point})
    return layers


def build_geoborder(features: dict[str, list[dict]], path: Path) -> float:
    t0 = time.perf_counter()
    data = page_data({**features, "crossings": [], "mentions": [], "borders": [], "regions": []})
    write_map(map_from_data(data, tiles="none"), path)
    return time.perf_counter() - t0


def build_folium_cluster(features: dict[str, list[dict]], path: Path) -> float:
    import html

    import folium
    from folium.plugins import MarkerCluster

    t0 = time.perf_counter()
    m = folium.Map(location=[30.5, 66.5], zoom_start=6, tiles=None, max_zoom=18)
    cluster = MarkerCluster().add_to(m)
    for layer in ("closures", "attacks"):
        for f in features[layer]:
            lon, lat = f["geometry"]["coordinates"]
            p = f["properties"]
            text = html.escape(f"{p['event_type']} {p['date_start']}: {p['sources'][0]['sentence']}")
            folium.Marker([lat, lon], popup=folium.Popup(text, max_width=300)).add_to(cluster)
    m.save(str(path))
    return time.perf_counter() - t0


def _installed_file(url: str) -> Path | None:
    """The installed file for a CDN URL either map links (folium names markercluster 1.1.0 on another CDN:
    the installed 1.4.1 has the same API); None for what neither needs (Bootstrap, icon fonts)."""
    import importlib

    name = url.rsplit("/", 1)[-1]
    packages = {"leaflet.js": "leaflet", "leaflet.css": "leaflet", "leaflet.markercluster.js": "leaflet_markercluster",
                "MarkerCluster.css": "leaflet_markercluster", "MarkerCluster.Default.css": "leaflet_markercluster",
                "jquery-3.7.1.min.js": "jquery"}
    if "/leaflet@1.9.3/dist/images/" in url:
        return Path(importlib.import_module("xstatic.pkg.leaflet").BASE_DIR) / "images" / name
    if name not in packages:
        return None
    folder = Path(importlib.import_module(f"xstatic.pkg.{packages[name]}").BASE_DIR)
    return folder / ("jquery.min.js" if packages[name] == "jquery" else name)


def _serve_installed(route) -> None:
    """CDN scripts from the installed packages; anything else leaving the machine is refused."""
    url = route.request.url
    if url.startswith(("file:", "data:")):
        route.continue_()
    elif url in INSTALLED:
        kind = "text/css" if url.endswith(".css") else "application/javascript"
        route.fulfill(status=200, content_type=kind, body=asset_text(url))
    elif (path := _installed_file(url)) is not None and path.is_file():
        route.fulfill(status=200, path=str(path))
    else:
        route.abort()


def load_seconds(browser, path: Path, ready: str, timeout_s: float, expected: int) -> float | None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", _serve_installed)
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=timeout_s * 1000)
        if ready == "geoborder":
            wait_until_drawn(page, timeout_s * 1000)
        else:  # folium's page is drawn when its script has run: the cluster holds every marker
            page.wait_for_function(f"Object.keys(window).some(k => k.startsWith('marker_cluster_') "
                                   f"&& window[k].getLayers().length === {expected})", timeout=timeout_s * 1000)
        return time.perf_counter() - t0
    except Exception:  # noqa: BLE001 - a time-out is a result here
        return None
    finally:
        context.close()


def _row(label: str, n: int, build: float, size: int, load: float | None, timeout_s: float) -> str:
    shown = f"{load:6.2f} s" if load is not None else f"> {timeout_s:.0f} s"
    return f"{label:<32} {n:>8,} {build:>8.2f} s {size / 1e6:>9.1f} MB {shown:>10}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--no-baseline", action="store_true", help="Skip folium's MarkerCluster.")
    parser.add_argument("--load-timeout", type=float, default=120.0, help="Seconds to wait for a page.")
    args = parser.parse_args()
    print(f"{'map':<32} {'events':>8} {'build':>10} {'HTML':>12} {'load':>10}")
    with tempfile.TemporaryDirectory() as tmp, open_chromium() as browser:
        for n in args.sizes:
            features = synthetic_features(n)
            ours = Path(tmp) / f"geoborder-{n}.html"
            build = build_geoborder(features, ours)
            load = load_seconds(browser, ours, "geoborder", args.load_timeout, n)
            print(_row("geoborder map (packed, clustered)", n, build, ours.stat().st_size, load, args.load_timeout),
                  flush=True)
            if not args.no_baseline:
                theirs = Path(tmp) / f"folium-{n}.html"
                build = build_folium_cluster(features, theirs)
                size = theirs.stat().st_size
                load = load_seconds(browser, theirs, "folium", args.load_timeout, n)
                theirs.unlink(missing_ok=True)
                print(_row("folium MarkerCluster of Markers", n, build, size, load, args.load_timeout), flush=True)
            ours.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
