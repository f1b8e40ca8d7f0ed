"""The page cache of ``casebook build``: each page's built HTML, kept by the hash of
everything that reaches it, so a second build converts and renders only the pages whose
inputs changed (a one-case edit at 1,000 cases: that case's page and the lists of cases).

A page's HTML depends on its Markdown (the generated pages hold everything of the
records they show), on what every page of its language shares (the nav and the nav pages'
front matter, the configuration and the environment that reaches it, the theme, the code
of the hooks, the installed packages, the glossary: ``build_key``), on its own address and
its translations (the language switcher), and for a hand-written page on the casebook
(the home page's newest cases). All of it is hashed into the page's key; a cache from
another version of any of it is never read. Whole-casebook outputs (search index, feeds,
citations, the pack's and the comparison's case scripts, the sitemap) are made on every
build, from what the cache also keeps of each page: its search entries, what the search
index notes of it, the case page's HTML the pack is made from.

Each entry is one file, checked by its digest before use: a truncated or corrupt file is
a miss (the page is built), never part of a site. Entries not used by a language's
successful build are removed at its end, so the cache holds one build's pages.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
import zlib
from dataclasses import dataclass
from importlib.metadata import distributions
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ..site.search_index import PageInfo
from . import internals
from .generate import OWNED_DIRS

log = logging.getLogger("mkdocs.hooks.casebook")

CACHE_ENV = "CASEBOOK_CACHE"  # set by `casebook build` for its language processes
CACHE_DIR = Path(".cache") / "casebook"  # in the project, git-ignored
FORMAT = b"casebook page cache 2\n"
# The environment that reaches a page's HTML: the site's and the repository's address,
# the build date of the sitemap and citations, the language of this process.
OUTPUT_ENV_PREFIX = "CASEBOOK_"
OUTPUT_ENV = ("SOURCE_DATE_EPOCH",)
# the casebook package running (hooks/casebook/, or an installed copy: never all of site-packages)
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def cache_folder() -> Path | None:
    """Where this process keeps its language's pages, or None: no cache."""
    folder = os.environ.get(CACHE_ENV)
    return Path(folder) if folder else None


def _tree_digest(root: Path, digest) -> None:
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")


def build_key(config: MkDocsConfig, lang: str) -> str:
    """What every page of ``lang`` depends on beyond its own Markdown, as one hash."""
    digest = hashlib.sha256(FORMAT)
    root = Path(config.config_file_path).parent
    # the code running, the project's hooks (which mkdocs.yml loads) and the theme overrides
    code = {PACKAGE_ROOT, root / "hooks", *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])}
    for folder in sorted({path.resolve() for path in code if path.is_dir()}):
        _tree_digest(folder, digest)
    for path in sorted(root.glob("*.yml")) + sorted((root / "cases" / "vocabulary").glob("*")):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions())
    env = sorted((k, v) for k, v in os.environ.items()
                 if (k.startswith(OUTPUT_ENV_PREFIX) and k != CACHE_ENV) or k in OUTPUT_ENV)
    settings = (config.config_file_path and Path(config.config_file_path).name, config.site_url,
                config.repo_url, config.edit_uri, config.use_directory_urls, config.site_name, lang)
    digest.update(repr((sys.version, packages, env, settings)).encode())
    return digest.hexdigest()


