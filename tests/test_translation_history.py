"""Translations that fall behind their English, told from the git history (no fingerprint
written in the record): where translators work (validate, translate status, the PO
files), where readers read (the case page, the translations page, explore), and what a
copy without history or a shallow clone says.

The project of these tests (conftest.behind_project): the translation fixture committed
with its zh and vi texts on 2024-03-05, its English summary and background rewritten in a
commit of 2025-07-09. Behind: zh summary, zh background, vi background (vi has no summary).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import polib
import pytest

from conftest import FIXTURE, FIXTURE_ID, ROOT, behind_project, git, mkdocs_build

from casebook.pages.case import render_case
from casebook.records import history as history_module
from casebook.records.history import EVERYTHING, read_history
from casebook.records.load import load_casebook
from casebook.records.versions import changed_texts, compose_version

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
SHOWN = f"cases/{FIXTURE_ID}.yaml"
OLD_SUMMARY = ("The Example Provincial Women's Union set up grassroots groups and wrote about them, so "
               "that the translation tests have a folded text to work on.")
BEHIND = ["text.zh.summary", "text.zh.background", "text.vi.background"]


def casebook(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook", *args], cwd=project,
                          capture_output=True, text=True, env=ENV, timeout=300)


def outdated_warnings(project: Path) -> list[str]:
    return [line for line in casebook(project, "validate").stdout.splitlines() if "warning: outdated" in line]


def test_where_translators_work_a_committed_english_change_is_outdated_until_translated_anew(tmp_path):
    project = behind_project(tmp_path / "project")
    warnings = outdated_warnings(project)
    assert [line.split(": ")[1] for line in warnings] == BEHIND
    assert warnings[0].startswith(f"{SHOWN}:53:14: text.zh.summary: warning: outdated: made from an earlier "
                                  "English text (the English changed on 2025-07-09, after it); update the translation")

    status = casebook(project, "translate", "status").stdout.splitlines()
    assert status[0].startswith("Outdated translations (outdated by translated_from where a translation records "
                                "it, else by the git history (2 commits)):")
    assert status[1:4] == [f"{SHOWN}:53: text.summary: the zh translation is outdated (its English changed on 2025-07-09)",
                           f"{SHOWN}:55: text.background: the zh translation is outdated (its English changed on 2025-07-09)",
                           f"{SHOWN}:62: text.background: the vi translation is outdated (its English changed on 2025-07-09)"]
    assert re.match(r"zh: \d+% reviewed, \d+% draft, [1-9]\d*% outdated", status[4])
    # what a pull request's CI says before the merge, the same as what is said after it
    since = casebook(project, "translate", "status", "--since", "HEAD~1").stdout.splitlines()
    assert [line.split(" (")[0] for line in since[1:]] == [line.split(" (")[0] for line in status[1:4]]

    assert casebook(project, "translate", "export").returncode == 0
    zh = polib.pofile(str(project / "po" / "zh.po"))
    summary = zh.find(f"cases/{FIXTURE_ID}:text.summary", by="msgctxt")
    assert summary.fuzzy and summary.previous_msgid == OLD_SUMMARY and "in 2018" in summary.msgid
    background = zh.find(f"cases/{FIXTURE_ID}:text.background", by="msgctxt")
    assert background.fuzzy and "a few offices" in background.previous_msgid
    assert not zh.find(f"cases/{FIXTURE_ID}:text.title", by="msgctxt").fuzzy
    vi = polib.pofile(str(project / "po" / "vi.po"))
    assert vi.find(f"cases/{FIXTURE_ID}:text.background", by="msgctxt").fuzzy
    assert len(vi.fuzzy_entries()) == 1

    # a translator translates the zh summary and background anew and commits: zh clears
    record = project / "cases" / f"{FIXTURE_ID}.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("示例省妇联建立了基层小组", "示例省妇联于2018年建立了基层小组")
                      .replace("通过少数几个办公室", "通过三个办公室"), encoding="utf-8")
    assert [line.split(": ")[1] for line in outdated_warnings(project)] == ["text.vi.background"], \
        "a translation changed in the working tree is current"
    git(project, "commit", "-qam", "zh translated anew", date="2025-08-01T10:00:00+00:00")
    assert [line.split(": ")[1] for line in outdated_warnings(project)] == ["text.vi.background"]
    book = load_casebook(project / "cases")
    page = render_case(book.cases[FIXTURE_ID], "zh", book)
    assert "cb-behind" not in page and "cb-notice--outdated" not in page
    assert "cb-behind" in render_case(book.cases[FIXTURE_ID], "vi", book)


def section(page: str, name: str) -> str:
    """The HTML of a case page's section ``name``, up to the next heading."""
    start = page.index(f'id="{name}"')
    end = page.find("<h2", start)
    return page[start:end]


