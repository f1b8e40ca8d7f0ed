"""The language menu in a real browser: switching language keeps the reader's query
(explore filters, the pack's choice) and anchor (a case's section)."""

from __future__ import annotations

import pytest

from browser import site_tab

pytestmark = pytest.mark.browser

CASE = "wanzhou-grassroots-federation-reform"


@pytest.fixture(scope="module")
def tab(built_site):
    with site_tab(built_site, width=1280) as page:
        yield page


def switch_to(page, lang: str) -> None:
    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang={lang}]")
    page.wait_for_load_state()


def test_explore_filters_survive_a_switch(tab):
    tab.goto(tab.base + "vi/explore/?country=VN&theme=digital-outreach")
    switch_to(tab, "zh")
    assert tab.url == tab.base + "zh/explore/?country=VN&theme=digital-outreach"
    assert tab.eval_on_selector("select[name=country]", "e => e.value") == "VN"


def test_a_filter_chosen_on_the_page_survives_a_switch(tab):
    # explore.js rewrites the address as the reader filters: the menu follows
    tab.goto(tab.base + "zh/explore/")
    tab.select_option("select[name=level]", "village")
    switch_to(tab, "en")
    assert tab.url == tab.base + "explore/?level=village"
    assert tab.eval_on_selector("select[name=level]", "e => e.value") == "village"


def test_the_pack_keeps_its_theme(tab):
    tab.goto(tab.base + "packs/?theme=health")
    switch_to(tab, "vi")
    assert tab.url == tab.base + "vi/packs/?theme=health"
    assert tab.eval_on_selector("select[name=theme]", "e => e.value") == "health"


@pytest.mark.parametrize("anchor", ["background", "sources", "key-facts"])
def test_a_case_keeps_its_section(tab, anchor):
    tab.goto(tab.base + f"cases/{CASE}/#{anchor}")
    switch_to(tab, "zh")
    assert tab.url == tab.base + f"zh/cases/{CASE}/#{anchor}"
    assert tab.locator(f"#{anchor}").count() == 1, "the section has the same id in every language"
    switch_to(tab, "vi")
    assert tab.url == tab.base + f"vi/cases/{CASE}/#{anchor}"
    assert tab.locator(f"#{anchor}").count() == 1
