"""Small things that make pages easier to read on a phone: the links a case page is read
by are at least 24 px tap targets; Chinese emphasis is not slanted."""

from __future__ import annotations

import pytest

from browser import site_tab

pytestmark = pytest.mark.browser

CASE = "binh-duong-directive-21-womens-union"
SIZES = """() => [...document.querySelectorAll('.cb-figure__source a, .cb-facts dd a')]
    .map(a => { const r = a.getBoundingClientRect(); return [a.textContent, r.width, r.height]; })"""


@pytest.mark.parametrize("prefix", ["", "zh/", "vi/"])
def test_source_and_fact_links_are_tap_targets(built_site, prefix):
    with site_tab(built_site, width=375) as tab:
        tab.goto(f"{tab.base}{prefix}cases/{CASE}/")
        sizes = tab.evaluate(SIZES)
        assert len(sizes) >= 3
        small = [s for s in sizes if s[1] < 24 or s[2] < 24]
        assert not small, small


def test_chinese_emphasis_is_not_slanted(built_site):
    with site_tab(built_site, width=375) as tab:
        tab.goto(f"{tab.base}zh/")
        style = tab.evaluate("""() => { const em = document.createElement('em'); em.textContent = '草稿';
            document.querySelector('.md-typeset p').appendChild(em); return getComputedStyle(em).fontStyle; }""")
        assert style == "normal"
