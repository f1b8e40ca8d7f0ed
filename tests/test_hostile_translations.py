"""Hostile translations: what a translator's PO file (or a hand-edited ui.yaml) may try.

Interface strings are text printed into every page of a language, so a translation of
one may hold only what its English holds (placeholders, link targets, code spans) and
no markup; a PO file is refused, with its own line, when it cannot be imported as the
translator wrote it; and nothing a file holds may flood or drive a terminal. Each class
goes through the real `casebook translate import` and `casebook validate`."""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest
import yaml

from conftest import FIXTURE, FIXTURE_ID, ROOT, copy_project, project_files
from validation_support import BASE, make_casedir, write

from casebook.records.interface import interface_string_problems

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
UI = ROOT / "hooks" / "casebook" / "pages" / "ui.yaml"
UI_SHOWN = "hooks/casebook/pages/ui.yaml"


def casebook(project: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook", *args], cwd=project,
                          capture_output=True, text=True, env=ENV, timeout=timeout)


def ui_strings() -> dict:
    return yaml.safe_load(UI.read_text(encoding="utf-8"))


HEADER = 'msgid ""\nmsgstr ""\n"Language: vi\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def po_entry(context: str, msgid: str, msgstr: str) -> str:
    return f'msgctxt "{context}"\nmsgid {polib.escape(msgid).join(chr(34) * 2)}\n' \
           f'msgstr {polib.escape(msgstr).join(chr(34) * 2)}\n\n'


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- what an interface string may hold ----------------------------------------------------

def test_every_interface_string_of_ui_yaml_passes():
    data = ui_strings()
    checked = 0
    for lang, strings in data.items():
        for key, value in strings.items():
            plural = data["en"].get(key.removesuffix("_one")) if key.endswith("_one") else None
            assert interface_string_problems(data["en"][key], value, plural) == [], f"{lang}.{key}"
            checked += 1
    assert checked > 500


HOSTILE = [
    ('Liên kết cố định" onmouseover="alert(1)', None),  # quotes alone are text: the site escapes them
    ('Liên kết"><img src=x onerror=alert(1)>', "HTML"),
    ("Liên kết</a><script>alert(1)</script>", "HTML"),
    ("Liên kết <!-- x -->", "HTML"),
    ("Liên kết <?php ?>", "HTML"),
    ("Liên kết &lt;b&gt;", "entity"),
    ("Liên kết &#60;b", "entity"),
    ("Liên kết &#x3c;b", "entity"),
    ("Liên kết {", "brace"),
    ("Liên kết }", "brace"),
    ("Liên kết {count}", "placeholder"),
    ("Liên kết {0.__class__}", "placeholder"),
    ("Liên kết \x1b[31m", "control character"),
    ("Liên kết \u202e", "control character"),
    ("Liên kết\n", "control character"),
    ("L" * 1_000_000, "characters long"),
]


@pytest.mark.parametrize("translated, refused", HOSTILE)
def test_a_hostile_interface_string_is_refused(translated, refused):
    found = interface_string_problems("Permanent link", translated)
    if refused is None:
        assert found == []
    else:
        assert found and any(refused in p for p in found), found
        assert all(len(p) < 500 for p in found)


@pytest.mark.parametrize("translated, refused", [
    ("{date}", "the placeholder {count} is missing"),
    ("{count} {count} {date}", "{count} appears 2 times"),
    ("{count!r} {date}", "placeholder"),
    ("{count:>99999} {date}", "placeholder"),
    ("{count} {date} {{", "brace"),
])
def test_placeholders_match_the_english_by_name_and_count(translated, refused):
    found = interface_string_problems("{count} cases. Newest source: {date}.", translated)
    assert any(refused in p for p in found), found


def test_a_singular_may_use_the_plurals_placeholders():
    assert interface_string_problems("1 case", "{count}个案例", "{count} cases") == []
    assert interface_string_problems("1 case", "{count}{count}个案例", "{count} cases")
    assert interface_string_problems("1 case", "{date}个案例", "{count} cases")


def test_link_targets_and_code_spans_are_the_englishs():
    english = ui_strings()["en"]["reference_intro"]
    vi = ui_strings()["vi"]["reference_intro"]
    assert interface_string_problems(english, vi) == []
    assert any("link" in p for p in interface_string_problems(english, vi.replace("]({schema})", "](https://evil.example)")))
    assert any("code" in p for p in interface_string_problems(english, vi.replace("`cases/<id>.yaml`", "cases/<id>.yaml")))
    assert any("HTML" in p for p in interface_string_problems(english, vi.replace("`cases/<id>.yaml`", "`x` <id>")))


# --- through the real commands ------------------------------------------------------------

@pytest.mark.parametrize("translated", ['Liên kết"><img src=x onerror=alert(1)>', "Liên kết {"])
def test_import_refuses_markup_in_an_interface_string_and_writes_nothing(fixture_project, translated):
    project = fixture_project
    before = project_files(project)
    text = HEADER + po_entry("ui:permalink", "Permanent link", translated)
    (project / "vi.po").write_text(text, encoding="utf-8")
    result = casebook(project, "translate", "import", "vi.po")
    assert result.returncode == 1
    assert result.stdout.startswith(f"vi.po:{line_of(text, 'msgctxt')}: ui:permalink: "), result.stdout
    assert result.stdout.splitlines()[-1].endswith("nothing was imported")
    assert project_files(project) == before


