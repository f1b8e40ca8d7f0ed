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
from itertools import chain
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from . import DEFAULT_LANGUAGE, LANGUAGES
from .load import Casebook
from .map_svg import find_world_atlas
from .offline import offline_enabled
from .render_bundle import ABOUT_PAGE, BundleInfo, about_pages
from .site_pages import GENERATED_DIRS, data_files, iter_site_pages, path_language
from .writer import write_pages

log = logging.getLogger("mkdocs.hooks.casebook")

# Owned by the generator: anything else in these folders of docs/ is stale. ("bundle" is
# owned too, so the website build removes an offline build's start page.)
OWNED_DIRS = GENERATED_DIRS + (ABOUT_PAGE.split("/")[0],)

_written: dict[Path, str] = {}  # docs folder -> key of the pages last written there


def bundle_info(config: MkDocsConfig) -> BundleInfo | None:
    """What an offline copy says of itself (mkdocs.offline.yml), or None for the website."""
    return BundleInfo.from_extra(config.extra) if offline_enabled(config.plugins) else None


def pages_key(book: Casebook, config: MkDocsConfig, languages: tuple[str, ...] = LANGUAGES) -> str:
    """What the generated pages depend on, as one hash."""
    atlas = find_world_atlas(Path(config.config_file_path).parent)
    inputs = (book.fingerprint, languages, config.site_url or "", config.use_directory_urls, str(atlas),
              repr(bundle_info(config)))
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def generate(book: Casebook, config: MkDocsConfig, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """Make docs/ hold the pages of ``book`` in ``languages`` for this config; returns
    what changed."""
    docs = Path(config.docs_dir)
    key = pages_key(book, config, languages)
    if _written.get(docs) == key:
        return []
    atlas = find_world_atlas(Path(config.config_file_path).parent)
    if atlas is None:
        log.warning("casebook: node_modules/world-atlas is missing (run make setup): the map has no shapes")
    info = bundle_info(config)
    site_url = config.site_url or ""
    pages = chain(iter_site_pages(book, directory_urls=config.use_directory_urls, site_url=site_url, atlas=atlas,
                                  english_built=info is None or DEFAULT_LANGUAGE in info.languages,
                                  languages=languages),
                  data_files(book, site_url, languages).items(),
                  about_pages(book, info, languages).items() if info else ())
    owns = None if languages == LANGUAGES else (lambda rel: path_language(rel) in languages)
    changed = write_pages(docs, pages, OWNED_DIRS, owns)
    _written[docs] = key
    if changed:
        log.info("casebook: %d generated page(s) updated", len(changed))
    return changed
