"""Known-item search: a reader types what they remember of a case into Material's search
box (in chromium) and the case comes first, online and from file:// in the offline copy.

The site is the project's own (every case: a query must find its case among all of
them); the queries are what a reader remembers (places, organizations, schemes,
figures, a topic and a country), not the titles' words.
"""

from __future__ import annotations

import pytest

from browser import browser, outside_requests, serve
from casebook.pages.words import fold
from known_items import KNOWN_ITEMS, assert_known_items_found, ranks, search

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seed_site(built_site):
    """The project's own cases (all of them: known items are found among every case)."""
    return built_site


@pytest.fixture(scope="module")
def seed_tab(seed_site):
    with serve(seed_site) as url, browser() as chromium:
        page = chromium.new_page(viewport={"width": 375, "height": 800})
        blocked = outside_requests(page, (url,))
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.site = url
        yield page
        assert not blocked, f"requests to other hosts: {blocked}"
        assert not errors, f"script errors: {errors}"


@pytest.mark.parametrize("lang", ["en", "zh", "vi"])
def test_known_items_come_first(seed_tab, lang):
    assert len(KNOWN_ITEMS[lang]) >= 25
    assert_known_items_found(ranks(seed_tab, seed_tab.site, lang, "cases/"), lang)


def test_toneless_vietnamese_highlights_only_the_words_that_matched(seed_tab):
    seed_tab.goto(f"{seed_tab.site}vi/cases/")
    assert search(seed_tab, "hoi phu nu")
    marked = seed_tab.eval_on_selector_all(".md-search-result__item mark", "els => els.map(e => e.textContent)")
    assert marked, "no highlight"
    assert {fold(word) for word in marked} <= {"hoi", "phu", "nu"}, marked  # never "nuôi" for "nu"
    href = seed_tab.eval_on_selector(".md-search-result__item a", "e => e.href")
    assert "h=H%E1%BB%99i" in href, "?h= carries the words as the page writes them (Hội), to highlight there"


def test_chinese_typed_without_spaces_is_missing_only_what_is_missing(seed_tab):
    """越南储蓄: a case holding both words lacks nothing; one holding 越南 only lacks 储蓄."""
    seed_tab.goto(f"{seed_tab.site}zh/cases/")
    assert search(seed_tab, "越南储蓄")
    texts = seed_tab.eval_on_selector_all(".md-search-result__article", "els => els.map(e => e.innerText)")
    assert "缺少" not in texts[0], texts[0]
    lacking = [t.split("缺少")[1] for t in texts if "缺少" in t]
    assert lacking and all("越南储蓄" not in t for t in lacking), lacking


def test_words_typed_with_marks_highlight_only_those_words(seed_tab):
    """"cơ sở" (grassroots) means those words: not "có" or "số", which fold alike."""
    seed_tab.goto(f"{seed_tab.site}vi/cases/")
    assert search(seed_tab, "cơ sở")
    marked = seed_tab.eval_on_selector_all(".md-search-result__item:first-child mark", "els => els.map(e => e.textContent)")
    assert marked and {word.lower() for word in marked} <= {"cơ", "sở"}, marked


def test_chinese_substring_is_highlighted_whole(seed_tab):
    seed_tab.goto(f"{seed_tab.site}zh/cases/")
    assert search(seed_tab, "第21号指示")
    marked = seed_tab.eval_on_selector_all(".md-search-result__item:first-child mark", "els => els.map(e => e.textContent)")
    assert "号指示" in marked and "第" in marked, marked


def test_snippets_never_show_citations_or_forms(seed_tab):
    for prefix, query in (("", "WeChat"), ("zh/", "筛选"), ("", "explore"), ("zh/", "社会")):
        seed_tab.goto(f"{seed_tab.site}{prefix}cases/")
        assert search(seed_tab, query), query
        texts = seed_tab.eval_on_selector_all(".md-search-result__article", "els => els.map(e => e.innerText)")
        for text in texts:
            assert "BibTeX" not in text and "@article" not in text and "APA" not in text, text
            assert "全部中国越南" not in text and "AllChinaViet" not in text.replace(" ", ""), text
            assert "缺少" not in text, f"no 'missing' terms for a Chinese query: {text}"


def test_a_pasted_query_is_searched(seed_tab):
    """Pasting or dictating types no key: the results come all the same."""
    seed_tab.goto(f"{seed_tab.site}vi/cases/")
    box = seed_tab.locator("input[data-md-component='search-query']")
    seed_tab.locator("label.md-header__button[for=__search]").click()
    seed_tab.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                               " && !/Đang khởi tạo/.test(document.querySelector('.md-search-result__meta').textContent)")
    box.fill("Sơn La")  # an input event, no key
    seed_tab.wait_for_selector(".md-search-result__item a[href*='cases/son-la-']", timeout=10_000)


def test_the_search_dialog_speaks_vietnamese(seed_site):
    page = (seed_site / "vi" / "cases" / "index.html").read_text(encoding="utf-8")
    assert "Đang khởi tạo tìm kiếm" in page and "Initializing search" not in page
