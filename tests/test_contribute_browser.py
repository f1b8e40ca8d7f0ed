"""Each case page's links into the repository at 375 px, in Chinese and Vietnamese: seen,
tappable, inside the page, and pointing at the case's own record and forms (parsed, never
opened: the browser asks no other host for anything)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from browser import site_tab
from casebook.engine.site_address import REPO_PLACEHOLDER

pytestmark = pytest.mark.browser

CASE = "ruili-cross-border-women-children-centre"

LINKS = """() => [...document.querySelectorAll('.cb-improve a')].map(a => {
  const box = a.getBoundingClientRect();
  return {href: a.href, text: a.textContent, width: box.width, height: box.height, right: box.right};
})"""


@pytest.mark.parametrize("lang", ["zh", "vi"])
def test_a_case_page_offers_to_correct_edit_and_improve_its_translation(built_site, lang, tmp_path):
    with site_tab(built_site, width=375, script_errors=True) as page:
        page.goto(f"{page.base}{lang}/cases/{CASE}/")
        page.locator(".cb-improve").scroll_into_view_if_needed()
        links = page.evaluate(LINKS)
        assert [link["text"] for link in links] == {
            "zh": ["提出更正", "编辑这条记录", "改进这个译文"],
            "vi": ["Đề nghị sửa lỗi", "Sửa bản ghi này", "Góp ý bản dịch này"]}[lang]
        for link in links:
            assert link["height"] >= 24 and link["right"] <= 375, link
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        correct, edit, translation = (link["href"] for link in links)
        assert edit == f"{REPO_PLACEHOLDER}/edit/main/cases/{CASE}.yaml"
        assert urlsplit(correct).path == urlsplit(REPO_PLACEHOLDER).path + "/issues/new"
        assert parse_qs(urlsplit(correct).query)["case"] == [CASE]
        assert parse_qs(urlsplit(translation).query)["language"] == [lang]
        header = page.locator(".md-header__source a").get_attribute("href")
        assert header == REPO_PLACEHOLDER
        page.screenshot(path=str(tmp_path / f"case-{lang}.png"), full_page=True)
