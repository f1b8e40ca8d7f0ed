"""The explore page's words: every case's whole text in one language, as a small script.

The explore page lists every case with its facets but only its title, summary, place and
organization as searchable text (``data-text``): the whole text of 1,000 cases would make
it several megabytes. ``explore/text.<lang>.js`` holds the rest (narrative, figures,
themes, level, country), in lower case (the page's script folds them as a query); explore.js loads it
on the first keystroke (a script, not a fetch: it works from file:// too).

- English and Vietnamese: each case's distinct words (pages/words.py tokens), lower case
  with their marks: the script folds them as the search does, so "binh duong" finds
  Bình Dương, "Bình Dương" only the words written so, and "left behind" the theme.
  The country's other names ("Vietnam") are among them.
- Chinese: the text without any space (Chinese has no word breaks: a query is matched as
  a substring, whatever spaces either side has).
"""

from __future__ import annotations

import json
import re

from ..records.load import Casebook
from ..records.model import Case
from .i18n import format_number
from .words import as_typed, tokens

GLOBAL = "casebookExploreText"
# Markdown and HTML marks are no words: [text](url) keeps its text, <tags> and urls go.
_LINK = re.compile(r"\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")


def case_words(case: Case, lang: str, book: Casebook) -> str:
    values, _ = case.text_in(lang)
    parts = [values.get(name) or "" for name in ("title", "summary", "background", "reform", "results")]
    parts += [case.place.locality.get(lang), case.place.region.get(lang), case.organization.get(lang),
              case.place.locality.en, case.organization.en, *book.vocabulary.country_names(case.country, lang),
              book.vocabulary.level(case.level, lang)]
    parts += [book.vocabulary.theme(key, lang) for key in case.themes]
    parts += [f"{format_number(f.value, lang)} {f.label.get(lang)}" for f in case.figures]
    parts += [m.label.get(lang) for m in case.milestones]
    text = _TAG.sub(" ", _LINK.sub("]", " ".join(p for p in parts if p)))
    if lang == "zh":
        return re.sub(r"\s+", "", as_typed(text))
    return " ".join(dict.fromkeys(typed for _, _, typed in tokens(text)))


def explore_text_script(book: Casebook, lang: str) -> str:
    data = {case.id: case_words(case, lang, book) for case in book.sorted_cases()}
    return f"window.{GLOBAL}=" + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"
