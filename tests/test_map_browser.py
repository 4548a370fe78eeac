"""The map as a reader sees it: opened in headless Chromium (Debian's chromium, driven by Playwright).

The corpus is the bundled samples plus an article whose text, title and url
carry script payloads. Off CI these tests skip when no Chromium is installed;
on CI (``CI=true``) a missing Chromium fails them, since .ci/run installs it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geoborder.map.assets import INSTALLED, asset_text
from geoborder.map.browser import chromium_path, open_chromium, wait_until_drawn
from geoborder.resources import SAMPLES_DIR

pytestmark = pytest.mark.slow
GEOBORDER = str(Path(sys.executable).with_name("geoborder"))
OVERLAY_NAMES = ["Regions and provinces", "Borders", "Place mentions", "Crossings", "Closures and reopenings",
                 "Attacks"]
KINDS = ["regions", "borders", "mentions", "crossings", "closures", "attacks"]

PAYLOAD_TEXT = """Pakistan closes Torkham crossing after clash

Pakistani authorities closed the Torkham border crossing on Sunday after a clash with Afghan forces \
<script>window.__pwned = "script"</script> left two soldiers dead.

A suicide bomber killed six people at a checkpoint in Chaman on Saturday, police said, in an attack \
<img src=x onerror="window.__pwned='img'"> claimed by ${window.__pwned='template'} `backtick` \\u0041 \\\\ militants.
"""
PAYLOAD_META = {"published": "2024-03-04", "source": "Test <b>Wire</b>", "url": "javascript:window.__pwned='url'",
                "title": "<img src=x onerror=\"window.__pwned='title'\">Torkham shut"}


@pytest.fixture(scope="module")
def chromium():
    if chromium_path() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no Chromium on the CI machine: .ci/run must apt-get install chromium")
        pytest.skip("no Chromium here (apt-get install chromium)")
    with open_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    """`geoborder run` on the samples plus the payload article, then the self-contained map beside it."""
    root = tmp_path_factory.mktemp("maprun")
    corpus = root / "corpus"
    shutil.copytree(SAMPLES_DIR, corpus)
    meta = json.loads((corpus / "metadata.json").read_text(encoding="utf-8"))
    meta["payload"] = PAYLOAD_META
    (corpus / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    (corpus / "payload.txt").write_text(PAYLOAD_TEXT, encoding="utf-8")
    out = root / "out"
    proc = subprocess.run([GEOBORDER, "run", corpus, "--out", out, "-q"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    proc = subprocess.run([GEOBORDER, "map", out / "layers", "-o", out / "offline.html", "--self-contained",
                           "--tiles", "none"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return out


def features(run_dir: Path, name: str) -> list[dict]:
    return json.loads((run_dir / "layers" / f"{name}.geojson").read_text(encoding="utf-8"))["features"]


class Watched:
    """A page with every request, page error, console error and dialog it produced."""

    def __init__(self, browser, path: Path, serve_cdn: bool = False):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.context.route("**/*", self._route if serve_cdn else self._record)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.page.goto(path.resolve().as_uri())
        wait_until_drawn(self.page)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _record(self, route):
        self.requests.append(route.request.url)
        route.continue_()

    def _route(self, route):
        """Serve the CDN's scripts from the installed packages (the test machine has no network)."""
        url = route.request.url
        self.requests.append(url)
        if url in INSTALLED:
            route.fulfill(status=200, body=asset_text(url),
                          content_type="text/css" if url.endswith(".css") else "application/javascript")
        elif url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    def state(self, expression: str):
        return self.page.evaluate(f"(() => {{ const s = Object.values(geoborder.maps)[0]; return {expression}; }})()")

    def close(self):
        self.context.close()


@pytest.fixture
def offline(chromium, run_dir):
    page = Watched(chromium, run_dir / "offline.html")
    yield page
    page.close()


def test_leaflet_loads_and_the_page_has_no_errors(offline):
    assert offline.page.evaluate("typeof L === 'object' && L.version") == "1.9.3"
    assert offline.page.evaluate("typeof L.markerClusterGroup") == "function"
    assert offline.errors == []
    assert offline.page.title() == "geoborder map"


def test_the_self_contained_map_makes_no_request_off_the_machine(offline):
    assert offline.requests, "the route saw no request at all: the check would prove nothing"
    assert [u for u in offline.requests if not u.startswith(("file:", "data:"))] == []


def test_the_default_map_fetches_only_its_named_scripts(chromium, run_dir):
    page = Watched(chromium, run_dir / "map.html", serve_cdn=True)
    try:
        off_machine = {u for u in page.requests if not u.startswith(("file:", "data:"))}
        scripts = {u for u in off_machine if u in INSTALLED}
        tiles = off_machine - scripts
        assert scripts == set(INSTALLED)
        assert all("tile.openstreetmap.org" in u for u in tiles)  # the base map, refused here
        assert page.state("Object.keys(s.overlays).length") == len(KINDS)
        assert [e for e in page.errors if "ERR_FAILED" not in e] == []  # refused tiles log a network error
    finally:
        page.close()


