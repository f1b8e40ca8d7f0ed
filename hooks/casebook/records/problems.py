"""What goes wrong in a record, said so that a contributor can fix it.

Every check reports a :class:`Problem` (file, line, column, field, message) instead of
raising, so one run shows every mistake in every file; the caller raises
:class:`CasebookInvalid` once, at the end, with all of them.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field as dataclass_field
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
    # Problems of one kind at many fields (unknown keys: one per key) share a group, so
    # that a flood of them is counted like any repeated mistake (CasebookInvalid.report).
    group: str = dataclass_field(default="", compare=False)

    def __str__(self) -> str:
        field = self.field or "(file)"
        kind = "warning: " if self.warning else ""
        return printable(f"{self.path}:{self.line}:{self.column}: {field}: {kind}{self.message}")


# What a terminal or a CI log acts on instead of showing (ESC starts a colour or clears
# the screen, CR overwrites the line, BEL rings) or shows in another order (bidirectional
# controls): a key or value may hold them, written as YAML escapes ("\e", "\r").
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (ESC as ``\\x1b``)."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", text)


class CasebookInvalid(Exception):
    """Raised once, with every problem found in every file."""

    def __init__(self, problems: Iterable[Problem], what: str = "case records"):
        self.problems = sorted(problems)
        self.what = what
        super().__init__(self.report())

    def report(self) -> str:
        """Every problem, one line each, but at most MAX_SAME of one kind in one file: a
        record with thousands of the same mistake gets a count, not megabytes."""
        count = len(self.problems)
        lines, shown, more = [], {}, {}
        for problem in self.problems:
            kind = (problem.path, problem.group or _INDEX.sub("[]", problem.field), _QUOTED.sub("…", problem.message))
            shown[kind] = shown.get(kind, 0) + 1
            if shown[kind] <= MAX_SAME:
                lines.append(str(problem))
            else:
                more[kind] = more.get(kind, 0) + 1
        for (path, field, _), extra in more.items():
            lines.append(printable(f"{path}: and {extra:,} more of the same ({field or '(file)'})"))
        lines.append(f"{count:,} error{'s' if count != 1 else ''} in {self.what}")
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
    # A link is shown as itself, never as its target: the path as written first, then
    # with its folder resolved (not the file).
    for shown, top in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))),
                       (path.parent.resolve() / path.name, Path(root).resolve())):
        try:
            return shown.relative_to(top)
        except ValueError:
            continue
    return path


# Markdown's marks, HTML's brackets and GitHub's mentions (@name) and references (#12): a
# message quotes what a record holds, and the report is pasted into a pull request's
# conversation, where none of it may become markup, a link or a notification.
_MARKDOWN_MARKS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&@])")
MAX_MARKDOWN = 100  # lines of a report


def markdown_text(text: str) -> str:
    """Plain text as inert Markdown on one line (control characters shown as \\uXXXX)."""
    text = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)
    return _MARKDOWN_MARKS.sub(r"\\\1", text).replace("@", "@\u2060")


def markdown_report(problems: Iterable[Problem], warnings: Iterable[Problem] = ()) -> str:
    """``casebook validate --format markdown``: what is wrong as a Markdown list of
    ``file:line`` problems, for a maintainer to paste into a pull request's comment."""
    problems, warnings = sorted(problems), sorted(warnings)
    lines = []
    if problems:
        count = len(problems)
        lines += [f"**{count:,} problem{'s' if count != 1 else ''} to fix before this can be published.** "
                  "Each line says where (file and line) and what was expected.", ""]
        lines += [_markdown_line(problem) for problem in problems[:MAX_MARKDOWN]]
        if count > MAX_MARKDOWN:  # a comment has a size limit; the first ones show the kind
            lines.append(f"- … and {count - MAX_MARKDOWN:,} more (run `casebook validate` for every line)")
        lines += ["", "The template explains every field: `hooks/casebook/records/templates/case.yaml`."]
    else:
        lines.append("**The case records are valid.**")
    if warnings:
        lines += ["", f"{len(warnings):,} warning{'s' if len(warnings) != 1 else ''} (they do not stop publishing):", ""]
        lines += [_markdown_line(warning) for warning in warnings[:MAX_MARKDOWN]]
    return "\n".join(lines)


def _markdown_line(problem: Problem) -> str:
    where = f"{problem.path}:{problem.line}"
    field = f" **{markdown_text(problem.field)}**:" if problem.field else ""
    return f"- `{where.replace('`', '')}`{field} {markdown_text(problem.message)}"
