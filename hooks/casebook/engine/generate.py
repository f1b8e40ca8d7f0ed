"""Write the generated pages of a build into ``docs/``, once per process and input.

mkdocs-static-i18n runs ``on_pre_build`` once per language: it would otherwise render
every page of every language again (at 1,000 cases, seconds each time) only to find that
nothing changed. What the pages depend on is known (the records' contents, the languages
and a few settings), so the work is skipped when that is what was last written.

Each process of ``casebook build`` writes its own language's pages (``languages``), all
at the same time; a file of no language (data/cases.json) goes with the default one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
import traceback
from itertools import chain
from typing import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..records.load import Casebook
from ..pages.map_svg import find_world_atlas
from ..site.offline import offline_enabled
from ..pages.offline_about import ABOUT_PAGE, BundleInfo, about_pages
from ..pages.all_pages import GENERATED_DIRS, data_files, iter_site_pages, path_language
from ..pages.case import case_page_inputs
from ..pages.writer import write_pages
from .site_address import repository

log = logging.getLogger("mkdocs.hooks.casebook")

# Owned by the generator: anything else in these folders of docs/ is stale. ("bundle" is
# owned too, so the website build removes an offline build's start page.)
OWNED_DIRS = GENERATED_DIRS + (ABOUT_PAGE.split("/")[0],)
# The folders of docs/ that are the build's alone (data/ also holds the committed schema).
GENERATED_FOLDERS = tuple(folder for folder in OWNED_DIRS if "/" not in folder)


def bundle_info(config: MkDocsConfig) -> BundleInfo | None:
    """What an offline copy says of itself (mkdocs.offline.yml), or None for the website."""
    return BundleInfo.from_extra(config.extra) if offline_enabled(config.plugins) else None


def _settings(book: Casebook, config: MkDocsConfig, languages: tuple[str, ...], open_data: bool) -> tuple:
    """What every generated page may read besides the records: the settings, the
    vocabulary, which rule the history was read by."""
    atlas = find_world_atlas(Path(config.config_file_path).parent)
    return (config.docs_dir, book.vocabulary_key, book.history.rule, book.history.commits, book.history.order[:1],
            languages, open_data, config.site_url or "", config.repo_url or "", config.edit_uri or "",
            config.use_directory_urls, str(atlas), repr(bundle_info(config)))


def _hash(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def pages_key(book: Casebook, config: MkDocsConfig, languages: tuple[str, ...] = LANGUAGES,
              open_data: bool = True) -> str:
    """What the generated pages depend on, as one hash."""
    return _hash((book.fingerprint, sorted(book.dates.items()), _settings(book, config, languages, open_data)))


class CasePageKeys:
    """What each case page in docs/ was last rendered from (pages/case.py's
    case_page_inputs and what every page reads), by path: casebook serve renders a case
    page again only when that changed. Kept by the process's hooks between builds."""

    MAX_IN_PROCESS = 100  # case pages; more are rendered in a forked child (see _in_child)

    def __init__(self):
        self.written: dict[str, str] = {}

    def plan(self, book: Casebook, settings: tuple, languages: tuple[str, ...]) -> dict[str, str]:
        """The key of every case page of ``book`` in ``languages``, by path."""
        shared = _hash(settings)
        return {f"cases/{case_id}.{lang}.md": _hash((shared, lang, case_page_inputs(case_id, book)))
                for lang in languages for case_id in book.cases}

    def unchanged(self, planned: dict[str, str], docs_dir: Path) -> Callable[[str], bool]:
        return lambda path: self.written.get(path) == planned[path] and (docs_dir / path).is_file()

    def to_render(self, planned: dict[str, str]) -> int:
        return sum(self.written.get(path) != key for path, key in planned.items())


def generate(book: Casebook, config: MkDocsConfig, languages: tuple[str, ...] = LANGUAGES,
             open_data: bool = True, written: str | None = None, case_pages: CasePageKeys | None = None) -> str:
    """Make docs/ hold the pages of ``book`` in ``languages`` for this config, and the
    open data with ``open_data`` (see casebook/pages/all_pages.py's data_files).

    Returns the key of what it wrote; given the key of what this process wrote last
    (``written``), it writes nothing when they are the same (every i18n pass, every
    save in casebook serve that changed no record). With ``case_pages`` (what this
    process rendered before), only the case pages whose inputs changed are rendered."""
    key = pages_key(book, config, languages, open_data)
    if written == key:
        return key
    planned = case_pages.plan(book, _settings(book, config, languages, open_data), languages) if case_pages else {}
    unchanged = case_pages.unchanged(planned, Path(config.docs_dir)) if case_pages else None
    few = case_pages is not None and case_pages.to_render(planned) <= CasePageKeys.MAX_IN_PROCESS
    if hasattr(os, "fork") and threading.active_count() == 1 and not few:
        _in_child(lambda: _write(book, config, languages, open_data, unchanged))
    else:  # (no fork on Windows; forking a process with threads, e.g. mkdocs serve, is unsafe)
        _write(book, config, languages, open_data, unchanged)
    if case_pages is not None:
        case_pages.written = planned
    return key


def _write(book: Casebook, config: MkDocsConfig, languages: tuple[str, ...], open_data: bool,
           unchanged: Callable[[str], bool] | None = None) -> None:
    atlas = find_world_atlas(Path(config.config_file_path).parent)
    if atlas is None:
        log.warning("casebook: node_modules/world-atlas is missing (run make setup): the map has no shapes")
    info = bundle_info(config)
    site_url = config.site_url or ""
    pages = chain(iter_site_pages(book, directory_urls=config.use_directory_urls, site_url=site_url, atlas=atlas,
                                  english_built=info is None or DEFAULT_LANGUAGE in info.languages,
                                  languages=languages, repo=repository(config.repo_url, config.edit_uri),
                                  unchanged=unchanged),
                  data_files(book, site_url, open_data),
                  about_pages(book, info, languages).items() if info else ())
    owns = None if languages == LANGUAGES else (lambda rel: path_language(rel) in languages)
    changed = write_pages(Path(config.docs_dir), pages, OWNED_DIRS, owns)
    if changed:
        log.info("casebook: %d generated page(s) updated", len(changed))


_WARNED = 3  # exit status of a child that logged warnings


def _in_child(work: Callable[[], None]) -> None:
    """Run ``work`` in a forked process. Rendering thousands of pages leaves a process's
    memory fragmented (~80 MB per language at 1,000 cases) and this one goes on to build
    the site. Warnings logged there count here (strict mode); an error stops the build."""
    pid = os.fork()
    if pid == 0:  # the child
        status = 1
        counter = CountHandler()
        counter.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(counter)
        try:
            work()
            status = _WARNED if counter.get_counts() else 0
        except BaseException:  # noqa: BLE001 - say what went wrong, in the parent's output
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if code == _WARNED:
        log.warning("casebook: warnings while generating the pages (above)")
    elif code:
        raise PluginError("casebook: generating the pages failed (see above)")