def test_every_overlay_is_in_the_layer_control_and_toggles(offline):
    labels = offline.page.locator(".leaflet-control-layers-overlays label")
    assert [t.strip() for t in labels.all_inner_texts()] == OVERLAY_NAMES
    for kind, name in zip(KINDS, OVERLAY_NAMES):
        shown_at_start = kind != "mentions"
        assert offline.state(f"s.map.hasLayer(s.overlays[{kind!r}])") is shown_at_start, kind
        offline.page.get_by_label(name, exact=True).click()
        assert offline.state(f"s.map.hasLayer(s.overlays[{kind!r}])") is not shown_at_start, kind
        offline.page.get_by_label(name, exact=True).click()
        assert offline.state(f"s.map.hasLayer(s.overlays[{kind!r}])") is shown_at_start, kind


def test_there_are_as_many_markers_as_placed_features(offline, run_dir):
    for kind in ("closures", "attacks", "crossings", "mentions"):
        placed = [f for f in features(run_dir, kind) if f["geometry"]]
        assert placed, kind
        assert offline.state(f"s.overlays[{kind!r}].getLayers().length") == len(placed), kind
    for kind in ("borders", "regions"):
        assert offline.state(f"s.overlays[{kind!r}].getLayers().length") == len(features(run_dir, kind)), kind
    # markers actually on screen: clusters and single markers of the two event layers
    assert offline.page.locator(".gb-cluster-events").count() > 0
    assert offline.page.locator(".gb-closure").count() + offline.page.locator(".gb-attack").count() > 0
    assert offline.page.locator(".gb-crossing").count() == len(features(run_dir, "crossings"))


def _click_marker(watched: Watched, kind: str, event_id: str) -> str:
    """Zoom until the marker of ``event_id`` stands alone, click it as a reader would, return the popup's text."""
    watched.page.evaluate(
        """([kind, id]) => new Promise((done) => {
             const s = Object.values(geoborder.maps)[0];
             const m = s.overlays[kind].allMarkers.find((m) => m.record.event_id === id);
             s.overlays[kind].cluster.zoomToShowLayer(m, () => {
               document.querySelectorAll('[data-test]').forEach((e) => e.removeAttribute('data-test'));
               m.getElement().setAttribute('data-test', 'target');
               done();
             });
           })""", [kind, event_id])
    # a corner: a crossing drawn above an event at the same place covers the marker's centre
    watched.page.locator("[data-test=target]").click(position={"x": 2, "y": 2})
    popup = watched.page.locator(".leaflet-popup-content")
    popup.wait_for()
    return popup.inner_text()


def test_a_popup_shows_the_evidence_sentence_and_links_the_source(offline, run_dir):
    closure = next(f for f in features(run_dir, "closures") if f["geometry"] and f["properties"]["sources"][0]["url"])
    props = closure["properties"]
    text = _click_marker(offline, "closures", props["event_id"])
    assert props["sources"][0]["sentence"] in " ".join(text.split("\n"))
    assert props["place_name"] in text and props["date_start"] in text
    href = offline.page.locator(".leaflet-popup-content a").first.get_attribute("href")
    assert href == props["sources"][0]["url"]


def test_a_crossing_popup_shows_its_timeline(offline, run_dir):
    crossing = next(f for f in features(run_dir, "crossings") if f["properties"]["timeline"])
    offline.page.evaluate("""(id) => { const s = Object.values(geoborder.maps)[0];
        const m = s.overlays.crossings.allMarkers.find((m) => m.record.crossing_id === id);
        s.map.setView(m.getLatLng(), 9, {animate: false});
        m.getElement().setAttribute('data-test', 'crossing'); }""", crossing["properties"]["crossing_id"])
    offline.page.locator("[data-test=crossing]").click()
    rows = offline.page.locator(".leaflet-popup-content .gb-timeline tr")
    rows.first.wait_for()
    assert rows.count() == len(crossing["properties"]["timeline"]) + 1  # the header row too
    assert crossing["properties"]["timeline"][0]["start"] in rows.nth(1).inner_text()


def test_article_text_carrying_script_runs_nothing_and_shows_as_written(offline, run_dir):
    payload_events = [(kind, f["properties"]) for kind in ("closures", "attacks") for f in features(run_dir, kind)
                      if f["geometry"] and any(s["article_id"] == "payload" for s in f["properties"]["sources"])]
    sentences = {s["sentence"] for _, p in payload_events for s in p["sources"]}
    assert any("<script>" in s for s in sentences) and any("${window" in s for s in sentences)
    shown = []
    for kind, props in payload_events:
        shown.append(_click_marker(offline, kind, props["event_id"]))
        offline.page.keyboard.press("Escape")
    text = " ".join(" ".join(t.split("\n")) for t in shown)
    assert '<script>window.__pwned = "script"</script>' in text
    assert "<img src=x onerror=\"window.__pwned='img'\">" in text
    assert "${window.__pwned='template'} `backtick` \\u0041 \\\\ militants" in text
    assert "<img src=x onerror=\"window.__pwned='title'\">Torkham shut" in text  # the title, as text
    assert offline.page.evaluate("window.__pwned") is None
    assert offline.dialogs == [] and offline.errors == []
    assert offline.page.locator("img[src=x], .leaflet-popup-content script, a[href^=javascript]").count() == 0


