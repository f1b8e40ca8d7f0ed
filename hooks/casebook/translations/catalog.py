"""Every text a translator translates, with where it stands and what it means.

One :class:`Message` per English text: of the cases (:mod:`.fields`), the vocabularies
(themes, levels), the glossary (terms and definitions), the site's interface
(``ui.yaml``) and the field reference's descriptions (``field_descriptions.yaml``, msgctxt
``fields:<path>``; their English is the case model's). Its ``context`` is stable (file and field path), so the PO files made from it
can be imported back into the right place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from .. import LANGUAGES
from ..records.descriptions import described_fields, model_descriptions
from ..records.history import RecordHistory
from ..records.load import GLOSSARY_FILE, VOCABULARY_DIR, Casebook, load_casebook
from ..records.model import Case
from ..records.yamlsource import read_record
from .fields import CaseText, behind_at, case_texts, state
from .sitetexts import ModelVersions, merged, read_site_history, site_files

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
    # the English an outdated translation was made from, by language, where it stands in
    # another file than the translation (a field description's, in model.py)
    english_then: Optional[Callable[[str], Optional[str]]] = None


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
    messages += shared_messages(root, ui, book.history)
    return Catalog(root, book, {m.context: m for m in messages})


def shared_messages(root: Path, ui: Path, history: RecordHistory) -> list[Message]:
    """The messages of every text but the cases', each knowing which of its translations
    are outdated: the vocabularies' by ``history`` (the records'), the interface strings'
    and field descriptions' by their own, read here in one pass."""
    messages: list[Message] = []
    vocab = root / "cases" / VOCABULARY_DIR
    for name in ("themes", "levels", "countries"):
        messages += _labels(root, vocab / f"{name}.yaml", f"vocabulary/{name}",
                            lambda key, parts: (key, *parts), LABELS[name])
    if (vocab / GLOSSARY_FILE).is_file():
        messages += _glossary(root, vocab / GLOSSARY_FILE)
    for message in messages:  # the vocabularies' history is read with the records'
        message.changes = history.of_file(str(message.path.relative_to(root / "cases")))
    site = read_site_history(root, ui)
    ui_name, fields_name, model_name = site_files(root, ui)
    found = _ui(root, ui)
    for message in found:
        message.changes = site.of_file(ui_name)
    if (root / fields_name).is_file():
        found += _field_descriptions(root, root / fields_name, root / model_name,
                                     merged(site, fields_name, model_name), ModelVersions(root, site, model_name))
    for message in messages + found:
        message.outdated = {lang for lang in OTHERS if message.translations.get(lang)
                            and behind_at(message.en_loc, message.locs[lang], message.changes)}
    return messages + found


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


FIELD_DESCRIPTION = ("A field's description on the field reference page (reference/fields): what "
                     "a contributor writes there. Its English is the case model's (records/model.py).")


def _field_descriptions(root: Path, path: Path, model: Path, changes: tuple,
                        versions: ModelVersions) -> list[Message]:
    parsed = read_record(path)
    data = parsed.data or {}
    # the English as this project's model.py writes it (read, not imported: it may differ
    # from the model this program runs with, in a copy of the project)
    english_now = (model_descriptions(model.read_bytes()) if model.is_file() else None) or {}
    found = []
    for field_path, en_loc, english in described_fields():
        english = english_now.get(en_loc, english)
        where = next((parsed.lines.where((lang, field_path)) for lang in OTHERS
                      if isinstance(data.get(lang), dict) and field_path in data[lang]), (1, 1))
        locs = {lang: (lang, field_path) for lang in OTHERS}
        found.append(Message(f"fields:{field_path}", english,
                             {lang: _plain((data.get(lang) or {}).get(field_path)) for lang in OTHERS},
                             path, str(path.relative_to(root)), where[0], FIELD_DESCRIPTION, locs,
                             placeholders="{" in english, en_loc=en_loc, changes=changes,
                             english_then=lambda lang, en_loc=en_loc, locs=locs:
                             versions.english_then(changes, en_loc, locs[lang])))
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
