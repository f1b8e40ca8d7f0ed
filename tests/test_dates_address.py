"""When a case was added and last updated (from git history, else the file's date), the
citations' date, and the site's published address from CASEBOOK_SITE_URL."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from casebook.engine.site_address import PLACEHOLDER, placeholder_notice
from casebook.records.load import load_casebook
from casebook.records.history import case_dates
from casebook.pages.case import render_case
from casebook.pages.cite import csl_json
from conftest import PUBLISHED_URL, ROOT, copy_project
from needs import need

SEED = "wanzhou-grassroots-federation-reform"


def git(cwd: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path) -> Path:
    need(shutil.which("git"), "git", "install git")
    cases = tmp_path / "cases"
    shutil.copytree(ROOT / "cases" / "vocabulary", cases / "vocabulary")
    shutil.copy(ROOT / "cases" / f"{SEED}.yaml", cases / f"{SEED}.yaml")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "first", date="2024-03-05T10:00:00+00:00")
    with (cases / f"{SEED}.yaml").open("a", encoding="utf-8") as f:
        f.write("\n# a later edit\n")
    git(tmp_path, "commit", "-qam", "second", date="2025-07-09T10:00:00+00:00")
    return cases


def test_dates_come_from_one_git_log(repo):
    other = "ruili-cross-border-women-children-centre"
    shutil.copy(ROOT / "cases" / f"{other}.yaml", repo / f"{other}.yaml")  # not committed
    os.utime(repo / f"{other}.yaml", (1_700_000_000, 1_700_000_000))  # 2023-11-14
    dates = case_dates(sorted(repo.glob("*.yaml")), repo)
    assert dates[SEED] == ("2024-03-05", "2025-07-09")
    assert dates[other] == ("2023-11-14", "2023-11-14"), "no history: the file's own date"


def test_case_page_and_citations_carry_the_dates(repo):
    book = load_casebook(repo)
    case = book.cases[SEED]
    en, zh = render_case(case, "en", book), render_case(case, "zh", book)
    assert "Added 5 March 2024, last updated 9 July 2025" in en
    assert "收录于2024年3月5日、最近更新于2025年7月9日" in zh
    assert "Reform Casebook. (2025, July 9)." in en and "(n.d.)" not in en
    assert "date         = {2025-07-09}" in __import__("html").unescape(en)
    assert json.loads(csl_json(case, "vi", "https://x.example/", "2025-07-09"))[0]["issued"] == {"date-parts": [[2025, 7, 9]]}


def test_without_git_the_files_date(tmp_path):
    project = copy_project(tmp_path / "p")  # a copy without history
    book = load_casebook(project / "cases")
    assert set(book.dates) == set(book.cases) and all(re.fullmatch(r"\d{4}-\d\d-\d\d", d[0]) for d in book.dates.values())


def test_placeholder_address_is_said():
    assert "CASEBOOK_SITE_URL" in placeholder_notice(PLACEHOLDER)
    assert placeholder_notice("https://women.example.net/casebook/") is None


@pytest.mark.build
def test_the_published_address_is_everywhere(published_site):
    url, site = PUBLISHED_URL, published_site
    assert "placeholder" not in (site.parent / "build.out").read_text(encoding="utf-8")
    named = [p for p in site.rglob("*") if p.suffix in (".html", ".xml", ".json", ".csv", ".js")
             and "reform-casebook.example.org" in p.read_text(encoding="utf-8", errors="replace")]
    assert not named, named[:5]
    assert url + "zh/cases/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    page = (site / "zh" / "cases" / SEED / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{url}zh/cases/{SEED}/">' in page


def test_the_publishing_workflow_gives_the_build_its_address_and_the_history():
    """Pages: the build gets the published address from actions/configure-pages, and a
    checkout with the whole history (a shallow one would date every case today)."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    checkout = steps[uses.index("actions/checkout")]
    assert checkout.get("with", {}).get("fetch-depth") == 0
    pages = uses.index("actions/configure-pages")
    assert steps[pages].get("id") == "pages"
    (build,) = [i for i, step in enumerate(steps) if "make build" in step.get("run", "")]
    assert build > pages
    assert steps[build].get("env", {}).get("CASEBOOK_SITE_URL") == "${{ steps.pages.outputs.base_url }}/"
