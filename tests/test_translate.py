"""Translators' PO workflow (casebook translate): export, import, outdated, terminology.

Tests run on copies of the project: the round trip over whatever records cases/ holds,
the edits on a fixture record (tests/data/translate/translation-fixture.yaml) of every
kind of value, so they do not depend on which cases exist.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import FIXTURE, FIXTURE_ID, ROOT, casebook_build, copy_project, project_files

from casebook.records.load import _flatten
from casebook.translations.yamledit import YamlDoc
from casebook.records.yamlsource import read_record
from needs import need

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}


def casebook(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook", *args], cwd=project,
                          capture_output=True, text=True, env=ENV, timeout=300)


def edit_po(path: Path, edits: dict[str, dict]) -> None:
    """Change entries of a PO file by msgctxt: {"msgstr": ..., "fuzzy": bool}."""
    po = polib.pofile(str(path))
    for entry in po:
        change = edits.get(entry.msgctxt)
        if change is None:
            continue
        if "msgstr" in change:
            entry.msgstr = change["msgstr"]
        if change.get("fuzzy") is True and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
        if change.get("fuzzy") is False and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(path))


# --- round trip -----------------------------------------------------------------------

def test_export_then_import_without_edits_changes_no_byte(project):
    before = project_files(project)
    exported = casebook(project, "translate", "export", "--lang", "all")
    assert exported.returncode == 0, exported.stdout + exported.stderr
    assert sorted(p.name for p in (project / "po").iterdir()) == ["casebook.pot", "vi.po", "zh.po"]
    imported = casebook(project, "translate", "import", "po/zh.po", "po/vi.po")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Nothing to import" in imported.stdout
    assert project_files(project) == before


# --- import ---------------------------------------------------------------------------

EXPECTED_CHANGES = [  # (what the fixture has, what the import makes of it)
    ("  locality:\n    en: Example Province\n",
     "  locality:\n    en: Example Province\n    zh: 示例省\n"),
    ('      zh: "个基层小组"\n',
     '      zh: "个基层小组"\n      vi: "nhóm cơ sở"\n'),
    ("  zh:\n    status: reviewed\n    title: 示例省妇联测试其译文\n    summary: >-\n      示例省妇联建立了基层小组，并介绍了这些小组。\n",
     "  zh:\n    status: draft\n    title: 示例省妇联的译文\n    summary: >-\n      示例省妇联建立了基层小组。\n"),
    ("\n      第二段。\n",
     "\n      第二段。\n    results: 文章报道，小组超过12个。\n    translated_from:\n"
     "      place.locality: {locality}\n      text.summary: {summary}\n      text.results: {results}\n"),
    ('    title: "Hội Phụ nữ Ví Dụ kiểm tra bản dịch"\n',
     '    title: "Hội Phụ nữ Ví Dụ kiểm tra các bản dịch"\n    summary: >-\n'
     "      Hội Liên hiệp Phụ nữ tỉnh Ví Dụ lập các nhóm cơ sở và viết về các nhóm đó, để các bài kiểm\n"
     "      tra bản dịch có một văn bản gấp dòng.\n"),
    ("      Đoạn thứ hai.\n",
     "      Đoạn thứ hai.\n    translated_from:\n      figures[0].label: {label}\n"
     "      text.title: {title}\n      text.summary: {summary}\n"),
]


def yaml_text(value: str) -> str:
    """``value`` as YAML writes a text that would otherwise read as a number."""
    return f"'{value}'" if re.fullmatch(r"\d+(e\d+)?", value) else value


def test_edited_po_imports_to_the_expected_yaml(fixture_project):
    """A new translation, a changed one and a fuzzy one, in both languages."""
    from casebook.translations.fields import fingerprint

    project = fixture_project
    assert casebook(project, "translate", "export").returncode == 0
    ctx = f"cases/{FIXTURE_ID}:"
    edit_po(project / "po" / "zh.po", {
        ctx + "text.summary": {"msgstr": "示例省妇联建立了基层小组。"},  # changed
        ctx + "text.results": {"msgstr": "文章报道，小组超过12个。"},  # new
        ctx + "text.title": {"msgstr": "示例省妇联的译文", "fuzzy": True},  # fuzzy: not confirmed
        ctx + "place.locality": {"msgstr": "示例省"},  # new, in an {en, zh, vi} mapping
    })
    edit_po(project / "po" / "vi.po", {
        ctx + "figures[0].label": {"msgstr": "nhóm cơ sở"},  # new, beside quoted texts
        ctx + "text.title": {"msgstr": "Hội Phụ nữ Ví Dụ kiểm tra các bản dịch"},  # changed, quoted
        ctx + "text.summary": {"msgstr": "Hội Liên hiệp Phụ nữ tỉnh Ví Dụ lập các nhóm cơ sở và viết "
                                         "về các nhóm đó, để các bài kiểm tra bản dịch có một văn bản "
                                         "gấp dòng."},  # new, long: folded as the English is
    })
    result = casebook(project, "translate", "import", "po/zh.po", "po/vi.po")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"Imported 7 translation(s) into cases/{FIXTURE_ID}.yaml.")
    english = {"summary": "The Example Provincial Women's Union set up grassroots groups and wrote "
                          "about them, so that the translation tests have a folded text to work on.",
               "results": "The article reports over 12 groups.", "locality": "Example Province",
               "label": "grassroots groups", "title": "Example Women's Union tests its translations"}
    expected = FIXTURE.read_text(encoding="utf-8")
    for old, new in EXPECTED_CHANGES:
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new.format(**{k: yaml_text(fingerprint(v)) for k, v in english.items()}))
    assert (project / "cases" / f"{FIXTURE_ID}.yaml").read_text(encoding="utf-8") == expected
    assert casebook(project, "validate").returncode == 0


def write_po(path: Path, entries: list[tuple[str, str, str]], lang: str = "vi") -> dict[str, int]:
    """A PO file of (msgctxt, msgid, msgstr); returns the line of each msgctxt's entry."""
    po = polib.POFile()
    po.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8"}
    for context, msgid, msgstr in entries:
        po.append(polib.POEntry(msgctxt=context, msgid=msgid, msgstr=msgstr))
    po.save(str(path))
    return {entry.msgctxt: entry.linenum for entry in polib.pofile(str(path))}


