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


def search(page, query: str, tries: int = 20, every_result: bool = True) -> list[str]:
    """Type ``query`` into Material's search box; return the result links (the first ten
    Material renders, or with ``every_result`` all of them).

    Types again while the search worker is still indexing (it answers nothing until then).
    Results already shown (an earlier query's on the same page) are marked first and never
    read: Material keeps them until the worker answers the new query, then replaces them.
    """
    from playwright.sync_api import TimeoutError as Timeout

    box = page.locator("input[data-md-component='search-query']")
    box.click()
    page.eval_on_selector_all(".md-search-result__item", "els => els.forEach(e => e.dataset.earlier = '')")
    fresh = ".md-search-result__item:not([data-earlier]) > a"
    for _ in range(tries):
        box.fill(query)
        box.press("End")  # fill() types no key; Material reads the query on keyup (as after an IME)
        try:
            page.wait_for_selector(fresh, state="attached", timeout=500)
        except Timeout:
            continue
        links = page.eval_on_selector_all(fresh, "els => els.map(e => e.href)")
        return _all_results(page, links) if every_result else links
    return []


# Material writes its placeholder ("Type to start searching", in the page's language) into
# the results' meta line once the search worker has answered its first, empty query.
_READY = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const config = JSON.parse(document.querySelector('script#__config').textContent);
  return meta !== null && meta.textContent.trim() === config.translations['search.result.placeholder'];
}"""


def search_ready(page, timeout: float = 15_000) -> None:
    """Until the page's search worker has loaded (Material's script read its configuration
    and the worker it names answered)."""
    page.wait_for_function(_READY, timeout=timeout)


def search_answered(page, query: str, timeout: float = 10_000) -> None:
    """Type ``query`` once the worker is ready; return when its answer is shown, results or
    none (Material rewrites the meta line on every answer)."""
    search_ready(page, timeout)
    box = page.locator("input[data-md-component='search-query']")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_function(f"() => !({_READY})()", timeout=timeout)


def settle(page) -> None:
    """Until the page's pending work has run: two frames painted, then the tasks queued
    by then (a payload run by an event handler, a timer of 0 or a frame callback)."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                  "requestAnimationFrame(() => setTimeout(done, 0))))")


_MORE = "n => document.querySelectorAll('.md-search-result__item > a').length > n"


def _all_results(page, links: list[str]) -> list[str]:
    """Material renders results ten at a time as the list scrolls: scroll to the end (more
    results come within a frame or two of the scroll, or there are no more)."""
    from playwright.sync_api import TimeoutError as Timeout

    while True:
        page.eval_on_selector(".md-search__scrollwrap", "e => e.scrollTo(0, e.scrollHeight)")
        try:
            page.wait_for_function(_MORE, arg=len(links), timeout=200)
        except Timeout:
            return links
        links = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
