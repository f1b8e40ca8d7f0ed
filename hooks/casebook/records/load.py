"""Load every record of ``cases/`` into a validated :class:`Casebook`, or fail once:
``load_casebook`` raises :class:`CasebookInvalid` with every problem of every file, never
half a casebook. Results are cached by the files' contents, because mkdocs-static-i18n runs
the whole build (and so every hook) once per language."""

from __future__ import annotations

from collections import Counter
import multiprocessing
import re
import threading
from dataclasses import dataclass, field as dataclass_field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable, Collection

import yaml
from pydantic import ValidationError

from .glossary import Glossary, load_glossary
from .glossary_checks import glossary_warnings
from .checks import translation_gaps
from .history import RecordHistory, case_dates, read_history
from .model import Case, Record, reference_problems
from .problems import CasebookInvalid, Problem, allowed, display_path, field_name
from .vocabulary import Vocabulary, load_vocabulary
from .. import LANGUAGES
from .narrative import case_links
from .related import related_cases
from .files import RECORD_SUFFIX, looks_like_yaml
from .yamlsource import LineMap, read_record
from .checked import RecordMemo, digests_of, fingerprint

VOCABULARY_DIR = "vocabulary"
GLOSSARY_FILE = "glossary.yaml"


@dataclass(frozen=True)
class Casebook:
    cases: dict[str, Case]  # by id, sorted by id
    vocabulary: Vocabulary
    glossary: Glossary = Glossary(entries={})
    fingerprint: str = ""  # hash of every file read: what generated pages depend on (engine/generate.py)
    digests: dict = dataclass_field(default_factory=dict)  # case id -> its record's hash (a page's inputs)
    vocabulary_key: str = ""  # hash of the vocabulary and glossary files (what every page reads)
    # (added, last updated) of each case, "YYYY-MM-DD"; which texts each commit changed (records/history.py)
    dates: dict = dataclass_field(default_factory=dict)
    history: RecordHistory = RecordHistory()
    warnings: tuple[Problem, ...] = ()  # what `casebook validate` shows but does not fail on

    def sorted_cases(self) -> list[Case]:  # (the dict is in id order)
        return list(self.cases.values())

    # Derived once per casebook, not once per page: with N cases, comparing every case
    # with every other on each of its three pages costs N squared (records/related.py).
    @cached_property
    def related(self) -> dict[str, tuple[str, ...]]:
        """Up to three related cases per case id, sharing a theme: the most in common first
        (the same country counts as a theme), then the same country, then id order."""
        return related_cases(self.cases)

    @cached_property
    def per_country(self) -> dict[str, int]:  # cases per country (a case page's "more from")
        return dict(Counter(case.country for case in self.cases.values()))

    @cached_property
    def neighbours(self) -> dict[str, tuple[str | None, str | None]]:
        """(previous id, next id) of every case in id order."""
        ids = list(self.cases)
        return {key: (ids[i - 1] if i else None, ids[i + 1] if i + 1 < len(ids) else None)
                for i, key in enumerate(ids)}


def case_files(cases_dir: Path) -> list[Path]:
    """The record files: ``cases/*.yaml``, and whatever else looks like one (``.yml``,
    ``.YAML``, a link, a device), so that it is reported instead of left out."""
    return sorted(p for p in cases_dir.iterdir() if looks_like_yaml(p) and (p.is_symlink() or not p.is_dir()))


_memo = RecordMemo()  # the latest casebook, and each record file's result (records/checked.py)


