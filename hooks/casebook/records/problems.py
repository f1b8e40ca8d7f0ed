"""What goes wrong in a record, said so that a contributor can fix it.

Every check reports a :class:`Problem` (file, line, column, field, message) instead of
raising, so one run shows every mistake in every file; the caller raises
:class:`CasebookInvalid` once, at the end, with all of them.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        field = self.field or "(file)"
        return f"{self.path}:{self.line}:{self.column}: {field}: {self.message}"


class CasebookInvalid(Exception):
    """Raised once, with every problem found in every file."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        """Every problem, one line each, but at most MAX_SAME of one kind in one file: a
        record with thousands of the same mistake gets a count, not megabytes."""
        count = len(self.problems)
        lines, shown, more = [], {}, {}
        for problem in self.problems:
            kind = (problem.path, _INDEX.sub("[]", problem.field), _QUOTED.sub("…", problem.message))
            shown[kind] = shown.get(kind, 0) + 1
            if shown[kind] <= MAX_SAME:
                lines.append(str(problem))
            else:
                more[kind] = more.get(kind, 0) + 1
        for (path, field, _), extra in more.items():
            lines.append(f"{path}: and {extra:,} more of the same ({field or '(file)'})")
        lines.append(f"{count:,} error{'s' if count != 1 else ''} in case records")
        return "\n".join(lines)


MAX_SAME = 20  # lines of one kind of problem in one file
_INDEX = re.compile(r"\[\d+\]")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\d[\d,]*")


def field_name(loc: Iterable[str | int]) -> str:
    """('figures', 0, 'label', 'en') -> 'figures[0].label.en'"""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


MAX_LISTED = 30  # values named in "expected one of"


def allowed(values: Iterable[str], given: object = None) -> str:
    """'expected one of: a, b, c' with a 'did you mean' for a near miss."""
    values = list(values)
    text = "expected one of: " + ", ".join(values[:MAX_LISTED])
    if len(values) > MAX_LISTED:
        text += f", … ({len(values):,} in all)"
    if isinstance(given, str) and len(values) <= 1_000:  # (difflib compares with each)
        close = difflib.get_close_matches(given, values, n=1, cutoff=0.6)
        if close:
            text = f"did you mean '{close[0]}'? " + text
    return text


def display_path(path: Path, root: Path | None) -> Path:
    """``path`` relative to ``root`` when inside it (what a contributor recognises)."""
    if root is None:
        return path
    # A link is shown as itself, never as its target: the path as written first, then
    # with its folder resolved (not the file).
    for shown, top in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))),
                       (path.parent.resolve() / path.name, Path(root).resolve())):
        try:
            return shown.relative_to(top)
        except ValueError:
            continue
    return path
