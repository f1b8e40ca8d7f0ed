"""`casebook serve` (what `make serve` runs): preview the site, reloaded within seconds.

``mkdocs serve`` rebuilds every page of every language after each save (12 to 21 s at
100 cases), and its ``--dirty`` mode does not work with mkdocs-static-i18n. Here one
process per language is forked once and kept: each keeps its MkDocs configuration and
Material's search index between builds, and after a save rebuilds only the pages whose
Markdown changed (MkDocs' ``dirty`` build; each writes its language's generated pages,
and rewrites only those a record change touches). The records are validated first: an
invalid record is reported (``file:line``) and the last good site stays on screen.

The languages build into their own folders; the server shows the English one, in which
``zh/`` and ``vi/`` are links to the other two.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..records.load import load_casebook
from . import internals
from .parallel_build import NotDirtyWarning, become_language_process, keep_shared_after_fork, setup_logging, warm_up
from ..records.problems import CasebookInvalid
from .generate import GENERATED_FOLDERS

log = logging.getLogger("mkdocs.casebook.serve")


def _language_worker(config_file: str, site_dir: str, lang: str, serve_url: str, pipe: Connection,
                     barrier) -> None:
    """Body of a forked process: build ``lang`` when asked, dirty after the first time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the parent, which ends us
    become_language_process(lang, barrier)
    # Not strict: a warning is shown, and the preview goes on (`make build` is strict).
    config = load_config(config_file, site_dir=site_dir, strict=False)
    config.site_url = serve_url
    logging.getLogger("mkdocs.commands.build").addFilter(NotDirtyWarning())
    # (not dirty for the plugins: Material's search plugin would merge its entries of the
    # last build into this one's, keeping stale ones; the hooks keep each page's instead)
    config.plugins.on_startup(command="serve", dirty=False)
    first = True
    while True:
        try:
            request = pipe.recv()
        except EOFError:  # the parent is gone without a word: stop, never linger
            break
        if request is None:
            break
        try:
            mkdocs_build(config, serve_url=serve_url, dirty=not first)
            first = False
            pipe.send("")
        except BaseException:  # noqa: BLE001 - report, keep serving the last good build
            barrier.abort()  # the others stop waiting for this one (the parent resets it)
            pipe.send(traceback.format_exc())
    config.plugins.on_shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt


class Preview:
    """The parent: validates, asks every language to build, serves."""

    def __init__(self, config_file: Path, dev_addr: str | None):
        self.config_file = str(config_file)
        self.root = config_file.parent
        config = load_config(self.config_file, **({"dev_addr": dev_addr} if dev_addr else {}))
        self.host, self.port = config.dev_addr
        self.mount_path = urlsplit(config.site_url or "/").path
        self.serve_url = internals.serve_url(self.host, self.port, self.mount_path)
        self.docs_dir = Path(config.docs_dir)
        warm_up()
        self.work = Path(tempfile.mkdtemp(prefix="casebook-serve-"))
        self.pipes: dict[str, Connection] = {}
        self.processes: list[multiprocessing.Process] = []

    def start_workers(self) -> None:
        keep_shared_after_fork()
        context = multiprocessing.get_context("fork")
        barrier = self.barrier = context.Barrier(len(LANGUAGES))  # all pages written before any build
        for lang in LANGUAGES:
            parent_end, child_end = context.Pipe()
            process = context.Process(target=_language_worker, name=f"casebook-serve-{lang}", daemon=True,
                                      args=(self.config_file, str(self.work / lang), lang, self.serve_url, child_end,
                                            barrier))
            process.start()
            self.pipes[lang], self.processes = parent_end, self.processes + [process]

    def valid(self) -> bool:
        """Whether every record is valid (if not, says why and the last good site stays)."""
        try:
            load_casebook(self.root / "cases", shown_root=self.root)
        except CasebookInvalid as err:
            log.error("Invalid case records (the preview shows the last good build):\n%s", err.report())
            return False
        return True

    def build(self) -> None:
        start = time.perf_counter()
        if not self.valid():
            return
        self.barrier.reset()  # (broken if a language failed last time)
        for pipe in self.pipes.values():
            pipe.send("build")
        failed = [(lang, answer) for lang, pipe in self.pipes.items() if (answer := pipe.recv())]
        for lang, answer in failed:
            log.error("The %s pages did not build (the preview shows the last good build):\n%s", lang, answer)
        site = self.work / DEFAULT_LANGUAGE
        for lang in LANGUAGES:
            link = site / lang
            if lang != DEFAULT_LANGUAGE and site.is_dir() and not link.exists():
                link.symlink_to(self.work / lang / lang, target_is_directory=True)
        print(f"casebook serve: {'built' if failed else 'ready'} in {time.perf_counter() - start:.1f} s "
              f"({self.serve_url})", flush=True)

    def watch(self, server: LiveReloadServer) -> None:
        """Records, and the hand-written pages: never the folders the build writes into docs/
        (watching them would start a second build after each one)."""
        server.watch(str(self.root / "cases"))
        docs = self.docs_dir
        server.watch(str(docs), recursive=False)
        for folder in sorted(p for p in docs.iterdir() if p.is_dir()):
            if folder.name not in GENERATED_FOLDERS + ("data",):
                server.watch(str(folder))

    def serve(self, open_in_browser: bool = False) -> None:
        if not self.valid():
            raise SystemExit(1)
        self.start_workers()
        self.build()
        # Polling every 0.25 s (MkDocs: 0.5): a save is seen sooner; cases/ and the
        # hand-written pages are a few hundred files to look at.
        server = LiveReloadServer(builder=self.build, host=self.host, port=self.port, polling_interval=0.25,
                                  root=str(self.work / DEFAULT_LANGUAGE), mount_path=self.mount_path)

        def error_page(code: int) -> bytes | None:
            page = self.work / DEFAULT_LANGUAGE / f"{code}.html"
            return page.read_bytes() if code in (404, 500) and page.is_file() else None

        server.error_handler = error_page
        self.watch(server)
        # `kill`, a service manager or a terminal closing sends SIGTERM, not Ctrl+C: stop the
        # same way, so the language processes and the temporary site go with the server.
        signal.signal(signal.SIGTERM, _stop_on_sigterm)
        print(f"casebook serve: serving on {server.url} (Ctrl+C stops)", flush=True)
        try:
            server.serve(open_in_browser=open_in_browser)
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
            self.close()

    def close(self) -> None:
        for pipe in self.pipes.values():
            try:
                pipe.send(None)
            except OSError:
                pass
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
        shutil.rmtree(self.work, ignore_errors=True)


def serve(config_file: Path, dev_addr: str | None = None, open_in_browser: bool = False) -> None:
    setup_logging(verbose=False)  # warnings and errors; the progress lines are printed
    Preview(Path(config_file).resolve(), dev_addr).serve(open_in_browser)
    sys.stdout.flush()
