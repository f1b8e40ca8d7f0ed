"""An address with no page gets the site's 404 page in the language of the address, saying
what happened and offering the home page, the case list, explore and a search, with a
language menu that goes to each language's home; no script error, no missing file asked."""

from __future__ import annotations

import pytest
import yaml

from browser import site_tab
from conftest import ROOT

pytestmark = pytest.mark.browser

UI = yaml.safe_load((ROOT / "hooks" / "casebook" / "pages" / "ui.yaml").read_text(encoding="utf-8"))
SITE_NAMES = {"en": "Reform Casebook", "zh": "改革案例库", "vi": "Kho tình huống cải cách"}
PREFIX = {"en": "", "zh": "zh/", "vi": "vi/"}


@pytest.mark.parametrize("lang, path", [("en", "no/such/page/"), ("zh", "zh/cases/no-such-case/"),
                                        ("vi", "vi/nothing.html"), ("en", "xx/page/")])
def test_missing_page_speaks_the_language_of_its_address(built_site, lang, path):
    with site_tab(built_site, script_errors=True) as tab:
        missing = []
        tab.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
        response = tab.goto(tab.base + path)
        assert response.status == 404
        assert tab.evaluate("document.documentElement.lang") == lang
        section = tab.locator(".cb-404 section:visible")
        assert section.count() == 1
        assert section.locator("h1").inner_text() == UI[lang]["not_found_title"]
        assert tab.title() == f"{UI[lang]['not_found_title']} - {SITE_NAMES[lang]}"
        assert tab.inner_text(".md-header__topic .md-ellipsis") == SITE_NAMES[lang]
        links = section.locator(".cb-404__links a")
        assert links.all_inner_texts() == [UI[lang][k] for k in ("not_found_home", "not_found_cases", "not_found_explore")]
        links.nth(1).click()
        tab.wait_for_selector(".md-content h1")
        assert tab.url == tab.base + PREFIX[lang] + "cases/"
        assert missing == [tab.base + path], missing  # the page itself, no sitemap.xml or other file
        tab.go_back()
        # the search: that language's home page with Material's search open on the words
        tab.fill(".cb-404 section:visible input[type=search]", "wechat")
        tab.press(".cb-404 section:visible input[type=search]", "Enter")
        tab.wait_for_function("() => { const box = document.getElementById('__search'); return !!box && box.checked; }")  # (null while the home page loads)
        assert tab.url.startswith(tab.base + PREFIX[lang] + "?q=wechat")


def test_language_menu_of_the_404_page_goes_to_each_home(built_site):
    with site_tab(built_site, script_errors=True) as tab:
        tab.goto(tab.base + "zh/no/such/")
        tab.hover(".md-select")
        hrefs = tab.eval_on_selector_all(".md-select__link", "els => els.map(a => a.getAttribute('href'))")
        assert sorted(hrefs) == ["/", "/vi/", "/zh/"]
