"""The renderers on their own: translation notices and the browse pages."""

from __future__ import annotations

import copy
import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import markdown
import pytest
import yaml

from casebook import LANGUAGES
from casebook.pages.i18n import t
from casebook.records.load import Casebook, load_case, load_casebook
from casebook.records.model import Case, Figure, Period, Source
from casebook.pages.case import cite, format_figure, format_period, original_href, render_case
from casebook.pages.lists import render_case_list, render_listing
from casebook.site.sanitize import sanitize
from casebook.pages.all_pages import site_pages
from casebook.records.vocabulary import Vocabulary, country_name, load_vocabulary


from render_support import (ROOT, SEEDS, EXTENSIONS, BASE, Node, dom, split_page, to_html, normalize, vocab, real_book, make_case, make_book, notice)  # noqa: F401 - helpers and fixtures

@pytest.mark.parametrize("status", ["reviewed", "draft"])
def test_no_notice_in_english(vocab, status):
    case = make_case(vocab, text__en__status=status, text__zh=None, text__vi=None)
    assert notice(render_case(case, "en", make_book(vocab, case))) is None
    assert "cb-notice" not in render_case(case, "en", make_book(vocab, case))


def test_no_notice_for_a_complete_reviewed_translation(vocab):
    case = make_case(vocab)
    for lang in ("zh", "vi"):
        assert notice(render_case(case, lang, make_book(vocab, case))) is None


def test_draft_notice_for_a_chinese_draft(vocab):
    case = make_case(vocab, text__zh__status="draft")
    box = notice(render_case(case, "zh", make_book(vocab, case)))
    assert box is not None and box.attrs["data-status"] == "draft"
    text = box.text()
    assert "本译文为草稿" in text and "尚未经过审校" in text
    assert "以下部分尚未翻译" not in text, "nothing fell back"
    assert "This translation" not in text
    link = box.find("a")
    assert link.text() == "阅读英文原文" and link.attrs.get("hreflang") == "en"
    # the Vietnamese page of the same case is reviewed: no notice
    assert notice(render_case(case, "vi", make_book(vocab, case))) is None


@pytest.mark.parametrize("lang, words", [
    ("zh", ["本案例尚未译成中文"]),
    ("vi", ["chưa được dịch sang tiếng Việt"]),
])
def test_missing_notice_in_the_readers_language(vocab, lang, words):
    case = make_case(vocab, **{f"text__{lang}": None})
    page = render_case(case, lang, make_book(vocab, case))
    box = notice(page)
    assert box is not None and box.attrs["data-status"] == "missing"
    for word in words:
        assert word in box.text()
    assert "not been translated" not in box.text()
    # the English text stands in for every field
    tree = dom(to_html(page))
    assert tree.find("h1").text() == "English title"
    assert "English background." in tree.text() and "English results." in tree.text()
    assert split_page(page)[0]["casebook"]["status"] == "missing"


@pytest.mark.parametrize("lang, expected", [
    ("zh", "以下部分尚未翻译，显示英文：摘要、背景、成效。"),
    ("vi", "Các phần chưa dịch, hiển thị bằng tiếng Anh: tóm tắt, bối cảnh, kết quả."),
])
def test_partial_notice_lists_the_fallen_back_fields(vocab, lang, expected):
    case = make_case(vocab, **{f"text__{lang}__summary": None, f"text__{lang}__background": None,
                               f"text__{lang}__results": None})
    page = render_case(case, lang, make_book(vocab, case))
    box = notice(page)
    assert box is not None and expected in normalize(box.text())
    assert "draft" not in box.text() and "草稿" not in box.text() and "bản nháp" not in box.text()
    tree = dom(to_html(page))
    own_title = BASE["text"][lang]["title"]
    assert tree.find("h1").text() == own_title
    assert tree.find("p", "cb-summary").text() == "English summary."
    assert "English background." in tree.text() and BASE["text"][lang]["reform"] in tree.text()


