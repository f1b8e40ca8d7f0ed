"""`casebook serve` rebuilds only what a save touched; once it has, its site is the site a
cold `casebook build` of the same tree makes, file for file.

A sequence of saves as a contributor makes them (a case's text, a title, a new case, a
deleted one) in a copy of the project; the served folder is then compared with a fresh
build (with the server's address as the site's, as serve builds with it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project
from serve_support import Server, fetch, wait_for

pytestmark = pytest.mark.build

TEXT_CASE = "wanzhou-grassroots-federation-reform"
TITLE_CASE = "beitang-village-wechat-groups"
NEW_CASE = "zz-added-while-serving"
GONE_CASE = "zongyang-poverty-microcredit-employment"
# Each language's sitemap lists its own pages: `casebook build` merges them, serve does not.
NOT_COMPARED = {"sitemap.xml", "sitemap.xml.gz"}


def tree(site: Path) -> dict[str, bytes]:
    """Every file under ``site`` (through the links serve makes for zh/ and vi/)."""
    found = {}
    for folder, _, names in os.walk(site, followlinks=True):
        for name in names:
            path = Path(folder) / name
            rel = path.relative_to(site).as_posix()
            if rel not in NOT_COMPARED:
                found[rel] = path.read_bytes()
    return found


def edit(record: Path, pattern: str, replacement: str) -> None:
    text = record.read_text(encoding="utf-8")
    new = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert new != text, pattern
    record.write_text(new, encoding="utf-8")


def saved(server: Server, change, shown, what: str) -> None:
    """Make ``change``, wait until ``shown()`` and the build that showed it has finished."""
    builds = server.builds()
    change()
    try:
        wait_for(lambda: server.builds() > builds and shown(), what)
    except AssertionError as err:
        raise AssertionError(f"{err}; the server said:\n{server.text()[-3000:]}") from None


def test_after_saves_the_served_site_is_a_cold_build(tmp_path):
    project = copy_project(tmp_path / "project")
    (tmp_path / "temp").mkdir()
    server = Server(project, temp=tmp_path / "temp")
    cases = project / "cases"
    try:
        saved(server, lambda: edit(cases / f"{TEXT_CASE}.yaml", r"^(    background: [|>]-?\n)",
                                   r"\1      A sentence saved while serving.\n\n"),
              lambda: "A sentence saved while serving." in fetch(f"{server.url}cases/{TEXT_CASE}/")[1],
              "the edited text")
        saved(server, lambda: edit(cases / f"{TITLE_CASE}.yaml", r"^(  zh:\n(?:    .*\n)*?    title: )",
                                   r"\1预览中改的标题 "),
              lambda: "预览中改的标题" in fetch(f"{server.url}zh/cases/")[1], "the edited title on the list")
        record = (cases / f"{TEXT_CASE}.yaml").read_text(encoding="utf-8")
        saved(server, lambda: (cases / f"{NEW_CASE}.yaml").write_text(
                  re.sub(r"^id: .*$", f"id: {NEW_CASE}", record, count=1, flags=re.M), encoding="utf-8"),
              lambda: fetch(f"{server.url}vi/cases/{NEW_CASE}/")[0] == 200, "the new case")
        saved(server, (cases / f"{GONE_CASE}.yaml").unlink,
              lambda: fetch(f"{server.url}cases/{GONE_CASE}/")[0] == 404, "the deleted case gone")
        served = tree(server.site)
    finally:
        server.stop()
    done = subprocess.run([sys.executable, "-m", "casebook", "build", "-q", "-d", str(tmp_path / "cold")],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "CASEBOOK_SITE_URL": server.url})
    assert done.returncode == 0, done.stderr
    cold = tree(tmp_path / "cold")
    assert not set(served) - set(cold), "served but not built:\n" + "\n".join(sorted(set(served) - set(cold)))
    assert not set(cold) - set(served), "built but not served:\n" + "\n".join(sorted(set(cold) - set(served)))
    differ = sorted(rel for rel in cold if served[rel] != cold[rel])
    assert not differ, "served and built differently:\n" + "\n".join(differ)
    assert served == cold
