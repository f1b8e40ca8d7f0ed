"""`casebook build` (what `make build` runs): one process per language, same site.

Each test runs the real command in a copy of the project and reads the files it wrote.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casebook.site.search.parts import read_index
from conftest import casebook_build, copy_project, mkdocs_build

pytestmark = pytest.mark.build

LANGS = ("en", "zh", "vi")


def files_of(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def index_docs(site: Path, lang: str) -> dict[str, list]:
    _, _, docs = read_index(site / ("" if lang == "en" else lang) / "search")
    return {d[0]: d for d in docs}


def sitemap_urls(site: Path) -> set[tuple[str, tuple[str, ...]]]:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    return {(m.group(1), tuple(sorted(re.findall(r'hreflang="(\w+)" href="([^"]+)"', m.group(0)))))
            for m in re.finditer(r"<url>\s*<loc>([^<]+)</loc>.*?</url>", text, re.S)}


@pytest.fixture(scope="module")
def both_builds(built_site, tmp_path_factory) -> tuple[Path, Path]:
    """The seed project built by `casebook build` (the session's site) and by plain
    `mkdocs build`."""
    project = copy_project(tmp_path_factory.mktemp("both"))
    result = mkdocs_build(project, "-d", "sequential")
    assert result.returncode == 0, result.stderr
    return built_site, project / "sequential"


def test_same_pages_as_mkdocs_build(both_builds):
    parallel, sequential = both_builds
    ours, theirs = files_of(parallel), files_of(sequential)
    assert ours.keys() == theirs.keys()
    # The sequential build's top 404 page is in the language it built last; the sitemap
    # and the indexes are compared below.
    skipped = {"404.html", "sitemap.xml", "sitemap.xml.gz"} | {
        f"{'' if lang == 'en' else lang + '/'}search/{name}" for lang in LANGS
        for name in ("search_index.json", "search_index.js")}
    differ = [rel for rel in sorted(ours) if rel not in skipped and "/search/" not in f"/{rel}"
              and ours[rel].read_bytes() != theirs[rel].read_bytes()]
    assert differ == []
    assert sum(rel.endswith(".html") for rel in ours) > 100


def test_sitemap_lists_every_language(both_builds):
    parallel, sequential = both_builds
    urls = sitemap_urls(parallel)
    assert urls == sitemap_urls(sequential)
    locs = {loc for loc, _ in urls}
    for lang in ("zh", "vi"):
        assert any(f"/{lang}/cases/" in loc for loc in locs), lang
    assert all(len(links) == 3 for _, links in urls), "each page names its three translations"


def test_search_indexes(both_builds):
    """The same documents in each language's index (their parts may be cut elsewhere:
    the pages come in another order)."""
    parallel, sequential = both_builds
    for lang in LANGS:
        assert index_docs(parallel, lang) == index_docs(sequential, lang), lang


def test_top_404_page_is_english(both_builds):
    parallel, _ = both_builds
    assert '<html lang="en"' in (parallel / "404.html").read_text(encoding="utf-8")


def test_invalid_record_leaves_the_site_as_it_was(tmp_path, built_site):
    project = copy_project(tmp_path / "p")
    shutil.copytree(built_site, project / "site")  # the previous site (not built again)
    site = project / "site"
    before = {rel: p.stat().st_mtime_ns for rel, p in files_of(site).items()}
    record = next((project / "cases").glob("*.yaml"))
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"(?m)^country: .*$", "country: XX", text, count=1), encoding="utf-8")
    result = casebook_build(project)
    assert result.returncode == 1
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("country:"))
    assert f"cases/{record.name}:{line}:" in result.stderr and "country" in result.stderr
    assert {rel: p.stat().st_mtime_ns for rel, p in files_of(site).items()} == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-building-")]


def test_a_failing_language_fails_the_build(tmp_path, built_site):
    """A warning in the Chinese pages only (strict): exit 1, the language named, old site kept."""
    project = copy_project(tmp_path / "p")
    for path in sorted((project / "cases").glob("*.yaml"))[3:]:  # (the fault is in no case)
        path.unlink()
    shutil.copytree(built_site, project / "site")  # the previous site (not built again)
    index = project / "site" / "index.html"
    before = index.stat().st_mtime_ns
    page = project / "docs" / "contributing.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[坏链接](no-such-page.md)\n", encoding="utf-8")
    result = casebook_build(project)
    assert result.returncode == 1
    assert "[zh]" in result.stderr and "no-such-page.md" in result.stderr
    assert "zh build failed" in result.stderr and "site folder is unchanged" in result.stderr
    assert index.stat().st_mtime_ns == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site-building-")]
    assert casebook_build(project, "--no-strict").returncode == 0


def test_one_language_with_mkdocs_build(tmp_path):
    """CASEBOOK_LANGUAGE=zh mkdocs build: that language's part of the site only."""
    project = copy_project(tmp_path / "p")
    env = {**os.environ, "CASEBOOK_LANGUAGE": "zh", "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "zh-only"],
                         cwd=project, capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr
    site = project / "zh-only"
    assert (site / "zh" / "index.html").is_file() and not (site / "index.html").exists()
    assert not (site / "vi").exists()
    assert not (site / "assets").exists() and not (site / "data").exists(), "files outside zh/ are English's"
    docs = index_docs(site, "zh")
    assert docs and not any(location.startswith("zh/") for location in docs)

    env["CASEBOOK_LANGUAGE"] = "fr"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "fr"], cwd=project,
                         capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode != 0 and "CASEBOOK_LANGUAGE='fr'" in run.stderr
