"""The glossary: terms of the field in every site language, with short definitions.

The terms live in ``cases/vocabulary/glossary.yaml`` (data, edited by translators). They
are used twice: as a glossary page (``casebook/pages/glossary.py``) and as tooltips on every page,
through the Markdown ``abbr`` extension: :func:`abbreviations` writes one
``*[term]: definition`` line per spelling, which Material shows as a tooltip wherever the
spelling appears in the text.

What the ``abbr`` extension can and cannot do decides some rules here:

- the abbreviation is matched literally (case-sensitive) in the text, so it cannot be
  escaped: a spelling that the definition syntax cannot hold (``]``, ``\\``, a line break)
  is reported by :func:`load_glossary` and left out by :func:`abbreviations`;
- the definition runs to the end of its line, so line breaks in it are joined with spaces;
- a spelling is only found between word boundaries (``\\b`` in a Python regex). Chinese
  characters are word characters, so a Chinese term inside a sentence (no spaces) is not
  found; it is found next to punctuation, quotes or spaces (“妇女之家”, （全国妇联）).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .. import LANGUAGES
from .problems import Problem, allowed, display_path
from .yamlsource import read_record

KEY = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")  # as in casebook/records/vocabulary.py
FIELDS = ("term", "also", "definition", "source")
REQUIRED = ("term", "definition", "source")
SOURCE = re.compile(r"^(?:general|[^/\\\s]+\.txt)$")  # a file in shared/sources, or "general"
UNSAYABLE = ("]", "\\")  # characters an abbr definition cannot hold in its abbreviation

Labels = dict[str, str]


@dataclass(frozen=True)
class Entry:
    key: str
    term: Labels  # {lang: term}
    also: dict[str, tuple[str, ...]]  # {lang: other spellings to match in the text}
    definition: Labels  # {lang: one or two sentences}
    source: str  # file in shared/sources, or "general"

    def spellings(self, lang: str) -> tuple[str, ...]:
        """The term and its other spellings in ``lang``, without repeats."""
        return tuple(dict.fromkeys((self.term[lang],) + tuple(self.also.get(lang, ()))))


@dataclass(frozen=True)
class Glossary:
    entries: dict[str, Entry]  # keyed by key

    def __getitem__(self, key: str) -> Entry:
        return self.entries[key]

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def sorted(self, lang: str) -> list[Entry]:
        """Entries in alphabetical order of their term in ``lang``."""
        return sorted(self.entries.values(), key=lambda e: (sort_key(e.term[lang], lang), e.key))


def load_glossary(path: Path, shown_root: Path | None = None) -> tuple[Glossary, list[Problem]]:
    """Read the glossary file; every entry needs a term and a definition in every language."""
    shown = display_path(path, shown_root)
    parsed = read_record(path, shown)
    problems = list(parsed.problems)
    lines = parsed.lines

    def report(loc: tuple, message: str, *, key: bool = False) -> None:
        line, col = lines.key_where(loc) if key else lines.where(loc)
        field = ".".join(str(part) for part in loc)
        problems.append(Problem(shown, line, col, field, message))

    data = parsed.data
    if data is not None and not isinstance(data, dict):
        problems.append(Problem(shown, 1, 1, "", "expected a mapping of key: {term, also, definition, source}"))
    entries: dict[str, Entry] = {}
    owners: dict[tuple[str, str], str] = {}  # (lang, spelling) -> key of the entry using it
    for key, value in (data if isinstance(data, dict) else {}).items():
        if not isinstance(key, str) or not KEY.match(key):
            report((key,), "key must be lowercase words joined by hyphens", key=True)
            continue
        if not isinstance(value, dict):
            report((key,), "expected term, definition and source (and optionally also)")
            continue
        for extra in sorted(set(value) - set(FIELDS), key=str):
            report((key, extra), allowed(FIELDS, extra), key=True)
        for name in REQUIRED:
            if name not in value:
                report((key,), f"'{name}' is required", key=True)
        term = _labels(key, "term", value, report, spelling=True)
        definition = _labels(key, "definition", value, report)
        also = _also(key, value.get("also"), report)
        source = value.get("source")
        if "source" in value and (not isinstance(source, str) or not SOURCE.match(source.strip())):
            report((key, "source"), "expected a file name from shared/sources (e.g. "
                                    "001_b27106bf972f3f03.txt) or 'general'")
        entry = Entry(key, term, also, definition, str(source or "").strip())
        for lang in LANGUAGES:
            for spelling in entry.spellings(lang):
                if not spelling:
                    continue
                other = owners.setdefault((lang, spelling), key)
                if other != key:
                    loc = (key, "term", lang) if spelling == term.get(lang) else (key, "also", lang)
                    report(loc, f"'{spelling}' is already a spelling of '{other}'; "
                                "a tooltip can only have one definition")
        entries[key] = entry
    return Glossary(entries), problems


def _labels(key: str, name: str, fields: dict, report, *, spelling: bool = False) -> Labels:
    """The {en, zh, vi} mapping ``fields[name]`` of non-empty texts (reported when not; a
    missing ``name`` is reported by the caller); always all languages."""
    value = fields.get(name)
    if value is None:
        if name in fields:  # written but left empty
            report((key, name), f"a {name} is required in every language", key=True)
        return {lang: "" for lang in LANGUAGES}
    if not isinstance(value, dict):
        report((key, name), "expected a text for each of: " + ", ".join(LANGUAGES))
        return {lang: "" for lang in LANGUAGES}
    for extra in sorted(set(value) - set(LANGUAGES), key=str):
        report((key, name, extra), "unknown language; expected one of: " + ", ".join(LANGUAGES), key=True)
    labels: Labels = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            report((key, name, lang) if lang in value else (key, name),
                   f"a {name} is required in every language (missing: {lang})", key=lang not in value)
            text = ""
        elif spelling:
            _check_spelling(text, (key, name, lang), report)
        labels[lang] = text.strip()
    return labels


def _also(key: str, value: object, report) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        report((key, "also"), "expected a list of other spellings for each language")
        return {}
    for extra in sorted(set(value) - set(LANGUAGES), key=str):
        report((key, "also", extra), "unknown language; expected one of: " + ", ".join(LANGUAGES), key=True)
    also: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        items = value.get(lang)
        if items is None:
            continue
        if not isinstance(items, list):
            report((key, "also", lang), "expected a list of spellings, e.g. [All-China Women's Federation]")
            continue
        kept = []
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                report((key, "also", lang, index), "expected a non-empty text")
                continue
            if _check_spelling(item, (key, "also", lang, index), report):
                kept.append(item.strip())
        also[lang] = tuple(kept)
    return also


def _check_spelling(text: str, loc: tuple, report) -> bool:
    """A spelling becomes the abbreviation of an abbr definition: one line, no ] or \\."""
    if "\n" in text or "\r" in text:
        report(loc, "a term must be on one line")
        return False
    bad = [ch for ch in UNSAYABLE if ch in text]
    if bad:
        report(loc, f"a term cannot contain {' or '.join(bad)} (a tooltip cannot be defined for it)")
        return False
    return True


# --- tooltips -----------------------------------------------------------------------------

def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks included) as one space."""
    return " ".join(text.split())


