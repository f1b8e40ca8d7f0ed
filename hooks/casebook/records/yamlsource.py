"""Read one YAML record safely, keeping the line of every value for error messages.

Contributor files are untrusted, so reading is defensive and bounded:
- size is capped before parsing, aliases are refused from the parser's events before any
  node is built (an alias "bomb" expands exponentially only when constructed), nesting
  depth is capped, duplicate keys are reported instead of silently keeping the last one;
- plain scalars follow YAML 1.2's core schema, not 1.1: ``no``/``on``/``yes`` stay
  strings (only ``true``/``false`` are booleans), bare dates stay strings (so "2018-09"
  and "2018-09-30" are the same kind of thing), ``010`` is ten and ``1:30`` is text;
- encoding mistakes (not UTF-8, byte-order mark, CRLF, decomposed Unicode) are reported
  with their line, because they make the same-looking text differ byte for byte.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import yaml

from .problems import Problem, field_name
from .files import not_a_regular_file
from .text import text_problems

MAX_BYTES = 256 * 1024  # a long case is ~40 KB; anything much bigger is a mistake
Loc = tuple[str | int, ...]

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser: ~20x faster


MAX_DEPTH = 20  # a case nests 5 levels deep; deeper is a mistake (or an attack on the stack)
MAX_NUMBER_CHARS = 24  # a figure is at most ~15 digits; Python refuses to read 4,300
# What YAML may not hold literally (its "printable" set): found here, so that the line and
# column are the text's own (the C reader counts bytes, not characters)
_NOT_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# YAML 1.2 core schema: what a plain scalar means. Everything else is a string, so YAML
# 1.1's no/yes/on/off, dates, octal 010, base-60 1:30 and '=' all stay as written.
_CORE_SCHEMA = {
    "tag:yaml.org,2002:null": (r"^(?:~|null|Null|NULL|)$", "~nN"),
    "tag:yaml.org,2002:bool": (r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    "tag:yaml.org,2002:int": (r"^[-+]?[0-9]+$", "-+0123456789"),
    "tag:yaml.org,2002:float": (r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                                r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
}


def _core_resolvers() -> dict:
    resolvers: dict = {"": [("tag:yaml.org,2002:null", re.compile(_CORE_SCHEMA["tag:yaml.org,2002:null"][0]))]}
    for tag, (pattern, firsts) in _CORE_SCHEMA.items():
        for first in firsts:
            resolvers.setdefault(first, []).append((tag, re.compile(pattern)))
    return resolvers


class _RecordLoader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    yaml_implicit_resolvers = _core_resolvers()

    def construct_yaml_int(self, node):  # decimal only: "010" is ten, as in YAML 1.2
        return int(self.construct_scalar(node), 10)


_RecordLoader.add_constructor("tag:yaml.org,2002:int", _RecordLoader.construct_yaml_int)


@dataclass
class LineMap:
    """Where each value of a record stands in its file (1-based line and column)."""

    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    block_scalars: set[Loc] = field(default_factory=set)  # `|` and `>` values: text starts a line later
    source_lines: list[str] = field(default_factory=list)

    def where(self, loc: Loc) -> tuple[int, int]:
        """The position of ``loc``, or of its nearest ancestor that exists in the file."""
        loc = tuple(loc)
        while loc not in self.marks and loc:
            loc = loc[:-1]
        return self.marks.get(loc, (1, 1))

    def line_in_value(self, loc: Loc, offset: int) -> tuple[int, int]:
        """The position of line ``offset`` (0-based) of a multi-line text value."""
        line, col = self.where(loc)
        if loc in self.block_scalars:  # `|`: value line N is file line (indicator + 1 + N)
            line += 1 + offset
        elif offset == 0:
            return line, col
        else:  # a folded or quoted text joins lines, so this is the nearest estimate
            line += offset
        text = self.source_lines[line - 1] if 0 < line <= len(self.source_lines) else ""
        return line, len(text) - len(text.lstrip(" ")) + 1

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


def read_record(path: Path, display: Path | None = None, top: Path | None = None) -> Parsed:
    """Read and parse ``path``; problems are collected, never raised. ``path`` and its
    folders up to ``top`` (default: its own folder) must not be symbolic links."""
    shown = display or path
    result = Parsed(path=shown)

    def problem(line: int, col: int, message: str, fld: str = "") -> Parsed:
        result.problems.append(Problem(shown, line, col, fld, message))
        return result

    refused = not_a_regular_file(path, top or path.parent)
    if refused:
        return problem(1, 1, refused)
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
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        col = len(raw[line_start: err.start].decode("utf-8", errors="replace")) + 1
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
        bad = _NOT_PRINTABLE.search(line_text)
        if bad:
            problem(number, bad.start() + 1, f"control character U+{ord(bad.group()):04X} is not allowed; delete it")
        if not unicodedata.is_normalized("NFC", line_text):
            col = next((i for i, ch in enumerate(line_text, 1) if unicodedata.combining(ch)), 1)
            problem(number, col, "text is in decomposed Unicode (e.g. Vietnamese tone marks as "
                                 "separate characters); save as NFC (or run: casebook validate --fix)")
    if result.problems:
        return result

    result.lines.source_lines = text.split("\n")
    loader = _RecordLoader(text)
    try:
        refused = _first_refused_event(text)
        if refused is not None:
            mark, loc, message = refused
            return problem(mark.line + 1, mark.column + 1, message, field_name(loc))
        node = loader.get_single_node()
        if node is None:
            return problem(1, 1, "file has no YAML content")
        _map_lines(node, (), result)
        if result.problems:
            return result
        result.data = loader.construct_document(node)
        for loc, message in text_problems(result.data):
            line, col = result.lines.where(loc)
            result.problems.append(Problem(shown, line, col, field_name(loc), message))
    except yaml.MarkedYAMLError as err:
        line, col, advice = syntax_advice(err, result.lines.source_lines)
        return problem(line, col, f"YAML syntax error: {advice}")
    except yaml.reader.ReaderError as err:  # a control character, e.g. pasted from Word
        line = text[: err.position].count("\n") + 1
        col = err.position - (text.rfind("\n", 0, err.position) + 1) + 1
        return problem(line, col, f"control character U+{err.character:04X} is not allowed; delete it")
    except yaml.YAMLError as err:
        return problem(1, 1, f"YAML error: {' '.join(str(err).split())}")
    except RecursionError:
        return problem(1, 1, f"values are nested too deeply (a case nests at most {MAX_DEPTH} levels)")
    finally:
        loader.dispose()
    return result


QUOTE_IT = ('put the text in quotes: it contains ": " (a colon and a space), which YAML reads as '
            'the start of a field; e.g. title: "Hanoi: women\'s clubs grow"')
# What the parser says -> what to do about it (for someone who has never heard of YAML).
_ADVICE = {
    "mapping values are not allowed in this context": QUOTE_IT,
    "found unexpected end of stream": "a quote opened here is never closed: add the closing quote at the end of the text",
    "could not find expected ':'": "this line is not `field: value`: if it continues the text above, "
                                   "indent it under that field (or put the whole text in quotes); "
                                   "otherwise add the missing ':'",
    "found unknown escape character": "inside double quotes a backslash starts an escape (\\n): write "
                                      "\\\\ for a backslash, or use single quotes",
    "did not find expected comment or line break": "nothing may follow > or | on its line: start the "
                                                   "text on the next line, indented",
    "block sequence entries are not allowed in this context": 'a value cannot start with "- " on the '
                                                              "line of its field: put the text in quotes, "
                                                              "or start the list on the next line",
    "did not find expected ',' or ']'": "a list in [brackets] is not closed: add the ']' (and a ',' "
                                        "between items)",
    "did not find expected ',' or '}'": "a mapping in {braces} is not closed: add the '}' (and a ',' "
                                        "between items), or put the text in quotes",
    "expected a single document in the stream": "a second document starts here ('---'): a file holds "
                                                "one case; remove the '---' line",
}


def syntax_advice(err: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, int, str]:
    """(line, column, what to do) for a YAML syntax error. The position is where the
    mistake is written, which is not always where the parser gave up (an unclosed quote
    is found at the end of the file; a line without ':' on the line after it)."""
    problem = str(err.problem or "")
    mark = err.problem_mark or err.context_mark
    if problem in ("found unexpected end of stream", "could not find expected ':'") and err.context_mark:
        mark = err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if problem.startswith("found character") and "cannot start any token" in problem:
        char = text[col - 1: col] or "?"
        return line, col, f"a value cannot start with {char!r}: put the text in quotes"
    if problem == "did not find expected key":
        before = text[: col - 1]
        if '"' in before or "'" in before:  # e.g. title: "Women" of China / 'it's'
            return line, col, ("the text goes on after its closing quote: put the whole text in quotes "
                               "(write an apostrophe inside single quotes as '', or use double quotes)")
        return line, col, ("this line does not line up with the fields above it: check its indentation "
                           "(fields of one group start in the same column, with spaces)")
    for said in (problem, str(err.context or "")):
        if said in _ADVICE:
            return line, col, _ADVICE[said]
    return line, col, " ".join(filter(None, [err.context, err.problem]))


def _first_refused_event(text: str):
    """(position, field, message) of the first alias or tag, found from parser events
    before any node is built (so an alias "bomb" costs nothing), or None. A tag changes
    what a value is (``!!merge`` gives a key a second value past the duplicate-key check).
    The field is followed through the events: [kind, loc, key or index, expecting a key]."""
    stack: list[list] = []
    for event in yaml.parse(text, Loader=_RecordLoader):
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            _next(stack, None)
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        loc: Loc = ()
        if stack:
            kind, parent, at, wants_key = stack[-1]
            key = event.value if isinstance(event, yaml.ScalarEvent) else "?"
            loc = parent + ((key,) if wants_key else (at,))
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark, loc, "aliases (*name) are not allowed in a case; write the value out in full"
        if getattr(event, "tag", None) is not None:
            return event.start_mark, loc, (f"tags ({event.tag.replace('tag:yaml.org,2002:', '!!')}) are not "
                                           "allowed in a record; write the value plainly")
        if isinstance(event, yaml.MappingStartEvent):
            stack.append(["map", loc, None, True])
        elif isinstance(event, yaml.SequenceStartEvent):
            stack.append(["seq", loc, 0, False])
        else:
            _next(stack, event.value)
    return None


def _next(stack: list[list], scalar) -> None:
    """Move the innermost collection past one node: a key read (its value comes next), a
    value read (a key comes next), or the next item of a list."""
    if not stack:
        return
    top = stack[-1]
    if top[0] == "seq":
        top[2] += 1
    elif top[3]:
        top[2], top[3] = scalar if scalar is not None else "?", False
    else:
        top[3] = True


def _map_lines(node: yaml.Node, loc: Loc, result: Parsed) -> None:
    """Record each node's position (and block scalars'); report duplicate keys."""
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    if len(loc) > MAX_DEPTH:
        result.problems.append(Problem(result.path, line, col, field_name(loc[:MAX_DEPTH]),
                                       f"values are nested too deeply (a case nests at most {MAX_DEPTH} levels)"))
        return
    result.lines.marks[loc] = (line, col)
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith((":int", ":float")) and len(node.value) > MAX_NUMBER_CHARS:
        result.problems.append(Problem(result.path, line, col, field_name(loc),
                                       f"number is {len(node.value):,} characters long; "
                                       f"a number may be at most {MAX_NUMBER_CHARS}"))
        return
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        result.lines.block_scalars.add(loc)
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
            _map_lines(value_node, child, result)
            if len(result.problems) > 100:
                return
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, loc + (index,), result)