def test_bad_po_files_get_file_line_errors_and_nothing_is_written(fixture_project):
    project = fixture_project
    before = project_files(project)
    ctx = f"cases/{FIXTURE_ID}:"
    background = read_record(project / "cases" / f"{FIXTURE_ID}.yaml").data["text"]["en"]["background"].strip()
    lines = write_po(project / "bad.po", [
        ("cases/no-such-case:text.title", "A title", "Một tiêu đề"),
        (ctx + "figures[7].label", "groups", "nhóm"),
        (ctx + "text.background", background, "Trước cải cách, Hội làm việc qua một vài văn phòng."),
        ("ui:pack_intro", "{count} cases. Newest source: {date}.", "{count} trường hợp."),
        (ctx + "text.title", "Example Women's Union tests its translations", "# Tiêu đề"),
    ])
    result = casebook(project, "translate", "import", "bad.po")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"bad.po:{lines['cases/no-such-case:text.title']}: cases/no-such-case:text.title: there is no case "
        "'no-such-case' in cases/ any more (renamed or removed); export again",
        f"bad.po:{lines[ctx + 'figures[7].label']}: {ctx}figures[7].label: unknown context: no such text "
        "in the casebook; export again",
        f"bad.po:{lines[ctx + 'text.background']}: {ctx}text.background: the Markdown link to "
        "https://example.org/article is missing from the translation",
        f"bad.po:{lines['ui:pack_intro']}: ui:pack_intro: the placeholder {{date}} is missing from the translation",
        "4 errors in PO files; nothing was imported",
    ]
    assert project_files(project) == before
    # once those are fixed, the record itself is checked: a title is one line of plain text
    lines = write_po(project / "bad.po", [
        (ctx + "text.summary", read_record(project / "cases" / f"{FIXTURE_ID}.yaml").data["text"]["en"]["summary"],
         "Dòng một\n\nDòng hai")])
    result = casebook(project, "translate", "import", "bad.po")
    assert result.stdout.splitlines() == [
        f"bad.po:{lines[ctx + 'text.summary']}: {ctx}text.summary: must be a single line",
        "1 error in PO files; nothing was imported"]
    assert project_files(project) == before


