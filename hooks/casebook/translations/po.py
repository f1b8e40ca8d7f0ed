"""PO files for translators: ``casebook.pot`` (the English) and ``<lang>.po`` per language.

Each message carries what a translator's tool (Poedit, Weblate, Crowdin) shows beside the
text: the source reference (``cases/<id>.yaml:LINE``), the field's description and the
glossary terms in it with their agreed rendering (extracted comments, which these tools
show as notes for translators), and ``fuzzy`` where the English changed after the
translation was made, with that earlier English as the previous msgid where git has it. Written with polib, so escaping and wrapping are gettext's own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import polib

from .catalog import OTHERS, Catalog, glossary_notes
from .fields import recorded
from .history import History

POT_NAME = "casebook.pot"
GETTEXT_LANGUAGE = {"zh": "zh_CN", "vi": "vi"}
PLURAL_FORMS = "nplurals=1; plural=0;"  # neither Chinese nor Vietnamese inflects for number
ISSUES = "https://reform-casebook.example.org/contributing/"  # site_url of mkdocs.yml


LANGUAGE_TEAM = {"zh": "Chinese (Simplified)", "vi": "Vietnamese"}


def header(lang: Optional[str], today: dt.date) -> dict[str, str]:
    """The header gettext's tools expect (msgfmt --check-header asks for each field)."""
    return {"Project-Id-Version": "Reform Casebook",
            "Report-Msgid-Bugs-To": ISSUES,
            "PO-Revision-Date": f"{today.isoformat()} 00:00+0000",
            "Last-Translator": f"Reform Casebook translators <{ISSUES}>",
            "Language-Team": f"{LANGUAGE_TEAM.get(lang, 'English')} <{ISSUES}>",
            # the template's texts are English; a new language's tool (msginit) replaces it
            "Language": GETTEXT_LANGUAGE.get(lang, "en"),
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS,
            "X-Generator": "casebook translate export"}


def catalog_po(catalog: Catalog, lang: Optional[str], today: Optional[dt.date] = None) -> polib.POFile:
    """The POT (``lang`` None) or the PO file of ``lang``."""
    po = polib.POFile(wrapwidth=78)
    po.metadata = header(lang, today or dt.datetime.now(dt.timezone.utc).date())
    po.header = ("Reform Casebook: " + ("the English texts to translate" if lang is None else
                                        f"translations into {lang}") +
                 ".\nMade by `casebook translate export`; bring it back with "
                 "`casebook translate import`.\nThe records in cases/ stay the reference: "
                 "export again after they change.")
    history = History(catalog.root)
    for message in catalog.messages.values():
        flags, previous = [], None
        if message.placeholders:
            flags.append("python-brace-format")  # msgfmt --check then checks the placeholders
        if lang is not None and lang in message.outdated:
            flags.insert(0, "fuzzy")
            previous = _previous(catalog, history, message, lang)
        po.append(polib.POEntry(
            msgctxt=message.context, msgid=message.english,
            msgstr=(message.translations.get(lang) or "") if lang else "",
            occurrences=[(message.shown, str(message.line))],
            comment="\n".join([message.description] + glossary_notes(catalog, message.english, lang)),
            flags=flags, previous_msgctxt=message.context if previous else None,
            previous_msgid=previous))
    return po


def _previous(catalog: Catalog, history: History, message, lang: str) -> Optional[str]:
    """The English the outdated ``lang`` translation of ``message`` was made from: the one
    its fingerprint names, else the one of the commit that last changed the translation."""
    if message.english_then is not None:  # (the English stands in another file: model.py)
        return message.english_then(lang)
    made_from = recorded(message.case, lang).get(message.text.path) if message.case else None
    if made_from is not None:
        return history.english(message.shown, message.en_loc, made_from)
    return history.english_before(message.changes, message.en_loc, message.locs[lang])


def export(catalog: Catalog, languages: tuple[str, ...], out: Path) -> list[Path]:
    """Write the POT and one PO file per language into ``out``; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in (None, *languages):
        path = out / (POT_NAME if lang is None else f"{lang}.po")
        catalog_po(catalog, lang).save(str(path))
        written.append(path)
    return written


def export_languages(choice: str) -> tuple[str, ...]:
    return OTHERS if choice == "all" else (choice,)
