"""A map page in headless Chromium, offline: for the map benchmark and the browser tests.

Chromium comes from Debian's ``chromium`` package (``make chromium``), driven by
Playwright's Python package with ``executable_path``; no browser is downloaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "offline_page"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@contextmanager
def offline_page(errors: list[str], chromium: Path = CHROMIUM) -> Iterator[Any]:
    """A 1280 x 800 page where every request but ``file:`` is aborted (no tiles, no
    network), as on a locked-down office machine; its page errors go to ``errors``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.route(
                "**/*",
                lambda route: (
                    route.continue_() if route.request.url.startswith("file:") else route.abort()
                ),
            )
            page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
            yield page
        finally:
            browser.close()
