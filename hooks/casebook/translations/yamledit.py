"""Write translated values into a YAML file, leaving everything else as it was.

ruamel.yaml's round trip keeps comments, key order, quoting and block styles, but it
re-wraps a long plain text at its own line width, and ``ui.yaml`` mixes texts wrapped by
hand with texts on one line. So the file is dumped twice, before and after the change, and
only the lines that differ between the two dumps replace their lines in the file as it was
(a three-way merge): every line the change does not touch stays byte for byte.
"""

from __future__ import annotations

import difflib
import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import (DoubleQuotedScalarString, FoldedScalarString,
                                      LiteralScalarString, SingleQuotedScalarString)

FOLD_AT = 96  # columns of a new folded (>-) text, as contributors wrap theirs


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never wrap a text that is on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class YamlDoc:
    def __init__(self, path: Path, text: str | None = None):
        self.path = path
        self.original = path.read_text(encoding="utf-8") if text is None else text
        self.yaml = _yaml()
        self.data = self.yaml.load(self.original)
        self._base = self._dump(self.yaml, self.data)

    @staticmethod
    def _dump(yaml: YAML, data: Any) -> str:
        out = io.StringIO()
        yaml.dump(data, out)
        return out.getvalue()

    def text(self) -> str:
        """The file with the changes made (the original where nothing changed)."""
        changed = self._dump(self.yaml, self.data)
        if changed == self._base:
            return self.original
        return "".join(merge(self.original.splitlines(True), self._base.splitlines(True),
                             changed.splitlines(True)))

    def get(self, loc: tuple) -> Any:
        node = self.data
        for part in loc:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def ensure_mapping(self, loc: tuple, order: tuple[str, ...] = ()) -> None:
        """Make an empty mapping at ``loc`` when there is none (its parent must exist),
        after the keys that ``order`` lists before its key."""
        parent = self.get(loc[:-1])
        if parent.get(loc[-1]) is None:
            _insert(parent, loc[-1], CommentedMap(), order)

    def set(self, loc: tuple, value: str, order: tuple[str, ...] = (), like: tuple = ()) -> None:
        """Set the text at ``loc`` (its parent mapping must exist), in the style of the text
        it replaces, or else of the text at ``like`` (the English); a new key goes after the
        keys that ``order`` lists before it."""
        parent = self.get(loc[:-1])
        key = loc[-1]
        indent = sum(4 if isinstance(part, int) else 2 for part in loc[:-1])
        old = parent.get(key)
        styled = _styled(value, old if old is not None or not like else self.get(like), indent)
        if key in parent:
            parent[key] = styled
        else:
            _insert(parent, key, styled, order)


def _insert(mapping: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Put ``key`` after the last existing key that ``order`` lists before it."""
    if key not in order:
        mapping[key] = value
        return
    before = order[: order.index(key)]
    position = 0
    for index, existing in enumerate(mapping):
        if existing in before:
            position = index + 1
    mapping.insert(position, key, value)


def _styled(value: str, old: Any, indent: int) -> Any:
    """``value`` in the scalar style of ``old``: a | block stays a block, a quoted text
    stays quoted the same way; a new multi-line text becomes a | block."""
    if isinstance(old, LiteralScalarString) or "\n" in value:
        return LiteralScalarString(value.rstrip("\n") + "\n")
    if isinstance(old, FoldedScalarString):
        return _folded(value, FOLD_AT - indent)
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(value)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(value)
    return value


def _folded(value: str, width: int) -> FoldedScalarString:
    """A >- text folded at spaces so that lines stay within ``width`` (Chinese, without
    spaces, stays one line, as contributors write it)."""
    folded = FoldedScalarString(value)
    positions, line_start, last_space = [], 0, None
    for index, char in enumerate(value):
        if char == " " and 0 < index < len(value) - 1 and value[index - 1] != " " and value[index + 1] != " ":
            if index - line_start > width and last_space is not None:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = index
    if len(value) - line_start > width and last_space is not None and last_space >= line_start:
        positions.append(last_space)
    folded.fold_pos = positions
    return folded


def merge(theirs: list[str], base: list[str], ours: list[str]) -> list[str]:
    """Apply the changes from ``base`` to ``ours`` to ``theirs``, where ``base`` is
    ``theirs`` as ruamel dumps it. A change inside a region that the dump laid out
    differently (a re-wrapped text) takes that whole region from ``ours``."""
    layout = difflib.SequenceMatcher(None, base, theirs, autojunk=False).get_opcodes()
    edits = difflib.SequenceMatcher(None, base, ours, autojunk=False).get_opcodes()
    relaid = [(a1, a2) for tag, a1, a2, _, _ in layout if tag != "equal"]
    spans = [[i1, i2] for tag, i1, i2, _, _ in edits if tag != "equal"]

    def touches(span: list[int], a1: int, a2: int) -> bool:
        i1, i2 = span
        return a1 < i1 < a2 if i1 == i2 else (a1 < i2 and i1 < a2)

    merged: list[list[int]] = []
    for span in spans:
        for a1, a2 in relaid:  # widen a change to the whole re-laid-out region it touches
            if touches(span, a1, a2):
                span[0], span[1] = min(span[0], a1), max(span[1], a2)
        if merged and span[0] < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span[1])
        else:
            merged.append(span)

    def mapped(opcodes, i: int, last: bool) -> int:
        """Where base line ``i`` (the edge of a change) falls in the other text: before
        (``last`` False) or after (True) lines inserted at that point."""
        found = []
        for tag, a1, a2, b1, b2 in opcodes:
            if tag == "equal" and a1 <= i <= a2:
                found.append(b1 + (i - a1))
            elif tag != "equal":
                found += ([b1] if i == a1 else []) + ([b2] if i == a2 else [])
        return (found[-1] if last else found[0]) if found else 0

    out, at = [], 0
    for i1, i2 in merged:
        # lines only in the file as it was, at either edge of a change, are kept
        start = max(at, mapped(layout, i1, True))
        out += theirs[at:start] + ours[mapped(edits, i1, False):mapped(edits, i2, True)]
        at = max(start, mapped(layout, i2, False))
    return out + theirs[at:]
