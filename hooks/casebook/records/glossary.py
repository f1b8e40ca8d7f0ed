"""The glossary: terms of the field in every site language, with short definitions.

The terms live in ``cases/vocabulary/glossary.yaml`` (data, edited by translators). They
are used on the glossary page (``casebook/pages/glossary.py``, with the cases that use
each term) and on case pages, where the first use of a term shows its definition
(``casebook/site/tooltips.py``); both find the terms with :func:`term_finder`.
A spelling is one line without ``]`` or ``\\`` (Markdown syntax on the glossary page);
outside Chinese it is found as a whole word only, in Chinese anywhere in a sentence
(:func:`spelling_pattern`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import LANGUAGES
from .problems import Problem, allowed, display_path
from .vocabulary import is_country
from .yamlsource import read_record

KEY = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")  # as in casebook/records/vocabulary.py
FIELDS = ("term", "also", "avoid", "definition", "source", "countries")
REQUIRED = ("term", "definition", "source")
SOURCE = re.compile(r"^(?:general|https?://\S+)$")  # the article's address, or "general"
UNSAYABLE = ("]", "\\")  # no term needs them, and Markdown reads them as syntax in the glossary page

Labels = dict[str, str]


@dataclass(frozen=True)
class Entry:
    key: str
    term: Labels  # {lang: term}
    also: dict[str, tuple[str, ...]]  # {lang: other spellings to match in the text}
    definition: Labels  # {lang: one or two sentences}
    source: str  # the address of the article a case cites, or "general"
    # {lang: renderings the casebook does not use (casebook validate warns where a text has one)}
    avoid: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # ISO codes of the countries whose cases the definition is true of; () = every country.
    # A China-only definition must not explain the same word on a Viet Nam case.
    countries: tuple[str, ...] = ()

    def applies_to(self, country: str | None) -> bool:
        return not self.countries or country is None or country in self.countries

    def spellings(self, lang: str) -> tuple[str, ...]:
        """The term and its other spellings in ``lang``, without repeats."""
        return tuple(dict.fromkeys((self.term[lang],) + tuple(self.also.get(lang, ()))))


@dataclass(frozen=True)
class Glossary:
    entries: dict[str, Entry]  # keyed by key

    def __getitem__(self, key: str) -> Entry:
        return self.entries[key]

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def for_country(self, country: str | None) -> list[Entry]:
        """The entries whose definition holds for a case of ``country``."""
        return [entry for entry in self.entries.values() if entry.applies_to(country)]



def load_glossary(path: Path, shown_root: Path | None = None) -> tuple[Glossary, list[Problem]]:
    """Read the glossary file; every entry needs a term and a definition in every language."""
    shown = display_path(path, shown_root)
    parsed = read_record(path, shown)
    problems = list(parsed.problems)
    lines = parsed.lines

    def report(loc: tuple, message: str, *, key: bool = False) -> None:
        line, col = lines.key_where(loc) if key else lines.where(loc)
        field = ".".join(str(part) for part in loc)
        problems.append(Problem(shown, line, col, field, message))

    data = parsed.data
    if data is not None and not isinstance(data, dict):
        problems.append(Problem(shown, 1, 1, "", "expected a mapping of key: {term, also, definition, source}"))
    entries: dict[str, Entry] = {}
    owners: dict[tuple[str, str], list[Entry]] = {}  # (lang, spelling) -> entries using it
    for key, value in (data if isinstance(data, dict) else {}).items():
        if not isinstance(key, str) or not KEY.match(key):
            report((key,), "key must be lowercase words joined by hyphens", key=True)
            continue
        if not isinstance(value, dict):
            report((key,), "expected term, definition and source (and optionally also)")
            continue
        for extra in sorted(set(value) - set(FIELDS), key=str):
            report((key, extra), allowed(FIELDS, extra), key=True)
        for name in REQUIRED:
            if name not in value:
                report((key,), f"'{name}' is required", key=True)
        term = _labels(key, "term", value, report, spelling=True)
        definition = _labels(key, "definition", value, report)
        also = _also(key, value.get("also"), report)
        avoid = _also(key, value.get("avoid"), report, name="avoid")
        for lang, spellings in avoid.items():
            for index, spelling in enumerate(spellings):
                if spelling == term.get(lang) or spelling in also.get(lang, ()):
                    report((key, "avoid", lang, index), f"'{spelling}' is a spelling of this term "
                                                        "(term or also); it cannot also be avoided")
        source = value.get("source")
        if "source" in value and (not isinstance(source, str) or not SOURCE.match(source.strip())):
            report((key, "source"), "expected the address (https://...) of the article that supports "
                                    "the definition, as a case's sources cite it, or 'general'")
        countries = _countries(key, value.get("countries"), report)
        entry = Entry(key, term, also, definition, str(source or "").strip(), avoid=avoid, countries=countries)
        for lang in LANGUAGES:
            for spelling in entry.spellings(lang):
                if not spelling:
                    continue
                users = owners.setdefault((lang, spelling), [])
                # one spelling, two definitions: only for different countries' cases
                other = next((e.key for e in users if _overlap(e.countries, countries)), None)
                users.append(entry)
                if other is not None:
                    loc = (key, "term", lang) if spelling == term.get(lang) else (key, "also", lang)
                    report(loc, f"'{spelling}' is already a spelling of '{other}' for the same "
                                "countries; a tooltip can only have one definition (give each "
                                "entry its countries)")
        entries[key] = entry
    return Glossary(entries), problems


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def _countries(key: str, value: object, report) -> tuple[str, ...]:
    """``countries: [CN]``: ISO 3166-1 alpha-2 codes; left out, the entry holds everywhere."""
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        report((key, "countries"), "expected a list of country codes, e.g. [CN] or [VN, LA]")
        return ()
    codes = []
    for index, code in enumerate(value):
        if not (isinstance(code, str) and code.isupper() and is_country(code)):
            report((key, "countries", index), f"expected an ISO 3166-1 alpha-2 code such as CN, VN "
                                              f"or LA, got {code!r}")
            continue
        codes.append(code)
    return tuple(codes)


def _labels(key: str, name: str, fields: dict, report, *, spelling: bool = False) -> Labels:
    """The {en, zh, vi} mapping ``fields[name]`` of non-empty texts (reported when not; a
    missing ``name`` is reported by the caller); always all languages."""
    value = fields.get(name)
    if value is None:
        if name in fields:  # written but left empty
            report((key, name), f"a {name} is required in every language", key=True)
        return {lang: "" for lang in LANGUAGES}
    if not isinstance(value, dict):
        report((key, name), "expected a text for each of: " + ", ".join(LANGUAGES))
        return {lang: "" for lang in LANGUAGES}
    for extra in sorted(set(value) - set(LANGUAGES), key=str):
        report((key, name, extra), "unknown language; expected one of: " + ", ".join(LANGUAGES), key=True)
    labels: Labels = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            report((key, name, lang) if lang in value else (key, name),
                   f"a {name} is required in every language (missing: {lang})", key=lang not in value)
            text = ""
        elif spelling:
            _check_spelling(text, (key, name, lang), report)
        labels[lang] = text.strip()
    return labels


def _also(key: str, value: object, report, name: str = "also") -> dict[str, tuple[str, ...]]:
    """The lists of spellings per language under ``also`` (or ``avoid``)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        report((key, name), "expected a list of other spellings for each language")
        return {}
    for extra in sorted(set(value) - set(LANGUAGES), key=str):
        report((key, name, extra), "unknown language; expected one of: " + ", ".join(LANGUAGES), key=True)
    also: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        items = value.get(lang)
        if items is None:
            continue
        if not isinstance(items, list):
            report((key, name, lang), "expected a list of spellings, e.g. [All-China Women's Federation]")
            continue
        kept = []
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                report((key, name, lang, index), "expected a non-empty text")
                continue
            if _check_spelling(item, (key, name, lang, index), report):
                kept.append(item.strip())
        also[lang] = tuple(kept)
    return also


