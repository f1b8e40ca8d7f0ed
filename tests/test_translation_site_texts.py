"""Every text a translator is asked for is in the PO files and falls behind like a case's:
the interface strings (pages/ui.yaml), the field reference's descriptions
(pages/field_descriptions.yaml, their English in records/model.py), the vocabulary labels
and the glossary. Outdated is told from the git history (records/history.py): a commit
changed the English after the last commit that changed the translation.

The project of these tests: conftest.behind_project (a case translated on 2024-03-05, its
English rewritten on 2025-07-09), then on 2025-10-01 the English of an interface string,
of a field description and of a theme's label changed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib

from conftest import ROOT, behind_project, git

from casebook.records import history as history_module

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
PAGES = Path("hooks", "casebook", "pages")
UI, FIELDS, MODEL = PAGES / "ui.yaml", PAGES / "field_descriptions.yaml", Path("hooks", "casebook", "records", "model.py")
OLD_REGION = "Province or equivalent (or the whole country)."
NEW_REGION = "Province or equivalent (or the whole country, for a national reform)."


def casebook(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook", *args], cwd=project,
                          capture_output=True, text=True, env=ENV, timeout=300)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line == text)


def site_project(dest: Path) -> Path:
    project = behind_project(dest)
    replace(project / UI, "  key_facts: Key facts\n", "  key_facts: Key facts and figures\n")
    replace(project / MODEL, f'description="{OLD_REGION}"', f'description="{NEW_REGION}"')
    replace(project / "cases" / "vocabulary" / "themes.yaml", "en: Party building", "en: Party-building work")
    git(project, "commit", "-qam", "English of the site", date="2025-10-01T10:00:00+00:00")
    return project


def test_interface_strings_and_field_descriptions_fall_behind_until_translated_anew(tmp_path):
    project = site_project(tmp_path / "project")
    zh_ui, vi_ui = line_of(project / UI, "  key_facts: 基本信息"), line_of(project / UI, "  key_facts: Thông tin chính")
    zh_field = line_of(project / FIELDS, "  place.region: 省或同级行政区（或整个国家）。")
    themes = project / "cases" / "vocabulary" / "themes.yaml"
    zh_theme = line_of(themes, "  zh: 党建引领")

    warnings = [line for line in casebook(project, "validate").stdout.splitlines() if "warning: outdated" in line]
    mine = [line for line in warnings if not line.startswith("cases/translation-fixture")]
    assert [line.split(": warning")[0] for line in mine] == [
        f"cases/vocabulary/themes.yaml:{zh_theme}:7: party-building.zh",
        f"cases/vocabulary/themes.yaml:{zh_theme + 1}:7: party-building.vi",
        f"{FIELDS}:{zh_field}:17: zh.place.region",
        f"{FIELDS}:{zh_field + 44}:17: vi.place.region",
        f"{UI}:{zh_ui}:14: zh.key_facts",
        f"{UI}:{vi_ui}:14: vi.key_facts"], warnings
    assert "(the English changed on 2025-10-01, after it)" in mine[2] and "records/model.py" in mine[2]

    status = casebook(project, "translate", "status").stdout.splitlines()
    assert f"{UI}:{zh_ui}: ui:key_facts: the zh translation is outdated (its English changed on 2025-10-01)" in status
    assert f"{FIELDS}:{zh_field}: fields:place.region: the zh translation is outdated " \
           "(its English changed on 2025-10-01)" in status
    assert f"cases/vocabulary/themes.yaml:{zh_theme}: vocabulary/themes:party-building: the zh translation " \
           "is outdated (its English changed on 2025-10-01)" in status

    assert casebook(project, "translate", "export").returncode == 0
    zh = polib.pofile(str(project / "po" / "zh.po"))
    key_facts = zh.find("ui:key_facts", by="msgctxt")
    assert key_facts.fuzzy and key_facts.previous_msgid == "Key facts" and key_facts.msgid == "Key facts and figures"
    region = zh.find("fields:place.region", by="msgctxt")
    assert region.fuzzy and region.previous_msgid == OLD_REGION and region.msgid == NEW_REGION
    assert region.msgstr == "省或同级行政区（或整个国家）。" and (str(FIELDS), str(zh_field)) in region.occurrences
    assert not zh.find("fields:place.locality", by="msgctxt").fuzzy
    assert not zh.find("ui:case_count", by="msgctxt").fuzzy

    # a translator translates the zh texts anew and commits: zh clears, vi stays behind
    replace(project / UI, "  key_facts: 基本信息\n", "  key_facts: 基本信息与数据\n")
    replace(project / FIELDS, "  place.region: 省或同级行政区（或整个国家）。\n",
            "  place.region: 省或同级行政区（全国性改革则为整个国家）。\n")
    git(project, "commit", "-qam", "zh anew", date="2025-11-01T10:00:00+00:00")
    status = "\n".join(casebook(project, "translate", "status").stdout.splitlines())
    assert "ui:key_facts: the zh" not in status and "fields:place.region: the zh" not in status
    assert "ui:key_facts: the vi translation is outdated" in status
    assert "fields:place.region: the vi translation is outdated" in status


def test_the_site_texts_history_is_one_git_log_and_one_read(tmp_path, monkeypatch):
    from casebook.translations.catalog import shared_messages  # (new with the site texts' history)

    project = site_project(tmp_path / "project")
    calls = []
    run = subprocess.run
    monkeypatch.setattr(history_module.subprocess, "run", lambda args, **kw: calls.append(args[3]) or run(args, **kw))
    messages = shared_messages(project, project / UI, history_module.RecordHistory())
    assert calls == ["log", "rev-parse", "diff", "cat-file"], "one log, one read, no call per string"
    outdated = {message.context for message in messages if message.outdated}
    assert {"ui:key_facts", "fields:place.region"} <= outdated and "fields:place.locality" not in outdated


def test_a_field_description_comes_back_from_its_po_file_on_its_own_line(tmp_path):
    project = behind_project(tmp_path / "project")
    assert casebook(project, "translate", "export").returncode == 0
    po_path = project / "po" / "zh.po"
    zh = polib.pofile(str(po_path))
    assert len([entry for entry in zh if entry.msgctxt.startswith("fields:")]) >= 40
    entry = zh.find("fields:place.locality", by="msgctxt")
    assert entry.msgid == "City, county, town, village or community." and entry.msgstr == "市、县、镇、村或社区。"
    entry.msgstr = "市、县、镇、村或社区（按资料来源的写法）。"
    zh.save(str(po_path))
    before = (project / FIELDS).read_text(encoding="utf-8").splitlines(True)

    done = casebook(project, "translate", "import", str(po_path))
    assert done.returncode == 0, done.stdout + done.stderr
    after = (project / FIELDS).read_text(encoding="utf-8").splitlines(True)
    changed = [(old, new) for old, new in zip(before, after) if old != new]
    assert len(before) == len(after) and changed == [
        ("  place.locality: 市、县、镇、村或社区。\n", "  place.locality: 市、县、镇、村或社区（按资料来源的写法）。\n")]
    assert git(project, "status", "--porcelain", "--untracked-files=no").stdout.split() == ["M", str(FIELDS)]
