"""The field reference page (``reference/fields.<lang>.md``), walked from the model.

Nothing here lists fields by hand: adding a field to ``casebook/records/model.py`` adds its row.
"""

from __future__ import annotations

import typing
from typing import Any, Literal

from pydantic import BaseModel

from ..records import model
from ..records.descriptions import field_rows
from .i18n import field_description, t
from ..records.load import Casebook
from .markup import esc, front_matter

# Annotated aliases of casebook/records/model.py, named for readers (compared by identity).
# Material's `search: boost:` of the pages for contributors and developers (this one, and
# the front matter of docs/contributing.*.md and docs/performance.en.md): a topical query
# lists the cases first.
DEVELOPER_BOOST = 0.4

_NAMED_TYPES = [(model.Markdown, "type_markdown"), (model.Text, "type_text"),
                (model.PartialDate, "type_date"), (model.Url, "type_url"), (model.Slug, "type_id"),
                (model.ThemeKey, "type_choice")]


def _type_name(annotation: Any, lang: str) -> str:
    for alias, key in _NAMED_TYPES:
        if annotation == alias:
            return t(lang, key)
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)) and len(args) == 1:
        return _type_name(args[0], lang)
    if origin is list:
        return t(lang, "type_list", item=_type_name(args[0], lang))
    if origin is Literal:
        return " / ".join(f"`{a}`" for a in typing.get_args(annotation))
    if annotation is model.LocalText:
        return t(lang, "type_languages")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return t(lang, "type_mapping")
    if annotation in (float, int):
        return t(lang, "type_number")
    if annotation is str:
        return t(lang, "type_text")
    return esc(str(annotation))


def render_reference(book: Casebook, lang: str) -> str:
    parts = [front_matter({"title": t(lang, "reference_title"), "casebook": {"kind": "reference", "lang": lang},
                          # for contributors and developers: below the cases a reader looks for
                          "search": {"boost": DEVELOPER_BOOST}}),
             f"# {esc(t(lang, 'reference_title'))}\n",
             t(lang, "reference_intro", schema="../data/case.schema.json") + "\n",
             '<dl class="cb-reference" markdown>']
    # A list, not a table: the type and description columns would not fit a phone.
    for path, annotation, info in field_rows(model.Case):
        shown = path.replace("text.en", "text.en / zh / vi")
        required = t(lang, "required") if info.is_required() else ""
        description = esc(field_description(path, info.description, lang)) if info.description else ""
        facts = " · ".join(filter(None, [_type_name(annotation, lang), esc(required)]))
        parts.append(f'<dt markdown="span">`{shown}`</dt>\n<dd markdown="span">{facts}'
                     + (f"<br>{description}" if description else "") + "</dd>")
    parts.append("</dl>\n")
    for title_key, table in (("level", book.vocabulary.levels), ("themes", book.vocabulary.themes)):
        parts += [f"## {esc(t(lang, 'allowed_values'))}: {esc(t(lang, title_key))}\n",
                  f"| {t(lang, 'key')} | {t(lang, 'label')} |", "|---|---|"]
        parts += [f"| `{key}` | {esc(labels[lang])} |" for key, labels in table.items()]
        parts.append("")
    parts += [f"## {esc(t(lang, 'allowed_values'))}: {esc(t(lang, 'country'))}\n", t(lang, "countries_note"), ""]
    return "\n".join(parts)
