"""How to cite a case: APA and BibTeX on the page, CSL-JSON as a download.

Citations carry no access date or build date, so the same records always give the same
bytes (the offline bundle is reproducible); APA's "n.d." says the page has no fixed date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from .. import LANGUAGES, lang_prefix
from .i18n import t
from ..records.model import Case
from .markup import esc

CSL_DIR = "data/cite"


def case_url(site_url: str, case_id: str, lang: str) -> str:
    return f"{site_url.rstrip('/')}/{lang_prefix(lang)}cases/{case_id}/"


def csl_path(case_id: str, lang: str) -> str:
    return f"{CSL_DIR}/{case_id}-{lang}.json"


def write_citations(site_dir: Path, cases: Iterable[Case], site_url: str) -> int:
    """Every case's CSL-JSON in every language, written straight into the built site
    (they are linked from raw HTML, so MkDocs need not know them): as files of docs/,
    3,000 at 1,000 cases, every language's process would list and track them (~7 MB
    each) and copy them. Returns the number of files written."""
    (site_dir / CSL_DIR).mkdir(parents=True, exist_ok=True)
    count = 0
    for case in cases:
        for lang in LANGUAGES:
            (site_dir / csl_path(case.id, lang)).write_text(csl_json(case, lang, site_url), encoding="utf-8")
            count += 1
    return count


def csl_json(case: Case, lang: str, site_url: str) -> str:
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
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def _bibtex_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "{}%&$#_" else ch for ch in text)


def render_cite(case: Case, lang: str, site_url: str, csl_href: str) -> str:
    values, _ = case.text_in(lang)
    url = case_url(site_url, case.id, lang)
    site = t(lang, "site_title")
    apa = f"{esc(site)}. (n.d.). <em>{esc(values['title'])}</em>. {esc(site)}. {esc(url)}"
    bibtex = (f"@misc{{reformcasebook-{case.id}-{lang},\n"
              f"  title        = {{{_bibtex_escape(values['title'])}}},\n"
              f"  author       = {{{{{_bibtex_escape(site)}}}}},\n"
              f"  howpublished = {{{_bibtex_escape(site)}}},\n"
              f"  note         = {{{_bibtex_escape(t(lang, 'case_study'))}}},\n"
              f"  url          = {{{url}}},\n"
              f"  language     = {{{lang}}}\n}}")
    return (f'<details class="cb-cite">\n<summary>{esc(t(lang, "cite_title"))}</summary>\n'
            f'<p><strong>{esc(t(lang, "cite_apa"))}</strong></p>\n<p class="cb-cite__apa">{apa}</p>\n'
            f'<p><strong>{esc(t(lang, "cite_bibtex"))}</strong></p>\n'
            f'<pre class="cb-cite__bibtex"><code>{esc(bibtex)}</code></pre>\n'
            f'<p><a href="{csl_href}" download>{esc(t(lang, "cite_csl"))}</a></p>\n</details>\n')
