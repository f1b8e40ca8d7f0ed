"""Open data downloads under data/: every case as JSON (all languages) and as one CSV
per language. Made from the validated model, so they hold exactly what the pages show,
and each case's version: the commit its record was read from and that commit's day
(``RecordHistory.version_of``; none for a record not committed as it is, or without git
history), as the case page's "Cite this version" names it."""

from __future__ import annotations

import csv
import io
import json
from typing import Iterator

from .. import LANGUAGES
from ..records.load import Casebook
from ..records.model import Case
from .cite import case_url

CSV_COLUMNS = ("id", "url", "title", "summary", "country", "country_name", "region", "locality",
               "level", "level_label", "organization", "period_start", "period_end", "period_as_of",
               "themes", "theme_labels", "translation_status", "sources", "version_commit", "version_date")


def cases_json(book: Casebook, site_url: str) -> str:
    return "".join(cases_json_pieces(book, site_url))


def cases_json_pieces(book: Casebook, site_url: str) -> Iterator[str]:
    """``json.dumps(data, indent=1)`` of every case, in pieces, one record at a time:
    the records as Python objects took ~50 MB at 1,000 cases, and the text as one
    string (made, joined, encoded) another ~60 MB."""
    head = {"schema": "case.schema.json", "languages": list(LANGUAGES), "cases": []}
    text = json.dumps(head, ensure_ascii=False, indent=1)
    if not book.cases:
        yield text + "\n"
        return
    opening = text.rindex("[]")
    yield text[:opening] + "[\n"
    for number, case in enumerate(book.sorted_cases()):
        yield ("" if number == 0 else ",\n") + _CASE_INDENT + json.dumps(
            _record(case, site_url, book), ensure_ascii=False, indent=1).replace("\n", "\n" + _CASE_INDENT)
    yield "\n ]" + text[opening + 2:] + "\n"


_CASE_INDENT = "  "  # a record inside "cases" inside the top object, at indent=1


def _record(case: Case, site_url: str, book: Casebook) -> dict:
    record = case.model_dump(mode="json", exclude_none=True)
    record["urls"] = {lang: case_url(site_url, case.id, lang) for lang in LANGUAGES}
    record["translation_status"] = case.languages_status
    version = book.history.version_of(case.id)
    record["version"] = {"commit": version.commit, "date": version.day} if version else None
    return record


def _row(case: Case, lang: str, book: Casebook, site_url: str) -> dict[str, str]:
    values, _ = case.text_in(lang)
    version = book.history.version_of(case.id)
    return {
        "id": case.id, "url": case_url(site_url, case.id, lang),
        "title": values["title"], "summary": values["summary"],
        "country": case.country, "country_name": book.vocabulary.country(case.country, lang),
        "region": case.place.region.get(lang), "locality": case.place.locality.get(lang),
        "level": case.level, "level_label": book.vocabulary.level(case.level, lang),
        "organization": case.organization.get(lang),
        "period_start": getattr(case.period, "start", None) or "",  # (a period may be unknown)
        "period_end": getattr(case.period, "end", None) or "",
        "period_as_of": getattr(case.period, "as_of", None) or "",
        "themes": ";".join(case.themes),
        "theme_labels": ";".join(book.vocabulary.theme(k, lang) for k in case.themes),
        "translation_status": case.status(lang),
        "sources": ";".join(s.title for s in case.sources),
        "version_commit": version.commit if version else "",
        "version_date": version.day if version else "",
    }


# A cell a spreadsheet would read as a formula (=HYPERLINK(...), +, -, @, or a tab or line
# break before one) gets a leading apostrophe, as OWASP recommends against CSV injection:
# the spreadsheet then shows it as text. cases.json keeps every value as written. The
# explore page's CSV (docs/assets/explore.js, csvCell) follows the same rule: a change here
# goes there too (tests/test_script_data.py compares them).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def cases_csv(book: Casebook, lang: str, site_url: str) -> str:
    return "".join(cases_csv_pieces(book, lang, site_url))


def cases_csv_pieces(book: Casebook, lang: str, site_url: str) -> Iterator[str]:
    """The CSV of ``lang``, in pieces (a row at a time)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    # A byte-order mark so spreadsheet programs read the Chinese and Vietnamese as UTF-8.
    yield "\ufeff" + out.getvalue()
    for case in book.sorted_cases():
        out.seek(0)
        out.truncate()
        writer.writerow({key: cell(value) for key, value in _row(case, lang, book, site_url).items()})
        yield out.getvalue()


def open_data_files(book: Casebook, site_url: str) -> Iterator[tuple[str, Iterator[str]]]:
    """The downloads as (path under docs/, its text in pieces), one at a time
    (cases.json alone is 18 MB at 1,000 cases: pages/writer.py writes it piece by piece)."""
    yield "data/cases.json", cases_json_pieces(book, site_url)
    for lang in LANGUAGES:
        yield f"data/cases-{lang}.csv", cases_csv_pieces(book, lang, site_url)
