"""Words in a shared explore or map address: ?words= filters the page and never opens
Material's search (whose deep link is ?q=); an old ?q= link is moved to ?words= before
Material reads it, and the language menu carries the words."""

from __future__ import annotations

import pytest

from browser import site_tab

pytestmark = pytest.mark.browser

SEARCH_OPEN = "() => document.getElementById('__search').checked"


@pytest.fixture(scope="module")
def tab(built_site):
    with site_tab(built_site, width=375, script_errors=True) as page:  # a phone
        yield page


def settled(tab) -> None:
    """The page's scripts have run (Material's opens the search at once on ?q=)."""
    tab.wait_for_function("() => window.document$ && document.querySelector('[data-ready]')")


@pytest.mark.parametrize("old", [False, True])
def test_explore_address_with_words_shows_the_page(tab, old):
    tab.goto(f"{tab.base}vi/explore/?{'q' if old else 'words'}=vay&country=VN")
    settled(tab)
    assert not tab.evaluate(SEARCH_OPEN)
    assert tab.input_value("#cb-explore-filters input[type=search]") == "vay"
    assert tab.url.endswith("/vi/explore/?words=vay&country=VN")
    shown = tab.eval_on_selector_all(".cb-explore__item:not([hidden])", "els => els.map(e => e.dataset.country)")
    assert shown and set(shown) == {"VN"}
    # the language menu and "show these cases on the map" carry the words
    tab.hover(".md-select")
    assert "words=vay" in tab.get_attribute(".md-select__link[hreflang=zh]", "href")
    assert "words=vay" in tab.get_attribute(".cb-explore__map a", "href")


def test_typed_words_go_into_the_address_as_words(tab):
    tab.goto(f"{tab.base}explore/")
    settled(tab)
    tab.fill("#cb-explore-filters input[type=search]", "wechat")
    tab.wait_for_function("() => location.search.includes('words=wechat')")
    tab.click(".cb-explore__map a")
    tab.wait_for_selector(".cb-map__filtered:not([hidden])")
    settled(tab)
    assert not tab.evaluate(SEARCH_OPEN) and "words=wechat" in tab.url


@pytest.mark.parametrize("old", [False, True])
def test_map_address_with_words_shows_the_map(tab, old):
    tab.goto(f"{tab.base}zh/map/?{'q' if old else 'words'}=%E5%BE%AE%E4%BF%A1")
    tab.wait_for_selector(".cb-map__filtered:not([hidden])")
    settled(tab)
    assert not tab.evaluate(SEARCH_OPEN)
    assert "words=" in tab.url and "q=" not in tab.url
    assert "words=" in tab.get_attribute(".cb-map__change", "href")


def test_search_deep_link_still_opens_search_elsewhere(tab):
    """Material's own ?q= keeps working on every other page."""
    tab.goto(f"{tab.base}vi/?q=vay")
    tab.wait_for_function(SEARCH_OPEN)
