"""A case page's History and the citation of the version read, from the record's git
history (conftest.history_project: the translation fixture added without its Vietnamese,
then its English summary changed, its Vietnamese added, a figure changed, a comment
added); the open data's version of each case; a copy without history.
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import (FIXTURE_ID, HISTORY_COMMITS, HISTORY_REPO, HOSTILE_MESSAGE, git, history_project,
                      mkdocs_build)
from render_support import dom, normalize, to_html

from casebook.pages.case import render_case
from casebook.pages.cite import csl_json, cited_version
from casebook.pages.improve import Repository
from casebook.pages.open_data import cases_csv, cases_json
from casebook.records.history import read_history
from casebook.records.load import load_casebook

REPO = Repository(HISTORY_REPO)
# What each commit of history_project did, newest first, as each language says it
SAID = {
    "en": ["Only comments or layout of the record changed (nothing the page shows).", "Key figures changed.",
           "Vietnamese translation added.", "English text changed (summary).", "Case added."],
    "zh": ["仅修改记录的注释或格式（页面内容不变）。", "修改关键数据。", "新增越南文译文。", "修改英文文本（摘要）。", "收录本案例。"],
    "vi": ["Chỉ sửa chú thích hoặc cách trình bày của hồ sơ (nội dung trang không đổi).", "Sửa số liệu chính.",
           "Thêm bản dịch tiếng Việt.", "Sửa văn bản tiếng Anh (tóm tắt).", "Thêm trường hợp."],
}
KINDS = ["layout", "figures", "translations", "english", "added"]


def commits(project: Path) -> list[str]:
    """The project's commits, newest first."""
    return git(project, "log", "--format=%H").stdout.split()


def history_items(page_html: str) -> list:
    (section,) = [n for n in dom(page_html).find_all("ol", "cb-history")]
    return section.find_all("li")


@pytest.fixture
def project(tmp_path) -> Path:
    return history_project(tmp_path / "project")


@pytest.mark.parametrize("lang", ["en", "zh", "vi"])
def test_the_history_lists_each_commit_newest_first_by_kind_with_its_version(project, lang):
    book = load_casebook(project / "cases")
    page = to_html(render_case(book.cases[FIXTURE_ID], lang, book, site_url="https://x.example/", repo=REPO))
    items = history_items(page)
    shas = commits(project)
    assert len(items) == len(HISTORY_COMMITS) == len(shas)
    assert [item.find("time").attrs["datetime"] for item in items] == [day for day, _ in reversed(HISTORY_COMMITS)]
    assert [item.attrs["data-kind"] for item in items] == KINDS
    for item, said, sha in zip(items, SAID[lang], shas):
        text = normalize(item.text())
        assert text.endswith(f"{said} {sha[:7]}"), text
        (link,) = item.find_all("a")
        assert link.attrs["href"] == f"{HISTORY_REPO}/blob/{sha}/cases/{FIXTURE_ID}.yaml"
    # after the citation, before related cases; out of the search index
    assert page.index('class="cb-cite"') < page.index('id="history"')
    assert re.search(r'<h2 [^>]*id="history"', page) and 'data-search-exclude' in page[page.index('id="history"') - 80:]
    assert "alert" not in page and "{{x}}" not in page, "a commit message is contributor text: never printed"


def test_without_a_repository_the_short_commit_alone_as_text(project):
    book = load_casebook(project / "cases")
    page = to_html(render_case(book.cases[FIXTURE_ID], "en", book, site_url="https://x.example/", repo=None))
    items = history_items(page)
    assert [item.find_all("a") for item in items] == [[]] * len(items)
    assert [item.find("code").text() for item in items] == [sha[:7] for sha in commits(project)]
    assert "each names its commit in the casebook" in page


def test_a_long_history_shows_the_ten_newest_and_links_the_rest(project):
    record = project / "cases" / f"{FIXTURE_ID}.yaml"
    for number in range(8):  # 13 commits in all
        record.write_text(record.read_text(encoding="utf-8") + f"# note {number}\n", encoding="utf-8")
        git(project, "commit", "-qam", f"note {number}", date=f"2024-06-{number + 10}T10:00:00+00:00")
    book = load_casebook(project / "cases")
    for repo, link in ((REPO, f"{HISTORY_REPO}/commits/main/cases/{FIXTURE_ID}.yaml"), (None, None)):
        page = to_html(render_case(book.cases[FIXTURE_ID], "en", book, site_url="https://x.example/", repo=repo))
        assert len(history_items(page)) == 10
        earlier = dom(page).find("p", "cb-history__earlier")
        assert normalize(earlier.text()) == "3 earlier changes"
        assert [a.attrs["href"] for a in earlier.find_all("a")] == ([link] if link else [])


def test_a_change_not_committed_is_no_version(project):
    record = project / "cases" / f"{FIXTURE_ID}.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("value: 13", "value: 14"), encoding="utf-8")
    book = load_casebook(project / "cases")
    assert cited_version(book.history, FIXTURE_ID, REPO) is None
    page = to_html(render_case(book.cases[FIXTURE_ID], "en", book, site_url="https://x.example/", repo=REPO))
    assert len(history_items(page)) == len(HISTORY_COMMITS), "the commits only"
    assert "cb-cite__version" not in page
    assert json.loads(cases_json(book, ""))["cases"][0]["version"] is None


