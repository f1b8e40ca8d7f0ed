"""Read a translator's PO file defensively, in bounded time, before any message is used.

A PO file comes from outside (a translator's tool, or anyone's pull request), so:
- its size is capped relative to the casebook (a full export, four times over, plus a
  megabyte): a file larger than any export could grow to is refused before it is read;
- it must be UTF-8 and say so: the casebook exports UTF-8, and a header naming another
  charset (or UTF-8 over Latin-1 bytes) would import every accented letter as mojibake;
  both are refused at the line of the header;
- it is parsed in linear time: polib appends each continuation line (``"a"``) to the
  string before it, which is quadratic (a 10 MB file of one-character lines takes
  minutes), so continuation strings are joined here first and the lines they stood on
  left blank (polib skips blank lines but counts them: every entry keeps its line);
  comments the import does not read (``#.``, ``#:``, ``# ...``) are blanked the same way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Optional

import polib

MIN_LIMIT = 1024 * 1024
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
KEYWORD_LINE = re.compile(r'(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(?:[^"\\]|\\.)*"')
CHARSET = re.compile(rb'"Content-Type:[^"\n]*?charset=([^"\s\\;]*)')


def size_limit(texts: Iterable[str]) -> int:
    """The largest PO file a casebook of these English texts (with their descriptions)
    can honestly produce: each message's English, a translation up to four times as
    long, notes, plus a megabyte for headers and comments."""
    return MIN_LIMIT + sum(4 * len(text.encode("utf-8")) + 256 for text in texts)


def _header_line(raw: bytes, at: int) -> int:
    return raw[:at].count(b"\n") + 1


def _decoded(raw: bytes, shown: str, problems: list[str]) -> Optional[str]:
    """The text of the file if it is UTF-8 and its header says so (or names no charset)."""
    found = CHARSET.search(raw[:64 * 1024])  # (the header is the file's first entry)
    line = _header_line(raw, found.start()) if found else 1
    named = found.group(1).decode("ascii", "replace") if found else "UTF-8"
    if named.lower().replace("-", "").replace("_", "") != "utf8":
        problems.append(f"{shown}:{line}: the header says charset={named}; the casebook reads and writes "
                        "PO files in UTF-8: save the file as UTF-8 and write charset=UTF-8 in its Content-Type")
        return None
    try:
        return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as err:
        bad = _header_line(raw, err.start)
        problems.append(f"{shown}:{line}: the header says charset={named}, but line {bad} is not UTF-8 "
                        f"(byte 0x{raw[err.start]:02x}): save the file as UTF-8")
        return None


def _prefix(line: str) -> tuple[str, str]:
    """('#~', rest) for an obsolete line, ('#|', rest) for a previous msgid, ('', line)."""
    for prefix in ("#~|", "#~", "#|"):
        if line.startswith(prefix):
            return prefix, line[len(prefix):].strip()
    return "", line


def linear_text(text: str) -> str:
    """``text`` with each string's continuation lines joined onto its first line and left
    blank, and unread comments blanked: the same entries at the same lines, parsed by
    polib in time linear in the size of the file."""
    out: list[str] = []
    joined: dict[int, list[str]] = {}  # line index -> pieces of its joined string
    open_at, open_prefix = None, ""
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("#") and not stripped.startswith(("#,", "#|", "#~")):
            out.append("")
            open_at = None
            continue
        prefix, rest = _prefix(stripped)
        if open_at is not None and prefix == open_prefix and STRING.fullmatch(rest):
            joined[open_at].append(rest[1:-1])
            out.append("")
            continue
        out.append(line)
        open_at = None
        if prefix != "#~|" and KEYWORD_LINE.fullmatch(rest):
            open_at, open_prefix = len(out) - 1, prefix
            joined[open_at] = [stripped[:-1]]
    for index, pieces in joined.items():
        if len(pieces) > 1:
            out[index] = "".join(pieces) + '"'
    return "\n".join(out)


def parse_po(path: Path, shown: str, limit: int) -> tuple[Optional[polib.POFile], list[str]]:
    """The parsed file, or None and its problems (``shown:LINE: ...``)."""
    try:
        size = path.stat().st_size
        if size > limit:
            return None, [f"{shown}:1: the file is {size:,} bytes; a PO file of this casebook may be at most "
                          f"{limit:,} (four times its English texts, plus a megabyte): is it the right file?"]
        raw = path.read_bytes()
    except OSError as err:
        return None, [f"{shown}:1: cannot read the file: {err.strerror}"]
    problems: list[str] = []
    text = _decoded(raw, shown, problems)
    if text is None:
        return None, problems
    try:
        return polib.pofile(linear_text(text), wrapwidth=78, encoding="utf-8"), []
    except (OSError, ValueError) as err:
        line = re.search(r"\(line (\d+)\)", str(err))
        return None, [f"{shown}:{line.group(1) if line else 1}: PO syntax error"]
