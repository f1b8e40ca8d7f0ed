"""How to cite a case: APA and BibTeX on the page, CSL-JSON as a download.

Citations carry the day the case last changed (from the repository's history), never an
access date or build date, so the same records always give the same bytes (the offline
bundle is reproducible); APA's "n.d." is left for a case with no known date.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable

from .. import LANGUAGES, lang_prefix
from .i18n import format_date, t
from ..records.model import Case
from .markup import esc

CSL_DIR = "data/cite"


def case_url(site_url: str, case_id: str, lang: str) -> str:
    return f"{site_url.rstrip('/')}/{lang_prefix(lang)}cases/{case_id}/"


def csl_path(case_id: str, lang: str) -> str:
    return f"{CSL_DIR}/{case_id}-{lang}.json"


def write_citations(site_dir: Path, cases: Iterable[Case], site_url: str, dates: dict | None = None) -> int:
    """Every case's CSL-JSON in every language, written straight into the built site
    (they are linked from raw HTML, so MkDocs need not know them): as files of docs/,
    3,000 at 1,000 cases, every language's process would list and track them (~7 MB
    each) and copy them. Returns the number of files written."""
    (site_dir / CSL_DIR).mkdir(parents=True, exist_ok=True)
    count = 0
    for case in cases:
        for lang in LANGUAGES:
            updated = (dates or {}).get(case.id, (None, None))[1]
            (site_dir / csl_path(case.id, lang)).write_text(csl_json(case, lang, site_url, updated), encoding="utf-8")
            count += 1
    return count


def csl_json(case: Case, lang: str, site_url: str, updated: str | None = None) -> str:
    values, _ = case.text_in(lang)
    item = {
        "id": f"reform-casebook-{case.id}-{lang}",
        "type": "webpage",
        "title": values["title"],
        "container-title": t(lang, "site_title"),
        "genre": t(lang, "case_study"),
        "language": lang,
        "URL": case_url(site_url, case.id, lang),
        "abstract": values["summary"],
        "author": [{"literal": t(lang, "site_title")}],
    }
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


def render_cite(case: Case, lang: str, site_url: str, csl_href: str, updated: str | None = None) -> str:
    """``updated``: the day the case last changed (its page's date for APA and BibTeX)."""
    values, _ = case.text_in(lang)
    url = case_url(site_url, case.id, lang)
    site = t(lang, "site_title")
    apa = f"{esc(site)}. ({esc(apa_date(updated, lang))}). <em>{esc(values['title'])}</em>. {esc(site)}. {esc(url)}"
    bibtex = (f"@misc{{reformcasebook-{case.id}-{lang},\n"
              f"  title        = {{{bibtex_text(values['title'])}}},\n"
              f"  author       = {{{{{bibtex_text(site)}}}}},\n"
              f"  howpublished = {{{bibtex_text(site)}}},\n"
              f"  note         = {{{bibtex_text(t(lang, 'case_study'))}}},\n"
              + (f"  date         = {{{updated}}},\n" if updated else "") +
              f"  url          = {{{url}}},\n"
              f"  language     = {{{lang}}}\n}}")
    return (f'<details class="cb-cite">\n<summary>{esc(t(lang, "cite_title"))}</summary>\n'
            f'<p><strong>{esc(t(lang, "cite_apa"))}</strong></p>\n<p class="cb-cite__apa">{apa}</p>\n'
            f'<p><strong>{esc(t(lang, "cite_bibtex"))}</strong></p>\n'
            f'<pre class="cb-cite__bibtex"><code>{esc(bibtex)}</code></pre>\n'
            f'<p><a href="{csl_href}" download>{esc(t(lang, "cite_csl"))}</a></p>\n</details>\n')
