"""The explore page in a real browser: facets filter, the address keeps the view."""

from __future__ import annotations

import re

import pytest
import yaml

from browser import browser, outside_requests, serve
from conftest import ROOT

pytestmark = pytest.mark.browser

RECORDS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cases").glob("*.yaml"))}


def years(record: dict) -> set[int]:
    """The years a record's period covers (as the model computes them), none if unknown."""
    period = record.get("period") or {}
    known = [int(str(period[k])[:4]) for k in ("start", "end", "as_of") if period.get(k)]
    first = int(str(period.get("start") or period.get("end") or period.get("as_of") or 0)[:4])
    last = int(str(period.get("end") or period.get("as_of") or period.get("start") or 0)[:4])
    return set(range(min(first, last), max(first, last) + 1)) if known else set()


def shown_texts(page) -> list[str]:
    return page.eval_on_selector_all(".cb-explore__item:not([hidden])", "els => els.map(e => e.dataset.text)")


def visible_ids(page) -> list[str]:
    hrefs = page.eval_on_selector_all(".cb-explore__item:not([hidden]) a", "els => els.map(e => e.getAttribute('href'))")
    return [re.search(r"cases/([a-z0-9-]+)", h).group(1) for h in hrefs]


@pytest.fixture(scope="module")
def tab(built_site):
    with serve(built_site) as url, browser() as chromium:
        page = chromium.new_page(viewport={"width": 375, "height": 800})  # a phone
        blocked = outside_requests(page, (url,))
        page.base = url
        yield page
        assert not blocked, blocked


def test_every_case_listed_before_filtering(tab):
    tab.goto(tab.base + "zh/explore/")
    assert sorted(visible_ids(tab)) == sorted(RECORDS)
    assert tab.inner_text(".cb-explore__count") == f"共{len(RECORDS)}个案例，显示{len(RECORDS)}个"


def test_facets_filter_and_the_address_keeps_them(tab):
    tab.goto(tab.base + "zh/explore/")
    tab.select_option("select[name=country]", "VN")
    assert visible_ids(tab) == [c for c, r in RECORDS.items() if r["country"] == "VN"]
    assert "country=VN" in tab.url
    tab.select_option("select[name=country]", "")
    tab.select_option("select[name=theme]", "digital-outreach")
    expected = sorted(c for c, r in RECORDS.items() if "digital-outreach" in r["themes"])
    assert sorted(visible_ids(tab)) == expected and expected
    # a shared address opens the same view
    tab.goto(tab.base + "zh/explore/?level=village")
    assert visible_ids(tab) == [c for c, r in RECORDS.items() if r["level"] == "village"]
    assert tab.eval_on_selector("select[name=level]", "e => e.value") == "village"


def test_years_and_status(tab):
    # (true of any casebook: the cases whose years meet 2019-2023, e.g. Binh Duong's 2018-2023)
    tab.goto(tab.base + "explore/?from=2019&to=2023")
    expected = [c for c, r in RECORDS.items() if years(r) & set(range(2019, 2024))]
    assert visible_ids(tab) == expected and "binh-duong-directive-21-womens-union" in expected
    # cases whose sources state no date are found under "year not stated", never in a range
    undated = [c for c, r in RECORDS.items() if not years(r)]
    if undated:
        tab.goto(tab.base + "explore/?from=unknown")
        assert visible_ids(tab) == undated
    tab.goto(tab.base + "vi/explore/?status=reviewed")
    assert visible_ids(tab) == []
    assert tab.inner_text(".cb-explore__count") == "Không có trường hợp nào khớp với bộ lọc."


def test_text_filter_ignores_tone_marks(tab):
    tab.goto(tab.base + "vi/explore/")
    tab.fill("input[name=q]", "binh duong")
    # the Binh Duong case is found typed without tone marks; any other case shown names it too
    assert "binh-duong-directive-21-womens-union" in visible_ids(tab)
    assert all("binh" in t and "duong" in t for t in shown_texts(tab))
    assert len(visible_ids(tab)) < len(RECORDS)
    assert "q=binh+duong" in tab.url
    tab.click("#cb-explore-filters button[type=reset]")
    assert len(visible_ids(tab)) == len(RECORDS)


def test_filters_work_from_the_keyboard(tab):
    tab.goto(tab.base + "explore/")
    tab.focus("input[name=q]")
    tab.keyboard.type("Wanzhou")
    assert "wanzhou-grassroots-federation-reform" in visible_ids(tab)
    assert all("wanzhou" in t for t in shown_texts(tab))
    tab.keyboard.press("Tab")  # to the country select
    assert tab.evaluate("document.activeElement.name") == "country"
    labels = tab.eval_on_selector_all(".cb-filter", "els => els.map(e => e.querySelector('span').textContent)")
    assert labels[:2] == ["Words", "Country"], "every control has a visible label"