@pytest.mark.build
def test_where_readers_read_the_case_page_says_which_sections_are_behind(behind_site):
    site = behind_site / "site"
    zh = (site / "zh" / "cases" / FIXTURE_ID / "index.html").read_text(encoding="utf-8")
    vi = (site / "vi" / "cases" / FIXTURE_ID / "index.html").read_text(encoding="utf-8")
    en = (site / "cases" / FIXTURE_ID / "index.html").read_text(encoding="utf-8")
    assert "cb-behind" not in en
    background = section(zh, "background")
    assert "本节英文原文已于2025年7月9日修改，晚于本译文。" in background
    assert f'href="../../../cases/{FIXTURE_ID}/#background" hreflang="en" lang="en">阅读英文原文</a>' in background
    english = re.search(r'<details class="cb-behind__english">\s*<summary>英文原文</summary>\s*<div lang="en">(.*?)</div>',
                        background, re.S)
    assert english and "worked through three offices" in english.group(1)
    assert '<a href="https://example.org/article"' in english.group(1), "the English is Markdown, rendered"
    summary = zh[zh.index('id="summary"'):zh.index('id="key-facts"')]
    assert "英文原文的摘要已于2025年7月9日修改，晚于本译文。" in summary
    assert f'href="../../../cases/{FIXTURE_ID}/#summary"' in summary and "in 2018" in summary
    assert "cb-behind" not in section(zh, "reform"), "a section not translated is not behind"
    assert 'class="cb-summary" id="summary"' in en, "the English page has the anchor the link goes to"

    assert "Bản tiếng Anh của mục này đã thay đổi ngày 9 tháng 7 năm 2025, sau khi bản dịch này được thực hiện." \
        in section(vi, "background")
    assert "cb-behind" not in vi[:vi.index('id="key-facts"')], "vi has no summary to be behind"
    assert 'class="admonition warning cb-notice cb-notice--outdated"' in vi

    listing = html.unescape((site / "zh" / "translations" / "index.html").read_text(encoding="utf-8"))
    zh_words = re.search(r"cb-progress--zh\">[^<]*已过时 (\d+) 词，涉及 1 个案例", listing)
    vi_words = re.search(r"cb-progress--vi\">[^<]*已过时 (\d+) 词，涉及 1 个案例", listing)
    assert zh_words and vi_words and int(zh_words.group(1)) > int(vi_words.group(1)) > 0
    assert f"已过时（{zh_words.group(1)} 词）: <code>text.zh.summary</code>, <code>text.zh.background</code>" in listing
    assert "其余按 git 历史判断" in listing

    explore = (site / "zh" / "explore" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'data-id="{FIXTURE_ID}"[^>]*data-status="outdated"', explore)
    said = "译文落后于英文原文：英文在翻译之后有改动"  # (ui.yaml reader_status_outdated: in readers' words)
    assert f'<option value="outdated" data-label="{said}">{said} (1)</option>' in explore
    assert "INFO    -  Translations: outdated by translated_from where a translation records it, else by the " \
           "git history (2 commits)" in (behind_site / "build.log").read_text(encoding="utf-8")


@pytest.mark.build
def test_without_history_nothing_is_outdated_and_the_build_says_why(tmp_path):
    project = behind_project(tmp_path / "project")
    archive = tmp_path / "archive"  # as the offline copy's zip or a tarball: no .git
    shutil.copytree(project, archive, ignore=shutil.ignore_patterns(".git"), symlinks=True)
    assert outdated_warnings(archive) == []
    status = casebook(archive, "translate", "status").stdout.splitlines()
    assert status[:2] == ["Outdated translations (no git history here (an archive, or not a clone): outdated only "
                          "where a translation records the English it was made from (translated_from)):", "none"]
    result = mkdocs_build(archive)
    assert result.returncode == 0, result.stderr
    assert "Translations: no git history here" in result.stderr
    assert "cb-behind" not in (archive / "site" / "zh" / "cases" / FIXTURE_ID / "index.html").read_text(encoding="utf-8")
    listing = (archive / "site" / "translations" / "index.html").read_text(encoding="utf-8")
    assert "This build had no git history" in listing

    # a shallow clone of one commit: its only commit adds every text, none is behind
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project}", str(shallow))
    assert (shallow / ".git" / "shallow").is_file()
    assert outdated_warnings(shallow) == []
    status = casebook(shallow, "translate", "status").stdout.splitlines()
    assert "of a shallow clone (1 commits: fetch the full history to see more)" in status[0]
    assert status[1] == "none"
    # with the commit that changed the English (fetch-depth 2), it is told
    deeper = tmp_path / "deeper"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{project}", str(deeper))
    assert [line.split(": ")[1] for line in outdated_warnings(deeper)] == BEHIND


def test_old_versions_are_read_as_untrusted_and_rewrapping_changes_nothing():
    bomb = b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c, *c]\n"
    assert changed_texts(compose_version(b"a: 1\n"), compose_version(bomb)) is None
    assert compose_version(b"a: [\n") is None and compose_version(b"x" * 300_000) is None
    folded = compose_version(b"text:\n  en:\n    summary: >-\n      One two\n      three.\n  zh: x\n")
    one_line = compose_version(b"text:\n  en:\n    summary: One two three.\n  zh: y\n")
    assert changed_texts(folded, one_line) == {("text", "zh")}
    assert ("text", "en", "summary") in EVERYTHING