def casebook_key(book, root: Path) -> str:
    """What a hand-written page may show of the casebook (the home page's newest cases):
    the records and vocabularies by content, their dates and history. No absolute path,
    so a clone elsewhere (CI) finds its pages."""
    digest = hashlib.sha256()
    cases = root / "cases"
    for path in sorted(cases.glob("*.yaml")) + sorted((cases / "vocabulary").glob("*")):
        if path.is_file():
            digest.update(path.relative_to(cases).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    history = book.history
    digest.update(repr((sorted(book.dates.items()), history.rule, history.commits, history.order[:1])).encode())
    return digest.hexdigest()


def nav_key(nav, config: MkDocsConfig) -> str:
    """The nav every page shows: titles, addresses, and the nav pages' front matter
    (Material reads their icon, subtitle, status). Reads the nav pages' sources."""
    def walk(items):
        out = []
        for item in items:
            page = item if getattr(item, "file", None) is not None else None
            if page is not None and page.markdown is None:
                page.read_source(config)
            out.append((type(item).__name__, item.title, getattr(item, "url", None),
                        sorted(page.meta.items(), key=str) if page is not None else None,
                        walk(getattr(item, "children", None) or [])))
        return out
    return hashlib.sha256(repr(walk(nav.items)).encode()).hexdigest()


def page_key(shared: str, file, book_key: str) -> str:
    """A page's key: ``shared`` (build and nav), its source, address and translations;
    a hand-written page's also the casebook's (``book_key``). (A file outside the nav has
    no Page yet, nor neighbours.)"""
    digest = hashlib.sha256(shared.encode())
    page = file.page
    neighbours = [(p.title, p.url) if p is not None else None
                  for p in (getattr(page, "previous_page", None), getattr(page, "next_page", None))]
    generated = any(file.src_uri.startswith(folder + "/") for folder in OWNED_DIRS)
    digest.update(repr((file.src_uri, file.dest_uri, file.url, neighbours, internals.page_alternates(file),
                        None if generated else book_key)).encode())
    digest.update(Path(file.abs_src_path).read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Kept:
    """What the cache keeps of one built page."""

    html: bytes                 # the file as written
    info: PageInfo              # what the search index notes of it
    entries: list[dict]         # the search plugin's entries of it
    pack: tuple[str, str, str] | None = None  # a case page's (language, HTML for the pack, address)
    # what MkDocs checks links against after the build: the page's anchors, and its links
    # to other pages' anchors (by their source), so a strict build warns as without the cache
    anchors: tuple[str, ...] = ()
    links: dict[str, dict[str, str]] | None = None

    def encode(self) -> bytes:
        body = zlib.compress(json.dumps({
            "html": self.html.decode("utf-8"), "info": [self.info.kind, self.info.case_id,
                                                        self.info.written_in_language],
            "entries": self.entries, "pack": self.pack, "anchors": list(self.anchors),
            "links": self.links or {}}, ensure_ascii=False).encode("utf-8"), 1)
        return FORMAT + hashlib.sha256(body).hexdigest().encode() + b"\n" + body

    @staticmethod
    def decode(data: bytes) -> Kept | None:
        """The entry, or None if the file is not a whole, intact entry of this format."""
        head, _, rest = data.partition(b"\n")
        digest, _, body = rest.partition(b"\n")
        if head + b"\n" != FORMAT or hashlib.sha256(body).hexdigest().encode() != digest:
            return None
        try:
            raw = json.loads(zlib.decompress(body).decode("utf-8"))
            kind, case_id, written = raw["info"]
            pack = tuple(raw["pack"]) if raw["pack"] is not None else None
            return Kept(raw["html"].encode("utf-8"), PageInfo(kind, case_id, written), raw["entries"], pack,
                        tuple(raw["anchors"]), raw["links"])
        except (ValueError, KeyError, TypeError, zlib.error):
            return None


class PageCache:
    """One language's entries in the cache folder, by page key."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()

    def get(self, key: str) -> Kept | None:
        self.used.add(key)
        try:
            return Kept.decode((self.folder / key).read_bytes())
        except OSError:
            return None

    def put(self, key: str, kept: Kept) -> None:
        """Keep an entry; a cache that cannot be written only makes the next build slower."""
        self.used.add(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".new-")
            with os.fdopen(handle, "wb") as out:
                out.write(kept.encode())
            os.replace(temporary, self.folder / key)  # never a half-written entry under its name
        except OSError as err:
            log.info("casebook: the page cache was not written (%s)", err)

    def prune(self) -> None:
        """Remove what this build neither read nor wrote (and unfinished writes)."""
        try:
            for path in self.folder.iterdir():
                if path.name not in self.used:
                    path.unlink()
        except OSError as err:
            log.info("casebook: the page cache was not pruned (%s)", err)


class CachedPass:
    """The page cache in one language's pass: pages restored before MkDocs converts any,
    pages built kept after the build."""

    def __init__(self, cache: PageCache, build: str, book_key: str, lang: str):
        self.cache, self.build, self.book_key, self.lang = cache, build, book_key, lang
        self.order: list[str] = []  # the pages' addresses in the order MkDocs builds them
        self.keys: dict[str, tuple[str, object]] = {}  # address -> (key, file) of pages built now
        self.restored = 0
        # A build that warned is not kept: a strict build must fail again, not find its pages
        self.warnings = CountHandler()
        self.warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def restore(self, nav, files, config: MkDocsConfig, hooks) -> None:
        """Write each page found in the cache into the site, tell MkDocs it is built (a
        dirty build skips it), and give the hooks what they would have noted of it."""
        shared = hashlib.sha256(f"{self.build} {nav_key(nav, config)}".encode()).hexdigest()
        for file in files.documentation_pages():
            url = "" if file.url in (".", "./") else file.url
            self.order.append(url)
            key = page_key(shared, file, self.book_key)
            kept = self.cache.get(key)
            if kept is None:
                self.keys[url] = (key, file)
                continue
            dest = Path(file.abs_dest_path)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(kept.html)
            internals.keep_built(file)
            page = file.page or Page(None, file, config)  # (as MkDocs makes a page outside the nav)
            page.present_anchor_ids = set(kept.anchors)
            page.links_to_anchors = {target: links for source, links in (kept.links or {}).items()
                                     if (target := files.get_file_from_path(source)) is not None}
            hooks.search_pages[url] = kept.info
            hooks.search_entries[url] = kept.entries
            if kept.pack is not None:  # (the pack and the comparison are made from it: engine/case_html.py)
                lang, html, address = kept.pack
                hooks.cases.keep(lang, kept.info.case_id, html, address)
            self.restored += 1
        log.info("casebook: %d of %d %s pages from the cache", self.restored, len(self.order), self.lang)

    def in_build_order(self, pages: dict) -> dict:
        """``pages`` (by address) in the order a build without the cache notes them."""
        ordered = {url: pages[url] for url in self.order if url in pages}
        return ordered | {url: value for url, value in pages.items() if url not in ordered}

    def keep(self, hooks) -> None:
        """Keep the pages built now (not the pack's and the comparison's, which are
        finished after the build from every case), and drop what this build did not use."""
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.warnings.get_counts():
            return
        for url, (key, file) in self.keys.items():
            info = hooks.search_pages.get(url)
            if info is None or info.kind in ("pack", "compare") or not os.path.isfile(file.abs_dest_path):
                continue
            kept = hooks.cases.page(self.lang, info.case_id) if info.kind == "case" else None
            pack = (self.lang, *kept) if kept else None
            page = file.page
            links = {target.src_uri: dict(found) for target, found in (page.links_to_anchors or {}).items()}
            self.cache.put(key, Kept(Path(file.abs_dest_path).read_bytes(), info, hooks.search_entries.get(url, []),
                                     pack, tuple(sorted(page.present_anchor_ids or ())), links))
        self.cache.prune()


def open_pass(config: MkDocsConfig, lang: str | None, book) -> CachedPass | None:
    """The cache of this language process of ``casebook build``, or None (no cache asked
    for, or a build of every language in one process: plain ``mkdocs build``)."""
    folder = cache_folder()
    if folder is None or lang is None:
        return None
    root = Path(config.config_file_path).parent
    return CachedPass(PageCache(folder / lang), build_key(config, lang), casebook_key(book, root), lang)
