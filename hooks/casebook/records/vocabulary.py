"""Controlled vocabularies (themes, levels) and their labels in every site language.

The keys are language-neutral and stored in case records; the labels live in
``cases/vocabulary/*.yaml`` so translators edit data, not code. Country names come from
``pycountry`` (ISO 3166 with its translations), not from a table of our own.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from .. import LANGUAGES
from .problems import Problem, display_path
from .yamlsource import read_record

KEY = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
Labels = dict[str, str]


@dataclass(frozen=True)
class Vocabulary:
    themes: dict[str, Labels]
    levels: dict[str, Labels]

    def theme(self, key: str, lang: str) -> str:
        return self.themes[key][lang]

    def level(self, key: str, lang: str) -> str:
        return self.levels[key][lang]


VOCABULARY_FILES = {"themes": "themes.yaml", "levels": "levels.yaml"}


def load_vocabulary(folder: Path, shown_root: Path | None = None) -> tuple[Vocabulary, list[Problem]]:
    """Read every vocabulary file; each key needs a non-empty label in every language."""
    problems: list[Problem] = []
    tables: dict[str, dict[str, Labels]] = {}
    for name, filename in VOCABULARY_FILES.items():
        path = folder / filename
        shown = display_path(path, shown_root)
        parsed = read_record(path, shown)
        problems += parsed.problems
        table: dict[str, Labels] = {}
        data = parsed.data if isinstance(parsed.data, dict) else {}
        if parsed.data is not None and not isinstance(parsed.data, dict):
            problems.append(Problem(shown, 1, 1, "", "expected a mapping of key: {en, zh, vi}"))
        for key, labels in data.items():
            line, col = parsed.lines.key_where((key,))
            if not isinstance(key, str) or not KEY.match(key):
                problems.append(Problem(shown, line, col, str(key),
                                        "key must be lowercase words joined by hyphens"))
                continue
            if not isinstance(labels, dict):
                problems.append(Problem(shown, line, col, key,
                                        "expected labels for " + ", ".join(LANGUAGES)))
                continue
            for lang in LANGUAGES:
                label = labels.get(lang)
                if not isinstance(label, str) or not label.strip():
                    problems.append(Problem(shown, line, col, f"{key}.{lang}",
                                            "a label is required in every language"))
            for extra in sorted(set(labels) - set(LANGUAGES), key=str):
                eline, ecol = parsed.lines.key_where((key, extra))
                problems.append(Problem(shown, eline, ecol, f"{key}.{extra}",
                                        "unknown language; expected one of: " + ", ".join(LANGUAGES)))
            table[key] = {lang: str(labels.get(lang, key)).strip() for lang in LANGUAGES}
        tables[name] = table
    return Vocabulary(**tables), problems


_GETTEXT_LOCALES = {"zh": "zh_CN", "vi": "vi"}


@lru_cache(maxsize=None)
def _country_catalog(lang: str) -> gettext.NullTranslations:
    if lang not in _GETTEXT_LOCALES:
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                               languages=[_GETTEXT_LOCALES[lang]], fallback=True)


def is_country(code: str) -> bool:
    return isinstance(code, str) and len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


def country_name(code: str, lang: str) -> str:
    """The country's common name in ``lang`` ("China", "中国", "Trung Quốc")."""
    country = pycountry.countries.get(alpha_2=code)
    english = getattr(country, "common_name", None) or country.name
    if lang == "en":
        return english
    catalog = _country_catalog(lang)
    # The catalogs translate the official name, not always the common one: Viet Nam has
    # a Vietnamese name ("Việt Nam"), its common name "Vietnam" has none.
    for name in (english, country.name):
        translated = catalog.gettext(name)
        if translated != name:
            return translated
    return english
