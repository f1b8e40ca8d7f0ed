"""A running `casebook serve` for tests: the real server in a copy of the project."""

from __future__ import annotations

import signal
import subprocess
import os
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from casebook.commands.bench_reload import ctrl_c_stops, free_port


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8", errors="replace")
    except OSError:
        return 0, ""


def wait_for(condition, what: str, timeout: float = 120) -> None:
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, f"timed out waiting for {what}"
        time.sleep(0.1)


class Server:
    def __init__(self, project: Path, temp: Path | None = None):
        """``temp``: the server's temporary folder (its TMPDIR), where it builds."""
        self.project = project
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "casebook", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONFAULTHANDLER": "1", **({"TMPDIR": str(temp)} if temp else {})},
            preexec_fn=ctrl_c_stops)
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()
        wait_for(lambda: any("serving on" in line for line in self.output) or self.process.poll() is not None,
                 "the server to start", 300)
        assert self.process.poll() is None, "".join(self.output)
        # it watches the files from before it answers: a save before that is never seen
        wait_for(lambda: fetch(self.url)[0] == 200, "the server to answer")
        # where it builds: the English part, in which zh/ and vi/ link the others
        self.site = next(temp.glob("casebook-serve-*")) / "en" if temp else None

    def builds(self) -> int:
        """How many builds the server has finished."""
        return sum(line.startswith("casebook serve: ") and " in " in line and "serving on" not in line
                   for line in self.output)

    def text(self) -> str:
        return "".join(self.output)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # where it hangs: every thread's stack (PYTHONFAULTHANDLER)
            self.process.send_signal(signal.SIGABRT)
            self.process.wait(timeout=30)
            time.sleep(0.5)  # (the reader thread takes the last lines)
            raise AssertionError("casebook serve did not stop:\n" + self.text()[-6000:]) from None