def test_po_syntax_error(fixture_project):
    project = fixture_project
    (project / "broken.po").write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\n'
                                       'msgctxt "ui:case"\nmsgid "Case"\nmsgstr "案例\n', encoding="utf-8")
    result = casebook(project, "translate", "import", "broken.po")
    assert result.returncode == 1
    # (msgfmt counts the line break that ends the string as on the next line)
    assert re.match(r"broken\.po:[78]: ", result.stdout.splitlines()[0]), result.stdout
    assert result.stdout.splitlines()[-1].endswith("in PO files; nothing was imported")


def test_export_passes_msgfmt_check(project):
    need(shutil.which("msgfmt"), "msgfmt", "run: make browser-deps (Debian's gettext)")
    assert casebook(project, "translate", "export").returncode == 0
    for path in sorted((project / "po").iterdir()):
        done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert (done.returncode, done.stderr) == (0, ""), path.name


def test_po_entries_carry_reference_description_glossary_and_flags(fixture_project):
    project = fixture_project
    assert casebook(project, "translate", "export", "--lang", "zh").returncode == 0
    po = {e.msgctxt: e for e in polib.pofile(str(project / "po" / "zh.po"))}
    summary = po[f"cases/{FIXTURE_ID}:text.summary"]
    assert summary.occurrences == [(f"cases/{FIXTURE_ID}.yaml", "38")]
    assert summary.comment.splitlines() == [
        "One to three sentences: who did what, where, with what result.",
        "Glossary: “Women's Union” → “越南妇女联合会”", "Glossary: “grassroots” → “基层”"]
    assert summary.msgstr == "示例省妇联建立了基层小组，并介绍了这些小组。" and not summary.fuzzy
    assert "python-brace-format" in po["ui:pack_intro"].flags
    assert po["vocabulary/themes:grassroots-organization"].msgstr
    assert po["vocabulary/glossary:acwf.term"].msgstr == "全国妇联"


# --- terminology ----------------------------------------------------------------------

def test_validate_warns_where_a_term_is_rendered_otherwise(fixture_project):
    result = casebook(fixture_project, "validate")
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()  # (also warnings of glossary terms no case of the fixture uses)
    assert [line for line in lines if "renders the glossary term" in line] == [
        f"cases/{FIXTURE_ID}.yaml:64:37: text.vi.background: warning: 'Hội Liên hiệp Phụ nữ toàn quốc "
        "Trung Quốc' renders the glossary term 'ACWF' differently; write 'Hội Liên hiệp Phụ nữ toàn "
        "Trung Quốc' (cases/vocabulary/glossary.yaml)"]
    assert lines[-2:] == ["1 warning about translations (they do not stop the build)", "The case record is valid."]


# --- outdated -------------------------------------------------------------------------

def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=project, check=True, capture_output=True)


@pytest.mark.build
def test_english_edit_makes_the_translation_outdated_everywhere(fixture_project):
    project = fixture_project
    record = project / "cases" / f"{FIXTURE_ID}.yaml"
    marked = casebook(project, "translate", "reviewed", FIXTURE_ID, "--lang", "zh")
    assert marked.returncode == 0, marked.stderr
    assert "status: reviewed\n    title: 示例省妇联测试其译文" in record.read_text(encoding="utf-8")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("set up grassroots groups and wrote", "set up grassroots groups in 2018 and wrote"),
                      encoding="utf-8")

    status = casebook(project, "translate", "status", "--since", "HEAD")
    lines = status.stdout.splitlines()
    assert lines[0] == "Translations made outdated by the changes since HEAD: 1"
    assert lines[1:] == [f"cases/{FIXTURE_ID}.yaml:53: text.summary: the zh translation is outdated "
                         "(its English changed)"]
    validate = casebook(project, "validate")
    assert (f"cases/{FIXTURE_ID}.yaml:53:14: text.zh.summary: warning: outdated: made from an earlier English "
            f"text; update the translation, then run: casebook translate reviewed {FIXTURE_ID} --lang zh "
            "--draft") in validate.stdout.splitlines()
    assert casebook(project, "translate", "export").returncode == 0
    entry = polib.pofile(str(project / "po" / "zh.po")).find(f"cases/{FIXTURE_ID}:text.summary", by="msgctxt")
    assert entry.fuzzy
    # the English it was made from, from git, for the editor to show what changed
    assert entry.previous_msgid == ("The Example Provincial Women's Union set up grassroots groups and wrote "
                                    "about them, so that the translation tests have a folded text to work on.")
    assert "in 2018" in entry.msgid

    result = casebook_build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "zh" / "cases" / FIXTURE_ID / "index.html").read_text(encoding="utf-8")
    assert "cb-notice--outdated" in page
    assert "本译文完成后英文原文有所修改，以下部分可能已过时：摘要。" in page
    assert f'href="../../../cases/{FIXTURE_ID}/" hreflang="en"' in page
    english_page = (project / "site" / "cases" / FIXTURE_ID / "index.html").read_text(encoding="utf-8")
    assert "cb-notice--outdated" not in english_page
    vi_page = (project / "site" / "vi" / "cases" / FIXTURE_ID / "index.html").read_text(encoding="utf-8")
    assert "cb-notice--outdated" not in vi_page
    listing = (project / "site" / "translations" / "index.html").read_text(encoding="utf-8")
    assert '<small class="cb-outdated">Outdated, 28 words: <code>text.zh.summary</code></small>' in listing

    # confirming the translation against the new English clears it
    assert casebook(project, "translate", "reviewed", FIXTURE_ID, "--lang", "zh", "--draft").returncode == 0
    assert "outdated" not in casebook(project, "validate").stdout