def test_draft_and_partial_notice_together(vocab):
    case = make_case(vocab, text__zh__status="draft", text__zh__results=None)
    box = notice(render_case(case, "zh", make_book(vocab, case)))
    assert "本译文为草稿" in box.text() and "以下部分尚未翻译，显示英文：成效。" in box.text()


@pytest.mark.parametrize("lang", ["zh", "vi"])
@pytest.mark.parametrize("directory_urls, page_url, english_url", [
    (True, "https://site/{lang}/cases/test-case/", "https://site/cases/test-case/"),
    (False, "https://site/{lang}/cases/test-case.html", "https://site/cases/test-case.html"),
])
def test_notice_links_the_english_original(vocab, lang, directory_urls, page_url, english_url):
    case = make_case(vocab, **{f"text__{lang}": None})
    page = render_case(case, lang, make_book(vocab, case), directory_urls=directory_urls)
    href = notice(page).find("a").attrs["href"]
    assert href == original_href("test-case", lang, directory_urls)
    assert urljoin(page_url.format(lang=lang), href) == english_url
    expected = "../../../cases/test-case/" if directory_urls else "../../cases/test-case.html"
    assert href == expected


# --- browse pages ------------------------------------------------------------------------

def linked_cases(page: str, prefix: str) -> set[str]:
    return set(re.findall(r"\]\(" + re.escape(prefix) + r"([a-z0-9-]+)\.md\)", split_page(page)[1]))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_case_list_groups_by_country(vocab, lang):
    cases = [make_case(vocab, id="vn-one"), make_case(vocab, id="vn-two"),
             make_case(vocab, id="cn-one", country="CN"), make_case(vocab, id="la-one", country="LA")]
    page = render_case_list(make_book(vocab, *cases), lang)
    _, body = split_page(page)
    sections = {}
    for chunk in body.split("\n## ")[1:]:
        heading, _, rest = chunk.partition("\n")
        sections[heading.split(" {#")[0].strip()] = set(re.findall(r"\]\(([a-z0-9-]+)\.md\)", rest))
    assert sections == {
        vocab.country("CN", lang): {"cn-one"},
        vocab.country("LA", lang): {"la-one"},
        vocab.country("VN", lang): {"vn-one", "vn-two"},
    }
    if lang == "zh":
        assert "中国" in sections and "越南" in sections, "country names in the reader's language"


def test_listing_pages_list_exactly_their_cases(real_book):
    pages = site_pages(real_book)
    records = {case.id: case for case in real_book.sorted_cases()}
    for lang in LANGUAGES:
        for key in real_book.vocabulary.themes:
            members = {i for i, c in records.items() if key in c.themes}
            assert linked_cases(pages[f"themes/{key}.{lang}.md"], "../cases/") == members, key
        for key in real_book.vocabulary.levels:
            members = {i for i, c in records.items() if c.level == key}
            if not members:  # no page for an empty level
                assert f"levels/{key}.{lang}.md" not in pages
                continue
            assert linked_cases(pages[f"levels/{key}.{lang}.md"], "../cases/") == members, key
        for code in {c.country for c in records.values()}:
            members = {i for i, c in records.items() if c.country == code}
            page = pages[f"countries/{code.lower()}.{lang}.md"]
            assert linked_cases(page, "../cases/") == members, code
            assert split_page(page)[0]["title"] == real_book.vocabulary.country(code, lang)
        assert linked_cases(pages[f"cases/index.{lang}.md"], "") == set(records)


def test_listing_of_an_empty_theme_says_so(vocab):
    book = make_book(vocab, make_case(vocab))
    pages = site_pages(book)
    assert "themes/migrants.en.md" in pages
    assert "No case yet." in pages["themes/migrants.en.md"]
    assert linked_cases(pages["themes/migrants.zh.md"], "../cases/") == set()


