"""Shared fixtures: a copy of the project that a test can change and build for real."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import zipfile
import sys
from pathlib import Path
from typing import Callable

import pytest

from casebook.commands.project_copy import copy_project as _copy_project

ROOT = Path(__file__).resolve().parent.parent


def copy_project(dest: Path, with_cases: bool = True) -> Path:
    """A copy of the project to change and build (never the generated folders or the site)."""
    return _copy_project(ROOT, dest, cases=with_cases)


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` in ``project``."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})


def casebook_build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run the real `casebook build` (what `make build` runs) in ``project``."""
    return subprocess.run([sys.executable, "-m", "casebook", "build", "--quiet", *extra],
                          cwd=project, capture_output=True, text=True, timeout=600)


def once(tmp_path_factory, name: str, make: Callable[[Path], object]):
    """What ``make(folder)`` returns (paths, or a dict of them), made once for the whole run.

    `make test` runs on both cores (pytest-xdist): each worker is a session of its own, so a
    session fixture would build its site once per worker. The workers share their parent
    temporary folder; the first to ask builds there under a lock, the others wait and read
    the result (pytest-xdist's documented pattern, with the standard library's lock).
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    done = root / f"once-{name}.json"
    with open(root / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            folder = root / f"once-{name}"
            shutil.rmtree(folder, ignore_errors=True)  # a worker that failed half-way
            folder.mkdir()
            done.write_text(json.dumps(_jsonable(make(folder))), encoding="utf-8")
    return _paths(json.loads(done.read_text(encoding="utf-8")))


def _jsonable(value):
    return {k: str(v) for k, v in value.items()} if isinstance(value, dict) else str(value)


def _paths(value):
    return {k: Path(v) for k, v in value.items()} if isinstance(value, dict) else Path(value)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project (seed cases) built once per test run, as `make build` builds
    it; returns site/. (tests/test_parallel_build.py compares it with `mkdocs build`.)"""
    def make(folder: Path) -> Path:
        project = copy_project(folder / "project")
        result = casebook_build(project)
        assert result.returncode == 0, result.stderr
        return project / "site"

    return once(tmp_path_factory, "built-site", make)


