"""Kiwix's own server (Debian's kiwix-tools) on loopback, to read a ZIM as a room does."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from needs import need


def require_kiwix_serve() -> str:
    found = shutil.which("kiwix-serve")
    need(found, "kiwix-serve", "run: make browser-deps (Debian's kiwix-tools)")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def kiwix_serve(zim: Path, timeout: float = 20.0):
    """Serve ``zim`` as the README tells a trainer to; yields the book's address
    (``http://127.0.0.1:<port>/<book>/``) and the server's (for /search)."""
    port = _free_port()
    # (--nosearchbar: the 3.3 overlay covers the page's own header on a phone;
    # XAPIAN_CJK_NGRAM: libzim 8 cuts a Chinese query into character pairs only then)
    process = subprocess.Popen([require_kiwix_serve(), "--address=127.0.0.1", f"--port={port}", "--nosearchbar",
                                str(zim)], env={**os.environ, "XAPIAN_CJK_NGRAM": "1"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{server}/catalog/v2/entries", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"kiwix-serve did not start: {process.stderr.read().decode()[-2000:]}")
                time.sleep(0.1)  # polling a condition: the server answering
        yield f"{server}/{zim.stem}/", server
    finally:
        process.terminate()
        process.wait(timeout=10)