def test_interface_vocabulary_and_glossary_texts_import_line_for_line(project):
    """ui.yaml mixes texts wrapped by hand with one-line texts: a translation replaces its
    own lines only (ruamel alone would re-wrap the others)."""
    assert casebook(project, "translate", "export", "--lang", "vi").returncode == 0
    po_file = project / "po" / "vi.po"
    po = {e.msgctxt: e for e in polib.pofile(str(po_file))}
    ui_key = next(key for key, e in po.items() if key.startswith("ui:") and "\n" not in e.msgstr
                  and "{" not in e.msgid)
    theme = next(key for key in po if key.startswith("vocabulary/themes:"))
    edit_po(po_file, {ui_key: {"msgstr": "Chữ mới"}, theme: {"msgstr": "Chủ đề mới"},
                      "vocabulary/glossary:acwf.definition": {"msgstr": "Định nghĩa mới."}})
    before = project_files(project)
    result = casebook(project, "translate", "import", "po/vi.po")
    assert result.returncode == 0, result.stdout + result.stderr
    after = project_files(project)
    changed = {name for name in after if after[name] != before[name]}
    ui_name = next(name for name in after if name.endswith("ui.yaml"))
    assert changed == {ui_name, "cases/vocabulary/themes.yaml", "cases/vocabulary/glossary.yaml"}
    for name in changed:
        old, new = before[name].decode().splitlines(), after[name].decode().splitlines()
        removed = [line for line in old if line not in new]
        added = [line for line in new if line not in old]
        assert len(added) == 1, (name, added)
        assert all(line.startswith(" ") for line in removed) and len(removed) <= 4
    assert f"  {ui_key[3:]}: Chữ mới" in after[ui_name].decode().splitlines()
    assert casebook(project, "validate").returncode == 0


def test_clearing_fuzzy_confirms_an_outdated_translation(fixture_project):
    project = fixture_project
    record = project / "cases" / f"{FIXTURE_ID}.yaml"
    assert casebook(project, "translate", "reviewed", FIXTURE_ID, "--lang", "zh").returncode == 0
    record.write_text(record.read_text(encoding="utf-8").replace("tests its translations", "checks its translations"),
                      encoding="utf-8")
    assert casebook(project, "translate", "export", "--lang", "zh").returncode == 0
    context = f"cases/{FIXTURE_ID}:text.title"
    assert polib.pofile(str(project / "po" / "zh.po")).find(context, by="msgctxt").fuzzy
    unchanged = casebook(project, "translate", "import", "po/zh.po")  # still fuzzy: nothing to do
    assert "Nothing to import" in unchanged.stdout
    edit_po(project / "po" / "zh.po", {context: {"fuzzy": False}})
    result = casebook(project, "translate", "import", "po/zh.po")
    assert result.returncode == 0, result.stdout
    text = record.read_text(encoding="utf-8")
    assert "status: draft\n    title: 示例省妇联测试其译文" in text  # the text kept, no longer "reviewed"
    assert "outdated" not in casebook(project, "validate").stdout
