"""Glossary terms on case pages in Debian's chromium, on a 375 px phone with a touch screen:
reached with Tab and opened with Enter or Space, opened with a tap, closed with Escape or a
tap elsewhere; the bubble stays on the screen, passes axe-core and is not printed."""

from __future__ import annotations

import os

import pytest
import yaml

from browser import browser, outside_requests, serve
from conftest import ROOT
from needs import need

pytestmark = pytest.mark.browser

CASE = "wanzhou-grassroots-federation-reform"
LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
UI = yaml.safe_load((ROOT / "hooks/casebook/pages/ui.yaml").read_text(encoding="utf-8"))
GLOSSARY = yaml.safe_load((ROOT / "cases/vocabulary/glossary.yaml").read_text(encoding="utf-8"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
OPEN = ".cb-term__tip:not(:empty)"


@pytest.fixture(scope="module")
def site(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture
def phone(site):
    with browser() as chromium:
        context = chromium.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
        page = context.new_page()
        blocked = outside_requests(page, (site,))
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        yield page
        assert not blocked and not errors, (blocked, errors)
        context.close()


def definition(key: str, lang: str) -> str:
    return " ".join(GLOSSARY[key]["definition"][lang].split())


def tab_to_a_term(page) -> str:
    """Press Tab until a glossary term has the focus; its entry's key."""
    for _ in range(80):
        page.keyboard.press("Tab")
        key = page.evaluate("""() => { const el = document.activeElement;
            return el && el.matches('a.cb-term') ? el.getAttribute('href').split('#')[1] : null; }""")
        if key:
            return key
    raise AssertionError("Tab never reached a glossary term")


def on_screen(page) -> dict:
    return page.evaluate("""(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        const width = document.documentElement.clientWidth;
        const wide = [...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > width + 1)
            .map(e => e.tagName + '.' + e.className).slice(0, 5);
        return {left: r.left, right: r.right, width: width, wide: wide,
                overflow: document.documentElement.scrollWidth - width}; }""", OPEN)


@pytest.mark.parametrize("lang", LANGS)
def test_keyboard_opens_a_term_and_escape_closes_it(site, phone, lang):
    phone.goto(f"{site}{LANGS[lang]}cases/{CASE}/")
    assert phone.locator(OPEN).count() == 0
    key = tab_to_a_term(phone)
    term = phone.locator("a.cb-term:focus")
    assert term.get_attribute("role") == "button" and term.get_attribute("aria-expanded") == "false"
    # (Tab went through the header's language menu, which folds up again as an animation)
    phone.wait_for_function("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
    phone.keyboard.press("Enter")
    tip = phone.locator(OPEN)
    assert tip.is_visible() and tip.get_attribute("role") == "status"
    assert tip.inner_text().startswith(definition(key, lang))
    assert term.get_attribute("aria-expanded") == "true"
    assert phone.url.endswith(f"cases/{CASE}/"), "Enter opened the bubble, not the glossary"
    box = on_screen(phone)
    assert 0 <= box["left"] and box["right"] <= box["width"] and box["overflow"] <= 1, box
    # Tab goes on into the bubble, to its link to the glossary entry
    phone.keyboard.press("Tab")
    link = phone.locator(f"{OPEN} a:focus")
    assert link.inner_text() == UI[lang]["glossary_more"]
    assert link.get_attribute("href").endswith(f"glossary/#{key}")
    phone.keyboard.press("Escape")
    assert phone.locator(OPEN).count() == 0 and term.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.matches('a.cb-term')"), "the focus goes back to the term"
    # Space is a button's key too, and toggles (instead of scrolling the page)
    scrolled = phone.evaluate("window.scrollY")
    phone.keyboard.press(" ")
    assert phone.locator(OPEN).is_visible()
    phone.keyboard.press(" ")
    assert phone.locator(OPEN).count() == 0
    assert phone.evaluate("window.scrollY") == scrolled, "Space scrolled the page"


@pytest.mark.parametrize("lang", LANGS)
def test_a_tap_opens_a_term_and_a_tap_elsewhere_closes_it(site, phone, lang):
    phone.goto(f"{site}{LANGS[lang]}cases/{CASE}/")
    terms = phone.locator("a.cb-term")
    assert terms.count() >= 2
    first, second = terms.first, terms.last
    first.tap()
    assert phone.locator(OPEN).is_visible()
    key = first.get_attribute("href").split("#")[1]
    assert phone.locator(OPEN).inner_text().startswith(definition(key, lang))
    # a tap on the bubble closes it (it may cover the next term)
    phone.locator(f"{OPEN} span").tap()
    assert phone.locator(OPEN).count() == 0
    first.tap()
    # another term (further down the page): one bubble at a time
    second.tap()
    assert phone.locator(OPEN).count() == 1
    other = second.get_attribute("href").split("#")[1]
    assert phone.locator(OPEN).inner_text().startswith(definition(other, lang))
    box = on_screen(phone)
    assert 0 <= box["left"] and box["right"] <= box["width"] and box["overflow"] <= 1, box
    phone.tap("h1")
    assert phone.locator(OPEN).count() == 0
    # tapped again, the term closes its own bubble
    first.tap()
    first.tap()
    assert phone.locator(OPEN).count() == 0
    # the bubble's link leads to the entry on the glossary page
    first.tap()
    phone.locator(f"{OPEN} a").tap()
    phone.wait_for_url(f"**/glossary/#{key}")
    assert phone.locator(f"dt#{key}").is_visible()


def test_an_open_term_passes_axe_and_is_not_printed(site, phone):
    need(AXE.is_file(), "node_modules/axe-core", "run: make setup")
    for prefix in LANGS.values():
        phone.goto(f"{site}{prefix}cases/{CASE}/")
        phone.locator("a.cb-term").first.tap()
        assert phone.locator(OPEN).is_visible()
        phone.add_script_tag(path=str(AXE))
        violations = phone.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});
            return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                .map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`); }""")
        assert violations == [], (prefix, violations)
        phone.emulate_media(media="print")
        assert not phone.locator(OPEN).is_visible(), "paper shows no bubble"
        assert phone.locator("a.cb-term").first.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
        phone.emulate_media(media="screen")


def test_glossary_page_letters_lead_to_their_terms(site, phone):
    phone.goto(f"{site}vi/glossary/")
    phone.locator("nav.cb-letters a", has_text="Đ").tap()
    phone.wait_for_function("decodeURIComponent(location.hash) === '#letter_đ'")
    heading = phone.locator("#letter_đ h2")
    assert heading.inner_text() == "Đ"
    top = heading.evaluate("el => el.getBoundingClientRect().top")
    header = phone.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert header <= top < 200, "the letter's heading is not under the sticky header"
    # the cases that use a term, folded under it, open with a tap
    cases = phone.locator("#grassroots + dd details.cb-glossary__cases")
    assert not cases.locator("li a").first.is_visible()
    cases.locator("summary").tap()
    assert cases.locator("li a").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 1
