"""Hostile records: what a stranger's pull request may try, refused with a clear message.

Each test is one class of attack on the build machine or the build itself (reading
outside cases/, crashing or stalling it, flooding its output); the browser side is in
test_hostile_browser.py."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casebook.load import load_casebook
from casebook.problems import CasebookInvalid
from test_validation import BASE, make_casedir, write

SECRET = "SECRET-TOKEN-0123456789"


def problems_of(cases: Path) -> list[str]:
    try:
        load_casebook(cases, shown_root=cases.parent)
    except CasebookInvalid as err:
        return [str(p) for p in err.problems]
    return []


def valid(case_id: str = "field-test", **changes) -> dict:
    record = copy.deepcopy(BASE)
    record["id"] = case_id
    record.update(changes)
    return record


# --- reading outside cases/ ------------------------------------------------------------

@pytest.fixture
def outside(tmp_path) -> Path:
    """A credential and a valid record, both outside the project."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "credential.yaml").write_text(f"token: {SECRET}\n", encoding="utf-8")
    write(folder, "linked-case.yaml", valid("linked-case"))
    return folder


@pytest.mark.parametrize("target", ["credential.yaml", "linked-case.yaml", "/etc/passwd", "missing.yaml"])
def test_a_symbolic_link_in_cases_is_refused_and_its_target_never_quoted(tmp_path, outside, target):
    cases, _ = make_casedir(tmp_path / "project")
    write(cases, "field-test.yaml", valid())
    link = cases / ("linked-case.yaml" if target == "linked-case.yaml" else "evil.yaml")
    link.symlink_to(target if target.startswith("/") else outside / target)
    found = problems_of(cases)
    assert found == [f"cases/{link.name}:1:1: (file): is a symbolic link; a record must be a regular file "
                     "inside cases/ (the link is not followed)"]
    assert not any(SECRET in p or "root:" in p or "elsewhere" in p or "passwd" in p for p in found)


def test_casebook_validate_refuses_a_link_named_on_the_command_line(tmp_path, outside):
    cases, _ = make_casedir(tmp_path / "project")
    (tmp_path / "project" / "mkdocs.yml").write_text("site_name: x\n")
    (cases / "evil.yaml").symlink_to(outside / "credential.yaml")
    run = subprocess.run([sys.executable, "-m", "casebook.cli", "validate", "cases/evil.yaml"],
                         cwd=tmp_path / "project", capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "cases/evil.yaml:1:1: (file): is a symbolic link" in run.stdout
    assert SECRET not in run.stdout + run.stderr and "elsewhere" not in run.stdout + run.stderr


def test_a_linked_vocabulary_folder_or_file_is_refused(tmp_path):
    cases, _ = make_casedir(tmp_path / "project")
    write(cases, "field-test.yaml", valid())
    real = tmp_path / "vocabulary-elsewhere"
    (cases / "vocabulary").rename(real)
    (cases / "vocabulary").symlink_to(real)
    found = problems_of(cases)
    vocabulary = [p for p in found if p.startswith("cases/vocabulary/")]
    assert len(vocabulary) == 3, found  # themes, levels, glossary
    assert all("is inside vocabulary/, a symbolic link" in p for p in vocabulary), vocabulary
    assert not any("elsewhere" in p for p in found)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_being_opened(tmp_path):
    """Opening a pipe for reading would wait forever for a writer: the build would hang."""
    cases, _ = make_casedir(tmp_path / "project")
    os.mkfifo(cases / "pipe.yaml")
    assert problems_of(cases) == ["cases/pipe.yaml:1:1: (file): is not a regular file; "
                                  "a record must be a regular file inside cases/"]


@pytest.mark.parametrize("name", ["field-test.YAML", "field-test.Yaml", "field-test.yml"])
def test_a_record_with_another_suffix_is_reported_not_ignored(tmp_path, name):
    cases, _ = make_casedir(tmp_path / "project")
    write(cases, name, valid())
    assert problems_of(cases) == [f"cases/{name}:1:1: (file): case files end in .yaml, in lowercase (rename the file)"]