def hostile_ui(project: Path, key: str = "permalink", value: str = 'Liên kết"><img src=x onerror=alert(1)>',
               lang: str = "vi") -> int:
    """Write ``value`` as ``lang.key`` of the project's ui.yaml (by hand, not by import);
    returns its line."""
    path = project / UI_SHOWN
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"{lang}:")
    number = next(i for i in range(start, len(lines)) if lines[i].startswith(f"  {key}: "))
    lines[number] = f"  {key}: {yaml.safe_dump(value, allow_unicode=True, width=10**9).splitlines()[0]}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def test_validate_refuses_markup_in_ui_yaml_with_its_line(fixture_project):
    project = fixture_project
    assert casebook(project, "validate").returncode == 0
    line = hostile_ui(project)
    result = casebook(project, "validate")
    assert result.returncode == 1
    assert re.search(rf"^{re.escape(UI_SHOWN)}:{line}:\d+: vi\.permalink: .*HTML", result.stdout, re.M), result.stdout


@pytest.mark.build
def test_a_hostile_ui_yaml_stops_the_build_and_writes_nothing(fixture_project):
    project = fixture_project
    line = hostile_ui(project, lang="zh")
    env = {**os.environ, "CASEBOOK_LANGUAGE": "zh", "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                         capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode != 0
    assert f"{UI_SHOWN}:{line}:" in run.stderr and "zh.permalink" in run.stderr, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert not (project / "site").exists()


@pytest.mark.parametrize("header, body", [
    ("ISO-8859-1", "utf-8"),  # UTF-8 bytes read as Latin-1: mojibake
    ("UTF-8", "latin-1"),
])
def test_a_po_whose_charset_is_not_its_bytes_is_refused_at_the_header(fixture_project, header, body):
    project = fixture_project
    before = project_files(project)
    text = HEADER.replace("UTF-8", header) + po_entry("vocabulary/themes:health", "Health", "Santé")
    (project / "vi.po").write_bytes(text.encode(body))
    result = casebook(project, "translate", "import", "vi.po")
    assert result.returncode == 1
    assert result.stdout.startswith(f"vi.po:{line_of(text, 'Content-Type')}: "), result.stdout
    assert "charset" in result.stdout.splitlines()[0] and "UTF-8" in result.stdout.splitlines()[0]
    assert project_files(project) == before


def test_plural_entries_are_refused_and_obsolete_ones_reported_with_their_line(fixture_project):
    project = fixture_project
    before = project_files(project)
    plural = 'msgctxt "ui:case"\nmsgid "Case"\nmsgid_plural "Cases"\nmsgstr[0] "Trường hợp"\n\n'
    obsolete = '#~ msgctxt "vocabulary/themes:health"\n#~ msgid "Health"\n#~ msgstr "Sức khỏe mới"\n\n'
    text = HEADER + plural + obsolete
    (project / "vi.po").write_text(text, encoding="utf-8")
    result = casebook(project, "translate", "import", "vi.po")
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert f"vi.po:{line_of(text, 'msgctxt')}: ui:case: plural forms (msgid_plural, msgstr[0]) are not used " \
           "by the casebook; translate msgid with msgstr" in out[0] + out[1] + "\n".join(out), result.stdout
    assert any(line.startswith(f"vi.po:{line_of(text, '#~')}: vocabulary/themes:health: ") and "#~" in line
               for line in out), result.stdout
    assert project_files(project) == before


def test_an_obsolete_entry_of_a_text_gone_from_the_casebook_is_a_note(fixture_project):
    project = fixture_project
    text = HEADER + '#~ msgctxt "ui:gone"\n#~ msgid "Gone"\n#~ msgstr "Đã mất"\n\n' + \
        po_entry("vocabulary/themes:health", "Health", "Sức khỏe mới")
    (project / "vi.po").write_text(text, encoding="utf-8")
    result = casebook(project, "translate", "import", "vi.po")
    assert result.returncode == 0, result.stdout
    assert f"vi.po:{line_of(text, '#~')}: ui:gone: " in result.stdout and "(warning)" in result.stdout
    assert "Sức khỏe mới" in (project / "cases" / "vocabulary" / "themes.yaml").read_text(encoding="utf-8")


def test_a_problem_found_after_the_change_names_the_po_line(fixture_project):
    """A glossary term translated as a spelling its own entry lists under avoid: the
    glossary no longer loads, at another field than the one translated (acwf.avoid.vi.0),
    and the problem still names the line of the PO message that caused it."""
    project = fixture_project
    before = project_files(project)
    glossary = yaml.safe_load((project / "cases" / "vocabulary" / "glossary.yaml").read_text(encoding="utf-8"))
    text = HEADER + po_entry("vocabulary/glossary:acwf.term", glossary["acwf"]["term"]["en"],
                             "Hội Liên hiệp Phụ nữ toàn quốc Trung Quốc")
    (project / "vi.po").write_text(text, encoding="utf-8")
    result = casebook(project, "translate", "import", "vi.po")
    assert result.returncode == 1, result.stdout
    problems = result.stdout.splitlines()[:-1]
    assert problems and all(p.startswith(f"vi.po:{line_of(text, 'msgctxt')}: vocabulary/glossary:acwf.term: ")
                            for p in problems), result.stdout
    assert "acwf.avoid.vi" in problems[0] and "glossary.yaml:" in problems[0]
    assert project_files(project) == before


def test_one_bad_file_of_two_imports_nothing(fixture_project):
    project = fixture_project
    before = project_files(project)
    (project / "zh.po").write_text(HEADER.replace("vi", "zh_CN") + po_entry("vocabulary/themes:health", "Health", "新健康"),
                                   encoding="utf-8")
    (project / "vi.po").write_text(HEADER + po_entry("ui:permalink", "Permanent link", "<b>x</b>"), encoding="utf-8")
    result = casebook(project, "translate", "import", "zh.po", "vi.po")
    assert result.returncode == 1 and "vi.po:" in result.stdout
    assert project_files(project) == before


def test_a_ten_megabyte_po_is_refused_within_seconds(fixture_project):
    project = fixture_project
    text = HEADER + 'msgctxt "ui:permalink"\nmsgid "Permanent link"\nmsgstr ""\n' + '"a"\n' * 2_600_000
    (project / "vi.po").write_text(text, encoding="utf-8")
    started = time.monotonic()
    result = casebook(project, "translate", "import", "vi.po", timeout=60)
    assert time.monotonic() - started < 15
    assert result.returncode == 1 and result.stdout.startswith("vi.po:1: "), result.stdout[:2000]
    assert "bytes" in result.stdout.splitlines()[0]


def test_long_continuations_within_the_cap_parse_in_linear_time(tmp_path):
    from casebook.translations.pofile import parse_po

    text = HEADER + 'msgctxt "ui:permalink"\nmsgid "Permanent link"\nmsgstr ""\n' + '"a"\n' * 400_000
    path = tmp_path / "vi.po"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    po, problems = parse_po(path, "vi.po", limit=10**8)
    assert time.monotonic() - started < 5 and problems == []
    assert [(e.msgctxt, len(e.msgstr), e.linenum) for e in po] == [("ui:permalink", 400_000, 6)]


# --- what validate prints ------------------------------------------------------------------

def record_text(**changes) -> str:
    record = copy.deepcopy(BASE)
    record.update(changes)
    return yaml.safe_dump(record, sort_keys=False, allow_unicode=True)


def validate_one(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    project = tmp_path / "project"
    cases, _ = make_casedir(project)
    (project / "mkdocs.yml").write_text("site_name: x\n")
    write(cases, "field-test.yaml", text)
    return casebook(project, "validate", "cases/field-test.yaml")


@pytest.mark.parametrize("extra, shown", [
    ('"\\e[31m": x\n"\\a": y\n', ["\\x1b[31m", "\\x07", "place.\\x0d\\x1b[2J"]),  # unknown keys: their names are printed
    ('"\\a": "\\r\\e[2J"\n', ["\\x07"]),  # a value refused for its control characters
])
def test_control_characters_in_keys_and_values_are_printed_escaped(tmp_path, extra, shown):
    text = record_text().replace("place:\n", 'place:\n  "\\r\\e[2J": y\n') + extra
    result = validate_one(tmp_path, text)
    assert result.returncode == 1
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", result.stdout + result.stderr), repr(result.stdout)
    assert all(escaped in result.stdout for escaped in shown), result.stdout


@pytest.mark.parametrize("value", ["!!binary aGVsbG8=", "!!timestamp 2018-09-30", "!!set {a, b}",
                                   "!!python/object:os.system {}"])
def test_a_tag_names_its_line_and_field(tmp_path, value):
    text = record_text().replace("  locality:\n", f"  kind: {value}\n  locality:\n")
    assert f"kind: {value}" in text
    result = validate_one(tmp_path, text)
    assert result.returncode == 1
    line = line_of(text, "  kind:")
    assert re.search(rf"^cases/field-test\.yaml:{line}:9: place\.kind: tags \(!!", result.stdout, re.M), result.stdout


def test_a_flood_of_unknown_keys_prints_a_count_not_megabytes(tmp_path):
    keys = "".join(f"  u{i}: 1\n" for i in range(20_000))
    text = record_text().replace("place:\n", "place:\n" + keys)
    assert len(text.encode()) < 256 * 1024
    result = validate_one(tmp_path, text)
    assert result.returncode == 1
    assert len(result.stdout.encode()) < 40_000, len(result.stdout.encode())
    assert re.search(r"^cases/field-test\.yaml: and 19,980 more of the same \(.*place.*\)$", result.stdout, re.M), \
        result.stdout[-2000:]
