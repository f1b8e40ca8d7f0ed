"""Controlled vocabularies (themes, levels) and their labels in every site language.

The keys are language-neutral and stored in case records; the labels live in
``cases/vocabulary/*.yaml`` so translators edit data, not code. Country names come from
``pycountry`` (ISO 3166 with its translations) except where ``countries.yaml`` names a
country as readers do (the ISO tables give Laos its official name in Vietnamese).
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
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
    # Other words for a key ({"district": "county"}), from each entry's `also:` list: what a
    # contributor may type for a level of their country, answered with the key to use.
    words: dict[str, dict[str, str]] = field(default_factory=dict)
    countries: dict[str, Labels] = field(default_factory=dict)  # from countries.yaml, by ISO code
    # Other names readers type for a country ("Vietnam" for "Viet Nam"), from its `also:` list:
    # words of its cases for search and explore, in every language.
    country_also: dict[str, list[str]] = field(default_factory=dict)

    def theme(self, key: str, lang: str) -> str:
        return self.themes[key][lang]

    def level(self, key: str, lang: str) -> str:
        return self.levels[key][lang]

    def country(self, code: str, lang: str) -> str:
        """The country's name in ``lang`` as the casebook writes it ("Viet Nam", "Lào")."""
        names = self.countries.get(code)
        return names[lang] if names else country_name(code, lang)

    def country_names(self, code: str, lang: str) -> list[str]:
        """The name in ``lang`` and the other names readers type for the country."""
        return [self.country(code, lang), *self.country_also.get(code, [])]


VOCABULARY_FILES = {"themes": "themes.yaml", "levels": "levels.yaml"}


def load_vocabulary(folder: Path, shown_root: Path | None = None) -> tuple[Vocabulary, list[Problem]]:
    """Read every vocabulary file; each key needs a non-empty label in every language."""
    problems: list[Problem] = []
    tables: dict[str, dict[str, Labels]] = {}
    words: dict[str, dict[str, str]] = {}
    for name, filename in VOCABULARY_FILES.items():
        path = folder / filename
        shown = display_path(path, shown_root)
        parsed = read_record(path, shown)
        problems += parsed.problems
        table: dict[str, Labels] = {}
        words[name] = {}
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
            also = labels.get("also", [])
            if not isinstance(also, list) or not all(isinstance(w, str) and w.strip() for w in also):
                problems.append(Problem(shown, line, col, f"{key}.also",
                                        "expected a list of other words for this key, e.g. [district, banner]"))
            else:
                words[name].update({w.strip().casefold(): key for w in also})
            for extra in sorted(set(labels) - set(LANGUAGES) - {"also"}, key=str):
                eline, ecol = parsed.lines.key_where((key, extra))
                problems.append(Problem(shown, eline, ecol, f"{key}.{extra}",
                                        "unknown language; expected one of: " + ", ".join(LANGUAGES)))
            table[key] = {lang: str(labels.get(lang, key)).strip() for lang in LANGUAGES}
        tables[name] = table
    countries, also, found = _load_countries(folder / COUNTRIES_FILE, shown_root)
    return Vocabulary(**tables, words=words, countries=countries, country_also=also), problems + found


COUNTRIES_FILE = "countries.yaml"


def _load_countries(path: Path, shown_root: Path | None
                    ) -> tuple[dict[str, Labels], dict[str, list[str]], list[Problem]]:
    """``CODE: {en, zh, vi, also: [...]}`` for each country named unlike the ISO tables or
    known by other names too (optional file)."""
    if not path.is_file():
        return {}, {}, []
    shown = display_path(path, shown_root)
    parsed = read_record(path, shown)
    problems = list(parsed.problems)
    countries: dict[str, Labels] = {}
    also: dict[str, list[str]] = {}
    for code, labels in (parsed.data if isinstance(parsed.data, dict) else {}).items():
        line, col = parsed.lines.key_where((code,))
        if not (isinstance(code, str) and code.isupper() and is_country(code)):
            problems.append(Problem(shown, line, col, str(code), "expected an ISO 3166-1 alpha-2 code, e.g. LA"))
            continue
        names = {k: v for k, v in labels.items() if k != "also"} if isinstance(labels, dict) else None
        if names is None or set(names) != set(LANGUAGES) or \
                not all(isinstance(v, str) and v.strip() for v in names.values()):
            problems.append(Problem(shown, line, col, code, "expected a name in each of: " + ", ".join(LANGUAGES)))
            continue
        other = labels.get("also", [])
        if not isinstance(other, list) or not all(isinstance(w, str) and w.strip() for w in other):
            problems.append(Problem(shown, line, col, f"{code}.also",
                                    "expected a list of other names of the country, e.g. [Vietnam]"))
            continue
        countries[code] = {lang: names[lang].strip() for lang in LANGUAGES}
        also[code] = [w.strip() for w in other]
    return countries, also, problems


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
    """The ISO tables' common name in ``lang`` ("China", "中国", "Trung Quốc"); the pages
    use :meth:`Vocabulary.country`, which prefers countries.yaml."""
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