def can_abbreviate(spelling: str) -> bool:
    """Whether an abbr definition can hold ``spelling`` as its abbreviation."""
    return bool(spelling) and spelling == one_line(spelling) and not any(ch in spelling for ch in UNSAYABLE)


def abbreviations(glossary: Glossary, lang: str) -> str:
    """``*[spelling]: definition`` lines (Markdown ``abbr``) for every term in ``lang``.

    Starts with a blank line, so it can be appended to any page's Markdown. A spelling the
    syntax cannot hold is left out (see :func:`load_glossary`); a spelling used by two
    entries keeps the first entry's definition.
    """
    lines: list[str] = []
    seen: set[str] = set()
    for entry in glossary.entries.values():
        title = one_line(entry.definition.get(lang, ""))
        if not title or title in ("''", '""'):  # abbr reads these two as "forget this one"
            continue
        for spelling in entry.spellings(lang):
            if can_abbreviate(spelling) and spelling not in seen:
                seen.add(spelling)
                lines.append(f"*[{spelling}]: {title}")
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""


# --- alphabetical order -------------------------------------------------------------------

_VI_ALPHABET = {letter: rank for rank, letter in enumerate(
    "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split())}
_VI_LETTERS = dict(enumerate(_VI_ALPHABET))
_VI_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_VI_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def _vi_key(text: str) -> tuple:
    """Vietnamese dictionary order: a ă â b c d đ e ê ..., then tones (none, huyền, hỏi,
    ngã, sắc, nặng) as a second level."""
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", text.casefold()):
        if ch in _VI_TONES:
            if tones:
                tones[-1] = _VI_TONES[ch]
        elif ch in _VI_LETTER_MARKS and letters and letters[-1][0] == 2:
            letter = unicodedata.normalize("NFC", _VI_LETTERS[letters[-1][1]] + ch)
            letters[-1] = (2, _VI_ALPHABET.get(letter, letters[-1][1]))
        elif unicodedata.combining(ch):
            continue
        elif ch in _VI_ALPHABET:
            letters.append((2, _VI_ALPHABET[ch]))
            tones.append(0)
        elif ch.isdigit():
            letters.append((1, int(ch) if ch.isdecimal() else ord(ch)))
            tones.append(0)
        else:  # spaces and punctuation sort before digits and letters
            letters.append((0, ord(ch)))
            tones.append(0)
    return tuple(letters), tuple(tones)


def sort_key(text: str, lang: str) -> tuple:
    """Alphabetical order in ``lang``: Chinese by the text as is, English ignoring case and
    accents, Vietnamese by its own alphabet and tones."""
    if lang == "zh":
        return (text,)
    if lang == "vi":
        return _vi_key(text) + (text,)
    plain = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return (plain.casefold(), text)