def load_casebook(cases_dir: Path, shown_root: Path | None = None, *,
                  meanwhile: Callable[[], object] | None = None) -> Casebook:
    """Validate everything under ``cases_dir``; raise CasebookInvalid with all problems.
    ``meanwhile``: other work for this process, done while a forked helper reads most of
    the records (``casebook build`` imports the build's modules then: on two cores the
    build starts sooner)."""
    cases_dir = Path(cases_dir)
    linked = cases_dir.is_symlink()  # (its records would be read from wherever it points)
    files = case_files(cases_dir) if cases_dir.is_dir() and not linked else []
    vocab_dir = cases_dir / VOCABULARY_DIR
    vocab_digests = digests_of(sorted(vocab_dir.glob("*.yaml")))
    digests = digests_of(files)
    key = fingerprint(digests | vocab_digests)
    if _memo.book(key) is not None:
        if meanwhile is not None:
            meanwhile()
        return _memo.book(key)

    root = shown_root or cases_dir.parent
    vocabulary, problems = load_vocabulary(vocab_dir, root)
    glossary = Glossary(entries={})
    if (vocab_dir / GLOSSARY_FILE).is_file() or (vocab_dir / GLOSSARY_FILE).is_symlink():
        glossary, found = load_glossary(vocab_dir / GLOSSARY_FILE, root)
        problems += found
    cases: dict[str, Case] = {}
    warnings: list[Problem] = []
    if linked:
        problems.append(Problem(Path(cases_dir.name), 1, 1, "", "the cases folder is a symbolic link; "
                                                                  "it must be the project's own folder"))
    elif not cases_dir.is_dir():
        problems.append(Problem(Path(cases_dir.name), 1, 1, "", "the cases folder is missing"))
    # only the files not seen with these contents are read (``meanwhile`` runs meanwhile)
    vocabulary_key = fingerprint(vocab_digests)
    checked = _memo.check(digests, vocabulary_key + str(root), lambda some, ids: _load_cases(
        some, vocabulary, root, meanwhile if ids is None else None, ids))
    for case, found in checked:
        problems += [p for p in found if not p.warning]
        warnings += [p for p in found if p.warning]
        if case is None:
            continue
        cases[case.id] = case  # ids are unique: each must equal its (unique) file name
    if problems:
        raise CasebookInvalid(problems)
    if glossary.entries:
        warnings += glossary_warnings(glossary, list(cases.values()), vocabulary.countries, vocab_dir / GLOSSARY_FILE, root)
    history = read_history(cases_dir)
    book = Casebook(cases=dict(sorted(cases.items())), vocabulary=vocabulary, glossary=glossary, fingerprint=key,
                    digests={path.stem: digest for path, digest in digests.items()}, vocabulary_key=vocabulary_key,
                    dates=case_dates(files, cases_dir, history), history=history, warnings=tuple(sorted(warnings)))
    _memo.keep_book(key, book)
    return book


HELPER_SHARE = 1 / 2  # of the records, read by the helper (the parent's imports are quick)
MIN_FOR_HELPER = 200  # records; below that, forking costs more than it saves


def _load_cases(files: list[Path], vocabulary: Vocabulary, root: Path, meanwhile: Callable[[], object] | None,
                case_ids: frozenset[str] | None) -> list[tuple[Case | None, list[Problem]]]:
    """``load_case`` of every file, in order (links checked against ``case_ids``); with
    ``meanwhile``, most of them in a forked helper (results come back pickled: ~0.2 s
    for 700 cases) while this process runs ``meanwhile`` and reads the rest."""
    if meanwhile is None or len(files) < MIN_FOR_HELPER or threading.active_count() > 1 \
            or "fork" not in multiprocessing.get_all_start_methods():
        if meanwhile is not None:
            meanwhile()
        return _load_some(files, vocabulary, root, case_ids)
    split = int(len(files) * HELPER_SHARE)
    with multiprocessing.get_context("fork").Pool(1) as helper:
        theirs = helper.apply_async(_load_some, (files[:split], vocabulary, root, case_ids))
        meanwhile()
        mine = _load_some(files[split:], vocabulary, root, case_ids)
        return theirs.get() + mine


def _load_some(files: list[Path], vocabulary: Vocabulary, root: Path,
               case_ids: frozenset[str] | None) -> list[tuple[Case | None, list[Problem]]]:
    return [load_case(path, vocabulary, display_path(path, root), case_ids, with_warnings=True) for path in files]


