"""When each case was added and last changed, and which of its texts each commit changed:
from the repository's history, read once for the whole cases folder.

One ``git log --raw`` of ``cases/`` (at 1,000 cases, one call instead of a thousand)
names, per commit, every record it touched with the file's content before and after
(blob ids); one ``git cat-file --batch`` reads those contents, each once. Its newest
commit touching a record is the case's last update, its oldest the day it was added. Each
commit's change is told field by field (which texts it added, changed or removed; white
space aside, as the fingerprints of translations take it), so that a translation can be
told to be behind its English without anything written in the record
(``translations/fields.py``). Changes not committed yet count as the newest change.

A record git does not know (not committed yet, or a copy of the project without its
history, as in a release archive) takes its file's modification date for both dates and
has no changes: nothing is behind. A shallow clone knows only its last commits: the
oldest it has shows every text as new, English and translations alike, so nothing is
reported behind that those commits do not show.
"""

from __future__ import annotations

import datetime
import hashlib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .yamlsource import version_texts

CaseDates = dict[str, tuple[str, str]]  # id -> (added, updated), "YYYY-MM-DD"
Loc = tuple
NO_BLOB = "0" * 40
TIMEOUT = 60  # seconds, for each git call

# Which rule told what is outdated: said by the build and on the translations page.
RULE_GIT, RULE_SHALLOW, RULE_NONE = "git", "shallow", "none"


@dataclass(frozen=True)
class Change:
    """One commit's change to one file (or the change not committed yet: ``commit`` "")."""

    commit: str
    day: str  # the author's date, "YYYY-MM-DD" (the file's date for a change not committed)
    blob: str  # the file's content after the change ("" when not committed): its texts then
    fields: frozenset  # the locs of the texts it added, changed or removed


@dataclass(frozen=True)
class RecordHistory:
    """The changes of every file under ``cases/`` (by its path there: ``x.yaml``,
    ``vocabulary/themes.yaml``), newest first, and the rule they were read by."""

    rule: str = RULE_NONE
    changes: dict = field(default_factory=dict)
    commits: int = 0  # commits read (of a shallow clone: all it has)

    def of_file(self, name: str) -> tuple[Change, ...]:
        return self.changes.get(name, ())

    def of_case(self, case_id: str) -> tuple[Change, ...]:
        return self.changes.get(f"{case_id}.yaml", ())


def _git(folder: Path, *args: str, stdin: Optional[bytes] = None) -> Optional[bytes]:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], input=stdin, capture_output=True,
                              timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _log(cases_dir: Path) -> Optional[list[tuple[str, str, list[tuple[str, str, str]]]]]:
    """(commit, day, [(name, old blob, new blob)]) of every commit touching the folder,
    newest first; None without git history."""
    out = _git(cases_dir, "log", "--relative", "--no-renames", "--raw", "--no-abbrev",
               "--format=%x1e%H %aI", "--", ".")
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


def _texts(raw: Optional[bytes]) -> dict[Loc, str]:
    return {} if raw is None else version_texts(raw)


def _changed(before: dict[Loc, str], after: dict[Loc, str]) -> frozenset:
    return frozenset(loc for loc in before.keys() | after.keys() if before.get(loc) != after.get(loc))


def _blob_id(path: Path) -> str:
    """The id git gives the file's content (to tell whether it differs from HEAD's)."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\x00" % len(data) + data).hexdigest()


def _day_of(path: Path) -> str:
    return datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc).date().isoformat()


def _uncommitted(cases_dir: Path) -> dict[str, str]:
    """HEAD's blob of every file under the folder that differs from it in the working tree."""
    out = _git(cases_dir, "diff", "--raw", "--no-abbrev", "--no-renames", "--relative", "HEAD", "--", ".")
    found = {}
    for line in (out or b"").decode("utf-8", "replace").splitlines():
        meta, _, name = line.partition("\t")
        parts = meta.split()
        if len(parts) >= 5 and parts[4] == "M" and not name.startswith('"'):
            found[name] = parts[2]
    return found


def read_history(cases_dir: Path) -> RecordHistory:
    """The history of every file under ``cases_dir``: one log, one read of the contents."""
    cases_dir = Path(cases_dir)
    commits = _log(cases_dir)
    if commits is None:
        return RecordHistory()
    shallow = (_git(cases_dir, "rev-parse", "--is-shallow-repository") or b"").strip() == b"true"
    head = _uncommitted(cases_dir)
    contents = read_blobs(cases_dir, [b for _, _, files in commits for _, old, new in files for b in (old, new)]
                      + list(head.values()))
    parsed: dict[str, dict[Loc, str]] = {}

    def texts(blob: str) -> dict[Loc, str]:
        if blob not in parsed:
            parsed[blob] = _texts(contents.get(blob))
        return parsed[blob]

    changes: dict[str, list[Change]] = {}
    for name, blob in head.items():
        path = cases_dir / name
        if path.is_file() and _blob_id(path) != blob:  # (a file only touched is no change)
            now = _texts(path.read_bytes())
            changes[name] = [Change("", _day_of(path), "", _changed(texts(blob), now))]
    for commit, day, files in commits:
        for name, old, new in files:
            if new == NO_BLOB:
                continue  # removed: a record added again later starts anew
            changes.setdefault(name, []).append(Change(commit, day, new, _changed(texts(old), texts(new))))
    return RecordHistory(RULE_SHALLOW if shallow else RULE_GIT,
                         {name: tuple(found) for name, found in changes.items()}, len(commits))


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
