"""Each record file as last read and validated, kept by its contents.

``casebook serve`` loads the casebook again after every save: reading and validating all
1,000 records of a large casebook took 2.5 s, once in the server and once in each
language's process, to find one of them changed. A record's result depends on its own
bytes, its file name, the vocabulary, and (for its links to other cases) which case ids
exist; the memo keeps it under the first three and checks the links again whenever the
ids change, so a save re-reads only the files whose contents changed.

This is the one process-wide memo of the records (ARCHITECTURE.md, "Build state"):
``load.py`` holds its only instance, which the processes ``casebook build`` and
``casebook serve`` fork inherit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Iterable

from .. import LANGUAGES
from .files import not_a_regular_file
from .model import Case
from .narrative import case_links
from .problems import Problem

Loader = Callable[[list[Path], Collection[str] | None], list[tuple[Case | None, list[Problem]]]]


@dataclass(frozen=True)
class Checked:
    """What reading and validating one file found (its links to other cases unchecked)."""

    case: Case | None
    problems: tuple[Problem, ...]  # with the warnings
    links: frozenset[str]  # the case ids its narratives link to


def file_digest(path: Path) -> str:
    """A file's contents as a hash; never read through a link, even to hash it."""
    if not_a_regular_file(path) is not None:
        return "!"
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "?"


def fingerprint(digests: dict[Path, str]) -> str:
    """Every file's name and contents as one hash (the casebook's key)."""
    digest = hashlib.sha256()
    for path, each in digests.items():
        digest.update(f"{path}\0{each}\0".encode())
    return digest.hexdigest()


def linked_ids(case: Case | None) -> frozenset[str]:
    """The other cases a case's narratives link to (``other-case-id.md``)."""
    if case is None:
        return frozenset()
    found = set()
    for lang in LANGUAGES:
        narrative = case.narrative(lang)
        for name in ("background", "reform", "results"):
            text = getattr(narrative, name, None) if narrative else None
            found.update(other for _, other in case_links(text or ""))
    return frozenset(found)


class RecordMemo:
    """The latest casebook by its key, and each record file's result by its contents."""

    def __init__(self):
        self.latest: dict[str, object] = {}  # fingerprint -> Casebook (one kept)
        self.files: dict[tuple[Path, str, str], Checked] = {}  # (path, digest, vocabulary key)

    def book(self, key: str):
        return self.latest.get(key)

    def keep_book(self, key: str, book) -> None:
        self.latest = {key: book}  # the build only ever needs the latest

    def check(self, digests: dict[Path, str], vocabulary_key: str, load: Loader) -> list[tuple[Case | None, list[Problem]]]:
        """``load``'s result for every file of ``digests`` (in its order), reading only
        those not seen with these contents and vocabulary; ``load(files, case_ids)``
        reads and validates files, checking their links against ``case_ids`` (None: not
        checked). A kept record that links to a case no longer there is read again, for
        its problem's line."""
        case_ids = frozenset(path.stem for path in digests)  # (a record's id is its file name)
        keys = {path: (path, digest, vocabulary_key) for path, digest in digests.items()}
        new = [path for path, key in keys.items() if key not in self.files]
        for path, (case, problems) in zip(new, load(new, None)):
            self.files[keys[path]] = Checked(case, tuple(problems), linked_ids(case))
        self.files = {key: self.files[key] for key in keys.values()}  # forget the files gone or changed
        broken = [path for path, key in keys.items() if self.files[key].links - case_ids]
        relinked = dict(zip(broken, load(broken, case_ids)))
        return [relinked.get(path) or (self.files[key].case, list(self.files[key].problems))
                for path, key in keys.items()]


def digests_of(paths: Iterable[Path]) -> dict[Path, str]:
    return {path: file_digest(path) for path in paths}
