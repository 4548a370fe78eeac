"""Opening a map in headless Chromium (Playwright driving Debian's ``chromium``): for the browser tests,
the map benchmark and screenshots.

Playwright cannot download its own browser here, so it drives the system's
Chromium through ``executable_path``; the flags keep Chromium from calling
home, so that any request a page makes is the page's own.

>>> with open_chromium() as browser:                              # doctest: +SKIP
...     page = open_map(browser, "outputs/map.html")
...     page.screenshot(path="map.png")
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from geoborder.errors import GeoborderError

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
READY = "document.querySelector('[data-geoborder-ready], [data-geoborder-error]') !== null"


def chromium_path() -> str | None:
    """The system Chromium: ``$GEOBORDER_CHROMIUM``, else the first of chromium / chromium-browser on PATH."""
    env = os.environ.get("GEOBORDER_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def open_chromium():
    """A headless Chromium, closed on exit."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise GeoborderError("no Chromium found: install Debian's chromium package, or set GEOBORDER_CHROMIUM")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_until_drawn(page, timeout_ms: float = 60_000) -> None:
    """Wait until the map has decoded its data and filled every overlay (or shown why it could not)."""
    page.wait_for_function(READY, timeout=timeout_ms)
    error = page.evaluate("(document.querySelector('[data-geoborder-error]') || {dataset: {}}).dataset.geoborderError")
    if error:
        raise GeoborderError(f"the map could not draw its data: {error}")


def open_map(browser, path: str | Path, *, context=None, timeout_ms: float = 60_000,
             viewport: tuple[int, int] = (1280, 800)):
    """A page showing the map at ``path``, once drawn."""
    page = (context or browser).new_page()
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(Path(path).resolve().as_uri())
    wait_until_drawn(page, timeout_ms)
    return page
