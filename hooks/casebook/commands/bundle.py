"""``casebook bundle``: the whole site as one zip that works from a USB stick.

The build is the real one (``casebook build -f mkdocs.offline.yml``, strict), run in a
temporary copy of the project so a running preview never sees its pages. Then
what a copy cannot use is left out, and the zip is written so the same commit always
gives the same bytes: sorted entries, one fixed timestamp (the commit's), fixed modes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..pages.i18n import t
from .project_copy import copy_project

OFFLINE_CONFIG = "mkdocs.offline.yml"
# Lunr language support Material's search worker loads for en, zh and vi; the other
# 28 languages (and Thai/Japanese segmenters, 700 KB) stay out of the copy.
LUNR_KEPT = {"lunr.stemmer.support.min.js", "lunr.multi.min.js", "lunr.zh.min.js", "lunr.vi.min.js"}
UNUSED_OFFLINE = ("sitemap.xml", "sitemap.xml.gz", "404.html",
                  "assets/javascripts/lunr/tinyseg.js", "assets/javascripts/lunr/wordcut.js")


@dataclass(frozen=True)
class Build:
    version: str
    epoch: int  # seconds: SOURCE_DATE_EPOCH, the commit's time, or the newest record's
    epoch_from: str = "SOURCE_DATE_EPOCH"  # which of the three, said by the commands

    @property
    def date(self) -> str:
        return time.strftime("%Y-%m-%d", time.gmtime(self.epoch))


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def build_identity(root: Path) -> Build:
    """Version from git (``-dirty`` if the tree has changes) and a reproducible time: the
    same files give the same bytes in a clone, a release tarball or ``git archive``
    (no history there: the newest record's or vocabulary's time, never the clock)."""
    version = _git(root, "describe", "--tags", "--always", "--dirty") or "unknown"
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return Build(version, int(os.environ["SOURCE_DATE_EPOCH"]), "SOURCE_DATE_EPOCH")
    commit = _git(root, "log", "-1", "--format=%ct")
    if commit:
        return Build(version, int(commit), "the last commit's time")
    records = [p.stat().st_mtime for p in (root / "cases").rglob("*.y*ml") if p.is_file()]
    return Build(version, int(max(records)) if records else 0, "the newest record's time (no git history here)")


def bundle_languages(choice: str) -> tuple[str, ...]:
    return LANGUAGES if choice == "all" else (choice,)


def build_copy(root: Path, work: Path, config: str = "mkdocs.yml", env: dict[str, str] | None = None,
               languages: tuple[str, ...] = LANGUAGES) -> Path:
    """Copy the project under ``work`` and run the real ``casebook build`` (strict) of
    ``config`` and ``languages`` there, so a running preview never sees its pages;
    returns the site."""
    project = copy_project(root, work / "project")
    site = work / "site"
    done = subprocess.run([sys.executable, "-m", "casebook", "build", "--quiet",
                           "-f", str(project / config), "-d", str(site),
                           *(f"--lang={lang}" for lang in languages)],
                          cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the build of {config} failed:\n{done.stdout}{done.stderr}")
    return site


def build_site(root: Path, work: Path, languages: tuple[str, ...], build: Build) -> Path:
    """The offline build of ``languages`` in a copy under ``work``; returns the site folder."""
    return build_copy(root, work, OFFLINE_CONFIG, {"CASEBOOK_BUNDLE_LANGUAGES": " ".join(languages),
                                                   "CASEBOOK_VERSION": build.version,
                                                   "CASEBOOK_BUILT": build.date}, languages)


def prune(site: Path, languages: tuple[str, ...], served: bool = False) -> None:
    """Leave out what an offline copy of ``languages`` never loads. ``served``: the copy
    is read over http (Kiwix's ZIM), where the search reads its manifest as JSON, not as
    the script it loads from file://."""
    unused = (".map",) if served else (".map", "search/search_index.json")
    for path in list(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if (rel.endswith(unused)
                or rel in UNUSED_OFFLINE or any(rel == f"{lang}/404.html" for lang in LANGUAGES)
                or (rel.startswith("assets/javascripts/lunr/min/") and path.name not in LUNR_KEPT)):
            path.unlink()
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE and lang not in languages:
            shutil.rmtree(site / lang, ignore_errors=True)
    if DEFAULT_LANGUAGE not in languages:
        # The default language lives at the top: keep only what other languages share.
        for path in site.iterdir():
            if path.name not in ("assets", "data", *languages):
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        (site / "index.html").write_text(redirect_page(languages[0]), encoding="utf-8")


def redirect_page(lang: str) -> str:
    """The top index.html of a copy without the default language: straight to its own."""
    name = t(lang, "bundle_title")
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={lang}/index.html">'
            f"<title>{name}</title></head>\n"
            f'<body><p><a href="{lang}/index.html">{name}</a></p></body></html>\n')


def write_zip(site: Path, target: Path, folder: str, epoch: int) -> None:
    """Same files and same epoch, same bytes: no clock, owner or file order gets in."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    tmp.replace(target)  # a half-written zip is never left under the final name


def make_bundle(root: Path, choice: str, out_dir: Path) -> tuple[Path, Build]:
    """Build, prune and zip; returns the zip's path and what it was built from."""
    languages = bundle_languages(choice)
    build = build_identity(root)
    name = f"reform-casebook-{choice}-{build.date}"
    with tempfile.TemporaryDirectory(prefix="casebook-bundle-") as work:
        site = build_site(root, Path(work), languages, build)
        prune(site, languages)
        target = out_dir / f"{name}.zip"
        write_zip(site, target, name, build.epoch)
    return target, build
