"""The case pages' HTML, kept as they are converted, and what is made of it after the build.

Each case page's sanitised HTML (before the glossary's tooltips: paper has none) and
address are kept, by language and case id, in a temporary file (site/spool.py: at
10,000 cases, compressed in memory, they were ~250 MB per language process). The
training pack is put together from them (site/pack_parts.py), the comparison's script of
each case too (site/compare_parts.py). They are kept between builds: a dirty rebuild
(``casebook serve``) converts only the pages that changed, and redoes the pack's and the
comparison's scripts of those cases only (at 1,000 cases, all of them were two to three
seconds of every save, in every language), removing those of a case that is gone.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Iterator

from ..pages.compare import DATA_DIR
from ..pages.pack import PARTS_FOLDER, loads_cases
from ..records.load import Casebook
from ..site.compare_parts import write_case_scripts
from ..site.pack_parts import pack_part, slot, write_cases_into, write_pack_scripts
from ..site.page_html import localise_permalinks
from ..site.spool import Spool, Spooled
from ..site.whitespace import strip_indentation
from .dirty_build import remove_stale

log = logging.getLogger("mkdocs.hooks.casebook")


class CaseHTML:
    """The kept case pages, and which of them this build converted."""

    def __init__(self):
        self.pages: dict[tuple[str, str], tuple[Spooled, str]] = {}  # (lang, id) -> (HTML on disk, URL)
        self.spool = Spool()  # (grows by the pages a dirty rebuild converts again)
        self.converted: set[tuple[str, str]] = set()  # (lang, id) converted since their outputs were written
        self.first: dict[str, str | None] = {}  # the pack's first case, by language (its part differs)
        # where each language's pack and compare page were last built: (file, URL)
        self.pack_at: dict[str, tuple[str, str]] = {}
        self.compare_at: dict[str, tuple[str, str]] = {}
        self.rebuilt: set[tuple[str, str]] = set()  # ("pack" or "compare", lang) written since

    def start(self, languages: Iterable[str]) -> None:
        """A pass of ``languages`` begins (plain mkdocs build: one of three, in one process)."""
        self.converted = {(lang, case_id) for lang, case_id in self.converted if lang not in languages}

    def built(self, kind: str, lang: str, path: str, url: str) -> None:
        """The pack's or the comparison's page of ``lang`` was just written at ``path``."""
        (self.pack_at if kind == "pack" else self.compare_at)[lang] = (path, url)
        self.rebuilt.add((kind, lang))

    def write_outputs(self, book: Casebook, directory_urls: bool) -> None:
        """The pack's cases and the comparison's scripts of every page written so far (in
        plain mkdocs build, the languages' passes run inside the first one's last event)."""
        for lang, (path, url) in self.pack_at.items():
            if ("pack", lang) in self.rebuilt or self.fresh(lang):
                self.write_pack(book, lang, path, url, ("pack", lang) in self.rebuilt)
        for lang, (path, url) in self.compare_at.items():
            if ("compare", lang) in self.rebuilt or self.fresh(lang):
                self.write_compare(book, lang, path, url, directory_urls)
        done = set(self.pack_at) | set(self.compare_at)
        self.converted = {(lang, case_id) for lang, case_id in self.converted if lang not in done}
        self.rebuilt = set()

    def keep(self, lang: str, case_id: str, html: str, url: str) -> None:
        self.pages[(lang, case_id)] = (self.spool.put(html), url)
        self.converted.add((lang, case_id))

    def page(self, lang: str, case_id: str) -> tuple[str, str] | None:
        """A case page's sanitised HTML (before the tooltips) and address; None if not built."""
        kept = self.pages.get((lang, case_id))
        return None if kept is None else (str(kept[0]), kept[1])

    def fresh(self, lang: str) -> set[str]:
        return {case_id for lg, case_id in self.converted if lg == lang}

    def write_pack(self, book: Casebook, lang: str, path: str, url: str, rebuilt: bool) -> None:
        """The training pack's cases at ``path`` (its page, built at ``url``): written into
        the page when it was ``rebuilt``; above 100 cases, each a script of its own
        (pages/pack.py loads_cases), written for the case pages this build converted."""
        first = next(iter(book.cases), None)
        if not loads_cases(len(book.cases)):  # (its page is rebuilt after any change: engine/dirty_build.py)
            if rebuilt:
                write_cases_into(Path(path), (part for _, part in self._pack_cases(book, lang, url, book.cases)))
            return
        todo = self.fresh(lang)
        if self.first.get(lang, first) != first:  # the first case's part differs: the old first and the new
            todo |= {case_id for case_id in (first, self.first[lang]) if case_id in book.cases}
        self.first[lang] = first
        folder = Path(path).parent / PARTS_FOLDER
        for _ in write_pack_scripts(folder, self._pack_cases(book, lang, url, [c for c in book.cases if c in todo])):
            pass
        remove_stale(folder, book)
        if rebuilt:
            write_cases_into(Path(path), (slot(case_id) for case_id in book.cases if self.page(lang, case_id)))

    def write_compare(self, book: Casebook, lang: str, path: str, url: str, directory_urls: bool) -> None:
        """The comparison's script of each case this build converted, beside its page."""
        folder = Path(path).parent / DATA_DIR
        fresh = self.fresh(lang)
        missing = write_case_scripts(folder, book, lang, lambda case_id: self.page(lang, case_id), url,
                                     directory_urls, only=fresh)
        if missing:
            log.warning("casebook: the %s comparison misses cases %s (their pages were not built)", lang, missing)
        remove_stale(folder, book)

    def _pack_cases(self, book: Casebook, lang: str, pack_url: str, cases: Iterable[str]) -> Iterator[tuple[str, str]]:
        """``cases`` as the pack shows them, from their case pages' HTML: (case id, its part)."""
        first = next(iter(book.cases), None)
        for case_id in cases:
            kept = self.page(lang, case_id)
            if kept is None:  # every case page is converted before any page is written
                log.warning("casebook: the %s training pack misses case %s (its page was not built)", lang, case_id)
                continue
            html, case_url = kept
            part = pack_part(html, case_id, case_url, pack_url, first=case_id == first)
            yield case_id, strip_indentation(localise_permalinks(part, lang))  # (pack_part writes a permalink of its own)
