"""The translatable texts of a case, the fingerprint of their English, and their state.

One list (:func:`case_texts`) says which texts of a record translators translate and
where each stands in the file; the PO files, the outdated check, the progress page and the
case page's notice all read it, so they never disagree about what a translation is.

A translation is outdated when the English it was made from has changed since. Where the
record names that English (``translated_from``, a fingerprint written by the import and
by ``casebook translate reviewed``), the fingerprint decides; elsewhere the history does:
outdated when a commit changed the English after the last commit that changed the
translation (``records/history.py``: the record's changes, newest first). Nothing needs
writing in a record for this, and a copy without history reports nothing it cannot know.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Optional

from .. import DEFAULT_LANGUAGE
from ..records.history import Change
from ..records.model import NARRATIVE_FIELDS, Case, EnglishNarrative, Figure, LocalText, Milestone, Place

Loc = tuple
STATES = ("reviewed", "draft", "outdated", "missing")


def fingerprint(english: str) -> str:
    """8 hex digits naming an English text. White space is normalised first: re-wrapping
    a paragraph in the YAML changes no word, so it must not make translations outdated."""
    return hashlib.sha256(" ".join(english.split()).encode("utf-8")).hexdigest()[:8]


def word_count(english: str) -> int:
    """Words of the English (what translation progress is measured in, as Weblate does)."""
    return len(re.findall(r"\w+", english))


@dataclass(frozen=True)
class CaseText:
    path: str  # as in msgctxt and text.<lang>.translated_from: text.summary, figures[0].label
    english: str
    translations: dict[str, Optional[str]]  # {lang: text or None}, languages other than English
    en_loc: Loc  # where the English stands in the YAML: ("text", "en", "summary")
    description: str  # the model's description of the field
    narrative: bool  # a text.<lang> field (Markdown for background/reform/results)

    def loc(self, lang: str) -> Loc:
        """Where ``lang``'s version stands (or would stand) in the YAML."""
        if self.narrative:
            return ("text", lang, self.en_loc[-1])
        return self.en_loc[:-1] + (lang,)


def _description(model, name: str) -> str:
    return model.model_fields[name].description or ""


def case_texts(case: Case, languages: tuple[str, ...] = ("zh", "vi")) -> list[CaseText]:
    """Every text of ``case`` that has an English version to translate, in file order."""
    texts: list[CaseText] = []

    def label(path: str, loc: Loc, value: LocalText, description: str) -> None:
        texts.append(CaseText(path, value.en, {lang: getattr(value, lang) for lang in languages},
                              loc + ("en",), description, False))

    label("place.region", ("place", "region"), case.place.region, _description(Place, "region"))
    label("place.locality", ("place", "locality"), case.place.locality, _description(Place, "locality"))
    label("organization", ("organization",), case.organization, _description(Case, "organization"))
    for index, figure in enumerate(case.figures):
        if figure.unit:
            label(f"figures[{index}].unit", ("figures", index, "unit"), figure.unit, _description(Figure, "unit"))
        label(f"figures[{index}].label", ("figures", index, "label"), figure.label, _description(Figure, "label"))
    for index, milestone in enumerate(case.milestones):
        label(f"milestones[{index}].label", ("milestones", index, "label"), milestone.label,
              _description(Milestone, "label"))
    for name in NARRATIVE_FIELDS:
        english = getattr(case.text.en, name)
        if english is None:
            continue
        own = {lang: getattr(case.narrative(lang), name, None) for lang in languages}
        texts.append(CaseText(f"text.{name}", english, own, ("text", "en", name),
                              _description(EnglishNarrative, name), True))
    return texts


def recorded(case: Case, lang: str) -> dict[str, str]:
    """``text.<lang>.translated_from``: the fingerprint of the English each field was made from."""
    own = case.narrative(lang)
    return dict(own.translated_from or {}) if own is not None else {}


def last_change(changes: Iterable[Change], loc: Loc) -> Optional[Change]:
    """The newest of ``changes`` (newest first) that changed the text at ``loc``."""
    return next((change for change in changes if loc in change.fields), None)


def behind(text: CaseText, lang: str, changes: Iterable[Change]) -> Optional[Change]:
    """The change of the English of ``text`` made after the ``lang`` translation last
    changed, if there is one (a commit that changed both is a translation made anew)."""
    return behind_at(text.en_loc, text.loc(lang), changes)


def behind_at(en_loc: Loc, loc: Loc, changes: Iterable[Change]) -> Optional[Change]:
    """:func:`behind` for any file's texts: the English at ``en_loc``, its translation at ``loc``."""
    for change in changes:
        if loc in change.fields:
            return None
        if en_loc in change.fields:
            return change
    return None


def state(case: Case, text: CaseText, lang: str, changes: Iterable[Change] = ()) -> str:
    """reviewed, draft, outdated (made from an English that has changed since) or missing.
    ``changes``: the record's history (``Casebook.history.of_case``); without either a
    fingerprint or a history that says otherwise, a translation counts as current."""
    if lang == DEFAULT_LANGUAGE:
        return "reviewed" if case.text.en.status == "reviewed" else "draft"
    if not text.translations.get(lang):
        return "missing"
    made_from = recorded(case, lang).get(text.path)
    if made_from is not None:
        if made_from != fingerprint(text.english):
            return "outdated"
    elif behind(text, lang, changes) is not None:
        return "outdated"
    return "reviewed" if case.status(lang) == "reviewed" else "draft"


def outdated(case: Case, lang: str, changes: Iterable[Change] = ()) -> list[CaseText]:
    """The texts of ``case`` whose ``lang`` translation was made from an earlier English."""
    if lang == DEFAULT_LANGUAGE:
        return []
    changes = tuple(changes)
    return [text for text in case_texts(case, (lang,)) if state(case, text, lang, changes) == "outdated"]


def progress(case: Case, lang: str, changes: Iterable[Change] = ()) -> dict[str, int]:
    """Words of the English per state of the ``lang`` translation (every state present)."""
    words = dict.fromkeys(STATES, 0)
    changes = tuple(changes)
    for text in case_texts(case, (lang,)):
        words[state(case, text, lang, changes)] += word_count(text.english)
    return words