@pytest.fixture(scope="session")
def edited_site(tmp_path_factory) -> Path:
    """The seed cases with one edited (tests/pack_support.py `edited_record`: contributor
    HTML, no Chinese text, a source with an address), built once for the pack's tests."""
    import yaml

    from pack_support import EDITED, edited_record

    def make(folder: Path) -> Path:
        project = copy_project(folder / "project")
        (project / "cases" / f"{EDITED}.yaml").write_text(
            yaml.safe_dump(edited_record(), allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr[-4000:]
        return project / "site"

    return once(tmp_path_factory, "edited-site", make)


# The address the published site is built with in tests: parsed and encoded, never visited.
PUBLISHED_URL = "https://women.example.net/casebook/"
PUBLISHED_REPO = "https://github.com/women-org/casebook"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory) -> Path:
    """The seed cases built by `casebook build` as the publishing workflow builds them: with
    the site's address and its repository's; returns site/ (the build's output beside it,
    in build.out)."""
    def make(folder: Path) -> Path:
        project = copy_project(folder / "project")
        env = {**os.environ, "CASEBOOK_SITE_URL": PUBLISHED_URL, "CASEBOOK_REPO_URL": PUBLISHED_REPO}
        result = subprocess.run([sys.executable, "-m", "casebook", "build"], cwd=project, capture_output=True,
                                text=True, timeout=600, env=env)
        assert result.returncode == 0, result.stderr[-4000:]
        (project / "build.out").write_text(result.stdout, encoding="utf-8")
        return project / "site"

    return once(tmp_path_factory, "published-site", make)


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def code_named_site(tmp_path_factory) -> Path:
    """Two cases whose data looks like code (tests/script_data_support.py), built once."""
    from script_data_support import build_code_named_site

    return once(tmp_path_factory, "code-named", build_code_named_site)


@pytest.fixture(scope="module")
def chromium():
    """One Debian chromium for a test module's pages (tests/browser.py)."""
    from browser import browser

    with browser() as instance:
        yield instance


# --- the offline copies ---------------------------------------------------------------------

def run_bundle(out: Path, *args: str) -> subprocess.CompletedProcess:
    """The real command, as a trainer runs it in the repository."""
    return subprocess.run([sys.executable, "-m", "casebook", "bundle", "--out", str(out), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def bundles(tmp_path_factory) -> dict[str, Path]:
    """The all-language and the Chinese-only offline copies (`casebook bundle`), built once
    per session for every test that reads them (the zip, the browser, the handouts)."""
    def make(out: Path) -> dict[str, Path]:
        zips = {}
        for choice in ("all", "zh"):
            done = run_bundle(out, "--lang", choice)
            assert done.returncode == 0, done.stderr
            zips[choice] = Path(re.search(r"Wrote (\S+\.zip)", done.stdout).group(1))
            if not zips[choice].is_absolute():
                zips[choice] = ROOT / zips[choice]
        return zips

    return once(tmp_path_factory, "bundles", make)


def unzip(path: Path, dest: Path) -> Path:
    """Extract; returns the copy's folder (the zip holds exactly one)."""
    with zipfile.ZipFile(path) as archive:
        archive.extractall(dest)
    (folder,) = dest.iterdir()
    return folder


@pytest.fixture(scope="session")
def copies(bundles, tmp_path_factory) -> dict[str, Path]:
    def make(folder: Path) -> dict[str, Path]:
        return {choice: unzip(path, folder / choice) for choice, path in bundles.items()}

    return once(tmp_path_factory, "copies", make)


# --- honest markers ------------------------------------------------------------------------
# `make test-fast` runs `-m "not build and not browser"`; it stays fast only if every test
# that builds a site or drives chromium says so. So a test without the marker that starts
# one (itself or through a fixture) fails at once, naming the marker it lacks.

# What starts a build: mkdocs, properdocs or the casebook commands that build.
_BUILDS = re.compile(r"(?:^|[\s/])(?:mkdocs|properdocs)\s+build\b|-m\s+(?:mkdocs\s+build|casebook\s+"
                     r"(?:build|serve|bundle|handout|bench|zim|lighthouse))\b")


def launch_kind(args) -> str | None:
    """"build" or "browser" when ``args`` (a Popen argument) starts one, else None."""
    argv = [str(a) for a in args] if isinstance(args, (list, tuple)) else [str(args)]
    text = " ".join(argv)
    if "run-driver" in text or Path(argv[0]).name in ("chromium", "chromium-browser", "chrome"):
        return "browser"  # Playwright's driver (which starts chromium), or chromium itself
    return "build" if _BUILDS.search(text) else None


class UnmarkedLaunch(AssertionError):
    pass


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    marks = {m.name for m in item.iter_markers()}
    allowed = {"build"} | ({"browser"} if "browser" in marks else set()) if marks & {"build", "browser"} else set()
    original = subprocess.Popen.__init__

    def guarded(self, args, *rest, **options):
        kind = launch_kind(args)
        if kind and kind not in allowed:
            raise UnmarkedLaunch(f"{item.nodeid} starts a {kind} without @pytest.mark.{kind} "
                                 f"(make test-fast would run it): {' '.join(map(str, args))[:200]}")
        original(self, args, *rest, **options)

    subprocess.Popen.__init__ = guarded
    try:
        yield
    finally:
        subprocess.Popen.__init__ = original


ZIM_EPOCH = "1700000000"  # SOURCE_DATE_EPOCH for the ZIMs the tests build (a copy has no git)


def run_zim(project: Path, out: Path, lang: str) -> Path:
    """The real `casebook zim --lang <lang>` in ``project``; returns the ZIM written."""
    done = subprocess.run([sys.executable, "-m", "casebook", "zim", "--lang", lang, "--out", str(out)],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ, "SOURCE_DATE_EPOCH": ZIM_EPOCH})
    assert done.returncode == 0, done.stderr[-4000:]
    (zim,) = out.glob(f"reform-casebook_{lang}_*.zim")
    return zim


@pytest.fixture(scope="session")
def zim_project(tmp_path_factory) -> Path:
    """A copy of the project with one hostile record among the real ones."""
    import yaml

    from test_sanitize_browser import CASE_ID, payload_record, valid_cases_only

    def make(folder: Path) -> Path:
        project = copy_project(folder / "project")
        valid_cases_only(project)
        (project / "cases" / f"{CASE_ID}.yaml").write_text(
            yaml.safe_dump(payload_record(), allow_unicode=True, sort_keys=False), encoding="utf-8")
        return project

    return once(tmp_path_factory, "zim-project", make)


FIXTURE = ROOT / "tests" / "data" / "translate" / "translation-fixture.yaml"
FIXTURE_ID = "translation-fixture"


@pytest.fixture
def fixture_project(tmp_path) -> Path:
    """A project whose only case is the translators' fixture record."""
    project = copy_project(tmp_path / "project", with_cases=False)
    shutil.copy(FIXTURE, project / "cases" / f"{FIXTURE_ID}.yaml")
    return project


def project_files(project: Path) -> dict[str, bytes]:
    """Every file an import may write: the records, vocabularies, glossary, ui.yaml."""
    paths = sorted((project / "cases").rglob("*.yaml")) + sorted((project / "hooks").rglob("ui.yaml"))
    return {str(p.relative_to(project)): p.read_bytes() for p in paths}


def git(cwd: Path, *args: str, date: str | None = None) -> subprocess.CompletedProcess:
    """Run git in ``cwd`` as a test author (on ``date``, author and committer alike)."""
    env = {**__import__("os").environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)


def behind_project(dest: Path) -> Path:
    """A project under git whose only case (the translation fixture, its translations
    without fingerprints) was translated on 2024-03-05, then had its English summary and
    background rewritten in a commit of 2025-07-09: the zh summary, the zh background and
    the vi background are behind."""
    project = copy_project(dest, with_cases=False)
    record = project / "cases" / f"{FIXTURE_ID}.yaml"
    record.write_bytes(FIXTURE.read_bytes())
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "translated", date="2024-03-05T10:00:00+00:00")
    text = record.read_text(encoding="utf-8")
    for old, new in (("set up grassroots groups and wrote", "set up grassroots groups in 2018 and wrote"),
                     ("worked through a few offices.", "worked through three offices.")):
        assert old in text
        text = text.replace(old, new)
    record.write_text(text, encoding="utf-8")
    git(project, "commit", "-qam", "English rewritten", date="2025-07-09T10:00:00+00:00")
    return project


@pytest.fixture(scope="session")
def zims(zim_project, tmp_path_factory) -> dict[str, Path]:
    """The three-language and the Chinese ZIM of ``zim_project``, built once a session."""
    return once(tmp_path_factory, "zims", lambda out: {lang: run_zim(zim_project, out, lang) for lang in ("all", "zh")})


@pytest.fixture(scope="session")
def behind_site(tmp_path_factory) -> Path:
    """``behind_project`` built once by the real `mkdocs build`; returns the project (its
    site in site/, the build's log in build.log)."""
    project = behind_project(tmp_path_factory.mktemp("behind") / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    (project / "build.log").write_text(result.stderr, encoding="utf-8")
    return project


# --- a record's history (tests/test_history.py) ---------------------------------------------

HISTORY_REPO = "https://github.com/women-org/casebook"
# Contributor text in a commit message: no page prints it.
HOSTILE_MESSAGE = '<script>alert("history")</script> & {{x}}'
# (day, what the commit did) of history_project's commits, oldest first
HISTORY_COMMITS = (("2024-01-10", "added"), ("2024-02-10", "English summary"), ("2024-03-10", "vi translation"),
                   ("2024-04-10", "figures"), ("2024-05-10", "a comment"))


def history_project(dest: Path) -> Path:
    """A project under git whose only case (the translation fixture) was added without
    its Vietnamese on 2024-01-10, then had its English summary changed, its Vietnamese
    added, a figure changed and a comment added (HISTORY_COMMITS; the last commit's
    message is HOSTILE_MESSAGE)."""
    project = copy_project(dest, with_cases=False)
    record = project / "cases" / f"{FIXTURE_ID}.yaml"
    full = FIXTURE.read_text(encoding="utf-8")
    without_vi, vi = full.split("\n  vi:\n", 1)
    versions = [without_vi + "\n",
                (summary := without_vi.replace("wrote about them, so", "wrote about them twice, so") + "\n"),
                (translated := summary + "  vi:\n" + vi),
                (figures := translated.replace("value: 12", "value: 13")),
                "# reviewed against the article\n" + figures]
    git(project, "init", "-q")
    for number, (text, (day, said)) in enumerate(zip(versions, HISTORY_COMMITS)):
        assert number == 0 or text != versions[number - 1]
        record.write_text(text, encoding="utf-8")
        git(project, "add", "-A")
        message = HOSTILE_MESSAGE if number == len(versions) - 1 else said
        git(project, "commit", "-qm", message, date=f"{day}T10:00:00+00:00")
    return project


@pytest.fixture(scope="session")
def history_site(tmp_path_factory) -> Path:
    """``history_project`` built once by the real `mkdocs build` with a repository
    address; returns the project (its site in site/)."""
    project = history_project(tmp_path_factory.mktemp("history") / "project")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                            text=True, timeout=600, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1",
                                                         "CASEBOOK_REPO_URL": HISTORY_REPO})
    assert result.returncode == 0, result.stderr
    return project


# --- a casebook large enough that its training pack loads each case when chosen ----------

LARGE_PACK_CASES = 120  # above pages/pack.py's LOADED_ABOVE (100)


@pytest.fixture(scope="session")
def large_pack_project(tmp_path_factory) -> Path:
    """120 cases made by `casebook bench`'s generator, built once as `make build` builds
    them; returns the project (its site/ and its cases/)."""
    import yaml

    from casebook.commands.bench import synthetic_records

    project = copy_project(tmp_path_factory.mktemp("large-pack"), with_cases=False)
    seeds = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cases").glob("*.yaml"))]
    for record in synthetic_records(seeds, LARGE_PACK_CASES):
        (project / "cases" / f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = casebook_build(project)
    assert result.returncode == 0, result.stderr
    return project
