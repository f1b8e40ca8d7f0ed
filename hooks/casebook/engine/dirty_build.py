"""What a dirty rebuild (``casebook serve``) redoes besides the pages whose Markdown changed.

MkDocs' dirty build converts a page again only when its source file is newer than the
page it built. A few pages take more of the casebook in the hooks than their Markdown
holds, and a few outputs are made from every case page after the build:

- the comparison's picker (every title) and the training pack's (titles, themes, dates)
  are added to their pages' HTML; the home pages' "recently added" replaces a marker in
  hand-written Markdown; the glossary's tooltips go into every case page. For each such
  page a key of what it takes is kept, and when it changes its built page is dated back,
  so that the dirty build converts it again (``Refresh``);
- the pack's and the comparison's scripts of each case, and each case's citations, are
  written again only for the case pages converted by this build, and removed for a case
  that is gone (engine/case_html.py).

What one build converted is all a save needs: a cold build of the same tree makes the
same site (tests/test_serve_consistency.py).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .. import DEFAULT_LANGUAGE, LANGUAGES, lang_prefix
from ..pages.cite import cited_version, csl_path, write_citations
from ..pages.compare import COMPARE_PAGE, tools_html
from ..pages.pack import PACK_PAGE, loads_cases, picker_html
from ..pages.recent import RECENT_MARKER, render_recent
from ..records.load import Casebook


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _source_language(src_uri: str) -> str | None:
    for lang in LANGUAGES:
        if src_uri.endswith(f".{lang}.md"):
            return lang
    return None


def page_language_of(dest_uri: str) -> str:
    """The language a built page is in, from where it is written (``zh/...``)."""
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE and dest_uri.startswith(lang_prefix(lang)):
            return lang
    return DEFAULT_LANGUAGE


class Refresh:
    """The keys of what each page takes from the casebook besides its Markdown, as of the
    build that last converted it (by the file it was built from and where it went)."""

    def __init__(self):
        self.keys: dict[tuple[str, str], str] = {}
        self.built: dict[str, set[str]] = {}  # by language pass: the pages it built (their files)

    def key(self, file, book: Casebook, feeds: bool) -> str | None:
        """What ``file``'s page takes from ``book`` besides its Markdown, as a hash (None:
        nothing)."""
        src, lang = file.src_uri, page_language_of(file.dest_uri)
        if src == f"{COMPARE_PAGE}.{lang}.md":
            return _hash(tools_html(book, lang))
        if src == f"{PACK_PAGE}.{lang}.md":
            # a pack that holds its cases is put together from every case page (site/pack_parts.py)
            whole = "" if loads_cases(len(book.cases)) else book.fingerprint
            return _hash(picker_html(book, lang) + whole)
        if src.startswith("cases/") and not src.startswith("cases/index."):
            return book.vocabulary_key  # the glossary's tooltips (site/tooltips.py)
        if _source_language(src) is not None and "/" not in src and file.abs_src_path:
            # hand-written pages at the top of docs/: the home pages' marker (pages/recent.py)
            text = Path(file.abs_src_path).read_text(encoding="utf-8")
            return _hash(render_recent(book, lang, feeds)) if RECENT_MARKER in text else None
        return None

    def mark(self, files, book: Casebook, feeds: bool, lang: str) -> int:
        """Date back the built page of every page of ``files`` (``lang``'s pass) whose key
        changed since it was built, and remove the built pages whose source is gone (a
        deleted case's: MkDocs' dirty build leaves them); returns how many were dated back."""
        pages = {file.abs_dest_path for file in files.documentation_pages()}
        for gone in self.built.get(lang, set()) - pages:
            path = Path(gone)
            path.unlink(missing_ok=True)
            if path.parent.is_dir() and not any(path.parent.iterdir()):
                path.parent.rmdir()
        self.built[lang] = pages
        aged = 0
        for file in files.documentation_pages():
            key = self.key(file, book, feeds)
            if key is None:
                continue
            where = (file.src_uri, file.dest_uri)
            if where in self.keys and self.keys[where] != key and os.path.isfile(file.abs_dest_path):
                os.utime(file.abs_dest_path, (0, 0))  # older than any source: converted again
                aged += 1
            self.keys[where] = key
        return aged


def remove_stale(folder: Path, book: Casebook, suffix: str = ".js") -> None:
    """Remove the scripts of cases no longer in the casebook from ``folder``."""
    if folder.is_dir():
        for path in folder.glob(f"*{suffix}"):
            if path.name[:-len(suffix)] not in book.cases:
                path.unlink()


def write_changed_citations(site: Path, book: Casebook, repo, site_url: str, cited: dict[str, tuple]) -> dict[str, tuple]:
    """Every case's citations (pages/cite.py) whose record, dates or version read changed
    since ``cited`` (what each case's were written from), and none of a case that is
    gone; returns what they are written from now."""
    versions = {case_id: cited_version(book.history, case_id, repo) for case_id in book.cases}
    wanted = {case_id: (book.digests.get(case_id) or repr(case), book.dates.get(case_id), versions[case_id], site_url)
              for case_id, case in book.cases.items()}
    todo = [case for case_id, case in book.cases.items() if cited.get(case_id) != wanted[case_id]]
    for case_id in set(cited) - set(wanted):
        for lang in LANGUAGES:
            (site / csl_path(case_id, lang)).unlink(missing_ok=True)
    for case_id in set(cited) - {case.id for case in book.cases.values() if versions[case.id]}:
        for lang in LANGUAGES:  # (an uncommitted change has no version read)
            (site / csl_path(case_id, lang, version=True)).unlink(missing_ok=True)
    write_citations(site, todo, site_url, book.dates, versions)
    return wanted
