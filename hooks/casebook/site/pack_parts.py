"""A case as the training pack shows it, made from its own case page's HTML.

The pack page (casebook/pages/pack.py) holds every case in full. Writing those cases into its
Markdown made MkDocs convert the whole casebook a second time as one huge page: at 1,000
cases a tenth of the build's time and 130 MB more memory per language. The case pages
are converted anyway, so the hooks keep each one's HTML (sanitised, before the glossary
tooltips, which paper cannot show) and the pack is put together from it:

- the title (the page's h1) becomes the case's h2 in the pack (``id`` = the case id), and
  every other heading goes one level down;
- every ``id`` and in-page link gets the case id in front, so ids stay unique on a page
  that holds every case (``#source-1`` becomes ``#<case>-source-1``);
- relative links are rewritten from the case page's address to the pack's (a
  contributor's link to another page keeps working in the pack), and stay relative
  links: a rewritten link never gains a scheme (``javascript:``) the sanitiser removed;
- the citation box, related cases and previous/next stay on the case page.

The pack page is written with a marker where the cases go, and the cases are then
written into the file one at a time (``write_cases_into``): at 1,000 cases the page is
11 MB, which the theme's template and the last touches (casebook/site/page_html.py) would otherwise
copy several times over in memory.

Only tags are rewritten, never text: the HTML is the sanitiser's output, whose tags are
well formed and whose attribute values are double-quoted.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urljoin, urlsplit

from mkdocs.utils import get_relative_url

PACK_MARKER = "<!-- casebook: the training pack's cases -->"  # the sanitiser keeps no comment
PACK_CASE_CLASS = "cb-pack-case"
FIRST_CASE_CLASS = "cb-pack-first"  # no page break before the first case in print
CITE = '<details class="cb-cite"'  # ours, after every contributor text (casebook/pages/case.py)
_TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r'<[a-zA-Z](?:[^>"]|"[^"]*")*>|</h[1-5]>')
_HEADING = re.compile(r"^<(/?)h([1-5])\b")
_ID = re.compile(r'(?<=\s)id="([^"]*)"')
_IN_PAGE = re.compile(r'(?<=\s)href="#([^"]*)"')
_RELATIVE = re.compile(r'(?<=\s)(href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"]*)"')
_BASE = "http://site.invalid/"


def relocate(url: str, from_page: str, to_page: str) -> str:
    """A relative ``url`` written on the page at ``from_page``, relative to ``to_page``."""
    target = urlsplit(urljoin(_BASE + from_page, url))
    path = get_relative_url(target.path[len("/"):] or ".", to_page)
    if ":" in path.split("/")[0]:
        # A first segment with a colon reads as a scheme: "../../packs/javascript:x" seen
        # from packs/ would become the link "javascript:x". "./" keeps it a path.
        path = "./" + path
    return path + (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")


def pack_part(html: str, case_id: str, case_url: str, pack_url: str, first: bool) -> str:
    """The case's part of the pack page, from the HTML of its case page at ``case_url``."""
    title = _TITLE.search(html)
    if title is None:
        raise ValueError(f"the page of case {case_id} has no title (h1)")
    end = html.rfind(CITE)
    body = html[title.end():end if end >= 0 else len(html)]

    def retag(match: re.Match) -> str:
        tag = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", match.group())
        tag = _ID.sub(lambda m: f'id="{case_id}-{m.group(1)}"', tag)
        tag = _IN_PAGE.sub(lambda m: f'href="#{case_id}-{m.group(1)}"', tag)
        return _RELATIVE.sub(lambda m: f'{m.group(1)}="{relocate(m.group(2), case_url, pack_url)}"', tag)

    classes = f"{PACK_CASE_CLASS} {FIRST_CASE_CLASS}" if first else PACK_CASE_CLASS
    heading = (f'<h2 class="{classes}" id="{case_id}">{_PERMALINK.sub("", title.group(1))}'
               f'<a class="headerlink" href="#{case_id}" title="Permanent link">¶</a></h2>')
    return heading + _TAG.sub(retag, body)


def write_cases_into(page_file: Path, parts: Iterable[str]) -> None:
    """Replace the marker in the written pack page ``page_file`` by ``parts``."""
    html = page_file.read_text(encoding="utf-8")
    head, marker, tail = html.partition(PACK_MARKER)
    if not marker:
        raise ValueError(f"{page_file}: no place for the training pack's cases")
    tmp = page_file.with_name(page_file.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        out.write(head)
        for part in parts:
            out.write(part)
            out.write("\n")
        out.write(tail)
    tmp.replace(page_file)


# --- a pack that loads its cases (pages/pack.py loads_cases) -------------------------------

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SLOT_CLASS = "cb-pack-slot"


class _Tree(HTMLParser):
    """HTML as nested lists, ``[tag, [[name, value], ...], child, ...]`` with text as
    strings: pack.js builds it with createElement, setAttribute and text nodes, so a
    case's text is never parsed as markup in the reader's browser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list = ["div", []]
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        node = [tag, [[name, value or ""] for name, value in attrs]]
        self.open[-1].append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].append([tag, [[name, value or ""] for name, value in attrs]])  # (SVG's <path/>)

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].append(data)


def part_tree(part_html: str) -> list:
    """A case's part of the pack as the nodes pack.js builds (the children of its slot)."""
    tree = _Tree()
    tree.feed(part_html)
    tree.close()
    return tree.root[2:]


def case_script(case_id: str, part_html: str) -> str:
    """The script of one case (``parts/<id>.js``): a call, never markup to parse."""
    data = json.dumps(part_tree(part_html), ensure_ascii=False, separators=(",", ":"))
    return f"casebookPackCase({json.dumps(case_id)},{data});\n"


def slot(case_id: str) -> str:
    """Where pack.js puts a loaded case, in the pack's order (hidden until chosen)."""
    return f'<div class="{SLOT_CLASS}" data-case="{html.escape(case_id)}" hidden></div>'


def write_pack_scripts(folder: Path, parts: Iterable[tuple[str, str]]) -> Iterator[str]:
    """Write each (case id, part) as ``folder/<id>.js``; yields each case's slot. (A
    case's script is written again when its page changed: casebook serve removes those
    of a case that is gone, engine/case_html.py.)"""
    folder.mkdir(parents=True, exist_ok=True)
    for case_id, part in parts:
        (folder / f"{case_id}.js").write_text(case_script(case_id, part), encoding="utf-8")
        yield slot(case_id)
