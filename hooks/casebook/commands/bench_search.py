"""What a reader's first search costs, measured in Debian's chromium (`casebook bench`).

Per language: the bytes the page fetches for search (the worker, the manifest, the
parts; uncompressed and gzip) and the time from the query's last key to its first result
on screen, with the CPU throttled 4x (CDP Emulation.setCPUThrottlingRate) like a
mid-range phone. The site is served on loopback, so the network adds nothing.
Figures only: nothing here passes or fails on time.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import threading
from pathlib import Path

from .. import LANGUAGES, lang_prefix

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUERIES = {"en": "women's federation grassroots", "zh": "基层妇联干部", "vi": "hoi phu nu co so"}
THROTTLE = 4

# Marks the time of the last key and of the first result the list shows after it.
_WATCH = """() => {
  window.__firstResult = null;
  const list = document.querySelector(".md-search-result__list");
  new MutationObserver(() => {
    if (window.__lastKey && !window.__firstResult && list.querySelector(".md-search-result__item"))
      window.__firstResult = performance.now();
  }).observe(list, { childList: true });
  document.addEventListener("keyup", () => { window.__lastKey = performance.now() }, true);
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure_first_search(site: Path) -> dict:
    """Figures of a first search in each language of the built ``site``."""
    if not Path(CHROMIUM).exists():
        return {"first_search": "skipped (no chromium)"}
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    figures = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for lang in LANGUAGES:
                # From the home page: its size does not grow with the casebook (the list
                # of all cases is megabytes at 10,000 and takes a throttled CPU over 30 s
                # to load, which says nothing of search).
                figures |= _one(browser, f"{url}{lang_prefix(lang)}", lang)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return figures


def _one(browser, page_url: str, lang: str) -> dict:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    fetched: list[bytes] = []
    page.on("response", lambda r: fetched.append(r.body()) if "/search/" in r.url or "search" in r.url.rsplit("/", 1)[-1] else None)
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    page.goto(page_url)
    page.evaluate(_WATCH)
    page.click("label.md-header__button[for=__search]")
    box = page.locator("input[data-md-component='search-query']")
    # The whole query at once, as pasted or entered by an input method: its input event is
    # told to Material as a keyup (docs/assets/search-input.js), when Material reads the
    # query and the clock starts; one query, so what is shown after it is its own.
    box.fill(QUERIES[lang])
    page.wait_for_function("window.__firstResult", timeout=60_000)
    ms = page.evaluate("window.__firstResult - window.__lastKey")
    page.wait_for_timeout(500)  # the document parts of the results below the first
    context.close()
    return {
        f"first_search_{lang}_bytes": sum(map(len, fetched)),
        f"first_search_{lang}_gzip_bytes": sum(len(gzip.compress(b, mtime=0)) for b in fetched),
        f"first_search_{lang}_requests": len(fetched),
        f"first_result_{lang}_ms_cpu_x{THROTTLE}": round(ms),
    }