def _check_spelling(text: str, loc: tuple, report) -> bool:
    """A spelling is one line, without ] or \\ (see UNSAYABLE)."""
    if "\n" in text or "\r" in text:
        report(loc, "a term must be on one line")
        return False
    bad = [ch for ch in UNSAYABLE if ch in text]
    if bad:
        report(loc, f"a term cannot contain {' or '.join(bad)} (a tooltip cannot be defined for it)")
        return False
    return True


# --- spellings no case uses -------------------------------------------------------------

def spelling_pattern(spelling: str, lang: str) -> str:
    """The regex of one spelling as the tooltips find it: a space matches any run of
    white space (a term broken across lines is still the term), and outside Chinese not
    inside a longer word."""
    body = r"\s+".join(re.escape(word) for word in spelling.split())
    return body if lang == "zh" else rf"(?<!\w){body}(?!\w)"


@dataclass(frozen=True)
class TermFinder:
    """How the tooltips find the glossary's terms in one language, for cases of one
    country; the glossary page lists the cases each term is found in the same way."""

    lang: str
    pattern: re.Pattern | None  # None: no entry for these cases
    entries: dict[str, Entry]  # each spelling on one line -> its entry

    def entry(self, found: str) -> Entry | None:
        """The entry of a spelling the pattern found (as the text had it)."""
        return self.entries.get(one_line(found))

    def used(self, text: str) -> set[str]:
        """The keys of every entry found in ``text``."""
        if self.pattern is None:
            return set()
        return {entry.key for found in self.pattern.findall(text) if (entry := self.entry(found))}


