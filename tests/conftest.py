"""Shared fixtures: a copy of the project that a test can change and build for real."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project (seed cases) built once per test session, as `make build` builds
    it; returns site/. (tests/test_parallel_build.py compares it with `mkdocs build`.)"""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = casebook_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


FIXTURE = ROOT / "tests" / "data" / "translate" / "translation-fixture.yaml"
FIXTURE_ID = "translation-fixture"


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
def behind_site(tmp_path_factory) -> Path:
    """``behind_project`` built once by the real `mkdocs build`; returns the project (its
    site in site/, the build's log in build.log)."""
    project = behind_project(tmp_path_factory.mktemp("behind") / "project")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    (project / "build.log").write_text(result.stderr, encoding="utf-8")
    return project
