"""`casebook bundle`: the offline copy as a zip, checked file by file (no browser)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import ROOT, run_bundle, unzip  # noqa: F401 (the copies are conftest's session fixtures)

pytestmark = pytest.mark.build

# bytes, the three-language copy: 1.17 MB with the 7 seed cases, 2.64 MB with 41 (about
# 43 KB zipped a case: its page, pack part and search parts in three languages); raised
# from 1.5 MB when the casebook grew to 41 cases, leaving room for about 8 more. 2.66 MB
# since the glossary terms open on case pages and list their cases (+20 KB).
# 3.03 MB on 7 December, when search indexed phrases and words as written with their
# marks (#23), each case page gained its share block with a QR code (#26) and the site its
# case form (#22): raised to 3.3 MB, room for about 6 more cases.
# 3.35 MB with the comparison (#25): each case's data script beside each language's
# compare page (compare/data/<id>.js, its narrative and sources as on its page), 263 KB
# zipped for 41 cases in three languages (about 6 KB a case); raised to 3.6 MB, room for
# about 5 more cases (some 49 KB zipped each now).
BUDGET = 3_600_000


def test_zip_is_named_and_within_budget(bundles, capsys):
    path = bundles["all"]
    assert re.fullmatch(r"reform-casebook-all-\d{4}-\d{2}-\d{2}\.zip", path.name)
    size = path.stat().st_size
    with capsys.disabled():
        print(f"\n  offline copy (all languages): {size:,} bytes zipped")
    assert size <= BUDGET, f"{size:,} bytes > budget {BUDGET:,}"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    top = path.stem + "/"
    assert all(name.startswith(top) for name in names), "one folder, named like the zip"
    assert top + "index.html" in names


def test_same_commit_gives_the_same_bytes(bundles, tmp_path):
    """(The one-language copy, made again: the same path as the all-language one, a third of the build.)"""
    again = run_bundle(tmp_path, "--lang", "zh")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / bundles["zh"].name).read_bytes() == bundles["zh"].read_bytes()


def test_what_the_copy_leaves_out(copies):
    site = copies["all"]
    lunr = sorted(p.name for p in (site / "assets/javascripts/lunr/min").iterdir())
    assert lunr == ["lunr.multi.min.js", "lunr.stemmer.support.min.js", "lunr.vi.min.js", "lunr.zh.min.js"]
    assert not list(site.rglob("*.map")) and not (site / "sitemap.xml").exists()
    assert not (site / "assets/javascripts/lunr/wordcut.js").exists()
    # no Atom feed (no reader follows one from file://), nor a link to it; the newest cases stay
    for prefix in ("", "zh/", "vi/"):
        home = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert not (site / prefix / "feed.xml").exists() and "application/atom+xml" not in home
        assert 'class="cb-recent-date"' in home


def test_every_language_has_its_inlined_index_and_the_local_shim(copies):
    site = copies["all"]
    for prefix, sample in (("", "Wanzhou"), ("zh/", "万州"), ("vi/", "Wanzhou")):
        script = (site / prefix / "search/search_index.js").read_text(encoding="utf-8")
        assert script.startswith("var __index = {")
        parts = " ".join(p.read_text(encoding="utf-8") for p in (site / prefix / "search/d").glob("*.js"))
        assert sample in parts
        assert not (site / prefix / "search/search_index.json").exists()
    assert (site / "assets/javascripts/iframe-worker/shim.js").stat().st_size > 500
    page = (site / "zh/cases/index.html").read_text(encoding="utf-8")
    assert 'src="../../assets/javascripts/iframe-worker/shim.js"' in page
    assert "unpkg.com" not in page


def _local_refs(html: str) -> list[str]:
    # (hreflang alternates name every language's address for search engines; a copy
    # with fewer languages keeps them, harmlessly: nothing fetches or shows them)
    html = re.sub(r'<link rel="alternate"[^>]*>', "", html)
    return re.findall(r'(?:src|href)="([^"#?]+)[^"]*"', html)


def test_no_page_loads_anything_from_another_host_and_every_link_resolves(copies):
    for choice, site in copies.items():
        pages = sorted(site.rglob("*.html"))
        assert len(pages) > 50 if choice == "all" else len(pages) > 20
        for page in pages:
            html = page.read_text(encoding="utf-8")
            # what a page loads by itself (scripts, styles, images, frames) is in the copy
            for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
                if "rel=\"alternate\"" in tag or "rel=\"canonical\"" in tag:
                    continue  # metadata for search engines, never fetched
                url = re.search(r'(?:src|href)="([^"]*)"', tag)
                if url:
                    assert not re.match(r"(https?:)?//", url.group(1)), f"{page}: {tag}"
            for ref in _local_refs(html):
                if re.match(r"[a-z]+:|//", ref):
                    continue  # external links a reader may follow when online
                target = (page.parent / unquote(urlsplit(ref).path)).resolve()
                assert target.exists(), f"{page.relative_to(site)} links to missing {ref}"


def test_start_page_says_what_when_which_version_and_licences(copies):
    version = subprocess.run(["git", "-C", str(ROOT), "describe", "--tags", "--always", "--dirty"],
                             capture_output=True, text=True).stdout.strip()
    site = copies["all"]
    for prefix, words in (("", ("offline copy", "Built", "CC BY 4.0", "MIT")),
                          ("zh/", ("离线副本", "构建日期", "CC BY 4.0", "MIT")),
                          ("vi/", ("bản ngoại tuyến", "Ngày tạo", "CC BY 4.0", "MIT"))):
        about = (site / prefix / "bundle/index.html").read_text(encoding="utf-8")
        for word in words:
            assert word in about, (prefix, word)
        assert f"<code>{version}</code>" in about
        # every source of every case is credited
        for record in (ROOT / "cases").glob("*.yaml"):
            outlets = re.findall(r"^\s+outlet: (.+)$", record.read_text(encoding="utf-8"), re.M)
            for outlet in outlets:
                assert outlet.strip().strip("'\"") in about, (prefix, record.name, outlet)
        home = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert 'class="cb-offline-banner"' in home and version in home
        banner = re.search(r'<p class="cb-offline-banner">(.*?)</p>', home).group(1)
        assert "ngày ngày" not in banner, banner  # the Vietnamese date brings its own "ngày"


def test_a_one_language_copy_holds_that_language_only(copies):
    site = copies["zh"]
    assert sorted(p.name for p in site.iterdir()) == ["assets", "data", "index.html", "zh"]
    start = (site / "index.html").read_text(encoding="utf-8")
    assert 'url=zh/index.html' in start and 'lang="zh"' in start
    home = (site / "zh/index.html").read_text(encoding="utf-8")
    assert "md-select__link" not in home, "no language switcher in a one-language copy"
    about = (site / "zh/bundle/index.html").read_text(encoding="utf-8")
    assert "中文" in about and "English" not in about.split("语言</dt>")[1].split("</dd>")[0]


def test_a_missing_shim_is_a_clear_error(tmp_path):
    """Without `npm ci`, the copy would silently lose search: the build must stop."""
    from casebook.commands.bundle import copy_project

    project = tmp_path / "p"
    project.mkdir()
    copy_project(ROOT, project)
    (project / "node_modules").unlink()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.offline.yml"],
                          cwd=project, capture_output=True, text=True, timeout=600)
    assert done.returncode != 0
    assert "iframe-worker" in done.stderr and "make setup" in done.stderr
    assert not (project / "docs" / "cases").exists(), "said before a page was generated, not after a build"
