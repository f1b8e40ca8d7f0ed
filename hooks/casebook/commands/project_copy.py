"""A copy of the project to build in: the one way the bundle, the benchmark and the tests
make one, so a running preview or the working tree is never touched.

A copy holds what a build reads and starts as a fresh clone would: without what the
build generates into docs/ and without a built site; node_modules (the map's shapes, the
offline shim) is linked, never copied.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..engine.generate import GENERATED_FOLDERS

CONFIGS = ("mkdocs.yml", "mkdocs.offline.yml")
_GENERATED_DATA = ("cite", "cases.json", "cases-*.csv")  # in docs/data, beside the committed schema


def _skip(root: Path):
    docs, data = root / "docs", root / "docs" / "data"

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(shutil.ignore_patterns("__pycache__", "*.pyc", "*.tmp")(folder, names))
        here = Path(folder)
        if here == docs:
            skipped |= {n for n in names if n in GENERATED_FOLDERS}
        elif here == data:
            skipped |= set(shutil.ignore_patterns(*_GENERATED_DATA)(folder, names))
        return skipped

    return ignore


def copy_project(root: Path, dest: Path, *, cases: bool = True) -> Path:
    """Copy the project at ``root`` into ``dest``; without ``cases``, only cases/vocabulary/
    (the benchmark writes its own records)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in CONFIGS:
        if (root / name).is_file():
            shutil.copy2(root / name, dest / name)
    ignore = _skip(root)
    for folder in ("hooks", "docs"):
        shutil.copytree(root / folder, dest / folder, ignore=ignore)
    if cases:
        shutil.copytree(root / "cases", dest / "cases", ignore=ignore)
    else:
        shutil.copytree(root / "cases" / "vocabulary", dest / "cases" / "vocabulary", ignore=ignore)
    if (root / "node_modules").is_dir():
        (dest / "node_modules").symlink_to((root / "node_modules").resolve(), target_is_directory=True)
    return dest
