"""The training pack chosen and printed in Debian's chromium: the chosen cases and only
those, and a printout without the site or the picker around it."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from browser import site_tab
from casebook.pages.i18n import format_date
from conftest import ROOT, copy_project, mkdocs_build

from pack_support import (LANGS, RECORDS, THEMES, UI, NARRATIVE, THEME, EDITED, PAYLOAD, TITLE_SUFFIX, SOURCE_URL, EDITED_RECORDS, members, page, article, text, headings, picker, without_picker, tags, pack_cases, case_part, title, newest, date_label, intro_text)  # noqa: F401 - helpers


# --- chosen and printed, in Debian's chromium --------------------------------------------

HIDDEN_IN_PRINT = {
    "header": ".md-header", "navigation": ".md-sidebar--primary", "table of contents": ".md-sidebar--secondary",
    "search": ".md-search", "language menu": ".md-select", "palette toggle": "form[data-md-component=palette]",
    "footer": ".md-footer", "back to top": ".md-top", "permalinks": ".headerlink",
}
HIDDEN = """sel => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e).display === 'none'
    || getComputedStyle(e).visibility === 'hidden' || e.getClientRects().length === 0)"""
SHOWN = "el => el.getClientRects().length > 0"
VISIBLE_CASES = """() => [...document.querySelectorAll('h2.cb-pack-case')]
    .filter(h => h.getClientRects().length).map(h => h.id)"""
VISIBLE_CONTENTS = """() => [...document.querySelectorAll('.cb-pack-toc li')]
    .filter(li => li.getClientRects().length).map(li => li.querySelector('a').getAttribute('href').slice(1))"""
VISIBLE_SIDEBAR = """() => [...document.querySelectorAll('.md-sidebar--secondary a.md-nav__link')]
    .filter(a => a.getClientRects().length).map(a => a.getAttribute('href').slice(1))"""
VISIBLE_SUMMARIES = "() => [...document.querySelectorAll('.cb-summary')].filter(p => p.getClientRects().length).length"


@pytest.fixture(scope="module")
def tab(edited_site):
    with site_tab(edited_site, width=1280, height=900, script_errors=True) as tab:
        yield tab


def open_pack(tab, query: str = "", lang: str = "en"):
    tab.emulate_media(media="screen")
    tab.goto(f"{tab.base}{LANGS[lang]}packs/{query}")
    tab.wait_for_selector("form.cb-pack-picker:not([hidden])")


def shown(tab) -> list[str]:
    cases = tab.evaluate(VISIBLE_CASES)
    assert tab.evaluate(VISIBLE_CONTENTS) == cases, "the contents list the cases shown, and only those"
    assert tab.evaluate(VISIBLE_SIDEBAR) == [], "no second list in the sidebar: the contents are the list"
    assert tab.evaluate(VISIBLE_SUMMARIES) == len(cases), "a case not chosen is hidden whole"
    return cases


def intro(tab) -> str:
    return " ".join(tab.inner_text(".cb-pack-intro").split())


@pytest.mark.browser
def test_a_theme_in_the_address_shows_that_themes_cases(tab):
    open_pack(tab, f"?theme={THEME}")
    expected = members(THEME)
    assert shown(tab) == expected
    assert intro(tab) == intro_text(expected, "en")
    assert tab.input_value("select[name=theme]") == THEME
    assert tab.evaluate("[...document.querySelectorAll('input[name=case]:checked')].map(b => b.value)") == expected
    assert tab.inner_text(".cb-pack-picker__status") == UI["en"]["pack_status"].format(
        count=len(expected), total=len(RECORDS))
    assert tab.evaluate("location.search") == f"?theme={THEME}", "the address keeps the choice"
    # unticking a case hides it, and the address then lists the cases chosen
    tab.uncheck(f"input[name=case][value={expected[0]}]")
    assert shown(tab) == expected[1:]
    assert intro(tab) == intro_text(expected[1:], "en")
    assert tab.evaluate("decodeURIComponent(location.search)") == "?cases=" + ",".join(expected[1:])
    # choosing a theme ticks that theme's cases
    other = next(k for k in THEMES if len(members(k)) >= 2 and members(k) != expected)
    tab.select_option("select[name=theme]", other)
    assert shown(tab) == members(other)
    assert tab.evaluate("location.search") == f"?theme={other}"
    # all themes: the whole pack again, and a plain address
    tab.select_option("select[name=theme]", "")
    assert shown(tab) == list(RECORDS)
    assert tab.evaluate("location.search") == ""


@pytest.mark.browser
def test_cases_in_the_address_show_exactly_those(tab):
    chosen = [list(RECORDS)[-1], list(RECORDS)[1]]
    open_pack(tab, "?cases=" + ",".join(chosen))
    assert shown(tab) == [case_id for case_id in RECORDS if case_id in chosen]
    assert intro(tab) == intro_text(chosen, "en")
    assert tab.evaluate("decodeURIComponent(location.search)") == "?cases=" + ",".join(chosen)
    # a theme and cases: the cases of the list in that theme
    inside, outside = members(THEME)[0], next(c for c in RECORDS if c not in members(THEME))
    open_pack(tab, f"?theme={THEME}&cases={inside},{outside}")
    assert shown(tab) == [inside]
    assert intro(tab) == intro_text([inside], "en")
    # nothing chosen: the page says so, and there is nothing to print
    tab.uncheck(f"input[name=case][value={inside}]")
    assert shown(tab) == []
    assert intro(tab) == UI["en"]["pack_none"]
    assert tab.is_disabled("[data-action=print]")


@pytest.mark.browser
def test_chinese_picker_speaks_chinese(tab):
    open_pack(tab, f"?theme={THEME}", lang="zh")
    assert shown(tab) == members(THEME)
    assert tab.inner_text(".cb-pack-picker legend") == UI["zh"]["pack_cases"]
    assert tab.inner_text(".cb-pack-picker__theme span") == UI["zh"]["pack_theme"]
    assert tab.inner_text("[data-action=print]") == UI["zh"]["pack_print"]
    assert tab.evaluate("document.querySelector('select[name=theme]').options[0].text") == UI["zh"]["pack_all_themes"]
    assert tab.evaluate("document.querySelector('select[name=theme]').selectedOptions[0].text") == THEMES[THEME]["zh"]
    assert intro(tab) == intro_text(members(THEME), "zh")
    assert tab.inner_text(".cb-pack-picker__status") == UI["zh"]["pack_status"].format(
        count=len(members(THEME)), total=len(RECORDS))
    labels = tab.evaluate("[...document.querySelectorAll('.cb-pack-picker li label')].map(l => l.innerText.trim())")
    assert labels == [title(case_id, "zh", EDITED_RECORDS) for case_id in RECORDS]


@pytest.mark.browser
def test_without_javascript_the_whole_pack_shows(tab):
    context = tab.context.browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(f"{tab.base}packs/?theme={THEME}")
        assert not plain.is_visible("form.cb-pack-picker")
        assert plain.evaluate(VISIBLE_CASES) == list(RECORDS)
        plain.emulate_media(media="print")
        breaks = plain.evaluate("() => [...document.querySelectorAll('.cb-pack-case')]"
                                ".map(e => getComputedStyle(e).breakBefore)")
        assert breaks[0] != "page" and breaks[1:] == ["page"] * (len(RECORDS) - 1), breaks
    finally:
        context.close()


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.browser
@pytest.mark.parametrize("rel, cases", [
    (f"cases/{EDITED}/", []),
    ("packs/", list(RECORDS)),
    (f"zh/packs/?theme={THEME}", members(THEME)),
])
def test_printed_page_is_the_article_alone(tab, rel, cases):
    tab.goto(tab.base + rel)
    tab.emulate_media(media="print")
    try:
        for name, selector in HIDDEN_IN_PRINT.items():
            hidden = tab.evaluate(HIDDEN, selector)
            assert hidden and all(hidden), f"{name} ({selector}) is printed"
        # the article takes the paper's width, in 11pt
        widths = tab.evaluate("() => [document.querySelector('.md-content').getBoundingClientRect().width,"
                              " document.documentElement.clientWidth]")
        assert widths[0] >= 0.95 * widths[1], widths
        size = tab.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontSize")
        assert abs(float(size.removesuffix("px")) - 11 * 96 / 72) < 0.1, size
        # black on white, even for a reader who chose the dark scheme on screen
        tab.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        colours = tab.evaluate("""() => [getComputedStyle(document.querySelector('.md-typeset')).color,
            getComputedStyle(document.querySelector('.md-typeset h1')).color,
            getComputedStyle(document.body).backgroundColor]""")
        assert colours == ["rgb(0, 0, 0)", "rgb(0, 0, 0)", "rgb(255, 255, 255)"], colours
        if cases:
            # the picker is not printed, nor the cases not chosen
            assert tab.evaluate(HIDDEN, "form.cb-pack-picker") == [True]
            assert tab.evaluate(VISIBLE_CASES) == cases
            # each chosen case starts a new page, except the first shown
            breaks = tab.evaluate("""() => [...document.querySelectorAll('.cb-pack-case')]
                .filter(h => h.getClientRects().length).map(e => getComputedStyle(e).breakBefore)""")
            assert breaks[0] != "page" and breaks[1:] == ["page"] * (len(cases) - 1), breaks
        # a printed source can be found: its address is printed (after its linked title)
        links = tab.evaluate("""() => [...document.querySelectorAll('.cb-sources a[href^="http"]')]
            .filter(a => a.getClientRects().length).map(a => [a.closest('li').innerText.trim(), a.getAttribute('href')])""")
        if EDITED in cases or not cases:
            assert SOURCE_URL in [href for _, href in links], links
        for text_shown, href in links:
            assert href in text_shown, "the address is on paper"
        # and never a relative link's target ("../../cases/x/" means nothing on paper)
        printed = tab.evaluate("""() => [...document.querySelectorAll('a')].map(a => getComputedStyle(a, '::after').content)
            .filter(c => c && c !== 'none' && c !== 'normal')""")
        assert not [c for c in printed if "../" in c or '"/' in c], printed
        # the PDF chromium prints: A4, and at least one page per case
        pdf = tab.pdf(prefer_css_page_size=True)
        width, height = (float(v) for v in re.search(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)
        assert page_count(pdf) >= max(len(cases), 1)
    finally:
        tab.emulate_media(media="screen")


@pytest.mark.browser
def test_a_chosen_pack_prints_fewer_pages_than_the_whole(tab):
    counts = {}
    for query in ("", f"?theme={THEME}"):
        tab.goto(f"{tab.base}packs/{query}")
        tab.wait_for_selector("form.cb-pack-picker:not([hidden])")
        tab.emulate_media(media="print")
        try:
            counts[query] = page_count(tab.pdf(prefer_css_page_size=True))
        finally:
            tab.emulate_media(media="screen")
    assert len(members(THEME)) <= counts[f"?theme={THEME}"] < counts[""], counts


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_pack_names_what_was_chosen(tab, lang):
    """On paper and in the title (the file name a saved PDF gets): the theme, or how many
    of the cases were chosen, or that the pack holds every case."""
    open_pack(tab, f"?theme={THEME}", lang=lang)
    named = UI[lang]["pack_choice_theme"].format(theme=THEMES[THEME][lang])
    tab.emulate_media(media="print")
    assert tab.inner_text(".cb-pack-choice") == named
    assert tab.evaluate(SHOWN, tab.query_selector(".cb-pack-choice")), "the choice is printed"
    assert tab.title().startswith(named.rstrip(".。") + " · ")
    tab.emulate_media(media="screen")
    tab.uncheck(f"input[name=case][value={members(THEME)[0]}]")
    assert tab.inner_text(".cb-pack-choice") == UI[lang]["pack_status"].format(
        count=len(members(THEME)) - 1, total=len(RECORDS))
    tab.select_option("select[name=theme]", "")
    assert tab.inner_text(".cb-pack-choice") == UI[lang]["pack_choice_all"]
    assert " · " not in tab.title()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_case_page_offers_print_and_save_as_pdf(tab, lang):
    case_id = list(RECORDS)[0]
    tab.emulate_media(media="screen")
    tab.goto(f"{tab.base}{LANGS[lang]}cases/{case_id}/")
    button = tab.wait_for_selector(".cb-print:not([hidden]) button")
    assert button.inner_text() == UI[lang]["print_case"]
    tab.evaluate("() => { window.casebookPrinted = 0; window.print = () => { window.casebookPrinted += 1; }; }")
    button.click()
    assert tab.evaluate("window.casebookPrinted") == 1, "the button opens the print dialog"
    tab.emulate_media(media="print")
    assert tab.evaluate(HIDDEN, ".cb-print") == [True], "the button is not printed"
    tab.emulate_media(media="screen")
