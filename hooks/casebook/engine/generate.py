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


def pages_key(book: Casebook, config: MkDocsConfig, languages: tuple[str, ...] = LANGUAGES,
              open_data: bool = True) -> str:
    """What the generated pages depend on, as one hash."""
    atlas = find_world_atlas(Path(config.config_file_path).parent)
    inputs = (config.docs_dir, book.fingerprint, sorted(book.dates.items()),
              book.history.rule, book.history.commits, book.history.order[:1], languages, open_data, config.site_url or "",
              config.repo_url or "", config.edit_uri or "",
              config.use_directory_urls, str(atlas),
              repr(bundle_info(config)))
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def generate(book: Casebook, config: MkDocsConfig, languages: tuple[str, ...] = LANGUAGES,
             open_data: bool = True, written: str | None = None) -> str:
    """Make docs/ hold the pages of ``book`` in ``languages`` for this config, and the
    open data with ``open_data`` (see casebook/pages/all_pages.py's data_files).

    Returns the key of what it wrote; given the key of what this process wrote last
    (``written``), it writes nothing when they are the same (every i18n pass, every
    save in casebook serve that changed no record)."""
    key = pages_key(book, config, languages, open_data)
    if written == key:
        return key
    if hasattr(os, "fork") and threading.active_count() == 1:
        _in_child(lambda: _write(book, config, languages, open_data))
    else:  # (no fork on Windows; forking a process with threads, e.g. mkdocs serve, is unsafe)
        _write(book, config, languages, open_data)
    return key


def _write(book: Casebook, config: MkDocsConfig, languages: tuple[str, ...], open_data: bool) -> None:
    atlas = find_world_atlas(Path(config.config_file_path).parent)
    if atlas is None:
        log.warning("casebook: node_modules/world-atlas is missing (run make setup): the map has no shapes")
    info = bundle_info(config)
    site_url = config.site_url or ""
    pages = chain(iter_site_pages(book, directory_urls=config.use_directory_urls, site_url=site_url, atlas=atlas,
                                  english_built=info is None or DEFAULT_LANGUAGE in info.languages,
                                  languages=languages, repo=repository(config.repo_url, config.edit_uri)),
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
