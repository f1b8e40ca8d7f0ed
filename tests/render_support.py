"""What the renderer tests share: the real cases and small in-memory variants, and the
page's Markdown turned into the HTML MkDocs makes (the site's own extensions, sanitised)."""

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



def notice(page: str) -> Node | None:
    found = dom(to_html(page)).find_all("div", "cb-notice")
    assert len(found) <= 1
    return found[0] if found else None


