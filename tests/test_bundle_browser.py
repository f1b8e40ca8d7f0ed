"""The offline copy, unzipped and opened from file:// in chromium with the network blocked.

Every request that is not for a file is blocked and recorded: the copy must work
without them (search in three languages, the language switcher, the explore filters,
the map) and make none.
"""

from __future__ import annotations

import pytest

from browser import browser, outside_requests, search
from known_items import ranks

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def tab(copies):
    with browser() as chromium:
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        page = context.new_page()
        blocked = outside_requests(page, ("file://",))
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.home = {choice: site.as_uri() + "/" for choice, site in copies.items()}
        yield page
        assert not blocked, f"the offline copy asked other hosts for: {blocked}"
        assert not errors, f"script errors in the offline copy: {errors}"


@pytest.mark.parametrize("prefix, query, expect", [
    ("", "Wanzhou", "cases/wanzhou-grassroots-federation-reform.html"),
    ("zh/", "妇联", "zh/cases/"),
    ("zh/", "瑞丽", "zh/cases/ruili-"),
    ("vi/", "Bình Dương", "vi/cases/binh-duong-directive-21-womens-union.html"),
    ("vi/", "binh duong", "vi/cases/binh-duong-"),  # typed without tone marks
])
def test_search_works_from_file_urls(tab, prefix, query, expect):
    home = tab.home["all"]
    tab.goto(f"{home}{prefix}index.html")
    links = search(tab, query)
    assert links, f"no offline result for {query!r}"
    assert any(link.startswith(home + expect) for link in links), links
    assert all(link.startswith(home + prefix) for link in links), "results in the page's language only"


def test_language_switcher_goes_to_the_same_page(tab):
    home = tab.home["all"]
    tab.goto(f"{home}cases/ruili-cross-border-women-children-centre.html")
    tab.hover(".md-header .md-select")
    tab.click(".md-select__link[hreflang='vi']")
    tab.wait_for_load_state()
    assert tab.url == f"{home}vi/cases/ruili-cross-border-women-children-centre.html"
    assert tab.evaluate("document.documentElement.lang") == "vi"


def test_explore_filters_work_offline(tab):
    tab.goto(tab.home["all"] + "zh/explore/index.html")
    before = tab.eval_on_selector_all(".cb-explore__item:not([hidden])", "els => els.length")
    tab.select_option("select[name=country]", "VN")
    after = tab.eval_on_selector_all(".cb-explore__item:not([hidden]) a", "els => els.map(e => e.href)")
    assert 0 < len(after) < before
    import yaml

    from conftest import ROOT

    viet_nam = {p.stem for p in (ROOT / "cases").glob("*.yaml")
                if yaml.safe_load(p.read_text(encoding="utf-8"))["country"] == "VN"}
    assert {href.rsplit("/", 1)[-1].removesuffix(".html") for href in after} == viet_nam


def test_map_and_glossary_show(tab):
    tab.goto(tab.home["all"] + "vi/map/index.html")
    assert tab.locator("svg.cb-map").is_visible()
    tab.click(".cb-map__zoom_in")  # zooming is the drawing's viewBox: it works from file:// too
    assert tab.get_attribute("svg.cb-map", "data-zoom") == "2"
    tab.click(".cb-map__zoom_all")
    markers = tab.locator("svg.cb-map .cb-map__layer--on a.cb-map__marker[href*='cases/']")  # (a group links its list)
    assert markers.count() >= 5
    with tab.expect_navigation():  # a marker opens its case, in the copy (no label covers it)
        markers.first.click()
    assert "/vi/cases/" in tab.url and tab.url.endswith(".html")
    tab.goto(tab.home["all"] + "glossary/index.html")
    assert tab.locator("dt, h2").count() > 5
    # a term's cases lead to the copy's pages; on a case page, a term opens its definition
    case = tab.locator("details.cb-glossary__cases a[href*='cases/']").first.get_attribute("href")
    assert case.startswith("../cases/") and case.endswith(".html")
    tab.goto(tab.home["all"] + "zh/cases/wanzhou-grassroots-federation-reform.html")
    tab.locator("a.cb-term").first.click()
    tip = tab.locator(".cb-term__tip:not(:empty)")
    assert tip.is_visible() and tip.locator("a").get_attribute("href").startswith("../glossary/index.html#")


def test_start_page_is_one_click_from_home(tab):
    tab.goto(tab.home["all"] + "zh/index.html")
    tab.click(".cb-offline-banner a")
    assert tab.url.endswith("zh/bundle/index.html")
    assert "构建日期" in tab.inner_text("article")


def test_one_language_copy_opens_in_that_language_and_searches(tab):
    home = tab.home["zh"]
    tab.goto(home + "index.html")
    tab.wait_for_url(home + "zh/index.html")
    assert tab.locator(".md-select__link").count() == 0
    links = search(tab, "万州")
    assert any(link.startswith(home + "zh/cases/wanzhou-") for link in links), links


def test_training_pack_from_the_start_page_chooses_a_theme_offline(tab):
    import yaml

    from conftest import ROOT

    records = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "cases").glob("*.yaml")}
    theme = "digital-outreach"
    members = sorted(case for case, data in records.items() if theme in data["themes"])
    assert 1 < len(members) < len(records)
    tab.goto(tab.home["all"] + "vi/bundle/index.html")
    with tab.expect_navigation():
        tab.click("article a[href$='packs/index.html']")
    tab.select_option("select[name=theme]", theme)
    shown = tab.eval_on_selector_all("h2.cb-pack-case:not([hidden])", "els => els.map(e => e.id)")
    assert sorted(shown) == members


@pytest.mark.parametrize("lang", ["en", "zh", "vi"])
def test_known_items_are_found_from_file_urls(tab, lang):
    """The known-item queries from file:// with the network blocked (the copy holds every
    case of the casebook, so: in the top 3, see tests/test_search_known_items.py)."""
    found = ranks(tab, tab.home["all"], lang, "cases/index.html")
    missed = [(query, top) for query, rank, top in found if rank is None or rank > 2]
    assert not missed, f"{lang}: not in the top 3 offline: {missed}"
