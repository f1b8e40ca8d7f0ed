"""When each case was added and last changed, and which of its texts each commit changed:
from the repository's history, read once for the whole cases folder.

One ``git log --raw`` of ``cases/`` (at 1,000 cases, one call instead of a thousand)
names, per commit, every record it touched with the file's content before and after
(blob ids); one ``git cat-file --batch`` reads those contents, each once. Its newest
commit touching a record is the case's last update, its oldest the day it was added. Each
commit's change is told field by field (which texts it added, changed or removed; white
space aside, as the fingerprints of translations take it), so that a translation can be
told to be behind its English without anything written in the record
(``translations/fields.py``), and a case page can list its record's changes (which commit
added it, which added a translation: ``records/change_kinds.py``). Changes not committed
yet count as the newest change.

A record git does not know (not committed yet, or a copy of the project without its
history, as in a release archive) takes its file's modification date for both dates and
has no changes: nothing is behind. A shallow clone knows only its last commits: the
oldest it has shows every text as new, English and translations alike, so nothing is
reported behind that those commits do not show.
"""

from __future__ import annotations

import datetime
import hashlib
import multiprocessing
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional, TypeVar

import yaml

from .versions import changed_texts, compose_version

CaseDates = dict[str, tuple[str, str]]  # id -> (added, updated), "YYYY-MM-DD"
Loc = tuple
NO_BLOB = "0" * 40
TIMEOUT = 60  # seconds, for each git call
MIN_FOR_HELPER = 400  # changed versions; below that, forking a helper costs more than it saves
T = TypeVar("T")

# Which rule told what is outdated: said by the build and on the translations page.
RULE_GIT, RULE_SHALLOW, RULE_NONE = "git", "shallow", "none"


@dataclass(frozen=True)
class Change:
    """One commit's change to one file (or the change not committed yet: ``commit`` "")."""

    commit: str
    day: str  # the author's date, "YYYY-MM-DD" (the file's date for a change not committed)
    blob: str  # the file's content after the change ("" when not committed): its texts then
    fields: frozenset  # the locs of the texts it added, changed or removed
    added: bool = False  # the commit added the file (its fields are then EVERYTHING)
    # the languages under ``text:`` the file has after the change and had not before (a
    # translation added, rather than updated); told only of a change between readable versions
    new_languages: frozenset = frozenset()


@dataclass(frozen=True)
class RecordHistory:
    """The changes of every file under ``cases/`` (by its path there: ``x.yaml``,
    ``vocabulary/themes.yaml``), newest first, and the rule they were read by."""

    rule: str = RULE_NONE
    changes: dict = field(default_factory=dict)
    commits: int = 0  # commits read (of a shallow clone: all it has)
    order: tuple = ()  # the commits read, newest first (to merge the changes of two files)

    def of_file(self, name: str) -> tuple[Change, ...]:
        return self.changes.get(name, ())

    def of_case(self, case_id: str) -> tuple[Change, ...]:
        return self.changes.get(f"{case_id}.yaml", ())

    def version_of(self, case_id: str) -> Optional[Change]:
        """The commit whose record the build reads (its newest change), or None: the file
        differs from every commit (changed and not committed yet) or git does not know it."""
        changes = self.of_case(case_id)
        return changes[0] if changes and changes[0].commit else None


def _git(folder: Path, *args: str, stdin: Optional[bytes] = None) -> Optional[bytes]:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], input=stdin, capture_output=True,
                              timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _log(cases_dir: Path, paths: tuple[str, ...]) -> Optional[list[tuple[str, str, list[tuple[str, str, str]]]]]:
    """(commit, day, [(name, old blob, new blob)]) of every commit touching ``paths`` of
    the folder, newest first; None without git history."""
    out = _git(cases_dir, "log", "--relative", "--no-renames", "--raw", "--no-abbrev",
               "--format=%x1e%H %aI", "--", *paths)
    if out is None:
        return None
    commits = []
    for chunk in out.decode("utf-8", "replace").split("\x1e")[1:]:
        lines = chunk.strip("\n").splitlines()
        if not lines:
            continue
        commit, _, when = lines[0].partition(" ")
        files = []
        for line in lines[1:]:  # ":100644 100644 <old> <new> M\tname"
            meta, _, name = line.partition("\t")
            parts = meta.split()
            if len(parts) >= 5 and not name.startswith('"'):  # (a quoted name is no record)
                files.append((name, parts[2], parts[3]))
        commits.append((commit, when[:10], files))
    return commits


def read_blobs(cases_dir: Path, ids: Iterable[str]) -> dict[str, bytes]:
    """The contents of the blobs ``ids``, in one ``git cat-file --batch``."""
    wanted = sorted(set(ids) - {NO_BLOB})
    if not wanted:
        return {}
    out = _git(cases_dir, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in wanted).encode())
    found: dict[str, bytes] = {}
    at = 0
    while out is not None and at < len(out):
        end = out.index(b"\n", at)
        head = out[at:end].split()
        at = end + 1
        if len(head) == 3:  # "<id> blob <size>", then the content and a newline
            size = int(head[2])
            found[head[0].decode()] = out[at:at + size]
            at += size + 1
    return found


class Everything(frozenset):
    """The fields of a change that added the file, or that cannot be told apart (a version
    git has that is not readable YAML): every text counts as changed, the English and its
    translations alike, so such a change never makes a translation outdated."""

    def __contains__(self, loc: object) -> bool:
        return True


EVERYTHING = Everything()


Reader = tuple  # (compose: bytes -> version or None, differ: (old, new) -> locs or None)
YAML_TEXTS: Reader = (compose_version, changed_texts)


def _told(old: object, new: object, differ: Callable = changed_texts) -> frozenset:
    fields = differ(old, new)
    return EVERYTHING if fields is None else fields


