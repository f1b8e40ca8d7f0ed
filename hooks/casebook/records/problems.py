"""What goes wrong in a record, said so that a contributor can fix it.

Every check reports a :class:`Problem` (file, line, column, field, message) instead of
raising, so one run shows every mistake in every file; the caller raises
:class:`CasebookInvalid` once, at the end, with all of them.
"""

from __future__ import annotations

import difflib
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
    # A warning is shown by `casebook validate` but publishes nothing wrong (e.g. a
    # missing translation, which falls back to English with a notice): it never fails.
    warning: bool = False

    def __str__(self) -> str:
        field = self.field or "(file)"
        kind = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}:{self.column}: {field}: {kind}{self.message}"


class CasebookInvalid(Exception):
    """Raised once, with every problem found in every file."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} error{'s' if count != 1 else ''} in case records")
        return "\n".join(lines)


def field_name(loc: Iterable[str | int]) -> str:
    """('figures', 0, 'label', 'en') -> 'figures[0].label.en'"""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def allowed(values: Iterable[str], given: object = None) -> str:
    """'expected one of: a, b, c' with a 'did you mean' for a near miss."""
    values = list(values)
    text = "expected one of: " + ", ".join(values)
    if isinstance(given, str):
        close = difflib.get_close_matches(given, values, n=1, cutoff=0.6)
        if close:
            text = f"did you mean '{close[0]}'? " + text
    return text


def unknown_key(kind: str, given: object, values: Iterable[str], file: str,
                words: dict[str, str] | None = None) -> str:
    """An unknown theme or level: the key for it (from the vocabulary's `also:` words:
    a district is a county) or the nearest allowed one, all of them, and how to propose
    a new one (a contributor cannot add to the vocabulary by typing a key)."""
    values = list(values)
    text = f"unknown {kind} {given!r}; "
    meant = (words or {}).get(given.strip().casefold()) if isinstance(given, str) else None
    near = difflib.get_close_matches(given, values, n=1, cutoff=0.6) if isinstance(given, str) else []
    if meant:
        text += f"use '{meant}' (the {kind} this casebook uses for a {given.strip()}). "
    elif near:
        text += f"did you mean '{near[0]}'? "
    return (text + "expected one of: " + ", ".join(values) +
            f". To propose a new {kind}, add it to {file} with its label in en, zh and vi "
            "in the same pull request (see CONTRIBUTING.md)")


def display_path(path: Path, root: Path | None) -> Path:
    """``path`` relative to ``root`` when inside it (what a contributor recognises)."""
    if root is None:
        return path
    try:
        return path.resolve().relative_to(Path(root).resolve())
    except ValueError:
        return path
