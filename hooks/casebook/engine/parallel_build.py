"""`casebook build`: the site built one language per process, on every core.

``mkdocs build`` with mkdocs-static-i18n builds English, then Chinese, then Vietnamese in
one process, on one core. Here the records are validated once, then one process per
language is forked (each inherits the validated casebook) and runs the real MkDocs build
of its language (see casebook/engine/language_pass.py): it writes its language's generated pages, waits
until the others have written theirs, and builds. The parts are put together, the
sitemaps merged, and the new site replaces the old one only when every language built: a
failed build leaves the published folder as it was.

The result is the site ``mkdocs build`` makes (tests/test_parallel_build.py compares
them), except where the sequential build is wrong: its top 404 page is in the language
built last, and its Chinese and Vietnamese indexes leave out the pages shown in English
because they have no translation.
"""

from __future__ import annotations

import gc
import gzip
import logging
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from mkdocs import utils as mkdocs_utils
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .. import DEFAULT_LANGUAGE, LANGUAGES
from . import language_pass
from .language_pass import LANGUAGE_ENV, TOP_ENV
from .page_cache import CACHE_DIR, CACHE_ENV, cache_folder
from ..records.load import load_casebook
from ..records.problems import CasebookInvalid

log = logging.getLogger("mkdocs.casebook.build")

BARRIER_TIMEOUT = 600  # seconds; a process that failed before it is ended by the parent anyway
_URLSET = re.compile(r"(<urlset[^>]*>)(.*)(</urlset>)", re.S)


class BuildFailed(Exception):
    """The build stopped; the message says why (the site folder is unchanged)."""


def setup_logging(verbose: bool) -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "name", "") == "casebook" for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.name = "casebook"
        handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


def warm_up() -> None:
    """Import before forking what every process would import for itself (the build's
    modules, Material's and mkdocs-static-i18n's plugins and the Markdown extensions:
    ~0.4 s each), while a forked helper reads half of the records."""
    import markdown.extensions.toc  # noqa: F401 - imported to be shared, not used here
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs_static_i18n.plugin  # noqa: F401
    import pymdownx.superfences  # noqa: F401
    import nh3  # noqa: F401


def keep_shared_after_fork() -> None:
    """Keep what the language processes inherit (the imported modules, the validated
    casebook: ~110 MB at 1,000 cases) in memory shared with the parent.

    A forked page stays shared until someone writes to it, and the garbage collector
    writes to every object it examines: without this each process soon had its own
    copy (peak of the build at 1,000 cases 613 -> 550 MB). Frozen objects are never
    examined, so never freed either (``gc.unfreeze()`` once the processes are done)."""
    gc.freeze()


class NotDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build that links may be stale: they are not here (casebook
    serve rewrites the pages a change touches; the page cache keys each page by all that
    reaches it). Dropped before any handler, so a strict build does not count it."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def become_language_process(lang: str, barrier) -> None:
    """Make a forked process the builder of ``lang`` (casebook build and serve)."""
    os.environ[LANGUAGE_ENV] = lang
    language_pass.wait_for_the_other_languages = lambda: barrier.wait(timeout=BARRIER_TIMEOUT)
    for handler in logging.getLogger("mkdocs").handlers:  # say which language speaks
        handler.setFormatter(logging.Formatter(f"%(levelname)-8s-  [{lang}] %(message)s"))


def _build_language(config_file: str, site_dir: str, lang: str, strict: bool, barrier) -> None:
    """Body of a forked process: the real MkDocs build of one language."""
    become_language_process(lang, barrier)
    status = 1
    try:
        config = load_config(config_file, site_dir=site_dir, strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        cached = cache_folder() is not None  # pages found in it are skipped as a dirty build skips them
        if cached:
            logging.getLogger("mkdocs.commands.build").addFilter(NotDirtyWarning())
        try:
            mkdocs_build(config, dirty=cached)
        finally:
            config.plugins.on_shutdown()
        status = 0
    except (MkDocsException, SystemExit) as err:  # Abort, PluginError...: already explained
        message = getattr(err, "message", None) or str(err)
        if message:
            print(f"[{lang}] {message}", file=sys.stderr)
    except Exception:  # noqa: BLE001 - a crash in a worker must still say where
        traceback.print_exc()
    finally:
        if status:
            barrier.abort()  # the others stop waiting for this one's pages
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)  # no atexit handlers of the parent in a forked child


