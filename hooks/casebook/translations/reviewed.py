"""``casebook translate reviewed ID --lang zh``: a person has checked the translation
against the English as it is now, so every translated field records that English."""

from __future__ import annotations

from pathlib import Path

from ..records.model import Case
from .fields import case_texts, fingerprint, recorded
from .importer import NARRATIVE_ORDER
from .yamledit import YamlDoc


def mark_reviewed(path: Path, case: Case, lang: str, status: str = "reviewed") -> bool:
    """Record the current English of every ``lang`` text of ``case`` and set its status;
    returns whether the file changed. A case without any ``lang`` text is left alone."""
    texts = [text for text in case_texts(case, (lang,)) if text.translations.get(lang)]
    if not texts:
        return False
    doc = YamlDoc(path)
    if doc.get(("text", lang)) is None:
        doc.ensure_mapping(("text", lang), ("en", "zh", "vi"))
    if doc.get(("text", lang, "status")) != status:
        doc.set(("text", lang, "status"), status, NARRATIVE_ORDER)
    made_from = recorded(case, lang)
    for text in texts:
        if made_from.get(text.path) != fingerprint(text.english):
            doc.ensure_mapping(("text", lang, "translated_from"), NARRATIVE_ORDER)
            doc.set(("text", lang, "translated_from", text.path), fingerprint(text.english))
    new = doc.text()
    if new == doc.original:
        return False
    path.write_text(new, encoding="utf-8")
    return True
