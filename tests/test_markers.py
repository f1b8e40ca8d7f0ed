"""The markers that `make test-fast` trusts are kept: a test that starts a build or a
browser without saying so fails (tests/conftest.py, "honest markers")."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import UnmarkedLaunch, launch_kind


@pytest.mark.parametrize("args, kind", [
    ([sys.executable, "-m", "mkdocs", "build", "--strict"], "build"),
    (["/x/.venv/bin/mkdocs", "build"], "build"),
    (["properdocs", "build", "--strict"], "build"),
    ([sys.executable, "-m", "casebook", "build", "--quiet"], "build"),
    ([sys.executable, "-m", "casebook", "bundle", "--lang", "zh"], "build"),
    ([sys.executable, "-m", "casebook", "bench", "--cases", "8"], "build"),
    (["/usr/bin/chromium", "--headless"], "browser"),
    (["/venv/lib/playwright/driver/node", "/venv/lib/playwright/driver/package/cli.js", "run-driver"], "browser"),
    ([sys.executable, "-m", "casebook", "validate"], None),
    ([sys.executable, "-m", "casebook", "translate", "export"], None),
    (["node", "worker-test.js"], None),
    (["git", "log", "--format=%H"], None),
    ("git status", None),
])
def test_what_counts_as_a_build_or_a_browser(args, kind):
    assert launch_kind(args) == kind


def test_an_unmarked_test_cannot_start_a_build():
    with pytest.raises(UnmarkedLaunch, match="without @pytest.mark.build"):
        subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"])


def test_an_unmarked_test_cannot_start_a_browser():
    with pytest.raises(UnmarkedLaunch, match="without @pytest.mark.browser"):
        subprocess.Popen(["/usr/bin/chromium", "--headless", "--version"])


@pytest.mark.build
def test_a_build_test_cannot_start_a_browser():
    with pytest.raises(UnmarkedLaunch, match="without @pytest.mark.browser"):
        subprocess.Popen(["/usr/bin/chromium", "--headless", "--version"])


def test_other_programs_run():
    assert subprocess.run(["git", "--version"], capture_output=True).returncode == 0
