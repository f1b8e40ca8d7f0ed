"""Every text a translator translates, with where it stands and what it means.

One :class:`Message` per English text: of the cases (:mod:`.fields`), the vocabularies
(themes, levels), the glossary (terms and definitions) and the site's interface
(``ui.yaml``). Its ``context`` is stable (file and field path), so the PO files made from it
can be imported back into the right place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .. import LANGUAGES
from ..records.load import GLOSSARY_FILE, VOCABULARY_DIR, Casebook, load_casebook
from ..records.model import Case
from ..records.yamlsource import read_record
from .fields import CaseText, behind_at, case_texts, state

OTHERS = tuple(lang for lang in LANGUAGES if lang != "en")


@dataclass
class Message:
    context: str  # msgctxt: cases/<id>:text.summary, vocabulary/themes:health, ui:key_facts
    english: str
    translations: dict[str, Optional[str]]
    path: Path  # the YAML file that holds it
    shown: str  # that file relative to the project (the PO reference)
    line: int
    description: str
    locs: dict[str, tuple]  # where each language's text stands (or would stand) in the file
    order: tuple[str, ...] = ()  # the keys around a new language's text, in their order
    outdated: set[str] = field(default_factory=set)
    placeholders: bool = False  # {name} placeholders (the interface strings)
    en_loc: tuple = ()  # where the English stands (a new translation takes its style)
    case: Optional[Case] = None
    text: Optional[CaseText] = None
    changes: tuple = ()  # the history of its file, newest first (records/history.py)


@dataclass
class Catalog:
    root: Path
    book: Casebook
    messages: dict[str, Message]  # by context, in file order

    def terms_in(self, english: str) -> list:
        """The glossary entries whose English spelling occurs in ``english``."""
        return [entry for entry in self.book.glossary
                if any(_occurs(spelling, english) for spelling in entry.spellings("en"))]


def _occurs(spelling: str, text: str) -> bool:
    return bool(spelling) and re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", text) is not None


def build_catalog(root: Path, ui: Path) -> Catalog:
    """The catalog of the project at ``root`` with the interface strings in ``ui`` (the
    pages' ui.yaml); raises CasebookInvalid if a record is invalid (translations are made
    from valid records only)."""
    book = load_casebook(root / "cases", shown_root=root)
    messages: list[Message] = []
    for case in book.sorted_cases():
        messages += _case_messages(root, case, book.history.of_case(case.id))
    vocab = root / "cases" / VOCABULARY_DIR
    for name in ("themes", "levels", "countries"):
        messages += _labels(root, vocab / f"{name}.yaml", f"vocabulary/{name}",
                            lambda key, parts: (key, *parts), LABELS[name])
    if (vocab / GLOSSARY_FILE).is_file():
        messages += _glossary(root, vocab / GLOSSARY_FILE)
    for message in (m for m in messages if m.case is None):
        # the vocabularies' history is read with the records' (records/history.py)
        message.changes = book.history.of_file(str(message.path.relative_to(root / "cases")))
        message.outdated = {lang for lang in OTHERS if message.translations.get(lang)
                            and behind_at(message.en_loc, message.locs[lang], message.changes)}
    messages += _ui(root, ui)
    return Catalog(root, book, {m.context: m for m in messages})


LABELS = {"themes": "The label of a theme: a heading on its page and a filter.",
          "levels": "The label of an administrative level, as a filter and in a case's facts.",
          "countries": "A country's name as the casebook writes it (its common name, as readers use it)."}


def _case_messages(root: Path, case: Case, changes: tuple) -> list[Message]:
    path = root / "cases" / f"{case.id}.yaml"
    lines = read_record(path).lines
    found = []
    for text in case_texts(case):
        found.append(Message(
            context=f"cases/{case.id}:{text.path}", english=text.english,
            translations=dict(text.translations), path=path, shown=f"cases/{case.id}.yaml",
            line=lines.where(text.en_loc)[0], description=text.description,
            locs={lang: text.loc(lang) for lang in OTHERS},
            order=("status", "title", "summary", "background", "reform", "results") if text.narrative
            else LANGUAGES,
            outdated={lang for lang in OTHERS if state(case, text, lang, changes) == "outdated"},
            en_loc=text.en_loc, case=case, text=text, changes=changes))
    return found


def _plain(value: object) -> Optional[str]:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _labels(root: Path, path: Path, prefix: str, loc, description: str) -> list[Message]:
    parsed = read_record(path)
    found = []
    for key, labels in (parsed.data or {}).items():
        if not isinstance(labels, dict) or not _plain(labels.get("en")):
            continue
        found.append(Message(f"{prefix}:{key}", _plain(labels["en"]),
                             {lang: _plain(labels.get(lang)) for lang in OTHERS}, path,
                             str(path.relative_to(root)), parsed.lines.where((key, "en"))[0], description,
                             {lang: loc(key, (lang,)) for lang in OTHERS}, LANGUAGES,
                             en_loc=loc(key, ("en",))))
    return found


GLOSSARY_FIELDS = {
    "term": "A glossary term as this language writes it. Every case uses exactly this "
            "rendering, and `casebook validate` warns where a text renders it otherwise.",
    "definition": "One or two sentences defining the term, saying only what the sources say.",
}


def _glossary(root: Path, path: Path) -> list[Message]:
    parsed = read_record(path)
    found = []
    for key, entry in (parsed.data or {}).items():
        if not isinstance(entry, dict):
            continue
        for name, description in GLOSSARY_FIELDS.items():
            values = entry.get(name)
            if not isinstance(values, dict) or not _plain(values.get("en")):
                continue
            found.append(Message(f"vocabulary/glossary:{key}.{name}", " ".join(values["en"].split()),
                                 {lang: _plain(values.get(lang)) and " ".join(values[lang].split())
                                  for lang in OTHERS},
                                 path, str(path.relative_to(root)), parsed.lines.where((key, name, "en"))[0],
                                 description, {lang: (key, name, lang) for lang in OTHERS}, LANGUAGES,
                                 en_loc=(key, name, "en")))
    return found


def _ui(root: Path, path: Path) -> list[Message]:
    parsed = read_record(path)
    data = parsed.data or {}
    english = data.get("en") or {}
    order = tuple(english)
    found = []
    for key, value in english.items():
        if not _plain(value):
            continue
        found.append(Message(f"ui:{key}", value.strip(),
                             {lang: _plain((data.get(lang) or {}).get(key)) for lang in OTHERS},
                             path, str(path.relative_to(root)), parsed.lines.where(("en", key))[0],
                             "Text of the site's pages (ui.yaml)." + (
                                 " Keep every {placeholder} as it is: the site fills it in."
                                 if "{" in value else ""),
                             {lang: (lang, key) for lang in OTHERS}, order, placeholders="{" in value,
                             en_loc=("en", key)))
    return found


def glossary_notes(catalog: Catalog, english: str, lang: Optional[str]) -> list[str]:
    """Translator notes: each glossary term in ``english`` with its agreed rendering."""
    notes = []
    for entry in catalog.terms_in(english):
        if lang is None:
            notes.append(f"Glossary: “{entry.term['en']}” (cases/vocabulary/glossary.yaml)")
        else:
            notes.append(f"Glossary: “{entry.term['en']}” → “{entry.term[lang]}”")
    return notes
