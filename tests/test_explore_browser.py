"""The explore page in a real browser: facets filter, the address keeps the view."""

from __future__ import annotations

import csv
import io
import re

import pytest
import yaml

from browser import site_tab
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
    with site_tab(built_site, width=375) as page:  # a phone
        yield page


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
    tab.check("input[name=theme][value=digital-outreach]")
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


def test_text_filter_means_the_marks_typed_and_ignores_them_when_not_typed(tab):
    """As the search: "Bình Dương" finds the words written so, "binh duong" every word
    folding alike ("bình đẳng", "đường" count too)."""
    tab.goto(tab.base + "vi/explore/")
    tab.fill("input[name=q]", "Bình Dương")
    tab.wait_for_function("window.casebookExploreText !== undefined")
    marked = visible_ids(tab)
    tab.fill("input[name=q]", "binh duong")
    folded = visible_ids(tab)
    assert "binh-duong-directive-21-womens-union" in marked
    assert set(marked) < set(folded), (marked, folded)
    assert "words=binh+duong" in tab.url
    tab.click("#cb-explore-filters button[type=reset]")
    assert len(visible_ids(tab)) == len(RECORDS)


@pytest.mark.parametrize("lang, query", [("en", "Vietnam"), ("en", "Viet Nam"), ("vi", "Việt Nam"), ("zh", "越南")])
def test_a_country_as_readers_name_it_finds_its_cases(tab, lang, query):
    ours = {c.id for c in book().sorted_cases() if c.country == "VN"}
    tab.goto(tab.base + ("" if lang == "en" else lang + "/") + "explore/")
    tab.fill("input[name=q]", query)
    tab.wait_for_function("window.casebookExploreText !== undefined")
    tab.wait_for_function(f"document.querySelectorAll('.cb-explore__item:not([hidden])').length >= {len(ours)}")
    assert ours <= set(visible_ids(tab)), query


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
    assert tab.inner_text(".cb-filter--themes legend").startswith("Themes")


# --- the second pass: whole text, counts, several themes, sort, years, CSV ----------------

def book():
    from casebook.records.load import load_casebook
    return load_casebook(ROOT / "cases")


def whole_text(case, lang, vocabulary) -> str:
    values, _ = case.text_in(lang)
    parts = [values.get(k) or "" for k in ("title", "summary", "background", "reform", "results")]
    parts += [vocabulary.theme(k, lang) for k in case.themes] + [f.label.get(lang) for f in case.figures]
    return " ".join(parts).lower()


@pytest.mark.parametrize("lang, query, term", [("en", "WeChat", "wechat"), ("zh", "微信", "微信"),
                                               ("zh", "微 信", "微信"), ("en", "left-behind", "left-behind"),
                                               ("vi", "WeChat", "wechat")])
def test_words_are_found_anywhere_in_the_case(tab, lang, query, term):
    cases = book()
    expected = sorted(c.id for c in cases.sorted_cases() if term in whole_text(c, lang, cases.vocabulary))
    # at least one of them has the words only beyond its title and summary
    assert [i for i in expected if term not in " ".join(
        cases.cases[i].text_in(lang)[0][k] for k in ("title", "summary")).lower()], expected
    tab.goto(tab.base + ("" if lang == "en" else lang + "/") + "explore/")
    tab.fill("input[name=q]", query)
    tab.wait_for_function("window.casebookExploreText !== undefined")
    tab.wait_for_function(f"document.querySelectorAll('.cb-explore__item:not([hidden])').length === {len(expected)}")
    assert sorted(visible_ids(tab)) == expected


def option_counts(page, name):
    return page.eval_on_selector_all(f"select[name={name}] option[data-label]",
                                     "els => Object.fromEntries(els.map(e => [e.value, e.textContent]))")


