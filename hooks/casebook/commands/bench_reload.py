"""`casebook bench --reload`: seconds from saving a case record to the new text being
served by `casebook serve` (what `make serve` runs), as a contributor sees it.

The server is started in the benchmark's project; each edit changes a case's title in one
language, and the served page of that language is fetched every 50 ms until it shows the
new title (then the list of all cases, until it does too); then the case's English text
is edited, and a new case file saved, each timed until served. Figures only: nothing
here passes or fails on time.
"""

from __future__ import annotations

import html
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


def ctrl_c_stops() -> None:
    """(In the server's process, before it starts.) Ctrl+C stops it, as from a terminal, even
    when this command runs in the background: a shell starts a background job with SIGINT
    ignored, the server would inherit that, and the SIGINT it is stopped with would do nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


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


def _save(path: Path, data: dict) -> float:
    """Write a record as an editor saves it; the time it was saved."""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return time.perf_counter()


def measure_reload(project: Path, edits: tuple[str, ...] = ("en", "zh", "vi", "en")) -> dict[str, float]:
    """Start `casebook serve` in ``project``, edit one case's title per language in
    ``edits`` (timed until its page shows it, then the list of cases), then its English
    text, then save a new case file; returns the startup time and the seconds from each
    save until the change was served."""
    port = free_port()
    lines: list[str] = []
    with tempfile.TemporaryFile() as errors:
        server = subprocess.Popen([sys.executable, "-m", "casebook", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=subprocess.PIPE, stderr=errors, text=True,
                                  preexec_fn=ctrl_c_stops)
        threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True).start()
        try:
            figures = {"serve_start_seconds": round(_wait_for(
                lambda: any("serving on" in line for line in lines), 600, "casebook serve to start"), 2)}
            # it watches the files from before it answers: a save before that is never seen
            _wait_for(lambda: _fetch(f"http://127.0.0.1:{port}/"), 60, "casebook serve to answer")
            records = sorted((project / "cases").glob("*.yaml"))
            record = records[len(records) // 2]
            base = f"http://127.0.0.1:{port}/"
            for number, lang in enumerate(edits, 1):  # a title: its page, then the list of cases
                data = yaml.safe_load(record.read_text(encoding="utf-8"))
                title = f"{data['text'][lang]['title']} · edit {number}"
                data["text"][lang]["title"] = title
                saved = _save(record, data)
                url = f"{base}{lang_prefix(lang)}cases/{record.stem}/"
                _wait_for(lambda: title in _fetch(url), 300, f"the edited {lang} title at {url}")
                figures[f"reload_{number}_{lang}_seconds"] = round(time.perf_counter() - saved, 2)
                listed = f"{base}{lang_prefix(lang)}cases/"
                _wait_for(lambda: html.escape(title, quote=False) in _fetch(listed), 300, f"the title at {listed}")
                figures[f"reload_{number}_{lang}_list_seconds"] = round(time.perf_counter() - saved, 2)
            data = yaml.safe_load(record.read_text(encoding="utf-8"))  # a case's text
            sentence = "A sentence added while the benchmark served the site."
            data["text"]["en"]["background"] = f"{sentence}\n\n{data['text']['en']['background']}"
            saved = _save(record, data)
            url = f"{base}cases/{record.stem}/"
            _wait_for(lambda: sentence in _fetch(url), 300, f"the edited text at {url}")
            figures["reload_text_en_seconds"] = round(time.perf_counter() - saved, 2)
            data["id"] = new = f"{record.stem}-new"  # a new case file
            saved = _save(record.with_name(f"{new}.yaml"), data)
            url = f"{base}cases/{new}/"
            _wait_for(lambda: new in _fetch(url), 300, f"the new case at {url}")  # (a 404 reads as "")
            figures["reload_new_case_seconds"] = round(time.perf_counter() - saved, 2)
            return figures
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl+C: the server removes its temporary site
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
