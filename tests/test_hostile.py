"""Hostile records: what a stranger's pull request may try, refused with a clear message.

Each test is one class of attack on the build machine or the build itself (reading
outside cases/, crashing or stalling it, flooding its output); the browser side is in
test_hostile_browser.py."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casebook.records.load import load_casebook
from casebook.records.problems import CasebookInvalid
from validation_support import BASE, make_casedir, write

SECRET = "SECRET-TOKEN-0123456789"


def problems_of(cases: Path) -> list[str]:
    try:
        load_casebook(cases, shown_root=cases.parent)
    except CasebookInvalid as err:
        return [str(p) for p in err.problems]
    return []


def valid(case_id: str = "field-test", **changes) -> dict:
    record = copy.deepcopy(BASE)
    record["id"] = case_id
    record.update(changes)
    return record


# --- reading outside cases/ ------------------------------------------------------------

@pytest.fixture
def outside(tmp_path) -> Path:
    """A credential and a valid record, both outside the project."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "credential.yaml").write_text(f"token: {SECRET}\n", encoding="utf-8")
    write(folder, "linked-case.yaml", valid("linked-case"))
    return folder


@pytest.mark.parametrize("target", ["credential.yaml", "linked-case.yaml", "/etc/passwd", "missing.yaml"])
def test_a_symbolic_link_in_cases_is_refused_and_its_target_never_quoted(tmp_path, outside, target):
    cases, _ = make_casedir(tmp_path / "project")
    write(cases, "field-test.yaml", valid())
    link = cases / ("linked-case.yaml" if target == "linked-case.yaml" else "evil.yaml")
    link.symlink_to(target if target.startswith("/") else outside / target)
    found = problems_of(cases)
    assert found == [f"cases/{link.name}:1:1: (file): is a symbolic link; a record must be a regular file "
                     "inside cases/ (the link is not followed)"]
    assert not any(SECRET in p or "root:" in p or "elsewhere" in p or "passwd" in p for p in found)


def test_casebook_validate_refuses_a_link_named_on_the_command_line(tmp_path, outside):
    cases, _ = make_casedir(tmp_path / "project")
    (tmp_path / "project" / "mkdocs.yml").write_text("site_name: x\n")
    (cases / "evil.yaml").symlink_to(outside / "credential.yaml")
    run = subprocess.run([sys.executable, "-m", "casebook", "validate", "cases/evil.yaml"],
                         cwd=tmp_path / "project", capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "cases/evil.yaml:1:1: (file): is a symbolic link" in run.stdout
    assert SECRET not in run.stdout + run.stderr and "elsewhere" not in run.stdout + run.stderr


def test_a_linked_vocabulary_folder_or_file_is_refused(tmp_path):
    cases, _ = make_casedir(tmp_path / "project")
    write(cases, "field-test.yaml", valid())
    real = tmp_path / "vocabulary-elsewhere"
    (cases / "vocabulary").rename(real)
    (cases / "vocabulary").symlink_to(real)
    found = problems_of(cases)
    vocabulary = [p for p in found if p.startswith("cases/vocabulary/")]
    assert len(vocabulary) == 4, found  # themes, levels, countries, glossary
    assert all("is inside vocabulary/, a symbolic link" in p for p in vocabulary), vocabulary
    assert not any("elsewhere" in p for p in found)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_being_opened(tmp_path):
    """Opening a pipe for reading would wait forever for a writer: the build would hang."""
    cases, _ = make_casedir(tmp_path / "project")
    os.mkfifo(cases / "pipe.yaml")
    assert problems_of(cases) == ["cases/pipe.yaml:1:1: (file): is not a regular file; "
                                  "a record must be a regular file inside cases/"]


@pytest.mark.parametrize("name", ["field-test.YAML", "field-test.Yaml", "field-test.yml"])
def test_a_record_with_another_suffix_is_reported_not_ignored(tmp_path, name):
    cases, _ = make_casedir(tmp_path / "project")
    write(cases, name, valid())
    assert problems_of(cases) == [f"cases/{name}:1:1: (file): case files end in .yaml, in lowercase (rename the file)"]


# --- crashes, stalls and floods: limits in the code, each with its own message ---------

def one_record(tmp_path, record) -> list[str]:
    cases, _ = make_casedir(tmp_path / "project")
    write(cases, "field-test.yaml", record)
    return problems_of(cases)


def with_text(field: str, value: str, lang: str = "en") -> dict:
    record = valid()
    record["text"][lang][field] = value
    return record


def test_a_huge_number_is_a_message_not_a_traceback(tmp_path):
    record = yaml.safe_dump(valid(), sort_keys=False).replace("value: 5", "value: " + "9" * 5000)
    found = one_record(tmp_path, record)
    assert len(found) == 1 and "figures[0].value: number is 5,000 characters long; a number may be at most 24" in found[0]


@pytest.mark.parametrize("text, message", [
    ("*" * 2000 + "a" + "*" * 2000, "'*' is repeated 2,000 times in a row; Markdown text may repeat a mark at most 10 times"),
    ("[" * 14000 + "]" * 14000, "'[' is repeated 14,000 times in a row"),
    ("[a" * 3000 + "]" * 3, "brackets '[' are nested 3,000 deep; Markdown text may nest them at most 5 deep"),
    ("x " * 16000, "text is 31,999 characters long; a section may be at most 30,000"),
    ("> " * 50 + "deep", "quotes ('>') are nested 50 deep; at most 5"),
])
def test_markdown_that_would_crash_or_stall_the_build_is_refused(tmp_path, text, message):
    found = one_record(tmp_path, with_text("background", text))
    assert len(found) == 1 and message in found[0], found


def test_markdown_within_the_limits_converts(tmp_path):
    """The limits leave room for any real text, and such text converts at once."""
    import markdown

    text = "***bold italic*** [a [nested [link](https://example.org/)]] > quote\n\n> > > quoted"
    assert one_record(tmp_path, with_text("background", text)) == []
    markdown.markdown("*" * 10 + "a" + "*" * 10 + "[" * 5 + "]" * 5)


def test_a_nul_byte_after_non_ascii_text_is_reported_on_its_own_line(tmp_path):
    text = yaml.safe_dump(with_text("title", "TITLE"), sort_keys=False, allow_unicode=True)
    text = text.replace("title: TITLE", "title: Hội Phụ nữ 妇联 T\x00")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if "\x00" in row)
    found = one_record(tmp_path, text)
    assert found == [f"cases/field-test.yaml:{line}:{text.split(chr(10))[line - 1].index(chr(0)) + 1}: (file): "
                     "control character U+0000 is not allowed; delete it"]