def term_finder(glossary: Glossary, lang: str, country: str | None) -> TermFinder:
    """``country``: the cases'; None (a page of no one country) finds every entry."""
    entries: dict[str, Entry] = {}
    for entry in glossary.for_country(country):
        for spelling in entry.spellings(lang):
            if spelling:
                entries.setdefault(one_line(spelling), entry)
    if not entries:
        return TermFinder(lang, None, entries)
    # Longest first, so "Hội Liên hiệp Phụ nữ Việt Nam" wins over "Hội Liên hiệp Phụ nữ".
    # Outside Chinese a term must not sit inside a longer word: one look-behind for all
    # spellings, not one per spelling, which made the search 25 times slower (each
    # position tried every spelling's look-behind in turn).
    words = "|".join(r"\s+".join(re.escape(word) for word in spelling.split())
                     for spelling in sorted(entries, key=len, reverse=True))
    pattern = f"(?:{words})" if lang == "zh" else rf"(?<!\w)(?:{words})(?!\w)"
    return TermFinder(lang, re.compile(pattern), entries)


def case_texts(case, lang: str) -> str:
    """Everything of ``case`` in ``lang`` that a reader sees and a tooltip may mark."""
    values, _ = case.text_in(lang)
    parts = [v for v in values.values() if v]
    parts += [case.place.region.get(lang), case.place.locality.get(lang), case.organization.get(lang)]
    parts += [figure.label.get(lang) for figure in case.figures]
    return "\n".join(parts)


def unused_spellings(glossary: Glossary, cases, path: Path, shown_root: Path | None = None) -> list[Problem]:
    """A warning for each entry and language none of whose spellings any case of the
    entry's countries uses: a tooltip that never shows, or a term written unlike the
    cases write it (other spellings may wait for the case that uses them)."""
    shown = display_path(path, shown_root)
    cases = list(cases)
    texts = {(case.id, lang): case_texts(case, lang) for case in cases for lang in LANGUAGES}
    parsed = read_record(path, shown)
    found = []
    for entry in glossary:
        mine = [case for case in cases if entry.applies_to(case.country)]
        where = "of " + ", ".join(entry.countries) if entry.countries else ""  # "of CN"
        for lang in LANGUAGES:
            spellings = entry.spellings(lang)
            patterns = [re.compile(spelling_pattern(spelling, lang)) for spelling in spellings if spelling]
            if any(p.search(texts[case.id, lang]) for p in patterns for case in mine):
                continue
            line, col = parsed.lines.where((entry.key, "term", lang))
            names = " or ".join(f"'{spelling}'" for spelling in spellings)
            found.append(Problem(shown, line, col, f"{entry.key}.term.{lang}",
                                 f"no {lang} text of a case{' ' + where if where else ''} uses {names}: write the term as the cases write it, "
                                 "or give the entry the countries it is for", warning=True))
    return found


def uncited_sources(glossary: Glossary, cases, path: Path, shown_root: Path | None = None) -> list[Problem]:
    """A warning for each entry whose source is an address no case cites: a reader could
    not find the article among the casebook's sources (a definition says only what a
    cited article says)."""
    shown = display_path(path, shown_root)
    cited = {source.url for case in cases for source in case.sources if source.url}
    parsed = read_record(path, shown)
    found = []
    for entry in glossary:
        if entry.source != "general" and entry.source not in cited:
            line, col = parsed.lines.where((entry.key, "source"))
            found.append(Problem(shown, line, col, f"{entry.key}.source",
                                 f"no case cites {entry.source}: cite the article in the case it supports, "
                                 "or give the address a case cites", warning=True))
    return found


# --- tooltips -----------------------------------------------------------------------------

def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks included) as one space."""
    return " ".join(text.split())
