"""A reader's language on arrival, in a real browser at phone width: a first visit to the
English home page from a browser that prefers Chinese or Vietnamese goes to /zh/ or /vi/;
a language chosen in the menu is remembered and always wins; deep links, crawlers and the
offline copy are never redirected."""

from __future__ import annotations

import contextlib

import pytest

from browser import browser, outside_requests, serve

pytestmark = pytest.mark.browser

CASE = "wanzhou-grassroots-federation-reform"
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture(scope="module")
def site(built_site):
    with serve(built_site) as url, browser() as chromium:
        yield url, chromium


@contextlib.contextmanager
def reader(site, locale: str, **options):
    """A fresh browser profile (nothing remembered) whose languages are ``locale``'s."""
    url, chromium = site
    context = chromium.new_context(viewport={"width": 375, "height": 800}, locale=locale, **options)
    page = context.new_page()
    blocked = outside_requests(page, (url,))
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.base = url
    try:
        yield page
    finally:
        context.close()
    assert not blocked, blocked
    assert not errors, errors


def settled(page) -> str:
    """The address once the page and any redirect of it have finished loading."""
    page.wait_for_load_state("networkidle")
    return page.url


def choose(page, lang: str) -> None:
    page.click(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f".md-select__link[hreflang={lang}]")


@pytest.mark.parametrize("locale, home", [
    ("zh-CN", "zh/"), ("zh-TW", "zh/"), ("zh", "zh/"), ("vi", "vi/"), ("vi-VN", "vi/"),
    ("en-US", ""), ("fr", ""),
])
def test_the_home_page_opens_in_the_browsers_language(site, locale, home):
    with reader(site, locale) as page:
        page.goto(page.base)
        assert settled(page) == page.base + home
        assert page.evaluate("document.documentElement.lang") == (home.rstrip("/") or "en")


@pytest.mark.parametrize("languages, home", [
    (["en-GB", "zh-CN"], ""),  # English comes first: it stays
    (["fr", "vi-VN", "zh"], "vi/"),  # the first of the site's languages wins
    (["de", "zh-Hans"], "zh/"),
])
def test_the_first_preferred_language_the_site_has_wins(site, languages, home):
    with reader(site, "fr") as page:
        page.add_init_script(f"Object.defineProperty(navigator, 'languages', {{get: () => {languages!r}}})")
        page.goto(page.base)
        assert settled(page) == page.base + home


def test_english_chosen_in_the_menu_stays_english(site):
    with reader(site, "zh-CN") as page:
        page.goto(page.base)
        assert settled(page) == page.base + "zh/"
        choose(page, "en")
        assert settled(page) == page.base
        page.reload()
        assert settled(page) == page.base
        page.goto(page.base)  # typed again: no referrer, the choice still wins
        assert settled(page) == page.base


def test_vietnamese_chosen_in_the_menu_wins_over_the_browser(site):
    with reader(site, "zh-CN") as page:
        page.goto(page.base + f"cases/{CASE}/")
        choose(page, "vi")
        assert settled(page) == page.base + f"vi/cases/{CASE}/"
        page.goto(page.base)
        assert settled(page) == page.base + "vi/"


def test_a_deep_link_is_never_redirected(site):
    with reader(site, "zh-CN") as page:
        page.goto(page.base + f"cases/{CASE}/")
        assert settled(page) == page.base + f"cases/{CASE}/"


def test_the_query_and_anchor_are_kept(site):
    with reader(site, "zh-CN") as page:
        page.goto(page.base + "?x=1#y")
        assert settled(page) == page.base + "zh/?x=1#y"


def test_a_crawler_stays_on_the_english_home(site):
    with reader(site, "zh-CN", user_agent=CRAWLER) as page:
        page.goto(page.base)
        assert settled(page) == page.base


def test_the_offline_copy_is_never_redirected(site, copies):
    # Kiwix's ZIM holds these same pages (commands/zim.py), served over http by
    # kiwix-serve: the offline build leaves the script out, not only file:// skipping it.
    assert "casebook-language" not in (copies["all"] / "index.html").read_text(encoding="utf-8")
    home = copies["all"].as_uri() + "/index.html"
    context = site[1].new_context(viewport={"width": 375, "height": 800}, locale="zh-CN")
    page = context.new_page()
    blocked = outside_requests(page, ("file://",))
    try:
        page.goto(home)
        assert settled(page) == home
    finally:
        context.close()
    assert not blocked, blocked


def test_home_clicked_on_an_english_page_stays_english(site):
    # arrival means coming from elsewhere: a reader already reading in English stays
    with reader(site, "zh-CN") as page:
        page.goto(page.base + f"cases/{CASE}/")
        with page.expect_navigation():
            # (the header's logo link, hidden at phone width behind the menu's)
            page.eval_on_selector(".md-header__button.md-logo", "link => link.click()")
        assert settled(page) == page.base
