"""`casebook bench --reload`: seconds from saving a case record to the new text being
served by `casebook serve` (what `make serve` runs), as a contributor sees it.

The server is started in the benchmark's project; each edit changes a case's title in one
language, and the served page of that language is fetched every 50 ms until it shows the
new title. Figures only: nothing here passes or fails on time.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import yaml

from .. import lang_prefix


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _wait_for(condition, timeout: float, what: str) -> float:
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"casebook bench: gave up waiting for {what} after {timeout:.0f} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def measure_reload(project: Path, edits: tuple[str, ...] = ("en", "zh", "vi", "en")) -> dict[str, float]:
    """Start `casebook serve` in ``project``, edit one case per language in ``edits``;
    returns the startup time and the seconds each edit took to show."""
    port = free_port()
    lines: list[str] = []
    with tempfile.TemporaryFile() as errors:
        server = subprocess.Popen([sys.executable, "-m", "casebook", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=subprocess.PIPE, stderr=errors, text=True)
        threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True).start()
        try:
            figures = {"serve_start_seconds": round(_wait_for(
                lambda: any("serving on" in line for line in lines), 600, "casebook serve to start"), 2)}
            record = sorted((project / "cases").glob("*.yaml"))[len(list((project / "cases").glob("*.yaml"))) // 2]
            for number, lang in enumerate(edits, 1):
                data = yaml.safe_load(record.read_text(encoding="utf-8"))
                title = f"{data['text'][lang]['title']} · edit {number}"
                data["text"][lang]["title"] = title
                record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
                url = f"http://127.0.0.1:{port}/{lang_prefix(lang)}cases/{record.stem}/"
                figures[f"reload_{number}_{lang}_seconds"] = round(_wait_for(
                    lambda: title in _fetch(url), 300, f"the edited {lang} title at {url}"), 2)
            return figures
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl+C: the server removes its temporary site
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