def test_the_history_of_many_cases_is_one_git_log_and_one_read(tmp_path, monkeypatch):
    """300 records (the seed cases, copied) in 3 commits each: added; English title
    changed; the zh title translated anew in every other record. The cost does not grow
    with git calls per record: one log, one batch read (its time is a figure, printed,
    never asserted: 1,000 cases read in 0.8-0.9 s on the project's machine)."""
    cases = tmp_path / "cases"
    cases.mkdir()
    seeds = sorted((ROOT / "cases").glob("*.yaml"))
    texts = [(path.stem, path.read_text(encoding="utf-8")) for path in seeds]
    ids = [f"case-{number:04d}" for number in range(300)]

    def write(edit) -> None:
        for number, case_id in enumerate(ids):
            stem, text = texts[number % len(texts)]
            (cases / f"{case_id}.yaml").write_text(edit(number, text.replace(f"id: {stem}", f"id: {case_id}")),
                                                   encoding="utf-8")

    def english(number: int, text: str) -> str:
        return re.sub(r"(\n  en:\n(?:    .*\n)*?    title: [\"']?)", r"\1Revised ", text, count=1)

    git(tmp_path, "init", "-q")
    write(lambda number, text: text)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "added")
    write(english)
    git(tmp_path, "commit", "-qam", "English titles")
    write(lambda number, text: re.sub(r"(\n  zh:\n(?:    .*\n)*?    title: [\"']?)", r"\1新", english(number, text),
                                      count=1) if number % 2 == 0 else english(number, text))
    git(tmp_path, "commit", "-qam", "zh titles")

    calls = []
    run = subprocess.run
    monkeypatch.setattr(history_module.subprocess, "run", lambda args, **kw: calls.append(args[3]) or run(args, **kw))
    start = time.perf_counter()
    found = read_history(cases)
    print(f"history of {len(ids)} cases x 3 commits: {time.perf_counter() - start:.2f} s")
    assert calls == ["log", "rev-parse", "diff", "cat-file"], "one log, one read"
    assert found.commits == 3 and len(found.changes) == len(ids)
    newest = {case_id: found.of_case(case_id)[0].fields for case_id in ids}
    assert newest["case-0000"] == {("text", "zh", "title")}
    assert newest["case-0001"] == {("text", "en", "title")}


@pytest.mark.browser
@pytest.mark.parametrize("lang, said", [("zh", "本节英文原文已于2025年7月9日修改"),
                                        ("vi", "Bản tiếng Anh của mục này đã thay đổi ngày 9 tháng 7 năm 2025")])
def test_the_notice_reads_at_375_px_and_unfolds_the_english(behind_site, lang, said, tmp_path):
    from browser import site_tab

    with site_tab(behind_site / "site", width=375, script_errors=True) as page:
        page.goto(f"{page.base}{lang}/cases/{FIXTURE_ID}/#background")
        note = page.locator("#background ~ .cb-behind").first
        assert said in note.inner_text()
        box = note.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, "the notice fits the screen"
        english = note.locator("details.cb-behind__english")
        assert not english.locator("div[lang=en]").is_visible()
        english.locator("summary").click()
        english.locator("div[lang=en]").wait_for(state="visible")
        assert "worked through three offices" in english.locator("div[lang=en]").inner_text()
        note.scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / f"behind-{lang}.png"))
        link = note.locator('a[hreflang="en"]')
        assert link.get_attribute("href") == f"../../../cases/{FIXTURE_ID}/#background"
        link.click()
        page.wait_for_url(f"**/cases/{FIXTURE_ID}/#background")
        assert page.locator("html").get_attribute("lang") == "en"


def test_vocabulary_labels_country_names_and_glossary_entries_are_tracked_too(tmp_path):
    project = behind_project(tmp_path / "project")
    themes = project / "cases" / "vocabulary" / "themes.yaml"
    themes.write_text(themes.read_text(encoding="utf-8").replace("en: Party building", "en: Party-building work"),
                      encoding="utf-8")
    git(project, "commit", "-qam", "a theme's English label", date="2025-09-01T10:00:00+00:00")
    assert casebook(project, "translate", "export").returncode == 0
    pot = polib.pofile(str(project / "po" / "casebook.pot"))
    assert pot.find("vocabulary/countries:VN", by="msgctxt").msgid == "Viet Nam", "every text a translator is asked for"
    zh = polib.pofile(str(project / "po" / "zh.po"))
    label = zh.find("vocabulary/themes:party-building", by="msgctxt")
    assert label.fuzzy and label.previous_msgid == "Party building" and label.msgstr == "党建引领"
    assert not zh.find("vocabulary/themes:digital-outreach", by="msgctxt").fuzzy
