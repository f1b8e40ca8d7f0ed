"""A case as the comparison shows it (pages/compare.py): one small script per case and
language beside the compare page, ``compare/data/<id>.js``, loaded only when the case is
chosen.

Its narrative sections and its sources are taken from its own case page's HTML, as the
training pack's parts are (site/pack_parts.py): sanitised, before the glossary's tooltips,
so the comparison shows exactly what the case page shows and no contributor text reaches
it any other way. Relative links are rewritten from the case page's address to the
compare page's (and stay relative: ``relocate``). The facts come from the model
(pages/compare.py, plain text). A script, not JSON: from file:// a page may run a script
beside it but not fetch() it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable, Collection, Optional

from ..pages.compare import CALLBACK, case_facts
from ..records.load import Casebook
from ..records.model import Case
from .pack_parts import CITE, relocate

SECTIONS = ("background", "reform", "results", "sources")
_H2 = re.compile(r'<h2\b[^>]*\sid="([^"]*)"[^>]*>.*?</h2>', re.S)
# What follows the sources on a case page and is no part of them: its dates, its share
# block, the citation box (where the pack's part of the page ends too).
_AFTER_SOURCES = re.compile(r'<p class="cb-dates"|<aside class="cb-share"|' + re.escape(CITE))
_RELATIVE = re.compile(r'(<a\b[^>]*?\shref=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^"]*)"')
# The headings' permalinks (¶): the cell's heading is the row's name, not the case page's.
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def sections(html: str, case_url: str, compare_url: str) -> dict[str, str]:
    """The HTML of a case page's narrative sections and sources, by section id (a case
    without results has none), its relative links rewritten for the compare page."""
    end = _AFTER_SOURCES.search(html)
    body = html[:end.start()] if end else html
    heads = list(_H2.finditer(body))
    found = {}
    for index, head in enumerate(heads):
        if head.group(1) not in SECTIONS:
            continue
        stop = heads[index + 1].start() if index + 1 < len(heads) else len(body)
        part = _PERMALINK.sub("", body[head.end():stop]).strip()
        found[head.group(1)] = _RELATIVE.sub(
            lambda m: f'{m.group(1)}{relocate(m.group(2), case_url, compare_url)}"', part)
    return found


def case_script(case: Case, lang: str, book: Casebook, html: str, case_url: str, compare_url: str,
                directory_urls: bool) -> str:
    """The data script of ``case`` in ``lang``: one call of compare.js's callback."""
    data = case_facts(case, lang, book, directory_urls) | {"html": sections(html, case_url, compare_url)}
    # (a file of its own, never inline: "</script>" in the text ends nothing)
    return f"window.{CALLBACK}&&window.{CALLBACK}(" + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ");\n"


def write_case_script(folder: Path, case_id: str, script: str) -> int:
    """Write ``<folder>/<case_id>.js`` when it changed (casebook serve); its size in bytes."""
    path = folder / f"{case_id}.js"
    data = script.encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return len(data)


def write_case_scripts(folder: Path, book: Casebook, lang: str,
                       page_of: Callable[[str], Optional[tuple[str, str]]], compare_url: str,
                       directory_urls: bool, only: Collection[str] | None = None) -> list[str]:
    """Every case's data script in ``folder`` (the compare page's data/), from its case
    page's HTML and address (``page_of``: None for a page not built); returns the ids of
    the cases left without one. ``only``: these cases' (casebook serve: the pages it
    has just converted)."""
    missing = []
    for case in book.sorted_cases():
        if only is not None and case.id not in only:
            continue
        page = page_of(case.id)
        if page is None:
            missing.append(case.id)
            continue
        write_case_script(folder, case.id, case_script(case, lang, book, page[0], page[1], compare_url, directory_urls))
    return missing