def _blob_id(path: Path) -> str:
    """The id git gives the file's content (to tell whether it differs from HEAD's)."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\x00" % len(data) + data).hexdigest()


def _day_of(path: Path) -> str:
    return datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc).date().isoformat()


def _uncommitted(cases_dir: Path, paths: tuple[str, ...]) -> dict[str, str]:
    """HEAD's blob of every file of ``paths`` that differs from it in the working tree."""
    out = _git(cases_dir, "diff", "--raw", "--no-abbrev", "--no-renames", "--relative", "HEAD", "--", *paths)
    found = {}
    for line in (out or b"").decode("utf-8", "replace").splitlines():
        meta, _, name = line.partition("\t")
        parts = meta.split()
        if len(parts) >= 5 and parts[4] == "M" and not name.startswith('"'):
            found[name] = parts[2]
    return found


def _file_changes(cases_dir: Path, name: str, found: list[tuple[str, str, str, str]],
                  contents: dict[str, bytes], head: Optional[str], reader: Reader = YAML_TEXTS) -> tuple[Change, ...]:
    """The changes of one file, newest first: ``found`` (commit, day, old blob, new blob)
    from the log, and the change not committed yet where the file differs from ``head``;
    ``reader`` composes a version of it and tells two apart (YAML texts, by default)."""
    compose, differ = reader
    versions: dict[str, object] = {}  # this file's, composed once each

    def version(blob: str) -> object:
        if blob not in versions:
            raw = contents.get(blob)
            versions[blob] = compose(raw) if raw is not None else None
        return versions[blob]

    mine = [Change(commit, day, new, EVERYTHING, added=True) if old == NO_BLOB else
            Change(commit, day, new, _told(version(old), version(new), differ),
                   new_languages=_text_languages(version(new)) - _text_languages(version(old)))
            for commit, day, old, new in found]
    path = cases_dir / name
    if head is not None and path.is_file() and _blob_id(path) != head:  # (a file only touched is no change)
        mine.insert(0, Change("", _day_of(path), "", _told(version(head), compose(path.read_bytes()), differ)))
    return tuple(mine)


def _text_languages(version: object) -> frozenset:
    """The keys under ``text:`` of a composed record (its English and translations); none
    of a version that is no readable record (or of another file's reader)."""
    if not (isinstance(version, tuple) and len(version) == 2 and isinstance(version[1], yaml.MappingNode)):
        return frozenset()
    for key, value in version[1].value:
        if isinstance(key, yaml.ScalarNode) and key.value == "text" and isinstance(value, yaml.MappingNode):
            return frozenset(k.value for k, _ in value.value if isinstance(k, yaml.ScalarNode))
    return frozenset()


def _in_helper(work: Callable[[], T]) -> Callable[[], Optional[T]]:
    """Start ``work`` in a forked process; the returned function waits for its result
    (None if the helper failed: the caller then does the work itself)."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)

    def run() -> None:
        writer.send(work())
        writer.close()

    helper = context.Process(target=run, daemon=True)
    helper.start()
    writer.close()

    def result() -> Optional[T]:
        try:
            return reader.recv()
        except (EOFError, OSError):
            return None
        finally:
            reader.close()
            helper.join()

    return result


def read_history(cases_dir: Path, paths: tuple[str, ...] = (".",),
                 readers: Optional[dict[str, Reader]] = None) -> RecordHistory:
    """The history of every file under ``cases_dir`` (or of its ``paths``): one log, one
    read of the contents. ``readers``: how to tell the versions of a file that is not YAML
    texts apart, by its name (as the log names it, relative to the folder)."""
    cases_dir = Path(cases_dir)
    readers = readers or {}
    commits = _log(cases_dir, paths)
    if commits is None:
        return RecordHistory()
    shallow = (_git(cases_dir, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true"
    head = _uncommitted(cases_dir, paths)
    # the contents a change is told from: both sides of a change that modified a file
    modified = [(old, new) for _, _, files in commits for _, old, new in files if NO_BLOB not in (old, new)]
    contents = read_blobs(cases_dir, [b for pair in modified for b in pair] + list(head.values()))
    by_file: dict[str, list[tuple[str, str, str, str]]] = {}
    for commit, day, files in commits:
        for name, old, new in files:
            if new != NO_BLOB:  # (removed: a record added again later starts anew)
                by_file.setdefault(name, []).append((commit, day, old, new))
    names = sorted(by_file)

    def told(some: list[str]) -> dict[str, tuple[Change, ...]]:
        return {name: _file_changes(cases_dir, name, by_file[name], contents, head.get(name),
                                    readers.get(name, YAML_TEXTS)) for name in some}

    if len(modified) < MIN_FOR_HELPER or threading.active_count() > 1 \
            or "fork" not in multiprocessing.get_all_start_methods():
        changes = told(names)
    else:  # half the files in a forked helper (it has the contents already: nothing is sent)
        theirs = _in_helper(lambda: told(names[::2]))
        changes = told(names[1::2])
        changes.update(theirs() or told(names[::2]))
    return RecordHistory(RULE_SHALLOW if shallow else RULE_GIT,
                         changes, len(commits), tuple(commit for commit, _, _ in commits))


def case_dates(files: list[Path], cases_dir: Path, history: Optional[RecordHistory] = None) -> CaseDates:
    """(added, updated) of every case file in ``files`` (from ``history``, else read)."""
    history = read_history(cases_dir) if history is None else history
    dates: CaseDates = {}
    for path in files:
        committed = [change.day for change in history.of_file(path.name) if change.commit]
        if committed:
            dates[path.stem] = (committed[-1], committed[0])
        else:
            day = _day_of(path)
            dates[path.stem] = (day, day)
    return dates
