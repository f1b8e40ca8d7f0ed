"""The ZIM read by a real Kiwix: Debian's kiwix-serve on loopback, as on a training room's
hotspot, opened in chromium at phone width."""

from __future__ import annotations

import re
import subprocess
import urllib.parse
import urllib.request

import pytest

from browser import browser, outside_requests, search
from kiwix import kiwix_serve
from test_sanitize_browser import CASE_ID

pytestmark = [pytest.mark.browser, pytest.mark.build]

CASE = "beitang-village-wechat-groups"


@pytest.fixture(scope="module")
def room(zims):
    """(book address, server address, a 375 px chromium tab that may ask nothing else)."""
    with kiwix_serve(zims["all"]) as (book, server), browser() as chromium:
        context = chromium.new_context(viewport={"width": 375, "height": 800})
        page = context.new_page()
        blocked = outside_requests(page, (server,))
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        yield book, server, page
        assert not blocked, f"the ZIM asked other hosts for: {blocked}"
        assert not errors, f"script errors in the ZIM: {errors}"
        context.close()


def kiwix_search(server: str, book: str, words: str) -> list[str]:
    """Kiwix's own full-text search (what its search box asks), result links in order."""
    name = book.rstrip("/").rsplit("/", 1)[1]
    query = urllib.parse.urlencode({"content": name, "pattern": words})
    with urllib.request.urlopen(f"{server}/search?{query}", timeout=30) as answer:
        body = answer.read().decode("utf-8")
    return re.findall(r'<a href="/[^/"]+/([^"]+)">', body)


def test_a_case_opens_switches_language_and_searches(room, tmp_path):
    book, _, page = room
    page.goto(f"{book}cases/{CASE}.html")
    assert "Beitang" in page.locator("h1").inner_text()
    page.screenshot(path=str(tmp_path / "kiwix-case-en.png"))
    page.locator(".md-header .md-select").hover()
    page.click(".md-select__link[hreflang='zh']")
    page.wait_for_url(f"{book}zh/cases/{CASE}.html")
    assert page.evaluate("document.documentElement.lang") == "zh"
    page.click("label.md-header__button[for='__search']")  # at phone width search opens from the header
    links = search(page, "微信群")  # the casebook's own search, in the page's language
    assert any(link.startswith(f"{book}zh/cases/{CASE}.html") for link in links), links
    page.goto(f"{book}vi/index.html")
    page.click("label.md-header__button[for='__search']")
    links = search(page, "binh duong")  # typed without tone marks
    assert any(link.startswith(f"{book}vi/cases/binh-duong-") for link in links), links


def test_kiwix_search_finds_chinese_and_unmarked_vietnamese(room):
    book, server, _ = room
    assert f"zh/cases/{CASE}.html" in kiwix_search(server, book, "微信群")  # a phrase without spaces
    assert any(path.startswith("vi/cases/") for path in kiwix_search(server, book, "tiet kiem"))  # tiết kiệm
    assert f"cases/{CASE}.html" in kiwix_search(server, book, "WeChat")


def test_the_training_pack_prints(room, tmp_path):
    book, _, page = room
    page.goto(f"{book}packs/index.html")
    pdf = tmp_path / "pack.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Beitang village" in text and text.count("\f") > 20  # every case, each on its own pages


def test_a_hostile_record_runs_nothing_in_kiwix(room):
    book, server, page = room
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in (f"cases/{CASE_ID}.html", f"zh/cases/{CASE_ID}.html", "packs/index.html"):
        page.goto(book + path)
        assert "end of raw script" in page.locator(".md-content").inner_text()
        assert page.evaluate("String(window.__xss)") == "undefined" and dialogs == [], path
    # Kiwix's result list shows the record's title (plain text in the ZIM) as text
    name = book.rstrip("/").rsplit("/", 1)[1]
    page.goto(f"{server}/search?" + urllib.parse.urlencode({"content": name, "pattern": "raw script"}))
    assert "<script>window.__xss=1</script>" in page.locator("body").inner_text()
    assert page.evaluate("String(window.__xss)") == "undefined" and dialogs == []
