"""What kind of change a commit made to a record, as a case page's History tells it
(``pages/history.py``): read from the texts the commit changed (``records/history.py``'s
``Change.fields``), never from its message, which is contributor text no page prints.

A change is told as: the record added; its English text changed (which fields); a
translation added or updated (which language); its key figures, its sources or its key
facts (country, level, themes, period, map location, dated events) changed; the English
marked reviewed or draft again. A commit that changed none of them changed only comments
or layout; one whose versions could not be compared (not readable YAML) is said to have
changed, no more.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import DEFAULT_LANGUAGE, LANGUAGES
from .history import Change, Everything
from .model import NARRATIVE_FIELDS

# The English texts a History names, in the order a case page shows them.
ENGLISH_FIELDS = NARRATIVE_FIELDS + ("place", "organization")
# The key facts, in the order of the page's key facts (then the map's and the timeline's).
FACT_FIELDS = ("country", "level", "period", "themes", "coordinates", "milestones")
_TRANSLATED = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)


@dataclass(frozen=True)
class ChangeKinds:
    added: bool = False  # the commit added the record
    untold: bool = False  # its versions could not be compared: "changed", no more
    english: tuple[str, ...] = ()  # of ENGLISH_FIELDS
    translations: tuple[tuple[str, bool], ...] = ()  # (language, added rather than updated)
    figures: bool = False
    sources: bool = False
    facts: tuple[str, ...] = ()  # of FACT_FIELDS
    status: bool = False  # the English's review status
    other: bool = False  # a field of none of the kinds above (the id)

    @property
    def layout_only(self) -> bool:
        """Only comments, quoting or line breaks changed: nothing a page shows."""
        return self == ChangeKinds()


def change_kinds(change: Change) -> ChangeKinds:
    """What ``change`` changed, by kind (see the module's docstring)."""
    if isinstance(change.fields, Everything):
        return ChangeKinds(added=True) if change.added else ChangeKinds(untold=True)
    english, facts, languages = set(), set(), set()
    figures = sources = status = other = False
    for loc in change.fields:
        kind = _kind(loc)
        if kind is None:
            other = True
        elif kind[0] == "english":
            english.add(kind[1])
        elif kind[0] == "translation":
            languages.add(kind[1])
        elif kind[0] == "fact":
            facts.add(kind[1])
        elif kind[0] == "figures":
            figures = True
        elif kind[0] == "sources":
            sources = True
        else:
            status = True
    return ChangeKinds(
        english=tuple(name for name in ENGLISH_FIELDS if name in english),
        translations=tuple((lang, lang in change.new_languages) for lang in _TRANSLATED if lang in languages),
        figures=figures, sources=sources, facts=tuple(name for name in FACT_FIELDS if name in facts),
        status=status, other=other)


def _kind(loc: tuple) -> tuple[str, str] | None:
    """(kind, name) of the text at ``loc``; None for a field of no kind."""
    top = loc[0] if loc else None
    if top == "text" and len(loc) >= 2:
        lang = loc[1]
        if lang in _TRANSLATED:
            return ("translation", lang)
        if lang == DEFAULT_LANGUAGE and len(loc) >= 3 and loc[2] in NARRATIVE_FIELDS:
            return ("english", loc[2])
        if lang == DEFAULT_LANGUAGE and len(loc) >= 3 and loc[2] == "status":
            return ("status", "")
        return None
    last = loc[-1] if loc else None
    if top in ("place", "organization", "figures", "milestones") and last in _TRANSLATED:
        return ("translation", last)  # a translated name or label
    if top in ("place", "organization"):
        return ("english", top) if last == DEFAULT_LANGUAGE else None
    if top in ("figures", "sources"):
        return (top, "")
    if top in FACT_FIELDS:
        return ("fact", top)
    return None
