"""Drive Debian's chromium with Playwright (never a downloaded browser build).

Browser tests skip on a developer machine without chromium, but fail in CI (CI=true),
where `make test` installs it: a CI run must never pass by skipping them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

from casebook.commands.static_server import serve  # noqa: F401 - the tests' server
from needs import need

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that stop chromium from calling Google's hosts on this closed network.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def require_chromium() -> None:
    need(Path(CHROMIUM).exists(), "Debian's chromium", "run: make browser-deps")


@contextlib.contextmanager
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()


def outside_requests(page, allowed_prefixes: tuple[str, ...]) -> list[str]:
    """Block and record every request that does not start with an allowed prefix."""
    seen: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(allowed_prefixes) or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            seen.append(url)
            r.abort()

    page.route("**/*", route)
    return seen


@contextlib.contextmanager
def site_tab(site: Path, width: int = 375, height: int = 800, script_errors: bool = False):
    """A chromium page over ``site`` served on loopback (``page.base`` is its address),
    every request to another host blocked; on leaving, asserts that none was made and,
    with ``script_errors``, that no script of the page threw."""
    with serve(site) as url, browser() as chromium:
        page = chromium.new_page(viewport={"width": width, "height": height})
        blocked = outside_requests(page, (url,))
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.base = url
        yield page
        assert not blocked, blocked
        if script_errors:
            assert not errors, f"script errors: {errors}"
