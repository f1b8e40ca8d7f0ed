"""The map shows an explore view: from the explore page's "show these cases on the map",
the map keeps only the markers, labels and list entries of the cases the filters chose
(facets and words, in the page's language) and says how many, with the ways back."""

from __future__ import annotations

import re

import pytest
import yaml

from browser import site_tab
from conftest import ROOT

pytestmark = pytest.mark.browser

RECORDS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cases").glob("*.yaml"))}
UI = yaml.safe_load((ROOT / "hooks" / "casebook" / "pages" / "ui.yaml").read_text(encoding="utf-8"))
LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
LISTED = """() => [...document.querySelectorAll('.cb-map__list li[data-id], .cb-map__unplaced li[data-id]')]
    .filter(li => li.getClientRects().length).map(li => li.dataset.id)"""
MARKERS = """() => [...new Set([...document.querySelectorAll('.cb-map a.cb-map__marker')]
    .filter(a => a.getBoundingClientRect().width > 0).map(a => a.dataset.group))]"""  # (a zoomed-in level repeats a number)
GROUPS_OF = """ids => [...new Set([...document.querySelectorAll('.cb-map__list > li[data-group]')]
    .filter(g => ids.some(id => g.querySelector('li[data-id="' + id + '"]'))).map(g => g.dataset.group))]"""


@pytest.fixture(scope="module")
def tab(built_site):
    with site_tab(built_site, width=375, script_errors=True) as page:  # a phone
        yield page


def open_map(tab, lang: str, query: str = "") -> None:
    tab.goto(f"{tab.base}{LANGS[lang]}map/{query}")
    tab.wait_for_selector(".cb-map")


@pytest.mark.parametrize("lang", LANGS)
def test_unfiltered_map_shows_every_case(tab, lang):
    open_map(tab, lang)
    assert sorted(tab.evaluate(LISTED)) == sorted(RECORDS)
    assert tab.is_hidden(".cb-map__filtered")
    assert len(tab.evaluate(MARKERS)) == tab.eval_on_selector_all(".cb-map__layer--on a.cb-map__marker", "m => m.length")


@pytest.mark.parametrize("lang", LANGS)
def test_a_country_chosen_on_explore_is_what_the_map_shows(tab, lang):
    tab.goto(f"{tab.base}{LANGS[lang]}explore/")
    tab.select_option("select[name=country]", "VN")
    link = tab.wait_for_selector(".cb-explore__map a")
    assert link.inner_text() == UI[lang]["explore_on_map"]
    link.click()
    tab.wait_for_selector(".cb-map__filtered:not([hidden])")
    assert "country=VN" in tab.url
    expected = [c for c, r in RECORDS.items() if r["country"] == "VN"]
    assert sorted(tab.evaluate(LISTED)) == sorted(expected) and expected
    assert sorted(tab.evaluate(MARKERS)) == sorted(tab.evaluate(GROUPS_OF, expected))
    note = tab.inner_text(".cb-map__filtered span")
    assert note == UI[lang]["map_filtered"].format(count=len(expected), total=len(RECORDS))
    # the ways back: the same filters on explore, or every case
    tab.click(".cb-map__change")
    tab.wait_for_selector("#cb-explore-filters")
    # explore.js sets the form from the address once it runs (the form is there before it)
    tab.wait_for_function("() => document.querySelector('select[name=country]').value === 'VN'", timeout=10_000)
    tab.go_back()
    tab.click(".cb-map__filtered a:not(.cb-map__change)")
    tab.wait_for_selector(".cb-map")
    assert sorted(tab.evaluate(LISTED)) == sorted(RECORDS)


@pytest.mark.parametrize("lang, query, case_id", [
    ("en", "wechat", "beitang-village-wechat-groups"),
    ("zh", "微信群", "beitang-village-wechat-groups"),
    ("vi", "nhom wechat", "beitang-village-wechat-groups"),
])
def test_words_chosen_on_explore_choose_the_map_cases(tab, lang, query, case_id):
    """Words are looked up in the whole text of each case (explore/text.js), so the map
    finds a case by its narrative, as explore does."""
    tab.goto(f"{tab.base}{LANGS[lang]}explore/?words={query}")
    tab.wait_for_function("() => window.casebookExploreText")
    expected = tab.eval_on_selector_all(".cb-explore__item:not([hidden])", "els => els.map(e => e.dataset.id)")
    assert case_id in expected
    href = tab.get_attribute(".cb-explore__map a", "href")
    assert re.search(r"[?&]words=", href)
    open_map(tab, lang, "?" + href.split("?", 1)[1])
    tab.wait_for_selector(".cb-map__filtered:not([hidden])")
    assert sorted(tab.evaluate(LISTED)) == sorted(expected)
    assert sorted(tab.evaluate(MARKERS)) == sorted(tab.evaluate(GROUPS_OF, expected))


def test_a_filter_that_matches_nothing_leaves_an_empty_map_that_says_so(tab):
    open_map(tab, "en", "?words=zzzzqqq")
    tab.wait_for_selector(".cb-map__filtered:not([hidden])")
    assert tab.evaluate(LISTED) == [] and tab.evaluate(MARKERS) == []
    assert tab.inner_text(".cb-map__filtered span") == UI["en"]["map_filtered"].format(count=0, total=len(RECORDS))
