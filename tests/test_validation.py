"""Validation of case records: load_case, load_casebook and the CasebookInvalid report."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.records.load import load_case, load_casebook
from casebook.records.problems import CasebookInvalid
from casebook.records.vocabulary import load_vocabulary

from validation_support import (REPO, BROKEN, BASE, make_casedir, casedir, write, changed, check)  # noqa: F401 - helpers and fixtures


def test_every_real_record_loads():
    book = load_casebook(REPO / "cases", REPO)  # raises CasebookInvalid with every problem
    stems = sorted(p.stem for p in (REPO / "cases").glob("*.yaml"))
    assert sorted(book.cases) == stems


# --- a deliberately broken record, checked against its exact list of messages --------

def expected_messages(vocabulary):
    themes, levels = ", ".join(vocabulary.themes), ", ".join(vocabulary.levels)
    at = "cases/bad-example.yaml:"
    return [
        f"{at}3:5: id: must be the file name without .yaml: 'bad-example', got 'bad-sample'",
        f"{at}4:10: country: expected an ISO 3166-1 alpha-2 code such as CN, VN or LA, got 'XX'",
        f"{at}5:8: level: unknown level 'prefecture'; use 'city' (the level this casebook uses for "
        f"a prefecture). expected one of: {levels}. To propose a new level, add it to "
        "cases/vocabulary/levels.yaml with its label in en, zh and vi in the same pull request "
        "(see CONTRIBUTING.md)",
        f"{at}8:5: themes[1]: unknown theme 'grassroots-organisation'; "
        f"did you mean 'grassroots-organization'? expected one of: {themes}. To propose a new "
        "theme, add it to cases/vocabulary/themes.yaml with its label in en, zh and vi in the "
        "same pull request (see CONTRIBUTING.md)",
        f"{at}10:3: period: end 2016 is before start 2018",
        f"{at}23:13: figures[0].source: 'missing-source' is not the id of a source of this "
        "case; expected one of: real-source",
        f"{at}28:11: sources[0].date: '2018-13' is not a real date (month must be in 1..12)",
        f"{at}29:10: sources[0].url: expected a full http:// or https:// address, got 'htp:/x'",
        f"{at}32:5: text.en.summary: required field is missing",
        f"{at}32:13: text.en.status: unknown value 'reviewd'; did you mean 'reviewed'? "
        "expected one of: draft, reviewed",
        f"{at}33:5: text.en.titel: unknown field 'titel'; did you mean 'title'? "
        "expected one of: status, title, summary, background, reform, results",
        f'{at}34:12: text.en.title: expected text, got the number 2018: put it in quotes, e.g. "2018"',
        f"{at}38:7: text.en.background: headings are not allowed in narrative text; "
        "the page adds its own section headings (use **bold** for emphasis)",
    ]


def broken_messages(casedir):
    cases, vocabulary = casedir
    path = cases / BROKEN.name
    shutil.copy(BROKEN, path)
    case, problems = load_case(path, vocabulary, Path("cases") / BROKEN.name)
    assert case is None
    return [str(p) for p in problems], expected_messages(vocabulary)


def test_broken_record_exact_messages(casedir):
    # every mistake at once, each on its own line, in file order
    actual, expected = broken_messages(casedir)
    assert actual == expected


# --- single fields --------------------------------------------------------------------

@pytest.mark.parametrize("loc, value", [
    # an end in the same year as a more precise start is not "before" it
    ("period", {"start": "2018", "end": "2018-01"}),
    # a more precise start within the month the period ends
    ("period", {"start": "2018-05-10", "end": "2018-05"}),
    # a report date alone is enough when no start or end is known
    ("period", {"as_of": "2020-09-30"}),
    # every qualifier of a figure
    *[("figures.0.qualifier", q) for q in ("about", "over", "under", "exact")],
    # zero and fractions are real figures
    *[("figures.0.value", v) for v in (0, 12.5)],
    # coordinates on the edges of the ranges
    ("coordinates", {"lat": -90, "lon": 180}),
    # translations may be drafts with nothing but a status (everything falls back)
    ("text.zh", {"status": "draft"}),
    # "#hashtag" (no space) and an indented "#" are not Markdown headings
    ("text.en.reform", "Posted as\n#hashtag\n\n    # code\n"),
])
def test_valid_field(casedir, loc, value):
    case, problems = check(casedir, changed(loc, value))
    assert [str(p) for p in problems] == [] and case is not None


def bad(loc, value, field, message, defect=None):
    marks = [pytest.mark.xfail(strict=True, reason=defect)] if defect else []
    return pytest.param(loc, value, field, message, marks=marks)


@pytest.mark.parametrize("loc, value, field, message", [
    # an end before the start, both with months
    bad("period", {"start": "2018-05", "end": "2018-03"}, "period", "end 2018-03 is before"),
    # a period needs some date; an empty start is no date
    bad("period.start", None, "period", "give at least one of start, end, as_of"),
    # a day that does not exist
    bad("period.start", "2018-02-30", "period.start", "'2018-02-30' is not a real date"),
    # a two-digit year is ambiguous
    bad("period.start", "18-09", "period.start", 'expected a date as "YYYY", "YYYY-MM"'),
    # an unquoted year is a number in YAML; the template says to quote dates
    bad("period.start", 2018, "period.start", 'expected text, got the number 2018: put it in quotes, e.g. "2018"'),
    # years far outside the casebook's range are typos
    bad("period.start", "1899", "period.start", "year 1899 is outside 1900-"),
    # qualifiers are lower-case; a near miss gets a suggestion
    bad("figures.0.qualifier", "Over", "figures[0].qualifier",
        "did you mean 'over'? expected one of: exact, about, over, under"),
    # a count cannot be negative
    bad("figures.0.value", -1, "figures[0].value", "greater than or equal to 0"),
    # a quoted number is text, not a figure
    bad("figures.0.value", "5", "figures[0].value",
        "expected a number, got the text '5': write the number without quotes"),
    # YAML's .inf is a float, but not a figure anyone reported
    bad("figures.0.value", float("inf"), "figures[0].value", "expected a finite number"),
    # coordinates out of range (lat/lon swapped is the usual cause)
    bad("coordinates", {"lat": 91, "lon": 0}, "coordinates.lat", "less than or equal to 90"),
    bad("coordinates", {"lat": 0, "lon": -181}, "coordinates.lon", "greater than or equal to -180"),
    # empty and blank text would render as an empty heading or cell
    bad("text.en.title", "", "text.en.title", "must not be empty"),
    bad("organization.en", "   ", "organization.en", "must not be empty"),
    # a key with no value
    bad("text.en.summary", None, "text.en.summary", "expected text, got nothing (empty value)"),
    # a title is one line
    bad("text.en.title", "two\nlines", "text.en.title", "must be a single line"),
    # a list where a mapping belongs; the message should not speak Python
    bad("place", ["a", "b"], "place", "got a list"),
    bad("place", ["a", "b"], "place", "expected a mapping"),
    # text where a mapping of languages belongs
    bad("place.region", "Yunnan", "place.region",
        "expected a mapping (indented `key: value` lines), got the text 'Yunnan'"),
    # a mapping where text belongs
    bad("text.en.title", {"en": "x"}, "text.en.title", "expected text, got a mapping"),
    # YAML reads a bare true as a yes/no value, not as the word
    bad("text.en.title", True, "text.en.title", "expected text, got true (a yes/no value: put the text in quotes)"),
    # text where a list belongs
    bad("themes", "health", "themes",
        'expected a list (one item per line, each starting with "- "), got the text \'health\''),
    # a case needs a theme; the message should not speak pydantic
    bad("themes", [], "themes", "expected at least 1 item"),
    # the same theme twice
    bad("themes", ["health", "health"], "themes", "a theme is listed twice"),
    # a wrong theme further down a list must be pointed at, not the first item
    bad("themes", ["health", "migrants", "helth"], "themes[2]", "did you mean 'health'?"),
    # a level near a real one
    bad("level", "citi", "level", "did you mean 'city'?"),
    # ISO 3166-1 alpha-2 codes are two capital letters ("CHN" is alpha-3)
    bad("country", "CHN", "country", "expected an ISO 3166-1 alpha-2 code"),
    bad("country", "cn", "country", "got 'cn'"),
    # only web addresses
    bad("sources.0.url", "ftp://x.org", "sources[0].url", "expected a full http://"),
    # the article's language is one of the site's
    bad("sources.0.language", "fr", "sources[0].language", "expected one of: en, zh, vi"),
    # a translation needs its status
    bad("text.zh", {"title": "x"}, "text.zh.status", "required field is missing"),
    # only the site's languages
    bad("text.fr", {"status": "draft"}, "text.fr", "unknown field 'fr'; expected one of: en, "
        "zh, vi"),
    # Chinese text pasted from a Traditional source
    bad("text.zh", {"status": "draft", "title": "婦聯改革的經驗"}, "text.zh.title",
        "Traditional Chinese characters (婦經聯); write Simplified"),
    # Vietnamese typed without its diacritics
    bad("text.vi", {"status": "draft", "summary": "Hoi Lien hiep Phu nu tinh Binh Duong so ket nam nam thuc "
        "hien Chi thi so 21"}, "text.vi.summary", "Vietnamese without any tone marks"),
    # a heading as the first line of a field
    bad("text.en.reform", "# Steps", "text.en.reform", "headings are not allowed in narrative"),
    # a figure citing a source that is not listed, with nothing else wrong
    bad("figures.0.source", "scr", "figures[0].source", "'scr' is not the id of a source of "
        "this case; did you mean 'src'?"),
])
def test_invalid_field(casedir, loc, value, field, message):
    case, problems = check(casedir, changed(loc, value))
    assert case is None
    assert [p.field for p in problems] == [field], [str(p) for p in problems]
    assert message in problems[0].message


def test_empty_document_message_uses_contributor_words(casedir):
    _, problems = check(casedir, "---\n")
    assert [p.message for p in problems] == [
        "expected a mapping of fields (id:, country:, ...), found nothing (empty value)"]


# --- whole folders --------------------------------------------------------------------

def test_same_id_in_two_files_is_reported(casedir):
    # copying a record and forgetting to change its id must not replace the first case
    cases, _ = casedir
    write(cases, "field-test.yaml", BASE)
    write(cases, "field-test-copy.yaml", BASE)
    with pytest.raises(CasebookInvalid) as raised:
        load_casebook(cases)
    assert [str(p) for p in raised.value.problems] == [
        "cases/field-test-copy.yaml:1:5: id: must be the file name without .yaml: "
        "'field-test-copy', got 'field-test'"]


def test_yml_file_is_reported(casedir):
    # a .yml file would otherwise be silently left out of the site
    cases, _ = casedir
    write(cases, "field-test.yml", BASE)
    with pytest.raises(CasebookInvalid) as raised:
        load_casebook(cases)
    assert str(raised.value) == ("cases/field-test.yml:1:1: (file): case files end in .yaml, "
                                 "in lowercase (rename the file)\n1 error in case records")


def test_report_lists_every_file_and_counts(casedir):
    # one run shows every mistake in every file, then a count
    cases, vocabulary = casedir
    write(cases, "field-test.yaml", BASE)  # a good file among bad ones
    shutil.copy(BROKEN, cases / BROKEN.name)
    write(cases, "other-bad.yaml", changed("id", "other-bad") | {"country": "XX"})
    with pytest.raises(CasebookInvalid) as raised:
        load_casebook(cases)
    problems = [str(p) for name in (BROKEN.name, "other-bad.yaml")
                for p in load_case(cases / name, vocabulary, Path("cases") / name)[1]]
    assert str(raised.value).splitlines() == problems + [f"{len(problems)} errors in case records"]
    assert "cases/other-bad.yaml:2:10: country: expected an ISO" in str(raised.value)