def _overlapping(run_dir: Path, start: str, end: str) -> int:
    return sum(1 for kind in ("closures", "attacks") for f in features(run_dir, kind)
               if f["geometry"] and f["properties"]["date_start"]
               and f["properties"]["date_start"] <= end and (f["properties"]["date_end"] or "") >= start)


def test_the_time_control_shows_the_events_of_a_chosen_period(offline, run_dir):
    from geoborder.events.timeline import status_on

    dates = sorted(f["properties"]["date_start"] for k in ("closures", "attacks") for f in features(run_dir, k)
                   if f["geometry"] and f["properties"]["date_start"])
    start, end = dates[len(dates) // 3], dates[2 * len(dates) // 3]
    offline.page.locator(".gb-time .gb-from").fill(start)
    offline.page.locator(".gb-time .gb-to").fill(end)
    offline.page.locator(".gb-time .gb-to").dispatch_event("change")
    expected = _overlapping(run_dir, start, end)
    assert 0 < expected < len(dates)
    shown = offline.state("s.overlays.closures.getLayers().length + s.overlays.attacks.getLayers().length")
    assert shown == expected
    assert offline.page.locator(".gb-count").inner_text().startswith(f"{expected} of {len(dates)}")
    for crossing in features(run_dir, "crossings"):  # each crossing coloured by its status on the period's end
        interval = status_on(crossing["properties"]["timeline"], end)
        colour = offline.page.evaluate("""(id) => { const s = Object.values(geoborder.maps)[0];
            const m = s.overlays.crossings.allMarkers.find((m) => m.record.crossing_id === id);
            return m.getElement().querySelector('span').style.background; }""", crossing["properties"]["crossing_id"])
        status = interval["status"] if interval else "unknown"
        assert colour == {"closed": "rgb(192, 57, 43)", "open": "rgb(30, 132, 73)",
                          "unknown": "rgb(127, 140, 141)"}[status], crossing["properties"]["name"]
    offline.page.locator(".gb-time .gb-all").click()
    assert offline.state("s.overlays.closures.getLayers().length + s.overlays.attacks.getLayers().length") == len(dates)


def test_unplaced_events_are_named_in_the_legend(offline, run_dir):
    unplaced = sum(1 for k in ("closures", "attacks") for f in features(run_dir, k) if not f["geometry"])
    notes = offline.page.locator(".gb-unplaced").all_inner_texts()
    assert sum(int(n.split()[0]) for n in notes) == unplaced


def test_the_main_job_draws_a_map_that_works_offline(chromium, tmp_path):
    """`geoborder run --self-contained --tiles none` on the bundled samples, opened as a reader would.

    The README's picture is this screenshot: GEOBORDER_SCREENSHOT=docs/map.png python -m pytest -k offline.
    """
    proc = subprocess.run([GEOBORDER, "run", "--self-contained", "--tiles", "none", "--out", tmp_path / "out", "-q"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    page = Watched(chromium, tmp_path / "out" / "map.html")
    try:
        assert [u for u in page.requests if not u.startswith(("file:", "data:"))] == [] and page.errors == []
        placed = sum(1 for k in ("closures", "attacks") for f in features(tmp_path / "out", k) if f["geometry"])
        assert page.state("s.overlays.closures.getLayers().length + s.overlays.attacks.getLayers().length") == placed
        path = Path(os.environ.get("GEOBORDER_SCREENSHOT") or tmp_path / "map.png")
        path.parent.mkdir(parents=True, exist_ok=True)
        page.page.screenshot(path=str(path))
        assert path.stat().st_size > 20_000  # a drawn map, not a blank page
    finally:
        page.close()


def test_a_map_with_no_events_still_draws(chromium, sample_layers, tmp_path):
    from geoborder.map.build import write_map_from_layers

    layers = tmp_path / "layers"
    shutil.copytree(sample_layers, layers)
    for name in ("closures", "attacks"):
        (layers / f"{name}.geojson").write_text('{"type":"FeatureCollection","features":[\n]}\n', encoding="utf-8")
    write_map_from_layers(layers, tmp_path / "map.html", tiles="none", self_contained=True)
    page = Watched(chromium, tmp_path / "map.html")
    try:
        assert page.errors == []
        assert page.state("s.overlays.attacks.getLayers().length + s.overlays.closures.getLayers().length") == 0
        assert page.state("s.overlays.crossings.getLayers().length") == len(features(layers.parent, "crossings"))
        assert page.page.locator(".gb-time .gb-from").is_disabled()  # no period to choose from
    finally:
        page.close()


def test_the_legend_folds_away(offline):
    row = offline.page.locator(".gb-legend .gb-legend-row").first
    assert row.is_visible()
    offline.page.locator(".gb-legend summary").click()
    assert not row.is_visible()