def test_each_facet_value_shows_its_count(tab):
    tab.goto(tab.base + "explore/")
    countries = option_counts(tab, "country")
    for code, text in countries.items():
        assert text.endswith(f"({sum(r['country'] == code for r in RECORDS.values())})"), text
    tab.check("input[name=theme][value=digital-outreach]")  # counts follow the other filters
    for code, text in option_counts(tab, "country").items():
        n = sum(r["country"] == code and "digital-outreach" in r["themes"] for r in RECORDS.values())
        assert text.endswith(f"({n})"), text


def test_several_themes_at_once(tab):
    themes = sorted({k for r in RECORDS.values() for k in r["themes"]})[:2]
    tab.goto(tab.base + "explore/")
    for key in themes:
        tab.check(f"input[name=theme][value={key}]")
    expected = sorted(c for c, r in RECORDS.items() if set(themes) & set(r["themes"]))
    assert sorted(visible_ids(tab)) == expected
    assert f"theme={themes[0]},{themes[1]}" in tab.url
    tab.goto(tab.url)  # a shared address ticks them again
    assert sorted(visible_ids(tab)) == expected
    assert tab.is_checked(f"input[name=theme][value={themes[1]}]")


def test_sort_by_title_and_by_year(tab):
    tab.goto(tab.base + "explore/?sort=title")
    titles = tab.eval_on_selector_all(".cb-explore__item strong", "els => els.map(e => e.textContent)")
    assert titles == sorted(titles, key=str.lower)
    tab.select_option("select[name=sort]", "year")
    years = tab.eval_on_selector_all(".cb-explore__item", "els => els.map(e => Math.max(-1, ...e.dataset.years.split(' ').filter(Boolean).map(Number)))")
    assert years == sorted(years, reverse=True)


def test_an_inverted_year_range_is_corrected_and_said(tab):
    tab.goto(tab.base + "explore/?from=2023&to=2016")
    assert tab.eval_on_selector("select[name=from]", "e => e.value") == "2016"
    assert tab.eval_on_selector("select[name=to]", "e => e.value") == "2023"
    assert "2016" in tab.inner_text(".cb-explore__note") and "swapped" in tab.inner_text(".cb-explore__note")
    expected = [c for c, r in RECORDS.items() if visible_years(r) & set(range(2016, 2024))]
    assert sorted(visible_ids(tab)) == sorted(expected) and expected


def visible_years(record) -> set[int]:
    cases = book()
    return set(cases.cases[[i for i, r in RECORDS.items() if r is record][0]].years)


def test_download_the_cases_shown_as_csv(tab):
    """The CSV speaks the reader's language: its head, the countries, levels and themes by
    their names (not VN, county, health), and what was chosen in the file's name."""
    tab.goto(tab.base + "zh/explore/?country=CN&theme=health")
    with tab.expect_download() as info:
        tab.click(".cb-explore__csv button")
    download = info.value
    vocabulary = book().vocabulary
    assert download.suggested_filename == f"案例（中国、{vocabulary.theme('health', 'zh')}）.csv"
    text = open(download.path(), encoding="utf-8-sig", newline="").read()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["编号", "标题", "国家", "层级", "主题", "时间", "网址"]
    expected = {c: r for c, r in RECORDS.items() if r["country"] == "CN" and "health" in r["themes"]}
    assert sorted(row[0] for row in rows[1:]) == sorted(expected) and expected
    for row in rows[1:]:
        record = expected[row[0]]
        assert row[2] == "中国" and row[3] == vocabulary.level(record["level"], "zh")
        assert row[4].split("; ") == [vocabulary.theme(k, "zh") for k in record["themes"]]
    tab.goto(tab.base + "vi/explore/")
    with tab.expect_download() as info:
        tab.click(".cb-explore__csv button")
    assert info.value.suggested_filename == "truong-hop.csv", "nothing chosen: the plain name"
    tab.goto(tab.base + "explore/?country=VN&words=savings&from=2016")
    with tab.expect_download() as info:
        tab.click(".cb-explore__csv button")
    assert info.value.suggested_filename == "cases (Viet Nam, savings, 2016–).csv"
