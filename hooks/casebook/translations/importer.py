"""``casebook translate import``: translations from PO files back into the records.

Only translated values change, with their language's status and ``translated_from``;
every other byte of a file stays as it was (:mod:`.yamlsource` reads, :mod:`.yamledit`
writes). Nothing is written unless every file imports without a problem, and each
changed record must still validate. Problems read ``file.po:LINE: message``.

Per message, with ``S`` the translation in the PO file:
- ``S`` empty: nothing (a translation is never deleted by an import);
- ``S`` new or changed: written; unless the message is ``fuzzy``, ``translated_from``
  records the English it was made from (the file's msgid, so a translation of an English
  that has changed since the export shows as outdated at once);
- ``S`` unchanged and no longer ``fuzzy`` where it was outdated: the translator confirmed
  it, so ``translated_from`` is brought up to date;
- a changed or confirmed case text makes its language ``draft`` (a review is of a text).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import polib

from ..records.load import VOCABULARY_DIR, load_case
from ..records.glossary import load_glossary
from ..records.interface import interface_string_problems
from ..records.problems import field_name
from ..records.vocabulary import load_vocabulary
from .catalog import OTHERS, Catalog, Message
from .fields import fingerprint, recorded
from .pofile import parse_po, size_limit
from .yamledit import YamlDoc

NARRATIVE_ORDER = ("status", "title", "summary", "background", "reform", "results", "translated_from")
LINK_TARGET = re.compile(r"\]\(([^()\s]+)")


@dataclass
class Change:
    message: Message
    lang: str
    value: Optional[str]  # the new text, or None to keep it
    made_from: Optional[str]  # the fingerprint to record, or None
    where: str  # file.po:LINE, for problems found after the change


@dataclass
class Outcome:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    translations: int = 0


def po_language(po: polib.POFile, path: Path) -> Optional[str]:
    """zh or vi, from the header's Language (zh_CN, zh-Hans, vi_VN) or else the file name."""
    for name in (po.metadata.get("Language", ""), path.stem):
        code = re.split(r"[_\-@.]", name.strip())[0].lower()
        if code in OTHERS:
            return code
    return None


def _syntax(path: Path, shown: str) -> list[str]:
    """gettext's own syntax check (polib forgives some mistakes, msgfmt does not)."""
    if shutil.which("msgfmt") is None:
        return []
    done = subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    return [line.replace(str(path), shown, 1) for line in done.stderr.splitlines()
            if line.startswith(str(path) + ":") and "warning:" not in line]


def read_po(path: Path, shown: str, catalog: Catalog, outcome: Outcome) -> list[Change]:
    po, problems = parse_po(path, shown, size_limit(m.english for m in catalog.messages.values()))
    if po is None:
        outcome.problems += problems
        return []
    problems = _syntax(path, shown)  # (after the size and charset checks: it reads any file)
    if problems:
        outcome.problems += problems
        return []
    lang = po_language(po, path)
    if lang is None:
        outcome.problems.append(f"{shown}:1: cannot tell the language: the header's Language "
                                f"should be one of {', '.join(OTHERS)} (or name the file zh.po, vi.po)")
        return []
    changes, seen = [], {}
    live = {entry.msgctxt for entry in po if not entry.obsolete}
    for entry in po:
        where = f"{shown}:{entry.linenum}"
        if entry.obsolete:
            _obsolete(entry, where, catalog, live, outcome)
            continue
        if entry.msgid_plural:
            outcome.problems.append(f"{where}: {entry.msgctxt or entry.msgid}: plural forms (msgid_plural, "
                                    "msgstr[0]) are not used by the casebook; translate msgid with msgstr")
            continue
        change = _entry_change(entry, lang, where, catalog, outcome, seen)
        if change is not None:
            changes.append(change)
    return changes


def _obsolete(entry: polib.POEntry, where: str, catalog: Catalog, live: set, outcome: Outcome) -> None:
    """An entry commented out with ``#~`` is never imported, but never in silence: a
    problem if its text is still in the casebook (the translator's work would be lost:
    editors obsolete a message by mistake, msgmerge when its context changed and came
    back), a note if the text is gone (what msgmerge keeps after an English was removed)."""
    if not entry.msgstr.strip() or entry.msgctxt in live:
        return
    if entry.msgctxt in catalog.messages:
        outcome.problems.append(f"{where}: {entry.msgctxt}: this translation is commented out (#~, obsolete) "
                                "but its text is still in the casebook: remove the #~ marks to import it, "
                                "or delete the entry")
    else:
        outcome.notes.append(f"{where}: {entry.msgctxt or entry.msgid}: obsolete entry (#~) not imported: "
                             "its text is no longer in the casebook")