def load_case(path: Path, vocabulary: Vocabulary, shown: Path,
              case_ids: Collection[str] | None = None, *,
              with_warnings: bool = False) -> tuple[Case | None, list[Problem]]:
    """Read and validate one record; returns (case or None, problems). ``case_ids``: the
    cases a narrative may link to (None: links to other cases are not checked). With
    ``with_warnings``, the problems include warnings (``Problem.warning``), which do not
    make the case invalid."""
    if path.suffix != RECORD_SUFFIX:
        return None, [Problem(shown, 1, 1, "", "case files end in .yaml, in lowercase (rename the file)")]
    parsed = read_record(path, shown, top=path.parent)
    if parsed.problems:
        return None, parsed.problems
    data = parsed.data
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, 1, "", "expected a mapping of fields (id:, country:, ...), "
                                               f"found {_describe(data)}")]
    problems: list[Problem] = []
    expected_id = path.stem
    if data.get("id") != expected_id:
        line, col = parsed.lines.where(("id",))
        problems.append(Problem(shown, line, col, "id",
                                f"must be the file name without .yaml: {expected_id!r}, got {data.get('id')!r}"))
    leftovers = template_leftovers(data)
    for loc, message in leftovers:
        line, col = parsed.lines.where(loc)
        problems.append(Problem(shown, line, col, field_name(loc), message))
    for loc, message in language_problems(data):
        line, col = parsed.lines.where(loc)
        problems.append(Problem(shown, line, col, field_name(loc), message))
    for loc, message in reference_problems(data):
        line, col = parsed.lines.where(loc)
        problems.append(Problem(shown, line, col, field_name(loc), message))
    notes = []
    if with_warnings:
        for loc, message in translation_gaps(data):
            line, col = parsed.lines.key_where(loc)
            notes.append(Problem(shown, line, col, field_name(loc), message, warning=True))
    try:
        case = Case.model_validate(data, context={"vocabulary": vocabulary})
    except ValidationError as err:
        said = {loc for loc, _ in leftovers}  # (the template's "??" is no country either)
        problems += [_problem(shown, parsed.lines, e) for e in err.errors() if tuple(e["loc"]) not in said]
        return None, sorted(set(problems)) + sorted(notes)
    if case_ids is not None:
        problems += _case_link_problems(case, parsed.lines, shown, case_ids)
    return (case if not problems else None), sorted(problems) + sorted(notes)


def _case_link_problems(case: Case, lines: LineMap, shown: Path, case_ids: Collection[str]) -> list[Problem]:
    """A narrative's links to other cases go to cases that exist (the strict build would
    stop at the generated page, far from the record's line)."""
    found = []
    for lang in LANGUAGES:
        narrative = case.narrative(lang)
        for name in ("background", "reform", "results"):
            text = getattr(narrative, name, None) if narrative else None
            for offset, other in case_links(text or ""):
                if other not in case_ids:
                    line, col = lines.line_in_value(("text", lang, name), offset)
                    found.append(Problem(shown, line, col, f"text.{lang}.{name}",
                                         f"link to {other}.md: there is no case {other!r} (no cases/{other}.yaml)"))
    return found


TEMPLATE = Path(__file__).with_name("templates") / "case.yaml"
# Template values that are only examples; kept values mean the field was not filled in.
_TEMPLATE_EXAMPLES = ("text", "sources", "place", "organization", "country")


def _flatten(value: Any, loc: tuple = ()) -> dict[tuple, Any]:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _flatten(item, loc + (key,)).items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in _flatten(item, loc + (i,)).items()}
    return {loc: value}


_SOURCE_EXAMPLES = ("id", "title", "url", "outlet", "original_outlet", "author", "editor", "translator")


