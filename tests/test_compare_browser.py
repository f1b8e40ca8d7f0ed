"""Comparing cases in Debian's chromium: chosen on the explore page, shared by its
address, kept through a language switch, untrusted addresses, the picker, a phone's
width, print to PDF (read back with poppler's pdftotext) and the offline copy from
file://. One browser for the module; the sites are the session's (conftest.py)."""

from __future__ import annotations

import subprocess

import pytest

from browser import outside_requests, serve
from test_compare import CN, LANGS, VN

pytestmark = pytest.mark.browser

DIFFERS = {"en": "differs", "zh": "不同", "vi": "khác nhau"}
MISSING = {"en": "Not stated in this case", "zh": "本案例未说明", "vi": "Trường hợp này không nêu"}


@pytest.fixture(scope="module")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def book():
    from casebook.records.load import load_casebook
    from conftest import ROOT

    return load_casebook(ROOT / "cases")


@pytest.fixture
def tab(chromium, site_url):
    """A fresh page at ``width`` (set by the test) that fails on any script error or
    request to another host."""
    pages = []

    def open_tab(width: int, allowed: str = site_url):
        context = chromium.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.errors, page.blocked = [], outside_requests(page, (allowed,))
        page.on("pageerror", lambda err: page.errors.append(str(err)))
        pages.append((context, page))
        return page

    yield open_tab
    for context, page in pages:
        assert not page.errors, page.errors
        assert not page.blocked, page.blocked
        context.close()


def titles(page) -> list[str]:
    page.wait_for_selector(".cb-compare__table")
    return [t.strip() for t in page.locator(".cb-compare__case a").all_inner_texts()]


def row_names(page) -> list[str]:
    return [t.split("\n")[0].strip() for t in page.locator(".cb-compare__table tbody th").all_inner_texts()]


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", LANGS)
def test_chosen_on_explore_shared_and_kept_through_a_language_switch(tab, site_url, book, lang, width):
    prefix, other = LANGS[lang], "zh" if lang != "zh" else "vi"
    page = tab(width)
    page.goto(f"{site_url}{prefix}explore/")
    for case_id in (CN, VN):
        page.locator(f'#cb-explore li[data-id="{case_id}"] .cb-compare-tick input').check()
    page.locator(".cb-compare-tray a").click()
    expected = [book.cases[i].text_in(lang)[0]["title"] for i in (CN, VN)]
    assert titles(page) == expected
    assert page.url == f"{site_url}{prefix}compare/?cases={CN},{VN}"
    # the rows are aligned and the different ones marked in words
    country = page.locator(".cb-compare__table tbody tr").nth(1)
    assert country.get_attribute("class") == "cb-compare__differs"
    assert DIFFERS[lang] in country.locator("th").inner_text()
    assert page.locator(".cb-compare__table tbody tr").first.locator("td").count() == 2
    # at a phone's width the field names stay while the cases scroll sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    scroll = page.locator(".cb-compare__scroll")
    scroll.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    header = page.locator(".cb-compare__table tbody th").nth(1).bounding_box()
    assert abs(header["x"] - scroll.bounding_box()["x"]) < 2

    shared = tab(width)  # the address, opened by someone else
    shared.goto(page.url)
    assert titles(shared) == expected

    page.hover(".md-header__option .md-select")
    page.click(f".md-select__link[hreflang={other}]")
    page.wait_for_load_state()
    assert page.url == f"{site_url}{LANGS[other]}compare/?cases={CN},{VN}"
    assert titles(page) == [book.cases[i].text_in(other)[0]["title"] for i in (CN, VN)]


def test_the_address_is_untrusted(tab, site_url, book):
    page = tab(1280)
    ids = sorted(book.cases)[:5]
    hostile = "<img src=x onerror=alert(1)>"
    page.on("dialog", lambda d: page.errors.append(d.message))
    page.goto(f"{site_url}compare/?cases={ids[0]},{ids[0]},nosuch,{hostile},{','.join(ids[1:])}")
    assert titles(page) == [book.cases[i].text_in("en")[0]["title"] for i in ids[:4]]  # four, each once
    note = page.locator(".cb-compare__note").inner_text()
    assert "nosuch" in note and hostile in note and ids[4] in note and f"{ids[0]}," not in note
    assert page.url.endswith("compare/?cases=" + ",".join(ids[:4]))  # the address names what is shown
    assert page.locator(".md-content img").count() == 0
    assert page.locator(".cb-compare__choices input:not(:checked):disabled").count() == len(book.cases) - 4