def _merge_sitemaps(site: Path, parts: list[Path]) -> None:
    """One sitemap listing every language's pages (each part lists its own)."""
    texts = [(part / "sitemap.xml").read_text(encoding="utf-8") for part in parts]
    head, body, tail = _URLSET.search(texts[0]).groups()
    bodies = [body] + [_URLSET.search(text).group(2) for text in texts[1:]]
    merged = texts[0][:texts[0].index(head)] + head + "".join(b.rstrip() for b in bodies) + "\n" + tail + "\n"
    (site / "sitemap.xml").write_text(merged, encoding="utf-8")
    with open(site / "sitemap.xml.gz", "wb") as raw, gzip.GzipFile(
            fileobj=raw, filename=str(site / "sitemap.xml.gz"), mode="wb",
            mtime=mkdocs_utils.get_build_timestamp()) as gz:
        gz.write(merged.encode("utf-8"))


def _run_workers(config_file: str, work: Path, languages: tuple[str, ...], strict: bool) -> None:
    """One process per language, all at once; if one fails, the others are stopped."""
    context = multiprocessing.get_context("fork")  # children share the loaded casebook
    barrier = context.Barrier(len(languages))  # all pages written before any language is built
    running = {lang: context.Process(target=_build_language, name=f"casebook-{lang}",
                                     args=(config_file, str(work / lang), lang, strict, barrier))
               for lang in languages}
    for process in running.values():
        process.start()
    failed: list[str] = []
    while running:
        for lang, process in list(running.items()):
            process.join(timeout=0.05)
            if process.exitcode is not None:
                del running[lang]
                if process.exitcode:
                    failed.append(lang)
        if failed:  # the site will not be published: stop the others
            for process in running.values():
                process.terminate()
            for process in running.values():
                process.join()
            running.clear()
    if failed:
        raise BuildFailed(f"the {', '.join(failed)} build failed (see above); the site folder is unchanged")


def build_order(languages: tuple[str, ...] | None) -> tuple[str, ...]:
    """``languages`` (default: all) with the one that writes the top of the site first:
    the default language when it is built."""
    chosen = set(languages or LANGUAGES)
    return tuple(dict.fromkeys(lang for lang in (DEFAULT_LANGUAGE, *LANGUAGES) if lang in chosen))


def build_site(config_file: Path, site_dir: Path | None = None, *, strict: bool = True,
               verbose: bool = False, languages: tuple[str, ...] | None = None, cache: bool = True) -> Path:
    """Build ``languages`` of the site (default: every one) into ``site_dir`` (default:
    the config's). Without the default language, the first one chosen writes the top.
    With ``cache``, pages whose inputs have not changed since a build are taken from the
    project's page cache (engine/page_cache.py) instead of converted again."""
    setup_logging(verbose)
    start = time.perf_counter()
    config_file = Path(config_file).resolve()
    config = load_config(str(config_file), **({"site_dir": str(site_dir)} if site_dir else {}))
    site = Path(config.site_dir)
    del config  # each process loads its own: mkdocs-static-i18n keeps state in its plugin
    root = config_file.parent
    try:
        load_casebook(root / "cases", shown_root=root, meanwhile=warm_up)  # cached: the processes inherit it
    except CasebookInvalid as err:
        raise BuildFailed("Invalid case records:\n" + err.report()) from None
    log.info("casebook: records read in %.1f s", time.perf_counter() - start)

    site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}-building-", dir=site.parent))
    try:
        languages = build_order(languages)
        keep_shared_after_fork()
        os.environ[TOP_ENV] = languages[0]  # the forked processes inherit it
        if cache:
            os.environ[CACHE_ENV] = str(root / CACHE_DIR)
        try:
            _run_workers(str(config_file), work, languages, strict)
        finally:
            gc.unfreeze()
            del os.environ[TOP_ENV]
            os.environ.pop(CACHE_ENV, None)
        log.info("casebook: languages built after %.1f s", time.perf_counter() - start)
        built = work / languages[0]
        for lang in languages[1:]:
            (work / lang / lang).rename(built / lang)
        _merge_sitemaps(built, [work / lang for lang in languages])
        if site.exists():
            site.rename(work / "previous")
        built.rename(site)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("casebook: built %s in %.1f s: %s", ", ".join(languages), time.perf_counter() - start, site)
    return site
