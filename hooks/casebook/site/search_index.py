"""One search index per language, in parts (site/search/parts.py).

mkdocs-static-i18n merges every language's entries into each index of the search plugin.
After the build, each language's ``search/search_index.json`` is replaced by the manifest
of an index of its own pages only (pages it was written in), read a few parts per query
by our worker (docs/assets/casebook-search.js) instead of lunr reading it all.

Material loads ``search/search_index.json`` relative to the page's ``base``; the hooks set
``base`` of a ``zh/`` page to ``zh/``, so locations in the Chinese index are relative to
``zh/`` too.
"""

from __future__ import annotations

import json
from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Iterator

from .search.documents import SearchDoc, case_doc, page_doc
from .search.parts import write_index

# Material's per-language search settings, read from its language partials, e.g. zh:
# lang "en", pipeline "stemmer", a separator that also splits on U+200B. (Its dialog
# reads them from the manifest; our worker indexes and folds text its own way.)
SEARCH_KEYS = ("lang", "separator", "pipeline")


def search_config(translate: Callable[[str, str], str], lang: str) -> dict:
    """The lunr settings Material uses for ``lang`` (falling back to English)."""
    values = {key: translate(lang, f"search.config.{key}") for key in SEARCH_KEYS}
    return {
        "lang": [values["lang"]],
        "separator": values["separator"],
        "pipeline": [fn for fn in values["pipeline"].replace(" ", "").split(",") if fn],
    }


def index_path(site_dir: Path, lang: str, default: str) -> Path:
    return site_dir / ("" if lang == default else lang) / "search" / "search_index.json"


@dataclass(frozen=True)
class PageInfo:
    """What the hooks note of a page as it is built (the search plugin does not keep it)."""

    kind: str                      # the casebook's page kind, "page" for hand-written ones
    case_id: str | None = None
    written_in_language: bool = True  # False: mkdocs-static-i18n's copy of another language's page


def split_search_index(site_dir: Path, languages: tuple[str, ...], default: str,
                       settings: dict[str, dict], pages: dict[str, PageInfo], book,
                       write: tuple[str, ...] | None = None,
                       index: tuple[dict, list[dict]] | None = None) -> dict[str, int]:
    """Write the index of every language in ``write`` (default: all) from its own
    pages (site/search/parts.py); returns documents per language written.

    The entries are read from every index found, or taken from ``index`` (config, entries)
    when given: a one-language pass of ``casebook build`` passes the search plugin's own,
    which it has just written (reading 20 MB of escaped JSON back cost ~50 MB at 1,000
    cases). They are read, never changed: under ``casebook serve`` the plugin keeps
    them for its next build. ``pages`` maps each page's URL (``zh/cases/x/``) to what
    the hooks noted of it; a page not written in a language is left out of its index."""
    by_page: dict[str, list[dict]] = {}
    config: dict = {}
    sources = [index] if index else (_read_index(index_path(site_dir, lang, default)) for lang in languages)
    for found in sources:
        if found is None or "casebook" in found[0]:  # (a manifest of ours, from a build before)
            continue
        config = config or found[0]
        seen = set()
        for entry in found[1]:
            if entry["location"] in seen:
                continue
            seen.add(entry["location"])
            by_page.setdefault(entry["location"].split("#")[0], []).append(entry)
    others = tuple(f"{lang}/" for lang in languages if lang != default)
    counts = {}
    for lang in write or languages:
        prefix = "" if lang == default else f"{lang}/"
        lang_config = {key: value for key, value in {**config, **settings[lang]}.items() if key != "fields"}
        # (documents made one at a time as the index reads them: each case's text let go)
        manifest = write_index(index_path(site_dir, lang, default).parent, f"{prefix}search/",
                               _documents(pages, by_page, book, lang, prefix, others), lang_config)
        counts[lang] = manifest["config"]["casebook"]["count"]
    return counts


def _documents(pages: dict[str, PageInfo], by_page: dict[str, list[dict]], book, lang: str, prefix: str,
               others: tuple[str, ...]) -> Iterator[SearchDoc]:
    """The search documents of ``lang``'s pages (``prefix``: its folder), in build order."""
    for url, entries in _in_build_order(pages, by_page, book):
        if not (url.startswith(prefix) if prefix else not url.startswith(others)):
            continue
        info = pages.get(url) or PageInfo("page")
        if not info.written_in_language:
            continue
        location = url[len(prefix):]
        if info.kind == "case" and info.case_id in book.cases:
            case = book.cases[info.case_id]
            labels = [book.vocabulary.theme(key, lang) for key in case.themes]
            yield case_doc(case, lang, location, labels, book.vocabulary.country_names(case.country, lang),
                           book.vocabulary.level(case.level, lang))
        else:
            yield page_doc(location, info.kind, lang, entries)


def _in_build_order(pages: dict[str, PageInfo], by_page: dict[str, list[dict]], book):
    """(URL, the search plugin's entries) of every page to index, in the order they were
    built (a document's number in the index is its place in this order). A case page is
    read from its record (search/documents.py): its front matter keeps the search plugin
    from parsing its HTML (``search: exclude``), so it has no entries (None)."""
    for url, info in pages.items():
        if url in by_page:
            yield url, by_page[url]
        elif info.kind == "case" and info.case_id in book.cases:
            yield url, None
    for url, entries in by_page.items():  # (pages the hooks did not see: none in a build of ours)
        if url not in pages:
            yield url, entries


def _read_index(path: Path) -> tuple[dict, list[dict]] | None:
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["config"], data["docs"]
