"""Plain text made safe for the generated Markdown and HTML, and the pages' front matter.

Every page module writes contributor text through these: nothing a record holds can add
markup of its own (the built HTML is sanitised as well, casebook/site/sanitize.py).
"""

from __future__ import annotations

import html
import json
import re


# Markdown's inline syntax as character references, so plain text stays literal wherever
# it lands (a heading, a list item, a span): "C#", "*and*", "{#id}" show as written.
# One pass over the raw text, so no reference is escaped twice.
_ESCAPES = str.maketrans({ch: f"&#{ord(ch)};" for ch in "&<>\"'[]*_`{}#\\~|!"})


def esc(text: str) -> str:
    """Escape plain text for HTML and for Markdown (see _ESCAPES)."""
    return text.translate(_ESCAPES)


def attr_text(text: str) -> str:
    """Escape for HTML text and for attributes in double quotes (how the theme and our
    markup quote every attribute): & < > ", not the apostrophe, which stays one byte."""
    return html.escape(text, quote=False).replace('"', "&quot;")


# What JSON leaves raw but YAML refuses (control characters) or reads as a line break
# inside a quoted string (NEL, U+2028/9): written as \u escapes, which both understand.
_NOT_YAML_SAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


# Front matter keys the theme prints into HTML as they are (Material's templates put
# ``page.meta.title`` in <title> and the header, ``description`` in a <meta> attribute).
PLAIN_TEXT_KEYS = ("title", "description")


def after_title(page_html: str, markup: str) -> str:
    """``page_html`` with ``markup`` right after its title (the first ``</h1>``); as it
    was when it has none."""
    end = page_html.find("</h1>")
    if end < 0:
        return page_html
    end += len("</h1>")
    return page_html[:end] + markup + page_html[end:]


def front_matter(meta: dict) -> str:
    """Front matter as JSON, which is YAML too: writing it is ~50x faster than
    yaml.safe_dump, and MkDocs reads it with the C YAML parser.

    ``title`` and ``description`` are plain text and escaped here, for every generated
    page: a caller cannot forget it (a vocabulary label once reached the header as markup)."""
    meta = {key: attr_text(value) if key in PLAIN_TEXT_KEYS else value for key, value in meta.items()}
    text = _NOT_YAML_SAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(meta, ensure_ascii=False))
    return f"---\n{text}\n---\n\n"
