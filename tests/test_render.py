"""The renderers on their own, without MkDocs: the real cases and small in-memory variants.

Plain-text fields must reach the reader as the text the contributor wrote (escaped, never
markup); narrative Markdown may carry HTML, which ``sanitize`` must make harmless. Where a
check needs the HTML a page becomes, the page's Markdown is converted with the site's own
Markdown extensions (as in mkdocs.yml) and sanitised, as the build does.
"""


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

# --- the real cases ------------------------------------------------------------------------

def test_real_cases_render_in_every_language(real_book):
    for case in real_book.sorted_cases():
        for lang in LANGUAGES:
            page = render_case(case, lang, real_book)
            meta, body = split_page(page)
            values, _ = case.text_in(lang)
            assert meta["casebook"] == {"kind": "case", "id": case.id, "lang": lang,
                                        "status": case.status(lang)}
            assert html.unescape(meta["title"]) == values["title"] and "<" not in meta["title"]
            h1 = dom(to_html(page)).find("h1")
            assert h1.text() == values["title"], (case.id, lang)
            assert "<script" not in to_html(page)


# --- escaping of plain text ------------------------------------------------------------

PAYLOAD = '<script>alert("x")</script> & "quoted" \'single\' [x](javascript:alert(1)) <img src=x onerror=alert(1)>'


