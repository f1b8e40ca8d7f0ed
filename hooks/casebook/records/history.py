"""When each case was added and last changed: from the repository's history.

One ``git log`` for the whole cases folder (at 1,000 cases, one call instead of a
thousand): its newest commit touching a record is the case's last update, its oldest the
day it was added. A record git does not know (not committed yet, or a copy of the
project without its history, as in a release archive) takes its file's modification
date for both: the page still says when it was last changed, never a made-up history.
A shallow clone knows only its last commit: every case then shows that day.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

CaseDates = dict[str, tuple[str, str]]  # id -> (added, updated), "YYYY-MM-DD"


def _from_git(cases_dir: Path) -> CaseDates:
    try:
        out = subprocess.run(["git", "-C", str(cases_dir), "log", "--relative", "--no-renames",
                              "--format=%x1e%aI", "--name-only", "--", "."],
                             capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: CaseDates = {}
    for commit in out.split("\x1e")[1:]:  # newest first
        lines = commit.strip().splitlines()
        if not lines:
            continue
        day = lines[0][:10]
        for name in lines[1:]:
            if "/" in name or not name.endswith(".yaml"):
                continue  # the vocabulary, or a file of another folder
            case_id = name[: -len(".yaml")]
            updated = dates.get(case_id, (day, day))[1]
            dates[case_id] = (day, updated)  # older commits come later: the last one seen is the first
    return dates


def case_dates(files: list[Path], cases_dir: Path) -> CaseDates:
    """(added, updated) of every case file in ``files``."""
    known = _from_git(cases_dir)
    dates: CaseDates = {}
    for path in files:
        found = known.get(path.stem)
        if found is None:
            day = datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.timezone.utc).date().isoformat()
            found = (day, day)
        dates[path.stem] = found
    return dates