def test_cite_this_version_names_the_commit_and_the_records_address_there(project):
    book = load_casebook(project / "cases")
    sha, day = commits(project)[0], HISTORY_COMMITS[-1][0]
    page = render_case(book.cases[FIXTURE_ID], "zh", book, site_url="https://x.example/", repo=REPO)
    start = page.index('<div class="cb-cite__version">')
    block = page[start:page.index("</details>", start)]
    address = f"{HISTORY_REPO}/blob/{sha}/cases/{FIXTURE_ID}.yaml"
    assert f"引用此版本（2024年5月10日，{sha[:7]}）" in block
    assert f"(版本 {sha[:7]}). 改革案例库. {address}</p>" in block
    bibtex = html.unescape(re.search(r'<pre class="cb-cite__bibtex"><code>(.*?)</code>', block, re.S).group(1))
    assert f"  version      = {{{sha[:7]}}},\n  date         = {{{day}}},\n  url          = {{{address}}}," in bibtex
    # the living page's citation stays first, unchanged
    assert page.index('class="cb-cite__apa"') < page.index("cb-cite__version")
    assert 'href="../../../data/cite/translation-fixture-zh-version.json" download' in block
    item = json.loads(csl_json(book.cases[FIXTURE_ID], "zh", "https://x.example/", day,
                               cited_version(book.history, FIXTURE_ID, REPO)))[0]
    assert (item["version"], item["URL"], item["issued"]) == (sha[:7], address, {"date-parts": [[2024, 5, 10]]})


def test_the_open_data_carries_each_cases_version_and_is_the_same_in_any_clone(project, tmp_path):
    sha = commits(project)[0]
    book = load_casebook(project / "cases")
    data = json.loads(cases_json(book, "https://x.example/"))
    assert data["cases"][0]["version"] == {"commit": sha, "date": HISTORY_COMMITS[-1][0]}
    for lang in ("en", "zh", "vi"):
        (row,) = csv.DictReader(cases_csv(book, lang, "https://x.example/").lstrip("\ufeff").splitlines())
        assert (row["version_commit"], row["version_date"]) == (sha, HISTORY_COMMITS[-1][0])
    clone = tmp_path / "clone"  # other files' times, the same tree and history: the same bytes
    git(tmp_path, "clone", "-q", str(project), str(clone))
    again = load_casebook(clone / "cases")
    assert cases_json(again, "https://x.example/") == cases_json(book, "https://x.example/")
    assert cases_csv(again, "vi", "https://x.example/") == cases_csv(book, "vi", "https://x.example/")


@pytest.mark.build
def test_the_built_case_page_has_its_history_version_citation_and_open_data(history_site):
    shas = commits(history_site)
    site = history_site / "site"
    for lang, prefix in (("en", ""), ("zh", "zh/"), ("vi", "vi/")):
        page = (site / prefix / "cases" / FIXTURE_ID / "index.html").read_text(encoding="utf-8")
        items = history_items(page)
        assert [normalize(i.text()) for i in items] == [f"{i.find('time').text()}{':' if lang != 'zh' else '：'}"
                                                         f"{' ' if lang != 'zh' else ''}{said} {sha[:7]}"
                                                         for i, said, sha in zip(items, SAID[lang], shas)]
        assert [i.find("a").attrs["href"] for i in items] == [f"{HISTORY_REPO}/blob/{sha}/cases/{FIXTURE_ID}.yaml"
                                                               for sha in shas]
        assert "alert(" not in page
        assert f"-{lang}-version.json" in page
        version = json.loads((site / "data" / "cite" / f"{FIXTURE_ID}-{lang}-version.json").read_text(encoding="utf-8"))
        assert version[0]["version"] == shas[0][:7]
    data = json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))
    assert data["cases"][0]["version"] == {"commit": shas[0], "date": "2024-05-10"}


@pytest.mark.build
def test_a_copy_without_git_history_builds_without_the_section_and_says_so(tmp_path):
    project = history_project(tmp_path / "project")
    archive = tmp_path / "archive"  # as a release archive (git archive) or the offline copy: no .git
    shutil.copytree(project, archive, ignore=shutil.ignore_patterns(".git"), symlinks=True)
    result = mkdocs_build(archive)
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if "no git history here" in line and "History" in line]
    assert len(said) == 1, result.stderr
    for prefix in ("", "zh/", "vi/"):
        page = (archive / "site" / prefix / "cases" / FIXTURE_ID / "index.html").read_text(encoding="utf-8")
        assert 'id="history"' not in page and "cb-history" not in page and "cb-cite__version" not in page
        assert 'class="cb-cite"' in page, "the living page's citation stays"
    assert not list((archive / "site" / "data" / "cite").glob("*-version.json"))
    data = json.loads((archive / "site" / "data" / "cases.json").read_text(encoding="utf-8"))
    assert data["cases"][0]["version"] is None


def test_the_history_of_a_record_is_still_one_log_and_one_read(project, monkeypatch):
    from casebook.records import history as history_module

    calls = []
    run = subprocess.run
    monkeypatch.setattr(history_module.subprocess, "run", lambda args, **kw: calls.append(args[3]) or run(args, **kw))
    found = read_history(project / "cases")
    assert calls == ["log", "rev-parse", "diff", "cat-file"]
    changes = found.of_case(FIXTURE_ID)
    assert [c.added for c in changes] == [False] * 4 + [True]
    assert [sorted(c.new_languages) for c in changes] == [[], [], ["vi"], [], []]
