"""Shared fixtures: a copy of the project that a test can change and build for real."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casebook.generate import GENERATED_FOLDERS

ROOT = Path(__file__).resolve().parent.parent
# What the build writes into docs/ (gitignored): a copy starts without it, as a fresh clone.
GENERATED = set(GENERATED_FOLDERS)
GENERATED_DATA = ("cite", "cases.json")  # and data/cases-<lang>.csv


def _not_generated(folder: str, names: list[str]) -> list[str]:
    here = Path(folder)
    if here == ROOT / "docs":
        return [n for n in names if n in GENERATED]
    if here == ROOT / "docs" / "data":
        return [n for n in names if n in GENERATED_DATA or n.startswith("cases-")]
    return []


def copy_project(dest: Path, with_cases: bool = True) -> Path:
    """Copy what a build needs (never the generated folders or the built site)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("hooks",):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=_not_generated)
    if (ROOT / "node_modules").is_dir():  # map shapes (read at build time, never fetched)
        (dest / "node_modules").symlink_to(ROOT / "node_modules")
    if with_cases:
        shutil.copytree(ROOT / "cases", dest / "cases")
    else:
        shutil.copytree(ROOT / "cases" / "vocabulary", dest / "cases" / "vocabulary")
    return dest


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` in ``project``."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})


def casebook_build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run the real `casebook build` (what `make build` runs) in ``project``."""
    return subprocess.run([sys.executable, "-m", "casebook.cli", "build", "--quiet", *extra],
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