def _entry_change(entry: polib.POEntry, lang: str, where: str, catalog: Catalog, outcome: Outcome,
                  seen: dict[str, str]) -> Optional[Change]:
    context = entry.msgctxt
    problem = outcome.problems.append
    if not context:
        problem(f"{where}: message without a context (msgctxt); export again with casebook translate export")
        return None
    if context in seen:
        problem(f"{where}: {context}: translated twice in this file (first at line {seen[context]})")
        return None
    seen[context] = where.rsplit(":", 1)[1]
    message = catalog.messages.get(context)
    if message is None:
        kind, _, rest = context.partition("/")
        record = rest.partition(":")[0]
        if kind == "cases" and record not in catalog.book.cases:
            problem(f"{where}: {context}: there is no case '{record}' in cases/ any more "
                    "(renamed or removed); export again")
        else:
            problem(f"{where}: {context}: unknown context: no such text in the casebook; export again")
        return None
    text = " ".join(entry.msgstr.split()) if message.path.name == "glossary.yaml" else entry.msgstr.strip()
    if not text:
        return None
    # printed into every page: the English's working parts, no markup (a field description
    # too, where its English has placeholders or links to keep)
    if context.startswith("ui:") or (context.startswith("fields:") and ("{" in message.english
                                                                        or "](" in message.english)):
        plural = catalog.messages.get(context.removesuffix("_one")) if context.endswith("_one") else None
        wrong = interface_string_problems(message.english, text, plural.english if plural else None)
        for found in wrong:
            problem(f"{where}: {context}: {found}")
        if wrong:
            return None
    for target in LINK_TARGET.findall(entry.msgid):
        if f"]({target}" not in text:
            problem(f"{where}: {context}: the Markdown link to {target} is missing from the translation")
    english_moved = " ".join(entry.msgid.split()) != " ".join(message.english.split())
    if english_moved:
        outcome.notes.append(f"{where}: {context}: the English has changed since this file was exported"
                             + ("; imported, and shown as outdated until it is reviewed" if message.case else
                                "; check the translation"))
    current = message.translations.get(lang)
    fuzzy = "fuzzy" in entry.flags
    if message.case is None:  # vocabularies, glossary, interface: no record of the English
        if fuzzy or text == current:
            return None
        return Change(message, lang, text, None, where)
    made_from = recorded(message.case, lang).get(message.text.path)
    wanted = None if fuzzy else fingerprint(entry.msgid)
    if text != current:
        return Change(message, lang, text, wanted, where)
    # confirmed where it was outdated (by its fingerprint, or by the history without one)
    if wanted is not None and made_from != wanted and (made_from is not None or lang in message.outdated):
        return Change(message, lang, None, wanted, where)
    return None


def apply(catalog: Catalog, changes: list[Change], outcome: Outcome) -> dict[Path, str]:
    """The new text of every file that changes."""
    docs: dict[Path, YamlDoc] = {}
    for change in changes:
        doc = docs.setdefault(change.message.path, YamlDoc(change.message.path))
        message, lang = change.message, change.lang
        loc = message.locs[lang]
        if message.case is not None:
            if doc.get(("text", lang)) is None:
                doc.ensure_mapping(("text", lang), ("en", "zh", "vi"))
            if doc.get(("text", lang, "status")) != "draft":
                doc.set(("text", lang, "status"), "draft", NARRATIVE_ORDER)
            if change.made_from is not None:
                doc.ensure_mapping(("text", lang, "translated_from"), NARRATIVE_ORDER)
                doc.set(("text", lang, "translated_from", message.text.path), change.made_from)
        if change.value is not None:
            doc.set(loc, change.value, message.order, like=message.en_loc)
        outcome.translations += 1
    return {path: doc.text() for path, doc in docs.items() if doc.text() != doc.original}


def check(catalog: Catalog, changes: list[Change], texts: dict[Path, str], outcome: Outcome) -> None:
    """Validate every changed file as the loader will read it; a problem in a text that
    the import changed is reported at its line in the PO file."""
    by_field = {}
    for change in changes:
        loc = change.message.locs[change.lang]
        by_field[(change.message.path, field_name(loc))] = (change.where, change.message.context)
    root = catalog.root
    with tempfile.TemporaryDirectory() as tmp:  # a copy laid out as the project, for the messages
        folder = Path(tmp) / "cases"
        vocab = folder / VOCABULARY_DIR
        shutil.copytree(root / "cases" / VOCABULARY_DIR, vocab)
        for path, text in texts.items():
            target = vocab / path.name if path.parent.name == VOCABULARY_DIR else folder / path.name
            target.write_text(text, encoding="utf-8")
        vocabulary, problems = load_vocabulary(vocab, Path(tmp))
        if (vocab / "glossary.yaml").is_file():
            problems += load_glossary(vocab / "glossary.yaml", Path(tmp))[1]
        for path in texts:
            if path.parent == root / "cases":
                problems += load_case(folder / path.name, vocabulary, Path("cases", path.name),
                                      set(catalog.book.cases))[1]
    for found in problems:
        name = Path(str(found.path)).name
        mine = {fld: where for (path, fld), where in by_field.items() if path.name == name}
        if found.field in mine:
            owner = mine[found.field]
            outcome.problems.append(f"{owner[0]}: {owner[1]}: {found.message}")
            continue
        # Elsewhere in a file the import changed (another field, the whole file): the
        # message whose field shares the longest path with it caused it (a file changed
        # by one message, by that one); the file's own line says where it shows.
        owner = max(mine.items(), key=lambda item: _shared(item[0], found.field), default=None)
        if owner is None:
            outcome.problems.append(f"{found} (after the import)")
        else:
            where, context = owner[1]
            outcome.problems.append(f"{where}: {context}: after the import, {found}")


def _shared(one: str, other: str) -> int:
    """How many leading parts two field paths share (acwf.term.vi, acwf.avoid.vi.0: 1)."""
    count = 0
    for a, b in zip(re.split(r"[.\[]", one), re.split(r"[.\[]", other)):
        if a != b:
            break
        count += 1
    return count


def import_files(catalog: Catalog, files: list[tuple[Path, str]], *, write: bool = True) -> Outcome:
    """Import ``files`` ((path, shown name) pairs); write only if none has a problem."""
    outcome = Outcome()
    changes: list[Change] = []
    for path, shown in files:
        changes += read_po(path, shown, catalog, outcome)
    if outcome.problems:
        return outcome
    texts = apply(catalog, changes, outcome)
    check(catalog, changes, texts, outcome)
    if outcome.problems or not write:
        return outcome
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
        outcome.written.append(path)
    return outcome
