"""What an offline copy says it was built from, and the time stamped on every entry of its
zip: reproducible in a clone, a release tarball and `git archive` (no history there)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from casebook.commands.bundle import build_identity

ROOT = Path(__file__).resolve().parents[1]


def tarball_like(dest: Path) -> Path:
    """The records of this tree without its .git, as a release tarball holds them."""
    shutil.copytree(ROOT / "cases", dest / "cases")
    return dest


def test_without_history_the_newest_record_dates_the_copy(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    copy = tarball_like(tmp_path / "copy")
    newest = copy / "cases" / "ruili-cross-border-women-children-centre.yaml"
    os.utime(newest, (1_700_000_000, 1_700_000_000))
    for path in (copy / "cases").rglob("*.yaml"):
        if path != newest:
            os.utime(path, (1_600_000_000, 1_600_000_000))
    first, again = build_identity(copy), build_identity(copy)
    assert first == again  # two copies of the same tree, the same bytes
    assert first.epoch == 1_700_000_000 and "no git history" in first.epoch_from
    assert first.version == "unknown"


def test_source_date_epoch_wins_then_the_commit(tmp_path, monkeypatch):
    from conftest import git

    clone = tarball_like(tmp_path / "clone")
    git(clone, "init", "-q")
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", "records", date="2025-01-02T03:04:05+00:00")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert build_identity(clone).epoch == 1234567890 and build_identity(clone).epoch_from == "SOURCE_DATE_EPOCH"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert (build_identity(clone).epoch, build_identity(clone).epoch_from) == (1735787045, "the last commit's time")
