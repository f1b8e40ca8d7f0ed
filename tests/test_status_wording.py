"""A text's review status says what it is of, in words a reader understands: on English
pages whether a second reader has checked the English, on Chinese and Vietnamese pages
the translation's review; never a bare "draft"."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.build

RECORDS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cases").glob("*.yaml"))}
PREFIX = {"en": "", "zh": "zh/", "vi": "vi/"}
EXPECTED = {
    ("en", "draft"): "draft, not yet checked by a second reader",
    ("en", "reviewed"): "checked by a second reader",
    ("zh", "draft"): "译文为草稿，尚未审校",
    ("zh", "reviewed"): "译文已审校",
    ("vi", "draft"): "bản dịch nháp, chưa được hiệu đính",
    ("vi", "reviewed"): "bản dịch đã được hiệu đính",
}
BADGE = re.compile(r'<span class="cb-status" data-status="(\w+)">([^<]*)</span>')


@pytest.mark.parametrize("lang", PREFIX)
def test_case_pages_and_lists_say_whose_review(built_site, lang):
    seen = set()
    for case_id, record in RECORDS.items():
        block = (record.get("text") or {}).get(lang)
        if not block:
            continue
        html = (built_site / PREFIX[lang] / "cases" / case_id / "index.html").read_text(encoding="utf-8")
        badges = BADGE.findall(html)
        assert badges == [(block["status"], EXPECTED[(lang, block["status"])])], case_id
        seen.add(block["status"])
    assert "draft" in seen and (lang != "en" or "reviewed" in seen), "(else the test proves less)"
    listing = (built_site / PREFIX[lang] / "cases" / "index.html").read_text(encoding="utf-8")
    assert {text for _, text in BADGE.findall(listing)} <= set(EXPECTED.values())
    assert ">draft<" not in listing and ">草稿<" not in listing and ">bản nháp<" not in listing


def test_english_explore_offers_the_english_review_not_a_translation(built_site):
    html = (built_site / "explore" / "index.html").read_text(encoding="utf-8")
    select = re.search(r'<select name="status">(.*?)</select>', html).group(1)
    labels = re.findall(r'data-label="([^"]*)"', select)
    assert labels == [EXPECTED[("en", "reviewed")], EXPECTED[("en", "draft")]]
    assert "Translation" not in re.search(r'<span>([^<]*)</span><select name="status">', html).group(1)
