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

    project = copy_project(tmp_path_factory.mktemp("zim") / "project")
    valid_cases_only(project)
    (project / "cases" / f"{CASE_ID}.yaml").write_text(
        yaml.safe_dump(payload_record(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def zims(zim_project, tmp_path_factory) -> dict[str, Path]:
    """The three-language and the Chinese ZIM of ``zim_project``, built once a session."""
    out = tmp_path_factory.mktemp("zim-dist")
    return {lang: run_zim(zim_project, out, lang) for lang in ("all", "zh")}