def test_thousands_of_the_same_mistake_print_a_count_not_megabytes(tmp_path):
    record = valid()
    record["sources"] = [{"id": f"s{i}", "title": "T", "outlet": "O"} for i in range(2000)]
    record["figures"] = [{"value": 1, "label": {"en": "x"}, "source": f"missing-{i}"} for i in range(2500)]
    cases, _ = make_casedir(tmp_path / "project")
    write(cases, "field-test.yaml", record)
    with pytest.raises(CasebookInvalid) as raised:
        load_casebook(cases, shown_root=cases.parent)
    report = raised.value.report()
    assert "cases/field-test.yaml: and 2,480 more of the same (figures[].source)" in report
    assert "expected at most 200 items, got 2,500" in report and "expected at most 100 items, got 2,000" in report
    assert len(report.encode()) < 20_000, len(report.encode())


# --- text that looks like something else ------------------------------------------------

@pytest.mark.parametrize("written, message", [
    ('"Title \\0 end"', "control character U+0000 is not allowed (also not written as an escape such as \\x1b)"),
    ('"Title \\x1b[31m red"', "control character U+001B is not allowed"),
    ('"Title \\u2028 split"', "control character U+2028 is not allowed"),
    ('"\\u200b\\u200b\\u200b"', "holds only invisible characters (such as zero-width spaces)"),
    ('"\\u3164"', "holds only invisible characters"),
    ('"Title \\u202egnp.exe"', "bidirectional control character U+202E is not allowed"),
])
def test_characters_no_text_may_hold_however_written(tmp_path, written, message):
    text = yaml.safe_dump(with_text("title", "TITLE"), sort_keys=False).replace("title: TITLE\n", f"title: {written}\n")
    assert written in text
    found = one_record(tmp_path, text)
    assert len(found) == 1 and ": text.en.title: " in found[0] and message in found[0], found


def test_a_bidi_override_in_an_address_is_refused(tmp_path):
    record = valid()
    record["sources"][0]["url"] = "https://example.org/\u202etxt.exe"
    found = one_record(tmp_path, record)
    assert len(found) == 1 and "sources[0].url: bidirectional control character U+202E" in found[0]


@pytest.mark.parametrize("date", ["２０１８", "2018-０９", "٢٠١٨"])
def test_dates_are_written_with_ascii_digits(tmp_path, date):
    record = valid()
    record["period"] = {"start": date}
    found = one_record(tmp_path, record)
    assert len(found) == 1 and 'period.start: expected a date as "YYYY"' in found[0], found


def test_a_merge_tag_cannot_give_a_key_a_second_value(tmp_path):
    text = yaml.safe_dump(valid(), sort_keys=False).replace("country: VN\n", "country: VN\n!!merge <<: {country: CN}\n")
    found = one_record(tmp_path, text)
    assert found == ["cases/field-test.yaml:3:1: <<: tags (!!merge) are not allowed in a record; write the value plainly"]