@lru_cache(maxsize=1)
def _template_texts() -> dict[tuple, str]:
    data = yaml.load(TEMPLATE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {loc: value for loc, value in _flatten(data).items()
            if isinstance(value, str) and (loc[0] == "text" and loc[-1] != "status"
                                           or loc[0] in ("place", "organization", "country")
                                           or loc[0] == "sources" and loc[-1] in _SOURCE_EXAMPLES)}


def template_leftovers(data: dict) -> list[tuple[tuple, str]]:
    """Text copied unchanged from the template's examples (a field not filled in)."""
    found = _flatten({k: data.get(k) for k in _TEMPLATE_EXAMPLES})
    return [(loc, "still the template's example text; write this case's own" if loc != ("country",)
             else "still the template's placeholder; write the country's ISO code, e.g. CN, VN or LA")
            for loc, example in _template_texts().items() if found.get(loc) == example]


# Characters that exist only in Traditional Chinese (their Simplified forms differ), common
# in this field's texts. Not exhaustive: enough to catch a text pasted from a Traditional source.
TRADITIONAL = set("們這個來說時會為與國學發對經現關點從還開問實動過進種樣將當應業務組織黨團導婦聯區鄉縣鎮"
                  "網絡參協調農鄰爭權視頻訊檢傳統計劃報導華東廣顯護衛療幫員責輕護環節項隊級幹")
_VI_MARKED = re.compile(r"[^\x00-\x7f]")


def language_problems(data: dict) -> list[tuple[tuple, str]]:
    """Chinese must be Simplified; Vietnamese keeps its tone marks."""
    found = []
    for loc, value in _flatten(data).items():
        if not isinstance(value, str) or len(loc) < 2:
            continue
        lang = loc[1] if loc[0] == "text" else loc[-1]
        if lang == "zh":
            traditional = sorted(TRADITIONAL.intersection(value))
            if traditional:
                found.append((loc, "Traditional Chinese characters (" + "".join(traditional[:8]) +
                              "); write Simplified Chinese"))
        elif lang == "vi" and loc[-1] != "status":
            # (the regex first: counting letters is the slow part, and rarely needed)
            if not _VI_MARKED.search(value) and sum(ch.isalpha() for ch in value) >= 40:
                found.append((loc, "Vietnamese without any tone marks or diacritics; "
                                   "write it with its diacritics"))
    return found


def _problem(shown: Path, lines: LineMap, error: dict[str, Any]) -> Problem:
    """Turn one pydantic error into a message that says what was expected."""
    loc = tuple(error["loc"])
    kind = error["type"]
    given = error.get("input")
    message = error["msg"]
    if kind == "extra_forbidden":
        line, col = lines.key_where(loc)
        return Problem(shown, line, col, field_name(loc), f"unknown field {loc[-1]!r}; " + allowed(
            _field_names(loc[:-1]), loc[-1]), group=f"unknown fields of {field_name(loc[:-1]) or 'the record'}")
    line, col = lines.where(loc)
    if "offset" in (error.get("ctx") or {}):  # a problem on one line of a multi-line text
        line, col = lines.line_in_value(loc, error["ctx"]["offset"])
    if kind == "missing":
        message = "required field is missing"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"expected a mapping (indented `key: value` lines), got {_describe(given)}"
    elif kind == "too_short":
        message = f"expected at least {error['ctx']['min_length']} item(s), got none"
    elif kind == "too_long":
        message = f"expected at most {error['ctx']['max_length']} items, got {error['ctx']['actual_length']:,}"
    elif kind == "finite_number":
        message = f"expected a finite number, got {given!r}"
    elif kind == "value_error":
        message = message.removeprefix("Value error, ")
    elif kind == "literal_error":
        options = [str(v).strip("'") for v in error["ctx"]["expected"].replace(" or ", ", ").split(", ")]
        message = f"unknown value {given!r}; " + allowed(options, given)
    elif kind == "string_type" and isinstance(given, (int, float)) and not isinstance(given, bool):
        # YAML reads 2015 or 1.5 as a number; text fields (dates above all) need quotes
        message = f'expected text, got the number {given}: put it in quotes, e.g. "{given}"'
    elif kind in ("float_type", "int_type") and isinstance(given, str):
        message = f"expected {_EXPECTED[kind]}, got the text {given!r}: write the number without quotes"
    elif kind in _EXPECTED:
        message = f"expected {_EXPECTED[kind]}, got {_describe(given)}"
    elif kind.endswith("_type"):
        message = f"{message.removeprefix('Input should be ')}, got {_describe(given)}"
        message = "expected " + message
    elif kind == "string_pattern_mismatch":
        message = f"expected lowercase letters, digits and hyphens (e.g. ruili-centre), got {given!r}"
    return Problem(shown, line, col, field_name(loc), message)


# What a field expects, in words a contributor knows (not pydantic's "a valid string").
_EXPECTED = {
    "string_type": "text",
    "float_type": "a number",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": 'a list (one item per line, each starting with "- ")',
}


def _describe(value: Any) -> str:
    """What YAML made of a value, in plain words ("the text 'x'", not "str 'x'")."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value: put the text in quotes)"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"a value {value!r}"


def _field_names(loc: tuple) -> list[str]:
    """The allowed keys of the model at ``loc`` (for 'did you mean')."""
    model: Any = Case
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        model = _model_of(field.annotation)
        if model is None:
            return []
    return list(model.model_fields)


def _model_of(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None
