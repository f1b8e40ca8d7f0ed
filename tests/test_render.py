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

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("ruili", "wanzhou", "danzao", "binh-duong", "beitang")

# The site's Markdown extensions (mkdocs.yml), for turning a page into the HTML MkDocs makes.
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.superfences"]


# --- helpers -----------------------------------------------------------------------------

class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag, self.attrs, self.children = tag, attrs, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [n for n in self.walk() if (tag is None or n.tag == tag)
                and (cls is None or cls in (n.attrs.get("class") or "").split())]

    def find(self, tag: str | None = None, cls: str | None = None) -> "Node":
        found = self.find_all(tag, cls)
        assert found, f"no <{tag or '*'} class={cls!r}>"
        return found[0]


class _Parser(HTMLParser):
    VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def dom(markup: str) -> Node:
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    return parser.root


def split_page(page: str) -> tuple[dict, str]:
    """(front matter, Markdown body) of a generated page."""
    assert page.startswith("---\n"), page[:80]
    head, body = page[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def to_html(page: str) -> str:
    """The page's body as MkDocs renders it (Markdown, then the build's sanitiser)."""
    _, body = split_page(page)
    return sanitize(markdown.markdown(body, extensions=EXTENSIONS))


def normalize(text: str) -> str:
    return " ".join(text.split())


# --- fixtures ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    vocabulary, problems = load_vocabulary(ROOT / "cases" / "vocabulary", ROOT)
    assert problems == []
    return vocabulary


@pytest.fixture(scope="module")
def real_book(tmp_path_factory, vocab) -> Casebook:
    """``load_casebook`` on a copy of cases/ holding the records that validate.

    Others may be writing a new record in cases/ while these tests run; a record still
    being written must not fail every renderer test (tests/test_validation.py covers
    invalid records). The seed cases must all be there.
    """
    folder = tmp_path_factory.mktemp("real") / "cases"
    shutil.copytree(ROOT / "cases" / "vocabulary", folder / "vocabulary")
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        case, problems = load_case(path, vocab, Path(path.name))
        if case is not None and not problems:
            shutil.copy(path, folder / path.name)
    book = load_casebook(folder)
    for seed in SEEDS:
        assert any(seed in case_id for case_id in book.cases), seed
    return book


BASE = {
    "id": "test-case",
    "country": "VN",
    "level": "township",
    "themes": ["health", "volunteers"],
    "period": {"start": "2019", "end": "2021-06"},
    "place": {"region": {"en": "Binh Duong Province", "zh": "平阳省", "vi": "tỉnh Bình Dương"},
              "locality": {"en": "Thu Dau Mot", "zh": "土龙木", "vi": "Thủ Dầu Một"}},
    "organization": {"en": "Women's Union", "zh": "妇女联合会", "vi": "Hội Liên hiệp Phụ nữ"},
    "figures": [{"value": 32565, "qualifier": "over", "label": {"en": "members", "zh": "名会员", "vi": "hội viên"},
                 "source": "src-one"}],
    "sources": [{"id": "src-one", "title": "An article", "outlet": "Outlet", "date": "2020-05-01"}],
    "text": {
        "en": {"status": "reviewed", "title": "English title", "summary": "English summary.",
               "background": "English background.", "reform": "English reform.", "results": "English results."},
        "zh": {"status": "reviewed", "title": "中文标题", "summary": "中文摘要。",
               "background": "中文背景。", "reform": "中文改革。", "results": "中文成效。"},
        "vi": {"status": "reviewed", "title": "Tiêu đề", "summary": "Tóm tắt.",
               "background": "Bối cảnh.", "reform": "Thay đổi.", "results": "Kết quả."},
    },
}


def make_case(vocab: Vocabulary, **changes) -> Case:
    """A valid case from BASE; each change maps a path with "__" between keys
    (``text__zh__status``) to a new value, or to None to delete the key."""
    data = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        keys = [int(k) if k.isdigit() else k for k in dotted.split("__")]
        node = data
        for key in keys[:-1]:
            node = node[key]
        if value is None:
            del node[keys[-1]]
        else:
            node[keys[-1]] = value
    return Case.model_validate(data, context={"vocabulary": vocab})


def make_book(vocab: Vocabulary, *cases: Case) -> Casebook:
    return Casebook(cases={c.id: c for c in sorted(cases, key=lambda c: c.id)}, vocabulary=vocab)


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
    ("en", ["by Zhang Wei", "“Women in Action”", "<cite>Women of China</cite>", "first published by Women Voice",
            "8 March 2017", "edited by Li Na", "translated by Chen Jie"]),
    ("zh", ["作者：Zhang Wei", "“Women in Action”", "<cite>Women of China</cite>", "原载于Women Voice",
            "2017年3月8日", "编辑：Li Na", "翻译：Chen Jie"]),
    ("vi", ["tác giả: Zhang Wei", "“Women in Action”", "<cite>Women of China</cite>",
            "đăng lần đầu trên Women Voice", "ngày 8 tháng 3 năm 2017", "biên tập: Li Na", "dịch: Chen Jie"]),
])
def test_cite_full(lang, expected):
    text = cite(Source.model_validate(FULL_SOURCE), lang)
    positions = [text.index(part) for part in expected]
    assert positions == sorted(positions), "who, title, outlet, date, editor, translator"
    assert '<span lang="zh">' in text, "the title is marked with the article's language"
    link = dom(text).find("a")
    assert link.attrs["href"] == FULL_SOURCE["url"] and link.text() == FULL_SOURCE["url"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cite_minimal_has_no_link_and_no_empty_parts(lang):
    source = Source.model_validate({"id": "src", "title": "T", "outlet": "O", "date": "2017"})
    text = cite(source, lang)
    assert "<a" not in text and "href" not in text
    for word in ("by ", "edited", "translated", "None", "作者", "编辑", "翻译", "tác giả", "biên tập", "dịch:"):
        assert word not in text, word
    assert "“T”" in text and "<cite>O</cite>" in text and "2017" in text
    assert ". ." not in text and ".." not in text


# --- translation notices -----------------------------------------------------------------

def notice(page: str) -> Node | None:
    found = dom(to_html(page)).find_all("div", "cb-notice")
    assert len(found) <= 1
    return found[0] if found else None


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
        sections[heading.strip()] = set(re.findall(r"\]\(([a-z0-9-]+)\.md\)", rest))
    assert sections == {
        country_name("CN", lang): {"cn-one"},
        country_name("LA", lang): {"la-one"},
        country_name("VN", lang): {"vn-one", "vn-two"},
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
            assert linked_cases(pages[f"levels/{key}.{lang}.md"], "../cases/") == members, key
        for code in {c.country for c in records.values()}:
            members = {i for i, c in records.items() if c.country == code}
            page = pages[f"countries/{code.lower()}.{lang}.md"]
            assert linked_cases(page, "../cases/") == members, code
            assert split_page(page)[0]["title"] == country_name(code, lang)
        assert linked_cases(pages[f"cases/index.{lang}.md"], "") == set(records)


def test_listing_of_an_empty_theme_says_so(vocab):
    book = make_book(vocab, make_case(vocab))
    pages = site_pages(book)
    assert "themes/migrants.en.md" in pages
    assert "No case yet." in pages["themes/migrants.en.md"]
    assert linked_cases(pages["themes/migrants.zh.md"], "../cases/") == set()


# --- site_pages ----------------------------------------------------------------------------

def test_site_pages_layout(real_book):
    pages = site_pages(real_book)
    countries = {c.country.lower() for c in real_book.sorted_cases()}
    expected = {
        "cases": {f"{case_id}.{lang}.md" for case_id in real_book.cases for lang in LANGUAGES}
        | {f"index.{lang}.md" for lang in LANGUAGES},
        "themes": {f"{key}.{lang}.md" for key in real_book.vocabulary.themes for lang in LANGUAGES},
        "levels": {f"{key}.{lang}.md" for key in real_book.vocabulary.levels for lang in LANGUAGES},
        "countries": {f"{code}.{lang}.md" for code in countries for lang in LANGUAGES},
    }
    for folder, names in expected.items():  # one page per case (and group) per language, no more
        assert {p.split("/", 1)[1] for p in pages if p.startswith(folder + "/")} == names, folder
    for lang in LANGUAGES:
        assert f"tags/index.{lang}.md" in pages
    # mkdocs-static-i18n's suffix layout: <path>.<lang>.md, never a <lang>/ folder, and
    # every page exists in every language
    stems = {}
    for path, page in pages.items():
        stem, lang, ext = path.rsplit(".", 2)
        assert ext == "md" and lang in LANGUAGES, path
        assert not path.startswith(tuple(f"{code}/" for code in LANGUAGES)), path
        stems.setdefault(stem, set()).add(lang)
        meta, _ = split_page(page)
        assert meta["casebook"]["lang"] == lang, path
    assert {stem: langs for stem, langs in stems.items() if langs != set(LANGUAGES)} == {}
    for case in real_book.sorted_cases():
        for lang in LANGUAGES:
            meta, _ = split_page(pages[f"cases/{case.id}.{lang}.md"])
            assert meta["casebook"]["id"] == case.id and meta["casebook"]["kind"] == "case"


def test_site_pages_follow_directory_urls(vocab):
    case = make_case(vocab, text__zh=None)
    book = make_book(vocab, case)
    assert 'href="../../../cases/test-case/"' in site_pages(book)["cases/test-case.zh.md"]
    assert 'href="../../cases/test-case.html"' in site_pages(book, directory_urls=False)["cases/test-case.zh.md"]


def test_tags_index_links_every_group(real_book):
    pages = site_pages(real_book)
    for lang in LANGUAGES:
        _, body = split_page(pages[f"tags/index.{lang}.md"])
        links = set(re.findall(r"\]\(\.\./((?:themes|levels|countries)/[a-z0-9-]+)\.md\)", body))
        for key in real_book.vocabulary.themes:
            assert f"themes/{key}" in links  # an empty theme is listed too
        for case in real_book.sorted_cases():
            assert f"levels/{case.level}" in links and f"countries/{case.country.lower()}" in links
        for link in links:
            assert f"{link}.{lang}.md" in pages, link


def test_listing_pages_say_what_they_list(real_book):
    pages = site_pages(real_book)
    kinds = {path.split("/")[0]: split_page(page)[0]["casebook"]["kind"]
             for path, page in pages.items() if path.startswith(("themes/", "levels/", "countries/"))}
    assert kinds == {"themes": "theme", "levels": "level", "countries": "country"}


# --- the sanitiser -------------------------------------------------------------------------

@pytest.mark.parametrize("payload, gone, kept", [
    ("<p>before<script>window.__xss=1</script>after</p>", ["<script", "__xss"], ["before", "after"]),
    ("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>text", ["script", "evil"], ["text"]),
    ('<p>pic <img src=x onerror="window.__xss=1"> end</p>', ["<img", "onerror", "__xss"], ["pic", "end"]),
    ('<a href="javascript:window.__xss=1">click</a>', ["javascript", "__xss"], ["click"]),
    ('<a href="JaVaScRiPt:alert(1)">upper</a>', ["javascript", "alert"], ["upper"]),
    ('<a href="javascript&#58;alert(1)">entity</a>', ["javascript", "alert", "&#58;"], ["entity"]),
    ('<a href="java&#x09;script:alert(1)">tab</a>', ["script:", "alert"], ["tab"]),
    ('<a href="  javascript:alert(1)">space</a>', ["javascript", "alert"], ["space"]),
    ('<a href="vbscript:msgbox(1)">vb</a>', ["vbscript", "msgbox"], ["vb"]),
    ('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data</a>', ["data:", "alert"], ["data"]),
    ('<p><svg onload="window.__xss=1"><circle r="4"/></svg>svg text</p>', ["<svg", "onload", "__xss", "circle"],
     ["svg text"]),
    ('<iframe src="https://example.org/"></iframe><p>after frame</p>', ["iframe", "example.org"], ["after frame"]),
    ("<style>body{display:none}</style><p>styled</p>", ["<style", "display"], ["styled"]),
    ('<object data="https://evil.example/x.swf"></object><embed src="x.swf"><p>obj</p>',
     ["<object", "<embed", "evil", "swf"], ["obj"]),
    ('<p style="background:url(https://evil.example/t.png)">inline style</p>', ["style=", "evil"],
     ["inline style"]),
    ('<img src="data:image/png;base64,AAAA">', ["<img", "data:"], []),
    ('<form action="https://evil.example/post"><input name="q" autofocus onfocus="window.__xss=1">'
     "<button formaction=\"javascript:alert(1)\">send</button></form>",
     ["<form", "<input", "<button", "evil", "onfocus", "javascript"], ["send"]),
    ('<details open ontoggle="window.__xss=1"><summary>more</summary>hidden</details>', ["ontoggle", "__xss"],
     ["more", "hidden"]),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">'
     '<link rel="stylesheet" href="https://evil.example/s.css"><p>head tags</p>', ["<meta", "<base", "<link", "evil"],
     ["head tags"]),
    ('<math><mi xlink:href="javascript:alert(1)">m</mi></math>', ["javascript", "xlink", "<math"], []),
    ('<p title="x" onmouseover="window.__xss=1" onclick="window.__xss=2">hover</p>', ["onmouseover", "onclick", "__xss", "title"],
     ["hover"]),  # (no title: a tooltip, see casebook/site/sanitize.py)
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', ["<img", "onerror=alert"], []),
    ("<!-- <script>alert(1)</script> -->comment", ["<!--", "alert"], ["comment"]),
    ('<a href="https://evil.example" target="_blank">out</a>', ["target"], ['href="https://evil.example"', "out",
                                                                           "noopener"]),
])
def test_sanitize_removes_dangerous_html(payload, gone, kept):
    out = sanitize(payload)
    lowered = out.lower()
    for part in gone:
        assert part.lower() not in lowered, (part, out)
    for part in kept:
        assert part in out, (part, out)
    for node in dom(out).walk():
        assert not [a for a in node.attrs if a.lower().startswith("on") or a.lower() == "style"], (node.tag, node.attrs)
        assert not (node.attrs.get("href") or "").strip().lower().startswith(("javascript:", "data:", "vbscript:"))


@pytest.mark.parametrize("source, gone, kept", [
    ('A paragraph.\n{onclick="window.__xss=1" style="color:red" .note}', ["onclick", "style", "__xss"],
     ['class="note"', "A paragraph."]),
    ('[link](https://example.org/){onmouseover="window.__xss=1"}', ["onmouseover", "__xss"],
     ['href="https://example.org/"', "link"]),
    ("[click](javascript:window.__xss=1)", ["javascript", "__xss"], ["click"]),
    ("[click](JAVASCRIPT:alert(1))", ["javascript", "alert"], ["click"]),
    ("<javascript:alert(1)>", ["href", "alert(1)\""], []),
    ("![img](https://evil.example/pixel.png)", ["<img", "evil"], []),
    ("[x][ref]\n\n[ref]: javascript:alert(1)", ["javascript", "alert"], ["x"]),
    ('**bold**{onfocus="window.__xss=1" tabindex="1"}', ["onfocus", "tabindex", "__xss"], ["<strong>bold</strong>"]),
    ('<div markdown="1" onclick="window.__xss=1">*inner*</div>', ["onclick", "__xss"], ["<em>inner</em>"]),
])
def test_sanitize_after_markdown_attr_list_and_links(source, gone, kept):
    out = sanitize(markdown.markdown(source, extensions=EXTENSIONS))
    for part in gone:
        assert part.lower() not in out.lower(), (part, out)
    for part in kept:
        assert part in out, (part, out)


def test_sanitize_keeps_the_pages_own_markup(real_book):
    """Everything the renderers write (classes, ids, lang, data-status, the notice) survives."""
    case = real_book.cases[next(i for i in real_book.cases if "danzao" in i)]
    out = to_html(render_case(case, "zh", real_book))
    for part in ('class="cb-facts"', 'class="cb-summary"', 'class="admonition', 'data-status="draft"',
                 "data-search-exclude", 'hreflang="en"', 'id="source-', 'lang="en"', "<details", "<summary",
                 'class="cb-sources"', "download"):
        assert part in out, part


@pytest.mark.parametrize("payload", [
    '<p id="__config">{"base":"https://evil.example/","features":[],"translations":{}}</p>',
    'Text.\n{#__config}',
    '<span id="__search">x</span>',
])
def test_sanitize_does_not_let_content_take_the_themes_ids(payload):
    out = sanitize(markdown.markdown(payload, extensions=EXTENSIONS))
    ids = [n.attrs.get("id") for n in dom(out).walk() if n.attrs.get("id")]
    assert not [i for i in ids if i.startswith("__")], out


def test_only_links_to_other_sites_get_rel():
    out = sanitize('<a href="../x/">own</a> <a href="#s">anchor</a> <a href="https://e.org/a">other</a> '
                   '<a href="//e.org/b">other</a> <a href="mailto:a@e.org">mail</a> '
                   '<a class="headerlink" href="#h" title="Permanent link">¶</a> '
                   '<a class="x" href="https://e.org/c">other</a>')
    assert '<a href="../x/">own</a>' in out and '<a href="#s">anchor</a>' in out
    assert '<a class="headerlink" href="#h">¶</a>' in out  # (no title: see casebook/site/sanitize.py)
    assert out.count('rel="noopener noreferrer"') == 4


def test_country_names_are_in_the_page_language():
    # iso-codes translates Viet Nam's official name, not its common name "Vietnam"
    assert [country_name("VN", lang) for lang in LANGUAGES] == ["Vietnam", "越南", "Việt Nam"]
    assert [country_name("CN", lang) for lang in LANGUAGES] == ["China", "中国", "Trung Quốc"]


@pytest.mark.parametrize("value", ["Hội Phụ nữ: \"quoted\" #1", "a\u2028b\u2029c\x85d", "\x7f\x9f\ufffe",
                                   "yes", "null", "- dash", "中文\t😀", ""])
def test_front_matter_is_read_back_as_written(value):
    """Front matter is written as JSON (fast) and read by MkDocs as YAML: characters YAML
    refuses or reads as line breaks are escaped, words like yes/null stay strings."""
    from casebook.pages.markup import attr_text, front_matter

    meta = {"title": value, "tags": [value], "casebook": {"kind": "case", "lang": "vi"}}
    # (the title is plain text, escaped for the HTML the theme prints it into)
    assert split_page(front_matter(meta) + "# body\n")[0] == {**meta, "title": attr_text(value)}


@pytest.mark.parametrize("key", ["title", "description"])
def test_front_matter_titles_are_plain_text_on_every_page(key):
    """Material prints page.meta.title into <title> and the header, description into an
    attribute, as they are: front_matter escapes them, whoever calls it."""
    from casebook.pages.case import front_matter

    meta = split_page(front_matter({key: 'Party <img src=x onerror="alert(1)"> & co'}) + "# x\n")[0]
    assert meta[key] == "Party &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co"