@pytest.mark.parametrize("text, message", [
    ("Text\n\nTitle\n=====\n", "a line of '=' or '-' under text makes it a heading"),
    ("Text\n\nTitle\n---\n", "a line of '=' or '-' under text makes it a heading"),
    ("> # Quoted heading\n", "headings are not allowed in narrative text"),
    ("- ## Listed heading\n", "headings are not allowed in narrative text"),
    ("The ACWF.\n\n*[ACWF]: <img src=x onerror=alert(1)>\n", "abbreviation definitions (*[...]: ...) are not allowed"),
    ("A paragraph.\n{: title='<img src=x onerror=alert(1)>' }\n", "attribute lists"),
    ("**Bold**{onclick=alert(1)}\n", "attribute lists"),
    ("!!! note\n    Looks like our notice.\n", "admonitions (!!! or ???) are not allowed"),
    ('<div markdown="1">*x*</div>\n', "HTML with a markdown= attribute is not allowed"),
    ("Before <script>alert(1)\n\nAfter.\n", "HTML element <script> is not closed"),
    ("Before <style>.md-content{display:none}\n", "HTML element <style> is not closed"),
    ("Before <textarea>\n\nAfter.\n", "HTML element <textarea> is not closed"),
    ("Before <!-- hidden\n\nAfter.\n", "an HTML comment (<!--) is not closed"),
    ("See [the other](../themes/health.md).\n", "link '../themes/health.md': a link in narrative text is"),
    ("See [above](#nowhere).\n", "link '#nowhere'"),
    ("See [another case](no-such-case.md).\n", "link to no-such-case.md: there is no case 'no-such-case'"),
])
def test_narrative_text_holds_only_what_a_case_needs(tmp_path, text, message):
    found = one_record(tmp_path, with_text("reform", "First line.\n\n" + text))
    assert len(found) == 1 and ": text.en.reform: " in found[0] and message in found[0], found
    line = int(found[0].split(":")[1])
    record_text = (tmp_path / "project" / "cases" / "field-test.yaml").read_text(encoding="utf-8")
    assert line > record_text[:record_text.index("reform:")].count("\n"), "points into the reform text"


def test_a_link_to_another_case_that_exists_is_fine(tmp_path):
    cases, _ = make_casedir(tmp_path / "project")
    write(cases, "field-test.yaml", with_text("reform", "See [the other case](other-case.md)."))
    write(cases, "other-case.yaml", valid("other-case"))
    assert problems_of(cases) == []


# --- a failed build publishes nothing ---------------------------------------------------

def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_a_failed_strict_mkdocs_build_leaves_the_previous_site_byte_identical(tmp_path):
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project", with_cases=False)
    write(project / "cases", "field-test.yaml", valid())
    first = mkdocs_build(project)
    assert first.returncode == 0, first.stderr[-3000:]
    before = tree_bytes(project / "site")
    assert "cases/field-test/index.html" in before

    # valid records, but a page the strict build refuses (a link to a page that does not exist)
    write(project / "cases", "second-case.yaml", valid("second-case"))
    (project / "docs" / "broken.md").write_text("# Broken\n\n[nowhere](no-such-page.md)\n", encoding="utf-8")
    failed = mkdocs_build(project)
    assert failed.returncode != 0 and "no-such-page.md" in failed.stderr, failed.stderr[-3000:]
    assert tree_bytes(project / "site") == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []

    (project / "docs" / "broken.md").unlink()
    again = mkdocs_build(project)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "cases/second-case/index.html" in tree_bytes(project / "site")
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


# --- data downloads -------------------------------------------------------------------

@pytest.mark.parametrize("text", ['=HYPERLINK("https://evil.example","click")', "+1+1", "-2+3",
                                  "@SUM(1,2)", '=IMPORTXML("https://evil.example","//a")'])
def test_csv_cells_never_start_a_formula(tmp_path, text):
    import csv
    import io
    import json

    from casebook.pages.open_data import cases_csv, cases_json

    cases, _ = make_casedir(tmp_path / "project")
    record = with_text("title", text)
    record["text"]["en"]["summary"] = text
    record["organization"]["en"] = text
    record["sources"][0]["title"] = text
    write(cases, "field-test.yaml", record)
    book = load_casebook(cases, shown_root=cases.parent)
    rows = list(csv.DictReader(io.StringIO(cases_csv(book, "en", "https://example.org/").lstrip("\ufeff"))))
    for column in ("title", "summary", "organization", "sources"):
        assert rows[0][column] == "'" + text, column
    assert all(not value.startswith(("=", "+", "-", "@")) for value in rows[0].values())
    assert json.loads(cases_json(book, ""))["cases"][0]["text"]["en"]["title"] == text  # JSON as written
