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

from conftest import ROOT, casebook_build, copy_project

from casebook.load import _flatten
from casebook.translations.yamledit import YamlDoc
from casebook.yamlsource import read_record

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
FIXTURE = ROOT / "tests" / "data" / "translate" / "translation-fixture.yaml"
FIXTURE_ID = "translation-fixture"


def casebook(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook.cli", *args], cwd=project,
                          capture_output=True, text=True, env=ENV, timeout=300)


def project_files(project: Path) -> dict[str, bytes]:
    """Every file an import may write: the records, vocabularies, glossary, ui.yaml."""
    paths = sorted((project / "cases").rglob("*.yaml")) + sorted((project / "hooks").rglob("ui.yaml"))
    return {str(p.relative_to(project)): p.read_bytes() for p in paths}


@pytest.fixture
def fixture_project(tmp_path) -> Path:
    """A project whose only case is the fixture record."""
    project = copy_project(tmp_path / "project", with_cases=False)
    shutil.copy(FIXTURE, project / "cases" / f"{FIXTURE_ID}.yaml")
    return project


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


@pytest.mark.parametrize("path", sorted((ROOT / "cases").glob("*.yaml")), ids=lambda p: p.stem)
def test_writing_one_translation_changes_only_it(path, tmp_path):
    """For every record: ruamel's round trip reproduces the file byte for byte, and a new
    Vietnamese summary changes that value and nothing else of the data."""
    doc = YamlDoc(path)
    assert doc.text() == doc.original
    before = _flatten(read_record(path).data)
    if doc.get(("text", "vi")) is None:
        doc.ensure_mapping(("text", "vi"), ("en", "zh", "vi"))
        doc.set(("text", "vi", "status"), "draft")
        before[("text", "vi", "status")] = "draft"
    new = ("Một bản tóm tắt mới, đủ dài để được gấp thành nhiều dòng trong tệp YAML. " * 3).strip()
    doc.set(("text", "vi", "summary"), new)
    written = tmp_path / path.name
    written.write_text(doc.text(), encoding="utf-8")
    before[("text", "vi", "summary")] = new
    assert _flatten(read_record(written).data) == before


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
