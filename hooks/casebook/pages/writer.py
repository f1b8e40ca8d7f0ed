"""Write generated pages into ``docs/``: only what changed, and remove what is stale.

Writing an unchanged file would make ``mkdocs serve`` see a change and rebuild forever;
leaving a deleted case's page behind would keep publishing it.
"""

from __future__ import annotations

import filecmp
import os
from pathlib import Path
from typing import Callable, Iterable, Mapping, Union

Content = Union[str, Iterable[str]]  # a page's text, or its pieces in order


def write_pages(docs_dir: Path, pages: Mapping[str, Content | None] | Iterable[tuple[str, Content | None]],
                owned_dirs: tuple[str, ...], owns: Callable[[str], bool] | None = None) -> list[str]:
    """Make ``owned_dirs`` hold exactly ``pages`` (a mapping, or (path, content) pairs
    made one at a time; a content is a text or its pieces, in order; None: the file is
    kept as it is); returns the paths written or removed.

    ``owns``: which files of ``owned_dirs`` are this call's to remove when stale (the
    processes of `casebook build` each write one language's files, at the same time, so
    none of them removes an empty folder either: another may be about to write in it)."""
    changed = []
    wanted = set()
    for rel, content in (pages.items() if isinstance(pages, Mapping) else pages):
        path = docs_dir / rel
        wanted.add(path)
        if content is None:
            continue
        if _write(path, content):
            changed.append(rel)
    for folder in owned_dirs:
        root = docs_dir / folder
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"), reverse=True):
            rel = path.relative_to(docs_dir).as_posix()
            if owns is not None and (rel.endswith(".tmp") or not owns(rel)):
                continue  # another process's file, or one it is writing right now
            if path.is_file() and path not in wanted:
                path.unlink()
                changed.append(rel)
            elif owns is None and path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return changed


def _write(path: Path, content: Content) -> bool:
    """Write ``content`` at ``path`` unless the file holds it already; whether it did.
    Pieces (the open data: 18 MB at 1,000 cases) are never held whole: written, then
    compared on disk."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # one per process: never shared
    if isinstance(content, str):
        data = content.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8", newline="") as out:
            out.writelines(content)
        if path.is_file() and filecmp.cmp(tmp, path, shallow=False):
            tmp.unlink()
            return False
    tmp.replace(path)  # atomic: a watcher never sees half a page
    return True
