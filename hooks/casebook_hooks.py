"""MkDocs hooks: translate build events into calls of the ``casebook`` package.

mkdocs-static-i18n runs the whole build once per language, so every event here fires
three times. Each handler is idempotent: loading is cached by file contents, pages are
written only when they change, and the search indexes are split after the last pass.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).parent))  # hooks are loaded by path, not as a package

from casebook import DEFAULT_LANGUAGE, LANGUAGES, lang_prefix  # noqa: E402
from casebook.load import Casebook, load_casebook  # noqa: E402
from casebook.problems import CasebookInvalid  # noqa: E402
from casebook.map_svg import find_world_atlas  # noqa: E402
from casebook.offline import inline_search_indexes, install_shim, offline_enabled  # noqa: E402
from casebook.render_pack import add_picker  # noqa: E402
from casebook.render_bundle import ABOUT_PAGE, BundleInfo, about_pages, banner_html  # noqa: E402
from casebook.sanitize import sanitize  # noqa: E402
from casebook.tooltips import annotate  # noqa: E402
from casebook.search_index import search_config, split_search_index  # noqa: E402
from casebook.site_pages import GENERATED_DIRS, data_files, site_pages  # noqa: E402
from casebook.page_html import finish_page  # noqa: E402
from casebook.writer import write_pages  # noqa: E402

log = logging.getLogger("mkdocs.hooks.casebook")



def bundle_info(config: MkDocsConfig) -> BundleInfo | None:
    """What an offline copy says of itself (mkdocs.offline.yml), or None for the website."""
    return BundleInfo.from_extra(config.extra) if offline_enabled(config.plugins) else None


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
    _load(config)
    return config


# The casebook of the build under way ("book") and what an offline copy says of itself
# ("bundle", None for the website), set in on_pre_build of each pass. Page events use them
# instead of loading and reading the config again for every page.
_current: dict = {}


def on_pre_build(config: MkDocsConfig) -> None:
    book = _current["book"] = _load(config)
    site_url = config.site_url or ""
    atlas = find_world_atlas(Path(config.config_file_path).parent)
    if atlas is None:
        log.warning("casebook: node_modules/world-atlas is missing (run make setup): the map has no shapes")
    info = _current["bundle"] = bundle_info(config)
    pages = (site_pages(book, directory_urls=config.use_directory_urls, site_url=site_url, atlas=atlas,
                        english_built=info is None or DEFAULT_LANGUAGE in info.languages)
             | data_files(book, site_url))
    if info:
        pages |= about_pages(book, info)
    # ("bundle" is owned too, so the website build removes an offline build's start page.)
    changed = write_pages(Path(config.docs_dir), pages, GENERATED_DIRS + (ABOUT_PAGE.split("/")[0],))
    if changed:
        log.info("casebook: %d generated page(s) updated", len(changed))


@event_priority(100)  # before search indexes the page
def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    meta = page.meta.get("casebook")
    if meta:
        html = sanitize(html, forms=meta.get("kind") == "explore", svg=meta.get("kind") == "map")
        if meta.get("kind") == "case":  # glossary terms as tooltips, added after sanitising
            html = annotate(html, _current["book"].glossary, meta["lang"])
        if meta.get("kind") == "pack":  # our own form, so after sanitising (render_pack.py)
            html = add_picker(html, _current["book"], meta["lang"])
    info = _current["bundle"]
    if info:  # our own markup, after sanitising
        lang = page_language(page)
        about = get_relative_url(f"{lang_prefix(lang)}{ABOUT_PAGE}.html", page.url)
        html = banner_html(info, lang, about) + html
    return html


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    # Material finds the search index at {base}/search/: give each language its own base
    # so a reader loads only their language's index (see casebook/search_index.py).
    lang = page_language(page)
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


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return finish_page(output)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built and merged every language
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # an inner per-language pass; the outer pass splits once at the end
    site = Path(config.site_dir)
    # After the i18n passes, config.site_dir may point at a language folder.
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE and site.name == lang:
            site = site.parent
    env = config.theme.get_env()

    def material_says(lang: str, key: str) -> str:
        for code in (lang, "en"):
            value = env.get_template(f"partials/languages/{code}.html").module.t(key)
            if value and value.strip():
                return value.strip()
        raise KeyError(key)

    settings = {lang: search_config(material_says, lang) for lang in LANGUAGES}
    split_search_index(site, LANGUAGES, DEFAULT_LANGUAGE, settings)
    if bundle_info(config):
        inline_search_indexes(site, LANGUAGES, DEFAULT_LANGUAGE)
        try:
            install_shim(Path(config.config_file_path).parent, site)
        except FileNotFoundError as err:
            raise PluginError(str(err)) from None


def on_serve(server, config: MkDocsConfig, builder):
    server.watch(str(cases_dir(config)))
    return server
