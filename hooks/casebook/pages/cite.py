"""How to cite a case: APA and BibTeX on the page, CSL-JSON as a download.

Citations carry the day the case last changed (from the repository's history), never an
access date or build date, so the same records always give the same bytes (the offline
bundle is reproducible); APA's "n.d." is left for a case with no known date.

Beside the citation of the living page, the citation of the version read: the same, with
the record's commit (its short id as the version) and the record's address at that
commit in the repository (the page's address where the site has no repository). Only
a record whose file is a commit's has a version (see ``RecordHistory.version_of``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .. import LANGUAGES, lang_prefix
from .i18n import format_date, t
from ..records.model import Case
from ..records.history import RecordHistory
from .improve import Repository
from .markup import esc

CSL_DIR = "data/cite"
SHORT = 7  # hex digits of a commit's short id (as pages/history.py shows it)


@dataclass(frozen=True)
class CitedVersion:
    """The version of a record a reader reads: its commit, that commit's day, and the
    record's address at that commit (None without a repository)."""

    commit: str
    day: str
    url: Optional[str] = None

    @property
    def short(self) -> str:
        return self.commit[:SHORT]


def cited_version(history: RecordHistory, case_id: str, repo: Repository | None) -> Optional[CitedVersion]:
    change = history.version_of(case_id)
    if change is None:
        return None
    return CitedVersion(change.commit, change.day, repo.record_at(change.commit, case_id) if repo else None)


def case_url(site_url: str, case_id: str, lang: str) -> str:
    return f"{site_url.rstrip('/')}/{lang_prefix(lang)}cases/{case_id}/"


def csl_path(case_id: str, lang: str, version: bool = False) -> str:
    """The CSL-JSON of the living page, or (``version``) of the version read."""
    return f"{CSL_DIR}/{case_id}-{lang}{'-version' if version else ''}.json"


def write_citations(site_dir: Path, cases: Iterable[Case], site_url: str, dates: dict | None = None,
                    versions: dict[str, Optional[CitedVersion]] | None = None) -> int:
    """Every case's CSL-JSON in every language (and of its version, where ``versions``
    has one), written straight into the built site (they are linked from raw HTML, so
    MkDocs need not know them): as files of docs/, 3,000 at 1,000 cases, every language's
    process would list and track them (~7 MB each) and copy them. Returns the number of
    files written."""
    (site_dir / CSL_DIR).mkdir(parents=True, exist_ok=True)
    count = 0
    for case in cases:
        version = (versions or {}).get(case.id)
        for lang in LANGUAGES:
            updated = (dates or {}).get(case.id, (None, None))[1]
            (site_dir / csl_path(case.id, lang)).write_text(csl_json(case, lang, site_url, updated), encoding="utf-8")
            count += 1
            if version is not None:
                (site_dir / csl_path(case.id, lang, version=True)).write_text(
                    csl_json(case, lang, site_url, version.day, version), encoding="utf-8")
                count += 1
    return count


def csl_json(case: Case, lang: str, site_url: str, updated: str | None = None,
             version: CitedVersion | None = None) -> str:
    """``version``: cite that version of the record (its day is ``updated``)."""
    values, _ = case.text_in(lang)
    item = {
        "id": f"reform-casebook-{case.id}-{lang}" + (f"-{version.short}" if version else ""),
        "type": "webpage",
        "title": values["title"],
        "container-title": t(lang, "site_title"),
        "genre": t(lang, "case_study"),
        "language": lang,
        "URL": (version and version.url) or case_url(site_url, case.id, lang),
        "abstract": values["summary"],
        "author": [{"literal": t(lang, "site_title")}],
    }
    if version:
        item["version"] = version.short
    if updated:  # the day the case last changed (records/history.py)
        item["issued"] = {"date-parts": [[int(p) for p in updated.split("-")]]}
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


# BibTeX counts braces without reading backslashes, so "\{" would still open a group, and
# LaTeX runs any command a field holds (\input, \write18). Every character with a meaning
# to either is written as a command of its own with balanced braces: text stays text.
_BIBTEX = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
           "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "%": r"\%", "&": r"\&",
           "$": r"\$", "#": r"\#", "_": r"\_"}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX)) + "]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def bibtex_text(text: str) -> str:
    """``text`` as a BibTeX field's value, read back as the same characters by BibTeX and
    LaTeX (line breaks and control characters become spaces)."""
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX[m.group()], _CONTROL.sub(" ", text))


def apa_date(updated: str | None, lang: str) -> str:
    """APA's date of a web page: "2026, December 2" (en); "n.d." without one."""
    if not updated:
        return t(lang, "cite_no_date")
    if lang == "en":
        year, month, day = updated.split("-")
        return f"{year}, {format_date(updated, lang).split(' ')[1]} {int(day)}"
    return format_date(updated, lang)


def render_cite(case: Case, lang: str, site_url: str, csl_href: str, updated: str | None = None,
                version: CitedVersion | None = None, version_csl_href: str = "") -> str:
    """``updated``: the day the case last changed (its page's date for APA and BibTeX);
    ``version``: the version read, cited beside the living page (its CSL-JSON at
    ``version_csl_href``)."""
    url = case_url(site_url, case.id, lang)
    parts = [f'<details class="cb-cite">\n<summary>{esc(t(lang, "cite_title"))}</summary>\n',
             _citations(case, lang, url, updated, csl_href, t(lang, "cite_csl"))]
    if version is not None:
        title = t(lang, "cite_version_title", date=format_date(version.day, lang), commit=version.short)
        parts.append(f'<div class="cb-cite__version">\n<p><strong>{esc(title)}</strong><br>\n'
                     f'<small>{esc(t(lang, "cite_version_intro"))}</small></p>\n'
                     + _citations(case, lang, version.url or url, version.day, version_csl_href,
                                  t(lang, "cite_version_csl"), version) + "</div>\n")
    return "".join(parts) + "</details>\n"


def _citations(case: Case, lang: str, url: str, updated: str | None, csl_href: str, csl_said: str,
               version: CitedVersion | None = None) -> str:
    """APA, BibTeX and the CSL-JSON link of the living page, or of ``version`` of it."""
    values, _ = case.text_in(lang)
    site = t(lang, "site_title")
    named = f" ({esc(t(lang, 'cite_version', commit=version.short))})" if version else ""
    apa = (f"{esc(site)}. ({esc(apa_date(updated, lang))}). <em>{esc(values['title'])}</em>{named}. "
           f"{esc(site)}. {esc(url)}")
    key = f"reformcasebook-{case.id}-{lang}" + (f"-{version.short}" if version else "")
    bibtex = (f"@misc{{{key},\n"
              f"  title        = {{{bibtex_text(values['title'])}}},\n"
              f"  author       = {{{{{bibtex_text(site)}}}}},\n"
              f"  howpublished = {{{bibtex_text(site)}}},\n"
              f"  note         = {{{bibtex_text(t(lang, 'case_study'))}}},\n"
              + (f"  version      = {{{version.short}}},\n" if version else "")
              + (f"  date         = {{{updated}}},\n" if updated else "") +
              f"  url          = {{{url}}},\n"
              f"  language     = {{{lang}}}\n}}")
    return (f'<p><strong>{esc(t(lang, "cite_apa"))}</strong></p>\n<p class="cb-cite__apa">{apa}</p>\n'
            f'<p><strong>{esc(t(lang, "cite_bibtex"))}</strong></p>\n'
            f'<pre class="cb-cite__bibtex"><code>{esc(bibtex)}</code></pre>\n'
            f'<p><a href="{csl_href}" download>{esc(csl_said)}</a></p>\n')
