"""The feed's link in a real browser: found as a feed (rel is a set of words), it leads to
the page language's Atom feed, and it makes Material's script ask for nothing (with
rel="alternate" alone it fetched the sitemap.xml beside it on every page view)."""

from __future__ import annotations

import time

import pytest

from browser import site_tab

pytestmark = pytest.mark.browser

CASE = "wanzhou-grassroots-federation-reform"


@pytest.fixture(scope="module")
def tab(built_site):
    with site_tab(built_site, width=375) as page:
        yield page


@pytest.mark.parametrize("path, feed", [("zh/", "zh/feed.xml"), (f"cases/{CASE}/", "feed.xml"),
                                        ("vi/explore/", "vi/feed.xml"), (f"zh/cases/{CASE}/", "zh/feed.xml")])
def test_the_feed_link_leads_to_the_languages_feed_and_costs_no_request(tab, path, feed):
    asked: list[tuple[int, str]] = []

    def note(response):
        asked.append((response.status, response.url))

    tab.on("response", note)
    try:
        tab.goto(tab.base + path, wait_until="networkidle")
        time.sleep(0.3)  # (Material asked for the sitemap once the page had loaded)
    finally:
        tab.remove_listener("response", note)
    found = tab.evaluate("""() => [...document.head.querySelectorAll('link')]
        .filter(l => l.relList.contains('alternate') && l.type === 'application/atom+xml').map(l => l.href)""")
    assert found == [tab.base + feed]
    assert not [url for status, url in asked if "sitemap" in url or status >= 400], asked
    root = tab.evaluate("""async href => {
        const xml = new DOMParser().parseFromString(await (await fetch(href)).text(), 'application/xml');
        return [xml.documentElement.namespaceURI, xml.documentElement.localName, xml.querySelectorAll('entry').length]
    }""", found[0])
    assert root[:2] == ["http://www.w3.org/2005/Atom", "feed"] and root[2] > 0
