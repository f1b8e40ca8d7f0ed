"""The English field descriptions of the case model, read from the source of ``model.py``
(this one or any version git has), never run: which descriptions a commit changed is
what tells a translation of them (``pages/field_descriptions.yaml``) to be behind.

A description is named by its class and field (``("model", "Figure", "label")``), as the
source writes it; ``translations/sitetexts.py`` maps those to the paths the field
reference shows. Old versions are as untrusted as any file from git: parsed, bounded in
size, and a version that does not parse tells nothing (every text counts as changed).
"""

from __future__ import annotations

import ast
import typing
from typing import Any, Optional

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import model

from .yamlsource import MAX_BYTES

Descriptions = dict  # ("model", class, field) -> the description, white space normalised


def model_descriptions(raw: bytes) -> Optional[Descriptions]:
    """Every ``Field(description=...)`` given as one string in a class body of ``raw``."""
    if len(raw) > MAX_BYTES:
        return None
    try:
        tree = ast.parse(raw.decode("utf-8"))
    except (UnicodeDecodeError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    found: Descriptions = {}
    for owner in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        for item in owner.body:
            if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
                    and isinstance(item.value, ast.Call)):
                continue
            for keyword in item.value.keywords:
                if keyword.arg == "description" and isinstance(keyword.value, ast.Constant) \
                        and isinstance(keyword.value.value, str):
                    found[("model", owner.name, item.target.id)] = " ".join(keyword.value.value.split())
    return found


def changed_descriptions(old: Optional[Descriptions], new: Optional[Descriptions]) -> Optional[frozenset]:
    """The descriptions that differ between two versions (None when one did not parse)."""
    if old is None or new is None:
        return None
    return frozenset(loc for loc in old.keys() | new.keys() if old.get(loc) != new.get(loc))


def model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation is not model.LocalText:
        return annotation
    for arg in typing.get_args(annotation):
        found = model_in(arg)
        if found:
            return found
    return None


def field_rows(cls: type[BaseModel], prefix: str = "") -> list[tuple[str, Any, FieldInfo]]:
    """(dotted path, annotation, field) for every field, depth first."""
    rows = []
    for name, info in cls.model_fields.items():
        path = f"{prefix}{name}"
        if cls is model.Texts and name != "en":
            continue  # zh and vi have the shape of en, all optional: one row says so
        rows.append((path, info.annotation, info))
        inner = model_in(info.annotation)
        if inner is not None:
            is_list = typing.get_origin(info.annotation) is list
            rows += field_rows(inner, f"{path}[]." if is_list else f"{path}.")
    return rows


def described_fields() -> list[tuple[str, tuple, str]]:
    """(path on the field reference, the description's name in the source, its English)
    of every described field of a case, in the reference's order."""
    found = []
    for path, _, info in field_rows(model.Case):
        cls = _owner_of(path)
        name = path.rsplit(".", 1)[-1]
        owner = next((c for c in cls.__mro__ if name in vars(c).get("__annotations__", {})), cls)
        if info.description:
            found.append((path, ("model", owner.__name__, name), " ".join(info.description.split())))
    return found


def _owner_of(path: str) -> type[BaseModel]:
    """The model class whose field ``path`` (``figures[].label``) names."""
    cls: type[BaseModel] = model.Case
    for part in path.split(".")[:-1]:
        inner = model_in(cls.model_fields[part.removesuffix("[]")].annotation)
        assert inner is not None  # (field_rows walked into it)
        cls = inner
    return cls
