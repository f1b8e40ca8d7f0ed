"""Earlier versions of a record, read from git for the translations' history
(:mod:`.history`): composed into YAML nodes, never constructed, and compared text by text.
As untrusted as the files themselves, and bounded the same way (:mod:`.yamlsource`)."""

from __future__ import annotations

from typing import Optional

import yaml

from .yamlsource import MAX_BYTES, MAX_DEPTH, Loc

Version = tuple  # (text, root node) of an earlier version of a file, as composed


def compose_version(raw: bytes) -> Optional[Version]:
    """An earlier version of a file (from git), composed into nodes but never constructed:
    old versions are as untrusted as the files (bounded in size; an alias "bomb" is
    refused by :func:`changed_texts` when its node comes round again). None if it is not
    readable YAML."""
    if len(raw) > MAX_BYTES:
        return None
    try:
        text = raw.decode("utf-8")
        node = yaml.compose(text, Loader=_VersionLoader)
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return None
    return (text, node) if node is not None else None


class _VersionLoader(yaml.CBaseLoader):  # type: ignore[misc,valid-type]
    """Every node is text (its tag does not matter to whether it changed): no resolving,
    a third quicker."""

    def resolve(self, kind, value, implicit) -> str:
        return "tag:yaml.org,2002:str"

    def descend_resolver(self, current_node, current_index) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


class _CannotTell(Exception):
    pass


def changed_texts(old: Optional[Version], new: Optional[Version]) -> Optional[frozenset]:
    """The locs of the texts (scalar values) that differ between two versions, white space
    aside; None when that cannot be told (a version unreadable, nested too deeply, or with
    an alias). Whole blocks whose source text is the same are skipped unread."""
    if old is None or new is None:
        return None
    found: set = set()
    seen: set[int] = set()
    try:
        _differ(old[1], old[0], new[1], new[0], (), found, seen)
    except _CannotTell:
        return None
    return frozenset(found)


def _source(node: yaml.Node, text: str) -> str:
    return text[node.start_mark.index:node.end_mark.index]


def _differ(a, a_text: str, b, b_text: str, loc: Loc, found: set, seen: set) -> None:
    for node in (a, b):
        if node is not None:
            if id(node) in seen or len(loc) > MAX_DEPTH:
                raise _CannotTell
            seen.add(id(node))
    if a is not None and b is not None and type(a) is type(b) and _source(a, a_text) == _source(b, b_text):
        return
    if isinstance(a, yaml.MappingNode) or isinstance(b, yaml.MappingNode):
        mine = _children(a, yaml.MappingNode)
        theirs = _children(b, yaml.MappingNode)
        for key in mine.keys() | theirs.keys():
            _differ(mine.get(key), a_text, theirs.get(key), b_text, loc + (key,), found, seen)
        if a is not None and b is not None and type(a) is not type(b):
            found.add(loc)  # a text became a mapping, or the other way round
    elif isinstance(a, yaml.SequenceNode) or isinstance(b, yaml.SequenceNode):
        mine = _children(a, yaml.SequenceNode)
        theirs = _children(b, yaml.SequenceNode)
        for index in mine.keys() | theirs.keys():
            _differ(mine.get(index), a_text, theirs.get(index), b_text, loc + (index,), found, seen)
    elif _scalar(a) != _scalar(b):
        found.add(loc)


def _children(node, kind) -> dict:
    if not isinstance(node, kind):
        return {}
    if kind is yaml.SequenceNode:
        return dict(enumerate(node.value))
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _scalar(node) -> Optional[str]:
    return " ".join(node.value.split()) if isinstance(node, yaml.ScalarNode) else None
