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


@pytest.fixture(scope="session")
def code_named_site(tmp_path_factory) -> Path:
    """Two cases whose data looks like code (tests/script_data_support.py), built once."""
    from script_data_support import build_code_named_site

    return build_code_named_site(tmp_path_factory.mktemp("code-named"))
