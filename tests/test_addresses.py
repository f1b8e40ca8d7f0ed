"""Places as each language writes an address: Chinese from the largest part to the
smallest with nothing between (云南省瑞丽市), English and Vietnamese from the smallest with
commas ("Ruili, Yunnan Province"), on the case pages' facts and the explore list."""

from __future__ import annotations

import re
from html import unescape

import pytest

from casebook.pages.i18n import address

LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}


@pytest.mark.parametrize("parts, lang, expected", [
    (["瑞丽市", "云南省"], "zh", "云南省瑞丽市"),
    (["Ruili", "Yunnan Province"], "en", "Ruili, Yunnan Province"),
    (["thành phố Ruili", "tỉnh Vân Nam"], "vi", "thành phố Ruili, tỉnh Vân Nam"),
    (["Cao Phong县", "和平省"], "zh", "和平省Cao Phong县"),
    (["瑞丽市", "中国"], "zh", "中国瑞丽市"),
    # a larger part the smaller already names is left out
    (["北宁省", "北宁省"], "zh", "北宁省"),
    (["Anhui Province (trials in Hefei)", "Anhui Province"], "en", "Anhui Province (trials in Hefei)"),
    (["宁夏（以银川市为例）", "宁夏回族自治区"], "zh", "宁夏（以银川市为例）"),
    (["全国各地", "全国"], "zh", "全国各地"),
])
def test_address_follows_the_language(parts, lang, expected):
    assert address(parts, lang) == expected


@pytest.mark.build
@pytest.mark.parametrize("lang, expected, not_expected", [
    ("zh", "云南省瑞丽市", "瑞丽市, 云南省"),
    ("en", "Ruili, Yunnan Province", None),
    ("vi", "thành phố Ruili, tỉnh Vân Nam", None),
])
def test_case_page_and_explore_write_the_place_in_the_language_order(built_site, lang, expected, not_expected):
    page = unescape((built_site / LANGS[lang] / "cases" / "ruili-cross-border-women-children-centre" / "index.html")
                    .read_text(encoding="utf-8"))
    assert expected in page
    if not_expected:
        assert not_expected not in page
    explore = unescape((built_site / LANGS[lang] / "explore" / "index.html").read_text(encoding="utf-8"))
    item = re.search(r'<li class="cb-explore__item" data-id="ruili-cross-border-women-children-centre".*?</li>',
                     explore, re.S).group(0)
    country = {"en": "Ruili, China", "zh": "中国瑞丽市", "vi": "thành phố Ruili, Trung Quốc"}[lang]
    assert country in item
    if lang == "zh":
        assert not re.search(r"[\u4e00-\u9fff], [\u4e00-\u9fff]", page + explore), "no ASCII comma between Chinese parts"
