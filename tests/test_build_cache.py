"""`casebook build`'s page cache (hooks/casebook/engine/page_cache.py): a second build
takes unchanged pages from .cache/casebook/, and its site is the same, byte for byte, as
a build without the cache of the same tree.

Each test changes a small project that was built once (its cache filled), builds it
again with the cache and once without, and compares every file of the two sites.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project

pytestmark = pytest.mark.build

CASES = ("anhui-village-community-federations-schedule", "bac-ninh-entrusted-loans-credit-groups",
         "beitang-village-wechat-groups", "binh-duong-directive-21-womens-union")
EDITED = ROOT / "cases" / f"{CASES[0]}.yaml"
ADDED = "cao-phong-district-project-8-gender-equality"
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}  # the sitemap's and citations' date, the same in both builds
RESTORED = re.compile(r"\[(\w+)\] casebook: (\d+) of (\d+) \w+ pages from the cache")


def build(project: Path, out: str, *extra: str, env: dict | None = None) -> dict[str, tuple[int, int]]:
    """`casebook build -d out` in ``project``; returns each language's (pages from the
    cache, pages)."""
    result = subprocess.run([sys.executable, "-m", "casebook", "build", "-v", "-d", out, *extra],
                            cwd=project, capture_output=True, text=True, timeout=600,
                            env={**os.environ, **EPOCH, **(env or {})})
    assert result.returncode == 0, result.stderr[-3000:]
    return {m.group(1): (int(m.group(2)), int(m.group(3))) for m in RESTORED.finditer(result.stderr)}


def differences(one: Path, other: Path) -> list[str]:
    """Every file present in only one site or with other bytes."""
    files = {p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file()}
    theirs = {p.relative_to(other).as_posix() for p in other.rglob("*") if p.is_file()}
    return sorted(files ^ theirs) + sorted(rel for rel in files & theirs
                                           if (one / rel).read_bytes() != (other / rel).read_bytes())


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """A project of four cases, built once with the cache (and the site it built)."""
    project = copy_project(tmp_path_factory.mktemp("cache") / "project", with_cases=False)
    for case in CASES:
        shutil.copy(ROOT / "cases" / f"{case}.yaml", project / "cases")
    assert {k for k, _ in build(project, "first").values()} == {0}
    return project


@pytest.fixture
def warm(built_once, tmp_path) -> Path:
    """A copy of the built project, its cache with it."""
    return Path(shutil.copytree(built_once, tmp_path / "project", symlinks=True))


def rebuilt_same_as_cold(project: Path, env: dict | None = None) -> dict[str, tuple[int, int]]:
    """Build with the cache, then without; assert the two sites are the same."""
    restored = build(project, "warm", env=env)
    assert build(project, "cold", "--no-cache", env=env) == {}  # (nothing read: no line about the cache)
    assert differences(project / "warm", project / "cold") == []
    return restored


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unchanged_tree_is_built_from_the_cache(warm):
    restored = rebuilt_same_as_cold(warm)
    assert differences(warm / "warm", warm / "first") == []
    # every page but the two finished after the build from every case (pack, comparison)
    assert len(restored) == 3 and all(n - k == 2 for k, n in restored.values()), restored


@pytest.mark.parametrize("change", [
    "english text", "english title", "added case", "deleted case", "translation"])
def test_a_changed_case_rebuilds_what_it_reaches(warm, change):
    record = warm / "cases" / EDITED.name
    if change == "english text":  # (the first background block is the English one)
        edit(record, "    background: |\n", "    background: |\n      A sentence added by a test.\n")
    elif change == "english title":  # on the lists of cases, explore, the map, the timeline
        edit(record, "    title: Anhui sets", "    title: Anhui province sets")
    elif change == "added case":
        shutil.copy(ROOT / "cases" / f"{ADDED}.yaml", warm / "cases")
    elif change == "deleted case":
        (warm / "cases" / f"{CASES[1]}.yaml").unlink()
    else:
        edit(record, "    title: 安徽省定下", "    title: 安徽省规定")
    restored = rebuilt_same_as_cold(warm)
    assert differences(warm / "warm", warm / "first") != []  # the change is in the site
    assert all(0 < k < n for k, n in restored.values()), restored  # some pages, not all, from the cache


@pytest.mark.parametrize("change", ["mkdocs.yml", "site address", "theme override", "code"])
def test_a_cache_from_another_configuration_or_code_is_not_used(warm, change):
    env = None
    if change == "mkdocs.yml":
        edit(warm / "mkdocs.yml", "copyright: Case texts", "copyright: The case texts")
    elif change == "site address":
        env = {"CASEBOOK_SITE_URL": "https://cases.example.net/"}
    elif change == "theme override":  # Material's templates as the casebook overrides them
        edit(warm / "hooks" / "casebook" / "engine" / "theme" / "main.html", "{% block extrahead %}",
             '{% block extrahead %}<meta name="x-test" content="a test">')
    else:  # another version of the hooks: what the key holds of the code, changed
        path = warm / "hooks" / "casebook" / "site" / "whitespace.py"
        path.write_text(path.read_text(encoding="utf-8") + "\n# another version\n", encoding="utf-8")
    restored = rebuilt_same_as_cold(warm, env)
    assert {k for k, _ in restored.values()} == {0}, restored
    if change != "code":  # (a comment in the code changes no page)
        assert differences(warm / "warm", warm / "first") != []


@pytest.mark.parametrize("damage", ["truncated", "corrupt", "empty"])
def test_a_damaged_cache_is_ignored(warm, damage):
    entries = sorted(p for p in (warm / ".cache" / "casebook").rglob("*") if p.is_file())
    for path in entries:
        data = path.read_bytes()
        if damage == "truncated":
            path.write_bytes(data[:len(data) // 2])
        elif damage == "corrupt":  # one byte of the compressed page changed, the length kept
            path.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
        else:
            path.write_bytes(b"")
    restored = rebuilt_same_as_cold(warm)
    assert {k for k, _ in restored.values()} == {0}, restored
    assert differences(warm / "warm", warm / "first") == []
    again = build(warm, "again")  # the cache was written anew
    assert all(n - k == 2 for k, n in again.values()), again
    assert differences(warm / "again", warm / "first") == []


def test_the_cache_is_git_ignored():
    result = subprocess.run(["git", "check-ignore", "--no-index", ".cache/casebook/en/0123abcd"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, "the page cache must never be committed (.gitignore)"


def test_a_large_casebook_rebuilt_from_the_cache_loads_the_same_pack_scripts(large_pack_project, tmp_path):
    """Above 100 cases the pack and the comparison are scripts made from each case page's
    HTML, which a page from the cache must bring with it."""
    project = Path(shutil.copytree(large_pack_project, tmp_path / "large", symlinks=True))
    build(project, "first")  # (the session's build had no fixed date: another key)
    record = sorted((project / "cases").glob("*.yaml"))[7]
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    data["text"]["en"]["background"] += "\nA sentence added by a test.\n"
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    restored = rebuilt_same_as_cold(project)
    assert all(0 < k < n - 2 for k, n in restored.values()), restored  # (the case's page and the lists built again)
    assert len(list((project / "warm" / "packs" / "parts").glob("*.js"))) == 120


def test_a_strict_build_warns_of_a_missing_anchor_in_a_page_from_the_cache(warm):
    """A changed page linking to an anchor a cached page lacks fails the strict build, as
    without the cache (MkDocs checks links against anchors noted when pages convert)."""
    page = warm / "docs" / "license.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[Open data](open-data.md#no-such-part)\n",
                    encoding="utf-8")
    for extra in ((), ("--no-cache",)):
        result = subprocess.run([sys.executable, "-m", "casebook", "build", "-q", "-d", "out", *extra],
                                cwd=warm, capture_output=True, text=True, timeout=600, env={**os.environ, **EPOCH})
        assert result.returncode != 0 and "no-such-part" in result.stderr, (extra, result.stderr[-2000:])