def payload_case(vocab: Vocabulary) -> Case:
    """Every plain-text field carries the payload, marked by a field prefix."""
    local = lambda prefix: {lang: f"{prefix} {lang} {PAYLOAD}" for lang in LANGUAGES}  # noqa: E731
    changes = {
        "organization": local("ORG"),
        "place__region": local("REGION"),
        "place__locality": local("LOCALITY"),
        "figures": [{"value": 5, "unit": local("UNIT"), "label": local("LABEL"), "source": "src-one"}],
        "sources": [{"id": "src-one", "title": f"SRCTITLE {PAYLOAD}", "outlet": f"OUTLET {PAYLOAD}",
                     "original_outlet": f"ORIGINAL {PAYLOAD}", "author": f"AUTHOR {PAYLOAD}",
                     "editor": f"EDITOR {PAYLOAD}", "translator": f"TRANSLATOR {PAYLOAD}",
                     "date": "2020-05-01", "url": 'https://example.org/a?b=1&c="onmouseover="alert(1)'}],
    }
    for lang in LANGUAGES:
        changes[f"text__{lang}__title"] = f"TITLE {lang} {PAYLOAD}"
        changes[f"text__{lang}__summary"] = f"SUMMARY {lang} {PAYLOAD}"
    return make_case(vocab, **changes)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plain_text_is_escaped_in_the_markdown(vocab, lang):
    case = payload_case(vocab)
    page = render_case(case, lang, make_book(vocab, case))
    _, body = split_page(page)
    assert "<script" not in body and "<img" not in body
    assert "](javascript:" not in body, "a plain-text [x](javascript:) must not become a Markdown link"
    for prefix in ("TITLE", "SUMMARY", "ORG", "LABEL", "UNIT", "SRCTITLE", "OUTLET", "AUTHOR"):
        assert prefix in body, prefix
    # HTML and Markdown characters as character references, each escaped once
    assert "&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#34;quoted&#34;" in body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plain_text_reaches_the_reader_as_text(vocab, lang):
    case = payload_case(vocab)
    out = to_html(render_case(case, lang, make_book(vocab, case)))
    tree = dom(out)
    assert tree.find("h1").text() == f"TITLE {lang} {PAYLOAD}"
    assert tree.find("p", "cb-summary").text() == f"SUMMARY {lang} {PAYLOAD}"
    facts = {normalize(dt.text()): normalize(dd.text())
             for dt, dd in zip(tree.find("dl").find_all("dt"), tree.find("dl").find_all("dd"))}
    assert facts[t(lang, "organization")] == normalize(f"ORG {lang} {PAYLOAD}")
    assert f"LOCALITY {lang} {PAYLOAD}" in facts[t(lang, "place")]
    figure = tree.find("li", "cb-figure")
    assert figure.find("span", "cb-figure__label").text() == f"LABEL {lang} {PAYLOAD}"
    assert f"UNIT {lang} {PAYLOAD}" in figure.find("span", "cb-figure__value").text()
    source = normalize(tree.find("ol", "cb-sources").find("li").text())
    for prefix in ("SRCTITLE", "OUTLET", "ORIGINAL", "AUTHOR", "EDITOR", "TRANSLATOR"):
        assert normalize(f"{prefix} {PAYLOAD}") in source, prefix
    # nothing the payload carries became markup
    assert "<script" not in out and "<img" not in out
    for node in tree.walk():
        assert node.tag not in ("script", "img", "iframe", "svg", "style")
        assert not [a for a in node.attrs if a.startswith("on")], (node.tag, node.attrs)
        assert not (node.attrs.get("href") or "").lower().startswith(("javascript:", "data:"))
    # the source link keeps the whole address inside its href
    link = tree.find("ol", "cb-sources").find("a")
    assert link.attrs["href"] == 'https://example.org/a?b=1&c="onmouseover="alert(1)'
    assert set(link.attrs) <= {"href", "rel"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_front_matter_is_html_escaped(vocab, lang):
    """Material prints title and description into <title>, <meta content="..."> and the
    header without escaping: the front matter must hold them HTML-escaped."""
    themes = dict(vocab.themes)
    themes["health"] = {code: f'Health {code} <b onmouseover="x">&"' for code in LANGUAGES}
    hostile = Vocabulary(themes=themes, levels=vocab.levels)
    case = payload_case(hostile)
    meta, _ = split_page(render_case(case, lang, make_book(hostile, case)))
    assert html.unescape(meta["title"]) == f"TITLE {lang} {PAYLOAD}"
    assert html.unescape(meta["description"]) == f"SUMMARY {lang} {PAYLOAD}"
    for value in (meta["title"], meta["description"], *meta["tags"]):
        # (an apostrophe stays: the theme quotes every attribute with ")
        assert not set(value) & set('<>"'), value
        assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#)", value), "every & is escaped"
    assert html.unescape(meta["tags"][0]) == f'Health {lang} <b onmouseover="x">&"'


@pytest.mark.parametrize("lang", LANGUAGES)
def test_theme_labels_are_escaped_in_the_page(vocab, lang):
    themes = dict(vocab.themes)
    themes["health"] = {code: f'Health <b onmouseover="x">&"' for code in LANGUAGES}
    hostile = Vocabulary(themes=themes, levels=vocab.levels)
    case = make_case(hostile)
    tree = dom(to_html(render_case(case, lang, make_book(hostile, case))))
    tags = tree.find_all("a", "cb-tag")
    assert any(a.text() == 'Health <b onmouseover="x">&"' for a in tags)
    assert not tree.find_all("b")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_list_cards_escape_plain_text(vocab, lang):
    case = payload_case(vocab)
    other = make_case(vocab, id="other-case")
    book = make_book(vocab, case, other)
    for page in (render_case_list(book, lang),
                 render_listing("theme", "Health", [case, other], book, lang),
                 render_case(other, lang, book)):  # related cases and previous/next
        _, body = split_page(page)
        assert "<script" not in body and "](javascript:" not in body
        out = to_html(page)
        tree = dom(out)
        titles = [a.text() for a in tree.find_all("a") if (a.attrs.get("href") or "").startswith(("test-case", "../cases/test-case"))]
        assert f"TITLE {lang} {PAYLOAD}" in titles, titles
        assert "<script" not in out and "<img" not in out
        for node in tree.walk():
            assert not [a for a in node.attrs if a.startswith("on")], (node.tag, node.attrs)


@pytest.mark.parametrize("title", [
    "Women's federations and C#",            # a heading's closing hashes are dropped
    "Shelters *and* hotlines",                # becomes <em>
    "The `2-2-1` model",                      # becomes <code>
    "Station reform {#__config}",             # attr_list gives the heading Material's config id
])
def test_plain_text_title_with_markdown_syntax_stays_literal(vocab, title):
    case = make_case(vocab, text__en__title=title, organization={"en": title})
    tree = dom(to_html(render_case(case, "en", make_book(vocab, case))))
    assert tree.find("h1").text() == title
    organization = [dd for dd in tree.find("dl").find_all("dd") if title.split()[0] in dd.text()]
    assert organization and organization[0].text() == title
    assert not [n for n in tree.walk() if (n.attrs.get("id") or "").startswith("__")]


# --- periods and figures -----------------------------------------------------------------

@pytest.mark.parametrize("period, expected", [
    ({"start": "2015", "end": "2018-09"},
     {"en": "2015 – September 2018", "zh": "2015年至2018年9月", "vi": "năm 2015 – tháng 9 năm 2018"}),
    ({"start": "2015-03-02"},
     {"en": "since 2 March 2015", "zh": "2015年3月2日起", "vi": "từ ngày 2 tháng 3 năm 2015"}),
    ({"as_of": "2018-09"},
     {"en": "as reported in September 2018", "zh": "据2018年9月报道", "vi": "theo bài báo tháng 9 năm 2018"}),
    # start and the report's date: both, start first, in the reader's language
    ({"start": "2015", "as_of": "2018-09-30"},
     {"en": ("since 2015", "as reported on 30 September 2018"), "zh": ("2015年起", "据2018年9月30日报道"),
      "vi": ("từ năm 2015", "theo bài báo ngày 30 tháng 9 năm 2018")}),
    ({"end": "2019"}, {"en": "until 2019", "zh": "至2019年", "vi": "đến năm 2019"}),
])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_format_period(period, expected, lang):
    text = format_period(Period.model_validate(period), lang)
    if isinstance(expected[lang], tuple):
        start, as_of = expected[lang]
        assert text.startswith(start) and as_of in text[len(start):], text
    else:
        assert text == expected[lang]


@pytest.mark.parametrize("figure, expected", [
    ({"value": 32565}, {"en": "32,565", "zh": "32,565", "vi": "32.565"}),
    ({"value": 500, "qualifier": "over"}, {"en": "more than 500", "zh": "500以上", "vi": "hơn 500"}),
    ({"value": 110000000, "qualifier": "about"},
     {"en": "about 110,000,000", "zh": "约110,000,000", "vi": "khoảng 110.000.000"}),
    ({"value": 3, "qualifier": "under"}, {"en": "fewer than 3", "zh": "不足3", "vi": "dưới 3"}),
    ({"value": 95, "qualifier": "over", "unit": {"en": "%"}},
     {"en": "more than 95%", "zh": "95%以上", "vi": "hơn 95%"}),
    ({"value": 330000000, "qualifier": "over", "unit": {"en": "VND", "zh": "越南盾", "vi": "đồng"}},
     {"en": "more than 330,000,000 VND", "zh": "330,000,000", "vi": "hơn 330.000.000 đồng"}),
    ({"value": 1234.5}, {"en": "1,234.5", "zh": "1,234.5", "vi": "1.234,5"}),
])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_format_figure(figure, expected, lang):
    value = Figure.model_validate({"label": {"en": "x"}, "source": "s", **figure})
    text = format_figure(value, lang)
    if lang == "zh" and "unit" in figure and figure["unit"]["en"] != "%":
        assert text.startswith(expected[lang]) and "越南盾" in text and text.endswith("以上")
    else:
        assert text == expected[lang]


def test_vietnamese_groups_digits_with_dots(vocab):
    case = make_case(vocab)
    html_vi = to_html(render_case(case, "vi", make_book(vocab, case)))
    html_en = to_html(render_case(case, "en", make_book(vocab, case)))
    assert "hơn 32.565" in html_vi and "32,565" not in html_vi
    assert "more than 32,565" in html_en


# --- citations ---------------------------------------------------------------------------

FULL_SOURCE = {"id": "src", "title": "Women in Action", "outlet": "Women of China",
               "original_outlet": "Women Voice", "date": "2017-03-08", "author": "Zhang Wei",
               "editor": "Li Na", "translator": "Chen Jie", "url": "https://example.org/article?id=1&p=2",
               "language": "zh"}


@pytest.mark.parametrize("lang, expected", [
    ("en", ["By Zhang Wei", "“Women in Action”", "<cite>Women of China</cite>", "first published by Women Voice",
            "8 March 2017", "Edited by Li Na", "Translated by Chen Jie"]),
    ("zh", ["作者：Zhang Wei", "“Women in Action”", "<cite>Women of China</cite>", "原载于Women Voice",
            "2017年3月8日", "编辑：Li Na", "翻译：Chen Jie"]),
    ("vi", ["Tác giả: Zhang Wei", "“Women in Action”", "<cite>Women of China</cite>",
            "đăng lần đầu trên Women Voice", "ngày 8 tháng 3 năm 2017", "Biên tập: Li Na", "Dịch: Chen Jie"]),
])
def test_cite_full(lang, expected):
    text = cite(Source.model_validate(FULL_SOURCE), lang)
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions), "who, title, outlet, date, editor, translator"
    assert '<span lang="zh">' in text, "the title is marked with the article's language"
    link = dom(text).find("a")  # the article's title links the article
    assert link.attrs["href"] == FULL_SOURCE["url"] and link.text() == "“Women in Action”"
    assert html.unescape(dom(text).find("span", "cb-source__url").text()) == FULL_SOURCE["url"]
    assert not text[0].islower(), "a source line begins with a capital"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cite_minimal_has_no_link_and_no_empty_parts(lang):
    source = Source.model_validate({"id": "src", "title": "T", "outlet": "O", "date": "2017"})
    text = cite(source, lang)
    assert "<a" not in text and "href" not in text
    for word in ("By ", "Edited", "Translated", "None", "作者", "编辑", "翻译", "Tác giả", "Biên tập", "Dịch:"):
        assert word not in text, word
    assert "“T”" in text and "<cite>O</cite>" in text and "2017" in text
    assert ". ." not in text and ".." not in text


