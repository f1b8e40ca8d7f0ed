"""`casebook build`: the site built one language per process, on every core.

``mkdocs build`` with mkdocs-static-i18n builds English, then Chinese, then Vietnamese in
one process, on one core. Here the records are validated and every page is generated
once, then one process per language is forked (each inherits the validated casebook and
the note that the pages are written, see generate.py) and builds its language with the
real MkDocs build (see language_pass.py). The parts are put together, the sitemaps
merged, and the new site replaces the old one only when every language built: a failed
build leaves the published folder as it was.

The result is the site ``mkdocs build`` makes (tests/test_parallel_build.py compares
them), except where the sequential build is wrong: its top 404 page is in the language
built last, and its Chinese and Vietnamese indexes leave out the pages shown in English
because they have no translation.
"""

from __future__ import annotations

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
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from . import DEFAULT_LANGUAGE, LANGUAGES
from .generate import generate, pages_key, remember_written
from .language_pass import LANGUAGE_ENV
from .load import load_casebook
from .problems import CasebookInvalid

log = logging.getLogger("mkdocs.casebook.build")

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


def configured(config_file: Path, **options) -> MkDocsConfig:
    """The config as a build sees it after every plugin's ``on_config`` (the offline
    plugin, for one, turns directory URLs off): what the generated pages depend on."""
    config = load_config(str(config_file), **options)
    config.plugins.on_startup(command="build", dirty=False)
    return config.plugins.on_config(config)


def warm_up() -> None:
    """Load before forking what every process would load for itself: jieba's dictionary
    (about a second each; Material's search cuts Chinese text into words with it)."""
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()


def _generate_strictly(book, config, strict: bool) -> None:
    """generate(), failing on its warnings in strict mode as a MkDocs pass would."""
    counter = mkdocs_utils.CountHandler()
    counter.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        generate(book, config)
    finally:
        logger.removeHandler(counter)
    if strict and (counts := counter.get_counts()):
        raise BuildFailed("Aborted with " + ", ".join(f"{n} {level.lower()}s" for level, n in counts)
                          + " in strict mode!")


def _generate_in_child(book, config, strict: bool) -> None:
    """generate() in a forked process, then noted as done here. Rendering every page of
    every language leaves a process's memory fragmented (~70 MB at 1,000 cases), and the
    language processes are forked from this one."""

    def child() -> None:
        status = 1
        try:
            _generate_strictly(book, config, strict)
            status = 0
        except BuildFailed as err:
            print(err, file=sys.stderr)
            status = 2
        except Exception:  # noqa: BLE001 - say where, as in the language processes
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(status)

    process = multiprocessing.get_context("fork").Process(target=child, name="casebook-generate")
    process.start()
    process.join()
    if process.exitcode:
        raise BuildFailed("the pages were not generated (see above); the site folder is unchanged")
    remember_written(Path(config.docs_dir), pages_key(book, config))


def _build_language(config_file: str, site_dir: str, lang: str, strict: bool) -> None:
    """Body of a forked process: the real MkDocs build of one language."""
    os.environ[LANGUAGE_ENV] = lang
    for handler in logging.getLogger("mkdocs").handlers:  # say which language speaks
        handler.setFormatter(logging.Formatter(f"%(levelname)-8s-  [{lang}] %(message)s"))
    status = 1
    try:
        config = load_config(config_file, site_dir=site_dir, strict=strict)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
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


def _run_workers(config_file: str, work: Path, languages: tuple[str, ...], strict: bool, jobs: int) -> None:
    context = multiprocessing.get_context("fork")  # children share the loaded casebook
    waiting = list(languages)
    running: dict[str, multiprocessing.Process] = {}
    failed: list[str] = []
    while waiting or running:
        while waiting and len(running) < jobs and not failed:
            lang = waiting.pop(0)
            process = context.Process(target=_build_language, name=f"casebook-{lang}",
                                      args=(config_file, str(work / lang), lang, strict))
            process.start()
            running[lang] = process
        for lang, process in list(running.items()):
            process.join(timeout=0.05)
            if process.exitcode is None:
                continue
            del running[lang]
            if process.exitcode != 0:
                failed.append(lang)
        if failed and running:  # one language failed: the site will not be published
            for process in running.values():
                process.terminate()
            for process in running.values():
                process.join()
            running.clear()
        if failed:
            waiting.clear()
    if failed:
        raise BuildFailed(f"the {', '.join(failed)} build failed (see above); the site folder is unchanged")


def build_site(config_file: Path, site_dir: Path | None = None, *, strict: bool = True,
               jobs: int | None = None, verbose: bool = False) -> Path:
    """Build every language of the site into ``site_dir`` (default: the config's)."""
    setup_logging(verbose)
    start = time.perf_counter()
    config_file = Path(config_file).resolve()
    warm_up()
    config = configured(config_file, **({"site_dir": str(site_dir)} if site_dir else {}))
    site = Path(config.site_dir)
    root = config_file.parent
    try:
        book = load_casebook(root / "cases", shown_root=root)
    except CasebookInvalid as err:
        raise BuildFailed("Invalid case records:\n" + err.report()) from None
    _generate_in_child(book, config, strict)
    del config  # each process loads its own: mkdocs-static-i18n keeps state in its plugin
    log.info("casebook: records read and pages generated in %.1f s", time.perf_counter() - start)

    site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site.name}-building-", dir=site.parent))
    try:
        languages = (DEFAULT_LANGUAGE,) + tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
        # Vietnamese and Chinese pages cost the most: start them first.
        order = tuple(sorted(languages, key=lambda lang: {"vi": 0, "zh": 1}.get(lang, 2)))
        _run_workers(str(config_file), work, order, strict, jobs or len(languages))
        log.info("casebook: languages built after %.1f s", time.perf_counter() - start)
        built = work / DEFAULT_LANGUAGE
        for lang in languages[1:]:
            (work / lang / lang).rename(built / lang)
        _merge_sitemaps(built, [work / lang for lang in languages])
        if site.exists():
            site.rename(work / "previous")
        built.rename(site)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("casebook: built %s in %.1f s: %s", ", ".join(LANGUAGES), time.perf_counter() - start, site)
    return site
