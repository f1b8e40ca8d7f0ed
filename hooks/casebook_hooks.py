"""MkDocs hooks: translate build events into calls of the ``casebook`` package.

mkdocs-static-i18n runs the whole build once per language, so every event here fires
three times. Each handler is idempotent: loading is cached by file contents, pages are
generated once per input (casebook/generate.py), and the search indexes are split after
the last pass. ``casebook build`` runs one process per language instead
(casebook/language_pass.py): each splits off its own language's index.
"""

from __future__ import annotations

import logging
import sys
import zlib
from pathlib import Path
from typing import Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).parent))  # hooks are loaded by path, not as a package

from casebook import DEFAULT_LANGUAGE, LANGUAGES, lang_prefix  # noqa: E402
from casebook.load import Casebook, load_casebook  # noqa: E402
from casebook.problems import CasebookInvalid  # noqa: E402
from casebook.generate import bundle_info, generate  # noqa: E402
from casebook.language_pass import (builds_site_top, copy_only_own_files, generated_pages_ready,  # noqa: E402
                                    only_language, restrict_to, writes_files_of_no_language)
from casebook.offline import install_shim  # noqa: E402
from casebook.engine.search_worker import plugin_index, theme_translation, use_our_worker  # noqa: E402
from casebook.pack_parts import PACK_MARKER, pack_part, write_cases_into  # noqa: E402
from casebook.render_cite import write_citations  # noqa: E402
from casebook.render_pack import add_picker  # noqa: E402
from casebook.render_bundle import ABOUT_PAGE, banner_html  # noqa: E402
from casebook.sanitize import sanitize  # noqa: E402
from casebook.tooltips import annotate  # noqa: E402
from casebook.search_index import PageInfo, search_config, split_search_index  # noqa: E402
from casebook.page_html import finish_page  # noqa: E402
from casebook.whitespace import strip_indentation  # noqa: E402

log = logging.getLogger("mkdocs.hooks.casebook")


def page_language(page: Page) -> str:
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE and page.url.startswith(lang_prefix(lang)):
            return lang
    return DEFAULT_LANGUAGE


def cases_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "cases"


def _load(config: MkDocsConfig) -> Casebook:
    root = Path(config.config_file_path).parent
    try:
        return load_casebook(cases_dir(config), shown_root=root)
    except CasebookInvalid as err:
        # A PluginError stops the build before the site folder is touched, and MkDocs
        # prints it without a traceback.
        raise PluginError("Invalid case records:\n" + err.report()) from None


@event_priority(100)  # before any plugin: fail before anything is built
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    only = only_language()
    if only:  # one process of `casebook build` (see casebook/language_pass.py)
        restrict_to(config, only)
    _load(config)
    return config


# Each case page's sanitised HTML (compressed: a quarter of the memory) and address, by
# (language, case id), from which the training pack is put together (pack_parts.py).
# Kept between builds: a dirty rebuild (casebook serve) converts only the pages that
# changed. And the pack pages written, waiting for their cases (lang, file, address).
_pack_sources: dict[tuple[str, str], tuple[bytes, str]] = {}
_pending_packs: list[tuple[str, str, str]] = []

# The casebook of the build under way ("book") and what an offline copy says of itself
# ("bundle", None for the website), set in on_pre_build of each pass. Page events use them
# instead of loading and reading the config again for every page. And what the search
# index needs to know of each page ("search_pages": URL -> PageInfo), noted as it is built.
_current: dict = {"search_pages": {}}


def on_pre_build(config: MkDocsConfig) -> None:
    book = _current["book"] = _load(config)
    _current["bundle"] = bundle_info(config)
    only = only_language()
    generate(book, config, (only,) if only else LANGUAGES, open_data=writes_files_of_no_language(only))
    generated_pages_ready()


@event_priority(-150)  # after mkdocs-static-i18n (-100) has put each file in its folder
def on_files(files, config: MkDocsConfig):
    only = only_language()
    if not builds_site_top(only):
        copy_only_own_files(files, only)
    return files


@event_priority(100)  # before search indexes the page
def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    # MkDocs keeps every page's Markdown until the build ends, though nothing reads it
    # once it is HTML: at 1,000 cases that is ~45 MB per language.
    page.markdown = None
    meta = page.meta.get("casebook")
    if meta:
        html = sanitize(html, forms=meta.get("kind") == "explore", svg=meta.get("kind") == "map")
        if meta.get("kind") == "case":
            # what the training pack shows of this case (before the tooltips: paper has none)
            _pack_sources[(meta["lang"], meta["id"])] = (zlib.compress(html.encode("utf-8"), 1), page.url)
            html = annotate(html, _current["book"].glossary, meta["lang"])  # after sanitising
        if meta.get("kind") == "pack":  # our own form, so after sanitising (render_pack.py)
            html = add_picker(html, _current["book"], meta["lang"])
    info = _current["bundle"]
    if info:  # our own markup, after sanitising
        lang = page_language(page)
        about = get_relative_url(f"{lang_prefix(lang)}{ABOUT_PAGE}.html", page.url)
        html = banner_html(info, lang, about) + html
    return PackedHTML(html)


