"""On a phone (375 px), each page's task is on the first screen: the home page's ways in
(explore, map, timeline, glossary, training pack), the case list's way to each country,
explore's count with a way to the results, the pack's print button."""

from __future__ import annotations

import pytest

from browser import site_tab

pytestmark = pytest.mark.browser

LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
SCREEN = 800
IN_FIRST_SCREEN = "el => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight; }"


@pytest.fixture(scope="module")
def tab(built_site):
    with site_tab(built_site, width=375, height=SCREEN, script_errors=True) as page:
        yield page


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_offers_every_way_in(tab, lang):
    tab.goto(tab.base + LANGS[lang])
    for section in ("cases", "explore", "map", "timeline", "glossary", "packs"):
        link = tab.locator(f'.md-content a[href="{section}/"]').first
        assert link.is_visible(), section
        assert link.evaluate("el => el.getBoundingClientRect().bottom") < 2 * SCREEN, section
    site_name = tab.inner_text(".md-header__topic .md-ellipsis")
    assert tab.title() == site_name  # not "X - X"


@pytest.mark.parametrize("lang", LANGS)
def test_case_list_leads_to_each_country_from_the_first_screen(tab, lang):
    tab.goto(tab.base + LANGS[lang] + "cases/")
    jump = tab.locator('.cb-jump a[href="#country-vn"]')
    assert jump.evaluate(IN_FIRST_SCREEN)
    jump.click()
    tab.wait_for_function("() => Math.abs(document.getElementById('country-vn').getBoundingClientRect().top) < 120")


@pytest.mark.parametrize("lang", LANGS)
def test_explore_count_and_results_from_the_first_screen(tab, lang):
    tab.goto(tab.base + LANGS[lang] + "explore/?country=VN")
    count = tab.locator(".cb-explore__count")
    assert count.evaluate(IN_FIRST_SCREEN)
    tab.click(".cb-explore__jump a")
    first = tab.locator(".cb-explore__item:not([hidden])").first
    tab.wait_for_function("el => el.getBoundingClientRect().top < innerHeight / 2", arg=first.element_handle())


@pytest.mark.parametrize("lang", LANGS)
def test_pack_print_button_on_the_first_screen(tab, lang):
    tab.goto(tab.base + LANGS[lang] + "packs/")
    button = tab.locator(".cb-pack-picker button[data-action=print]")
    button.wait_for()
    assert button.evaluate(IN_FIRST_SCREEN)
