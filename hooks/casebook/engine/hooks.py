"""What the MkDocs events do: the logic behind hooks/casebook_hooks.py.

mkdocs-static-i18n runs the whole build once per language, so every event fires three
times in ``mkdocs build``; ``casebook build`` and ``casebook serve`` run one process per
language instead (casebook/engine/language_pass.py). What one pass knows lives on a
``BuildPass``, made in ``on_pre_build`` and read by the page events; what must outlive a
pass (the case pages' HTML for the training pack, for casebook serve's dirty rebuilds;
the key of the pages last generated) lives on the ``CasebookHooks`` object.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .. import DEFAULT_LANGUAGE, LANGUAGES, lang_prefix
from ..pages.feed import FEED_FILE, write_feeds
from ..pages.i18n import check_strings
from ..pages.offline_about import ABOUT_PAGE, BundleInfo, banner_html
from ..pages.pack import add_picker
from ..pages.compare import tools_html
from ..pages.compare_links import compare_href, tray_html
from ..pages.contribute import FORM_PAGE, add_form
from ..pages.improve import Repository, with_doors
from ..pages.recent import with_recent
from ..records.history import RULE_NONE
from ..records.load import Casebook, load_casebook
from ..records.problems import CasebookInvalid
from ..site.offline import install_shim, shim_problem
from ..site.print_button import add_print_button
from ..site.share import add_share_block, case_address
from ..site.pack_parts import PACK_MARKER
from ..site.page_html import drop_title_permalink, feed_context, finish_page, localise_permalinks
from ..site.spool import Spool, Spooled
from ..site.sanitize import sanitize
from ..site.search_index import PageInfo, search_config, split_search_index
from ..site.tooltips import Tooltips
from ..translations.status import rule_said
from . import internals, not_found
from .english_only import drop_english_only_pages, english_link, is_english_only
from .case_html import CaseHTML
from .dirty_build import Refresh, page_language_of, write_changed_citations
from .generate import CasePageKeys, bundle_info, generate
from .page_cache import CachedPass, open_pass
from .site_address import placeholder_notice, repo_url_problem, repository, site_url_problem
from .staged_site import STAGED_COMMANDS, StagedSite
from .language_pass import (builds_site_top, copy_only_own_files, generated_pages_ready, only_language,
                            writes_files_of_no_language)

log = logging.getLogger("mkdocs.hooks.casebook")


def page_language(page: Page) -> str:
    return page_language_of(page.url)  # (its address and its file start alike: zh/...)


def written_in(src_uri: str, lang: str) -> bool:
    """Whether a page's file is in ``lang`` (not another language's, which
    mkdocs-static-i18n publishes in its place: ``performance.en.md`` under zh/)."""
    return not any(src_uri.endswith(f".{other}.md") for other in LANGUAGES if other != lang)


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def load(config: MkDocsConfig) -> Casebook:
    root = project_root(config)
    try:
        check_strings()  # the interface strings every page prints (pages/ui.yaml)
        return load_casebook(root / "cases", shown_root=root)
    except CasebookInvalid as err:
        # A PluginError stops the build before the site folder is touched, and MkDocs
        # prints it without a traceback.
        raise PluginError(f"Invalid {err.what}:\n" + err.report()) from None


@dataclass
class BuildPass:
    """One pass of the build (one language's, or all of them in plain ``mkdocs build``)."""

    book: Casebook
    bundle: BundleInfo | None  # what an offline copy says of itself; None for the website
    only: str | None  # the one language this process builds (casebook build), or None
    # Whether the site has Atom feeds (pages/feed.py): their links are absolute, so only a
    # site with an address has them, and the offline copy (file://) has none.
    feeds: bool = False
    repo: Repository | None = None  # where contributors are sent (pages/improve.py)
    tooltips: Tooltips = field(init=False)

    def __post_init__(self):
        self.tooltips = Tooltips(self.book.glossary)


class CasebookHooks:
    """The event handlers; one object per loaded hooks file (one per process)."""

    def __init__(self):
        self.current: BuildPass | None = None
        # Each case page's HTML, from which the training pack and the comparison's scripts
        # are made (kept between passes: a dirty rebuild converts only changed pages)
        self.cases = CaseHTML()
        # Every page's HTML from its conversion until its rendering (one build's: site/spool.py)
        self.converted = Spool()
        self.generated: str | None = None  # key of the pages this process generated last
        self.case_pages = CasePageKeys()  # what each case page was rendered from (casebook serve)
        self.refresh = Refresh()  # what pages take from the casebook besides their Markdown
        self.cited: dict[str, tuple] = {}  # case id -> what its citations were written from
        self.staged: StagedSite | None = None  # where a plain `mkdocs build` really writes
        # What the search index needs to know of each page (URL -> PageInfo), noted as it
        # is built: the search plugin keeps its text only.
        self.search_pages: dict[str, PageInfo] = {}
        self.search_entries: dict[str, list[dict]] = {}  # the search plugin's, by page (dirty rebuilds)
        self.page_urls: dict[str, None] = {}  # the pages of the build under way, in its order (on_files)
        self.cached: CachedPass | None = None  # casebook build's page cache (engine/page_cache.py)

    def on_startup(self, command: str, dirty: bool) -> None:
        # `mkdocs build` writes into a fresh folder, which replaces the site only when the
        # build succeeded (casebook/engine/staged_site.py); a dirty build writes in place, and
        # a language process of `casebook build` into its parent's own fresh folder.
        staged = command in STAGED_COMMANDS and not dirty and only_language() is None
        self.staged = StagedSite() if staged else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        only = only_language()
        if only:  # one process of `casebook build` (see casebook/engine/language_pass.py)
            internals.start_language_pass(config, only)
        internals.skip_chinese_segmentation()
        problem = (site_url_problem(config.site_url) or repo_url_problem(config.repo_url, config.edit_uri)
                   or (shim_problem(project_root(config)) if bundle_info(config) else None))
        if problem:  # before anything is written (an address lands raw in every page)
            raise PluginError(problem)
        notice = placeholder_notice(config.site_url)
        if notice and builds_site_top(only):  # once per build, not once per language
            log.info(notice)
        book = load(config)  # fail before anything is built
        if builds_site_top(only):  # which rule tells outdated translations (records/history.py)
            log.info("Translations: " + rule_said(book.history))
            if book.history.rule == RULE_NONE and not internals.inside_language_pass(config):  # (pages/history.py)
                log.info("casebook: no git history here (an archive, or not a clone): case pages have no "
                         "History section and no citation of the version read")
        if self.staged is not None:
            self.staged.redirect(config)
        return config

    def on_build_error(self, error: Exception) -> None:
        if self.staged is not None:
            self.staged.failed = True

    def on_shutdown(self) -> None:
        staged, self.staged = self.staged, None
        if staged is not None:
            staged.close()
        self.converted.close()

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.converted.close()  # every page of the build before was rendered (or failed)
        only = only_language()
        bundle = bundle_info(config)
        self.current = BuildPass(book=load(config), bundle=bundle, only=only,
                                 feeds=bundle is None and bool(config.site_url),
                                 repo=repository(config.repo_url, config.edit_uri))
        self.generated = generate(self.current.book, config, (only,) if only else LANGUAGES,
                                  open_data=writes_files_of_no_language(only), written=self.generated,
                                  case_pages=self.case_pages)
        self.cases.start((only,) if only else (internals.pass_language(config) or DEFAULT_LANGUAGE,))
        self.cached = open_pass(config, only, self.current.book)
        generated_pages_ready()

    def on_files(self, files, config: MkDocsConfig):
        # the pages of this build: a page deleted or renamed since the last one (casebook
        # serve) leaves the search with it
        # (as Page.url, which the search plugin's locations use: the home page's is "", not "./")
        self.page_urls = dict.fromkeys("" if file.url in (".", "./") else file.url
                                       for file in files if file.is_documentation_page())
        only = only_language()
        if not builds_site_top(only):
            copy_only_own_files(files, only)
        lang = internals.pass_language(config)
        if lang:
            drop_english_only_pages(files, lang)
        # what a dirty rebuild (casebook serve) converts though its Markdown is unchanged
        self.refresh.mark(files, self.current.book, self.current.feeds, only or lang or DEFAULT_LANGUAGE)
        return files

    def on_nav(self, nav, files, config: MkDocsConfig) -> None:
        if self.cached is not None:  # before MkDocs converts any page: the cached ones are skipped
            self.cached.restore(nav, files, config, self)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        now = self.current
        bundle = now.bundle  # (an offline copy without English has no page to link)
        english = bundle is None or DEFAULT_LANGUAGE in bundle.languages
        lang = page_language(page)
        markdown = with_recent(markdown, now.book, lang, now.feeds)  # the home pages' newest cases
        # the contributing pages' ways in, the case form first (contributing.<lang>.md is at the top)
        markdown = with_doors(markdown, now.repo, lang, form=f"{FORM_PAGE}.md")
        return english_link(markdown, lang, page.url, config.use_directory_urls, english)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig) -> Spooled:
        # MkDocs keeps every page's Markdown until the build ends, though nothing reads it
        # once it is HTML: at 1,000 cases that is ~45 MB per language.
        page.markdown = None
        now = self.current
        meta = page.meta.get("casebook")
        if meta:
            kind = meta.get("kind")
            html = sanitize(html, forms=kind == "explore", svg=kind == "map", pack=kind == "pack")
        html = localise_permalinks(html, page_language(page))  # (Python-Markdown's title is English)
        if meta:
            if meta.get("kind") == "case":
                # the way back to the living page, printed with the case and with the pack's part
                html = add_share_block(html, meta["lang"], self._published(config, meta["lang"], meta["id"]))
                # what the training pack shows of this case (before the tooltips: paper has none)
                self.cases.keep(meta["lang"], meta["id"], html, page.url)
                # after sanitising; only the terms of the case's country
                glossary = f"{lang_prefix(meta['lang'])}glossary/" + ("" if config.use_directory_urls else "index.html")
                html = now.tooltips.annotate(html, meta["lang"], now.book.cases[meta["id"]].country,
                                             get_relative_url(glossary, page.url))
                html = add_print_button(html, meta["lang"])  # our own button, after sanitising
            if meta.get("kind") == "pack":  # our own form, so after sanitising (casebook/pages/pack.py)
                html = add_picker(html, now.book, meta["lang"])
            if kind == "compare":  # its picker and the table's place, after sanitising (pages/compare.py)
                html += tools_html(now.book, meta["lang"])
            if kind in ("explore", "map"):  # the tick boxes' "Compare (n)" (docs/assets/compare.js)
                html += tray_html(meta["lang"], compare_href(1, config.use_directory_urls))
            if kind == "contribute":  # the case form and its scripts, after sanitising (pages/contribute.py)
                html = add_form(html, meta["lang"], now.repo, offline=now.bundle is not None,
                                assets=get_relative_url("assets/", page.url))
        if now.bundle:  # our own markup, after sanitising
            lang = page_language(page)
            about = get_relative_url(f"{lang_prefix(lang)}{ABOUT_PAGE}.html", page.url)
            html = banner_html(now.bundle, lang, about) + html
        # MkDocs converts every page before it renders any (links and the nav need them
        # all): until its rendering, a page's HTML waits on disk. Nothing reads
        # page.content in between but these hooks: on_page_context reads it back before
        # the search plugin and the theme do.
        return self.converted.put(drop_title_permalink(html))

    @staticmethod
    def _published(config: MkDocsConfig, lang: str, case_id: str) -> str | None:
        """A case page's published address; None while the site's is the placeholder."""
        if not config.site_url or placeholder_notice(config.site_url):
            return None
        return case_address(config.site_url, lang, case_id)

    def on_page_context(self, context, page: Page, config: MkDocsConfig):
        if isinstance(page.content, Spooled):
            page.content = str(page.content)
        meta = page.meta.get("casebook") or {}
        if meta.get("kind") == "pack":  # its cases are written into the file after it
            page.content += PACK_MARKER
        if meta.get("kind") in ("pack", "compare"):  # the cases' parts, the cases' data (engine/case_html.py)
            self.cases.built(meta["kind"], meta["lang"], page.file.abs_dest_path, page.url)
        # Material finds the search index at {base}/search/: give each language its own base
        # so a reader loads only their language's index (see casebook/site/search_index.py).
        lang = page_language(page)
        # what engine/theme/main.html adds to Material's page
        feed = get_relative_url(lang_prefix(lang) + FEED_FILE, page.url) if self.current.feeds else None
        context["casebook"] = {"feed": feed_context(feed, lang) if feed else None,
                               "arrival": self._arrival(page, lang)}
        self.search_pages[page.url] = PageInfo(meta.get("kind", "page"), meta.get("id"),
                                               written_in(page.file.src_uri, lang))
        if lang != DEFAULT_LANGUAGE:
            # trailing slash: new URL('search/...', base) drops a last segment without one
            context["base_url"] = f"{context['base_url']}/{lang}/"
        info = self.current.bundle
        alternates = internals.language_alternates(config)
        if is_english_only(page.file.src_uri):  # published in English only: nothing to switch to
            internals.set_language_alternates(config, [])
            alternates = []
        if info and alternates:
            # A copy with fewer languages offers only those (mkdocs-static-i18n has just set
            # the switcher for this page); with one language there is nothing to switch to.
            kept = [alt for alt in alternates if alt.get("lang") in info.languages]
            internals.set_language_alternates(config, kept if len(kept) > 1 else [])
        return context

    def _arrival(self, page: Page, lang: str) -> dict[str, str] | None:
        """On the published English home page only, each language's home from it, for the
        script that sends a reader whose browser prefers Chinese or Vietnamese there
        (engine/theme/main.html). Never in an offline copy: from file:// and in Kiwix
        the reader chose the copy's language when they opened it."""
        if self.current.bundle or lang != DEFAULT_LANGUAGE or not page.is_homepage:
            return None
        return {code: get_relative_url(lang_prefix(code) or ".", page.url).rstrip(".") for code in LANGUAGES}

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        if template_name == not_found.TEMPLATE:  # (rendered before the pages, which set their own menu)
            lang = internals.pass_language(config) or DEFAULT_LANGUAGE
            context["casebook_not_found"] = not_found.sections(config, context["base_url"], lang)
            context["casebook_default_language"] = DEFAULT_LANGUAGE
            internals.set_language_alternates(config, not_found.home_alternates(config, context["base_url"]))
        elif template_name == "sitemap.xml":  # its x-default (engine/theme/sitemap.xml)
            context["casebook_default_language"] = DEFAULT_LANGUAGE
        return context

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        if template_name != not_found.TEMPLATE:
            return output
        # (it extends main.html: our search worker, no <head> alternates, as every page)
        return finish_page(output)

    def on_post_page(self, output: str, page: Page) -> str:
        # The page is written next, and nothing reads its HTML again (the search plugin took
        # its text in on_page_context): MkDocs would keep every page's until the build ends.
        page.content = None
        return finish_page(output)

    def on_post_build(self, config: MkDocsConfig) -> None:
        # (mkdocs-static-i18n runs the other languages' passes inside the first one's
        # on_post_build: whichever pass gets here first fills every pack written so far.)
        self.cases.write_outputs(self.current.book, config.use_directory_urls)
        only = only_language()
        if not only and internals.inside_language_pass(config):
            return  # an inner per-language pass; the outer pass splits once at the end
        site = Path(config.site_dir)  # (mkdocs-static-i18n puts zh/ in each file's path instead)
        if builds_site_top(only):  # (casebook serve: only the cases whose citations changed)
            self.cited = write_changed_citations(site, self.current.book, self.current.repo, config.site_url or "",
                                                 self.cited)
        languages = (only,) if only else LANGUAGES
        if self.current.feeds:  # each process its own language's (a part of the site keeps only its folder)
            write_feeds(site, self.current.book, config.site_url, languages, config.use_directory_urls)
        settings = {lang: search_config(lambda lg, key: internals.material_translation(config, lg, key), lang)
                    for lang in languages}
        index = self._search_entries(config) if only else None
        split_search_index(site, LANGUAGES, DEFAULT_LANGUAGE, settings, self.search_pages, self.current.book,
                           write=languages, index=index)
        if self.cached is not None:
            self.cached.keep(self)
        if bundle_info(config):
            try:
                install_shim(project_root(config), site)
            except FileNotFoundError as err:
                raise PluginError(str(err)) from None
        if self.staged is not None:  # (MkDocs still counts a strict build's warnings after this)
            self.staged.finished = True

    def _search_entries(self, config: MkDocsConfig) -> tuple[dict, list[dict]] | None:
        """The search plugin's entries of this build, with those of the pages a dirty
        rebuild (casebook serve) did not convert, kept from the builds before: the plugin
        hands over only the pages it has just converted."""
        index = internals.search_entries(config)
        if index is None:
            return None
        settings, entries = index
        fresh: dict[str, list[dict]] = {}
        for entry in entries:
            fresh.setdefault(entry["location"].split("#")[0], []).append(entry)
        self.search_entries.update(fresh)
        for gone in set(self.search_entries) - set(self.page_urls):
            del self.search_entries[gone]
        # in the order of this build's pages, as a cold build notes them (a document's
        # number is its place; a page added since the last build, or from the cache, is not last)
        self.search_pages = {url: self.search_pages[url] for url in self.page_urls if url in self.search_pages}
        if self.cached is not None:  # (pages from the cache were noted first)
            self.search_entries = self.cached.in_build_order(self.search_entries)
        return settings, [entry for page in self.search_entries.values() for entry in page]

    def on_serve(self, server, config: MkDocsConfig):
        server.watch(str(project_root(config) / "cases"))
        return server
