"""Read one YAML record safely, keeping the line of every value for error messages.

Contributor files are untrusted, so reading is defensive and bounded:
- size is capped before parsing, aliases are refused before anything is constructed
  (an alias "bomb" expands exponentially only when constructed), duplicate keys are
  reported instead of silently keeping the last one;
- YAML 1.1 surprises are switched off: ``no``/``on``/``yes`` stay strings (only
  ``true``/``false`` are booleans) and bare dates stay strings, so "2018-09" and
  "2018-09-30" mean the same kind of thing;
- encoding mistakes (not UTF-8, byte-order mark, CRLF, decomposed Unicode) are reported
  with their line, because they make the same-looking text differ byte for byte.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, field_name

MAX_BYTES = 256 * 1024  # a long case is ~40 KB; anything much bigger is a mistake
Loc = tuple[str | int, ...]

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser: ~20x faster


def _strict_resolvers() -> dict:
    """Implicit resolvers of YAML 1.1 minus timestamps, with only true/false as booleans."""
    bool_tag = "tag:yaml.org,2002:bool"
    drop = {bool_tag, "tag:yaml.org,2002:timestamp"}
    resolvers: dict = {}
    for first, items in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        kept = [(tag, rx) for tag, rx in items if tag not in drop]
        if kept:
            resolvers[first] = kept
    true_false = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
    for first in "tTfF":
        resolvers.setdefault(first, []).append((bool_tag, true_false))
    return resolvers


class _RecordLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    yaml_implicit_resolvers = _strict_resolvers()


@dataclass
class LineMap:
    """Where each value of a record stands in its file (1-based line and column)."""

    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def where(self, loc: Loc) -> tuple[int, int]:
        """The position of ``loc``, or of its nearest ancestor that exists in the file."""
        loc = tuple(loc)
        while loc not in self.marks and loc:
            loc = loc[:-1]
        return self.marks.get(loc, (1, 1))

    def key_where(self, loc: Loc) -> tuple[int, int]:
        """The position of a mapping key (for unknown keys), falling back to its value."""
        return self.marks.get(("key",) + tuple(loc)) or self.where(loc)


@dataclass
class Parsed:
    path: Path
    data: Any = None
    lines: LineMap = field(default_factory=LineMap)
    problems: list[Problem] = field(default_factory=list)
    text: str = ""


def read_record(path: Path, display: Path | None = None) -> Parsed:
    """Read and parse ``path``; problems are collected, never raised."""
    shown = display or path
    result = Parsed(path=shown)

    def problem(line: int, col: int, message: str, fld: str = "") -> Parsed:
        result.problems.append(Problem(shown, line, col, fld, message))
        return result

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return problem(1, 1, f"file is {size:,} bytes; a case may be at most {MAX_BYTES:,}")
        raw = path.read_bytes()
    except OSError as err:
        return problem(1, 1, f"cannot read file: {err.strerror}")

    if not raw.strip():
        return problem(1, 1, "file is empty; start from the template (casebook new <id>)")
    if raw.startswith(b"\xef\xbb\xbf"):
        problem(1, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM "
                      "(or run: casebook validate --fix)")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return problem(line, col, f"byte 0x{raw[err.start]:02x} is not UTF-8; save the file as UTF-8")
    result.text = text

    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problem(line, 1, "Windows (CRLF) line ends; save with LF line ends "
                         "(or run: casebook validate --fix)")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line_text in enumerate(text.split("\n"), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            problem(number, indent.index("\t") + 1, "tab used for indentation; YAML needs spaces")
        if not unicodedata.is_normalized("NFC", line_text):
            col = next((i for i, ch in enumerate(line_text, 1) if unicodedata.combining(ch)), 1)
            problem(number, col, "text is in decomposed Unicode (e.g. Vietnamese tone marks as "
                                 "separate characters); save as NFC (or run: casebook validate --fix)")
    if result.problems:
        return result

    loader = _RecordLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return problem(1, 1, "file has no YAML content")
        _map_lines(node, (), result)
        if result.problems:
            return result
        result.data = loader.construct_document(node)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(filter(None, [err.context, err.problem]))
        return problem(line, col, f"YAML syntax error: {what}")
    except yaml.YAMLError as err:  # e.g. a reader error on a control character
        return problem(1, 1, f"YAML error: {err}")
    finally:
        loader.dispose()
    return result


def _map_lines(node: yaml.Node, loc: Loc, result: Parsed, seen: set[int] | None = None) -> None:
    """Record each node's position; refuse aliases and duplicate keys."""
    seen = set() if seen is None else seen
    if id(node) in seen:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        result.problems.append(Problem(result.path, line, col, field_name(loc),
                                       "anchors and aliases (&, *) are not allowed in a case"))
        return
    seen.add(id(node))
    result.lines.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        keys: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            child = loc + (key,)
            result.lines.marks[("key",) + child] = (key_node.start_mark.line + 1,
                                                    key_node.start_mark.column + 1)
            if key in keys:
                result.problems.append(Problem(result.path, key_node.start_mark.line + 1,
                                               key_node.start_mark.column + 1, field_name(child),
                                               "key appears twice in the same mapping"))
            keys.add(key)
            _map_lines(value_node, child, result, seen)
            if result.problems and len(result.problems) > 100:
                return
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, loc + (index,), result, seen)
