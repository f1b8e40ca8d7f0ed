"""Search in a real browser: each language finds its own pages, Chinese included."""

from __future__ import annotations

import pytest

from browser import browser, outside_requests, search, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def tab(site_url):
    with browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        blocked = outside_requests(page, (site_url,))
        yield page
        assert not blocked, f"requests to other hosts: {blocked}"


@pytest.mark.parametrize("lang, query, expect", [
    # Chinese is indexed as characters and their pairs: a word is found whole
    ("zh", "妇联", "zh/cases/"),
    ("zh", "瑞丽", "zh/cases/ruili-"),
    # Vietnamese with its diacritics
    ("vi", "Bình Dương", "vi/cases/binh-duong-"),
    ("en", "Wanzhou", "cases/wanzhou-"),
    # the field's terms, typed without spaces
    ("zh", "留守儿童", "zh/cases/wanzhou-"),
    ("zh", "妇女之家", "zh/cases/"),
    # Vietnamese typed without tone marks
    ("vi", "binh duong", "vi/cases/binh-duong-"),
    ("vi", "hoi phu nu", "vi/cases/"),
    ("vi", "quan wanzhou", "vi/cases/wanzhou-"),  # (Chinese places in pinyin: CONTRIBUTING)
])
def test_search_finds_pages_in_the_page_language_only(tab, site_url, lang, query, expect):
    prefix = "" if lang == "en" else f"{lang}/"
    tab.goto(f"{site_url}{prefix}cases/")
    links = search(tab, query)
    assert links, f"no result for {query!r} on the {lang} site"
    assert any(link.startswith(site_url + expect) for link in links), links
    for link in links:
        rel = link[len(site_url):]
        if lang == "en":
            assert not rel.startswith(("zh/", "vi/")), link
        else:
            assert rel.startswith(prefix), link
