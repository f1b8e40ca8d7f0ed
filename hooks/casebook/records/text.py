"""Characters no text of a record may hold, however they were written.

The YAML reader refuses a literal control character, but YAML's escapes (``"\\0"``,
``"\\x1b"``) make the same characters from plain ASCII; and some characters are
invisible or reorder what a reader sees. Checked on every value once the file is read
(cases, vocabulary, glossary):

- control characters (C0 and C1, but line breaks and tabs) and the line and paragraph
  separators U+2028/U+2029;
- bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they
  make a title or an address read differently from how it is stored;
- a text made only of invisible characters (zero-width spaces, joiners, fillers): it
  looks empty and is not.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterator

BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters (not format characters) that show as blank space
BLANK_LETTERS = set("\u115f\u1160\u3164\uffa0\u2800")


def _strings(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, loc + (index,))
    elif isinstance(value, str):
        yield loc, value


def invisible(ch: str) -> bool:
    return ch.isspace() or ch in BLANK_LETTERS or unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp", "Mn")


# Every character the loop below refuses: the control characters (category Cc is exactly
# U+0000-U+001F and U+007F-U+009F) but line breaks and tabs, the separators, the
# bidirectional controls. Searched first: looking up each character's category was a
# fifth of reading all the records at 1,000 cases.
_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]")


def character_problem(text: str) -> str | None:
    refused = _REFUSED.search(text)
    for ch in text[refused.start():] if refused else "":
        if ch in "\n\t":
            continue
        if unicodedata.category(ch) == "Cc" or ch in "\u2028\u2029":
            return (f"control character U+{ord(ch):04X} is not allowed (also not written as an escape "
                    "such as \\x1b); delete it")
        if ch in BIDI_CONTROLS:
            return (f"bidirectional control character U+{ord(ch):04X} is not allowed: it makes text read "
                    "differently from how it is stored; delete it")
    if text and all(invisible(ch) for ch in text) and not text.isspace():
        return "holds only invisible characters (such as zero-width spaces); write the text or delete the field"
    return None


def text_problems(data: Any) -> list[tuple[tuple, str]]:
    """(location, message) of every value with a character no record may hold."""
    found = []
    for loc, value in _strings(data):
        message = character_problem(value)
        if message:
            found.append((loc, message))
    return found