class PackedHTML:
    """A page's HTML, compressed from its conversion until its rendering.

    MkDocs converts every page before it renders any (links and the nav need them all),
    so every page's HTML is in memory at once: at 1,000 cases ~35 MB per language.
    Nothing reads ``page.content`` in between but these hooks: on_page_context turns it
    back into text before the search plugin and the theme read it."""

    __slots__ = ("data",)

    def __init__(self, html: str):
        self.data = zlib.compress(html.encode("utf-8"), 1)

    def __str__(self) -> str:
        return zlib.decompress(self.data).decode("utf-8")


def pack_cases(lang: str, pack_url: str) -> Iterator[str]:
    """Every case of the casebook as the pack shows it, from its case page's HTML."""
    book = _current["book"]
    first = next(iter(book.cases), None)
    for case_id in book.cases:
        kept = _pack_sources.get((lang, case_id))
        if kept is None:  # every case page is converted before any page is written
            log.warning("casebook: the %s training pack misses case %s (its page was not built)", lang, case_id)
            continue
        html, case_url = zlib.decompress(kept[0]).decode("utf-8"), kept[1]
        yield strip_indentation(pack_part(html, case_id, case_url, pack_url, first=case_id == first))


# after mkdocs-static-i18n (50) has set the language switcher for this page, before the
# search plugin (0) reads page.content
@event_priority(25)
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    if isinstance(page.content, PackedHTML):
        page.content = str(page.content)
    meta = page.meta.get("casebook") or {}
    if meta.get("kind") == "pack":  # its cases are written into the file after it
        page.content += PACK_MARKER
        _pending_packs.append((meta["lang"], page.file.abs_dest_path, page.url))
    # Material finds the search index at {base}/search/: give each language its own base
    # so a reader loads only their language's index (see casebook/search_index.py).
    lang = page_language(page)
    _current["search_pages"][page.url] = PageInfo(meta.get("kind", "page"), meta.get("id"),
                                                  written_in(page.file.src_uri, lang))
    if lang != DEFAULT_LANGUAGE:
        # trailing slash: new URL('search/...', base) drops a last segment without one
        context["base_url"] = f"{context['base_url']}/{lang}/"
    info = _current["bundle"]
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if info and alternates:
        # A copy with fewer languages offers only those (mkdocs-static-i18n has just set
        # the switcher for this page); with one language there is nothing to switch to.
        kept = [alt for alt in alternates if alt.get("lang") in info.languages]
        kept = kept if len(kept) > 1 else []
        # set as i18n does (an attribute, which templates read first) and as a key
        config.extra.alternate = config.extra["alternate"] = kept
    return context


def written_in(src_uri: str, lang: str) -> bool:
    """Whether a page's file is in ``lang`` (not another language's, which
    mkdocs-static-i18n publishes in its place: ``performance.en.md`` under zh/)."""
    return not any(src_uri.endswith(f".{other}.md") for other in LANGUAGES if other != lang)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # The page is written next, and nothing reads its HTML again (the search plugin took
    # its text in on_page_context): MkDocs would keep every page's until the build ends.
    page.content = None
    try:
        output = use_our_worker(output)  # search reads our index (casebook-search.js)
    except RuntimeError as err:
        raise PluginError(str(err)) from None
    return finish_page(output)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built and merged every language
def on_post_build(config: MkDocsConfig) -> None:
    # (mkdocs-static-i18n runs the other languages' passes inside the first one's
    # on_post_build: whichever pass gets here first fills every pack written so far.)
    while _pending_packs:
        lang, path, url = _pending_packs.pop()
        write_cases_into(Path(path), pack_cases(lang, url))
    only = only_language()
    i18n = config.plugins.get("i18n")
    if not only and i18n is not None and getattr(i18n, "building", False):
        return  # an inner per-language pass; the outer pass splits once at the end
    site = Path(config.site_dir)  # (mkdocs-static-i18n puts zh/ in each file's path instead)
    if builds_site_top(only):
        write_citations(site, _current["book"].sorted_cases(), config.site_url or "")
    languages = (only,) if only else LANGUAGES
    env = config.theme.get_env()
    settings = {lang: search_config(lambda lang, key: theme_translation(env, lang, key), lang) for lang in languages}
    search = config.plugins.get("material/search")
    index = plugin_index(search) if only and search is not None else None  # as it has just written them
    split_search_index(site, LANGUAGES, DEFAULT_LANGUAGE, settings, _current["search_pages"], _current["book"],
                       write=languages, index=index)
    if bundle_info(config):
        try:
            install_shim(Path(config.config_file_path).parent, site)
        except FileNotFoundError as err:
            raise PluginError(str(err)) from None


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(cases_dir(config)))
    return server