def test_with_one_case_or_none_the_page_offers_its_picker(tab, site_url, book):
    page = tab(375)
    page.goto(f"{site_url}vi/compare/?cases={CN}")
    assert "chọn thêm" in page.locator(".cb-compare__status").inner_text()
    assert page.locator(".cb-compare__view").is_hidden()
    page.goto(f"{site_url}vi/compare/")
    assert "hai đến bốn" in page.locator(".cb-compare__status").inner_text()
    page.fill(".cb-compare__picker input[name=find]", "binh duong")  # without tone marks
    shown = page.locator(".cb-compare__choices li:not([hidden])")
    assert shown.count() == 1
    shown.locator("input").check()
    page.fill(".cb-compare__picker input[name=find]", "quận Wanzhou")
    page.locator(f'.cb-compare__choices input[value="{CN}"]').check()
    assert titles(page) == [book.cases[i].text_in("vi")[0]["title"] for i in (VN, CN)]
    assert page.url.endswith(f"vi/compare/?cases={VN},{CN}")
    page.locator(".cb-compare__remove").first.click()  # a case taken out: the address follows
    assert page.url.endswith(f"vi/compare/?cases={CN}")


def test_a_figure_two_cases_share_is_one_row_and_missing_in_a_third_says_so(tab, site_url, book):
    from casebook.pages.compare import figure_kind

    holders: dict[str, list[str]] = {}
    for case in book.sorted_cases():
        for figure in case.figures:
            holders.setdefault(figure_kind(figure), []).append(case.id)
    kind, (first, second) = next((k, ids[:2]) for k, ids in holders.items() if len(set(ids)) > 1)
    third = next(c.id for c in book.sorted_cases() if c.id not in holders[kind])
    label = next(f.label.get("zh") for f in book.cases[first].figures if figure_kind(f) == kind)
    page = tab(1280)
    page.goto(f"{site_url}zh/compare/?cases={first},{second},{third}")
    titles(page)
    row = page.locator(".cb-compare__table tbody tr", has=page.locator("th", has_text=label))
    assert row.count() == 1
    cells = row.locator("td").all_inner_texts()
    assert cells[0] and cells[1] and cells[0] != MISSING["zh"] and cells[2] == MISSING["zh"]


def test_prints_on_a4_landscape_with_the_cases_named(tab, site_url, book, tmp_path):
    for lang, prefix in LANGS.items():
        page = tab(1280)
        page.goto(f"{site_url}{prefix}compare/?cases={CN},{VN}")
        titles(page)
        pdf = tmp_path / f"compare-{lang}.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        width, height = (float(v) for v in info.split("Page size:")[1].split("pts")[0].split("x"))
        assert (round(width), round(height)) == (842, 595), info  # A4, landscape
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = "".join(text.split())
        for case_id in (CN, VN):
            assert "".join(book.cases[case_id].text_in(lang)[0]["title"].split()) in flat, (lang, case_id)
        assert "Find a case" not in text and "×" not in text  # no picker, no buttons


def test_the_offline_copy_compares_from_file_urls(chromium, copies, book):
    context = chromium.new_context(viewport={"width": 375, "height": 900}, service_workers="block")
    page = context.new_page()
    blocked = outside_requests(page, ("file://",))
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    try:
        home = copies["all"].as_uri() + "/"
        page.goto(home + "zh/explore/index.html")
        for case_id in (CN, VN):
            page.locator(f'#cb-explore li[data-id="{case_id}"] .cb-compare-tick input').check()
        page.locator(".cb-compare-tray a").click()
        assert titles(page) == [book.cases[i].text_in("zh")[0]["title"] for i in (CN, VN)]
        assert page.url == home + f"zh/compare/index.html?cases={CN},{VN}"
        assert page.locator(".cb-compare__table tbody td ol li").count() >= 2  # the sources, from data/<id>.js
        page.goto(home + f"cases/{CN}.html")
        page.locator(".cb-compare-with summary").click()
        page.locator(".cb-compare-with li a").first.click()
        assert titles(page)[0] == book.cases[CN].text_in("en")[0]["title"]
        assert not blocked and not errors, (blocked, errors)
    finally:
        context.close()
