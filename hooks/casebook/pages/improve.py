"""Doors from the site into the repository, for contributors who do not use git: each case
page's "Suggest a correction" (an issue form, prefilled), "Edit this record" (the record in
the repository's web editor, which forks and opens a pull request for anyone without write
access) and, on translated pages, "Improve this translation".

The addresses follow GitHub's documented URLs: ``issues/new?template=<form>.yml`` with the
forms' field ids as query parameters (.github/ISSUE_TEMPLATE/), ``edit/<branch>/<path>``
and ``new/<branch>/<folder>?filename=...&value=...``. The repository is configuration
(mkdocs.yml's ``repo_url`` and ``edit_uri``, checked by casebook/engine/site_address.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from .. import DEFAULT_LANGUAGE, lang_prefix
from ..records.model import Case
from .i18n import t
from .markup import attr_text, esc

# The issue forms (.github/ISSUE_TEMPLATE/<name>) and the ids of the fields a link fills in;
# tests/test_contribute_forms.py checks that each form has them.
REPORT_FORM = "report-an-error.yml"
TRANSLATION_FORM = "translation-problem.yml"
PROPOSE_FORM = "propose-a-case.yml"
PREFILLED = {
    REPORT_FORM: ("case", "case_title", "page"),
    TRANSLATION_FORM: ("case", "case_title", "page", "language"),
}

@dataclass(frozen=True)
class Repository:
    """Where the records live: ``url`` (https://github.com/owner/name, no trailing slash)
    and the ``branch`` pull requests go to."""

    url: str
    branch: str = "main"

    def edit_record(self, case_id: str) -> str:
        return f"{self.url}/edit/{quote(self.branch)}/cases/{case_id}.yaml"

    def record_at(self, commit: str, case_id: str) -> str:
        """The record as it was at ``commit`` (a full commit id: the address never moves)."""
        return f"{self.url}/blob/{quote(commit)}/cases/{case_id}.yaml"

    def record_history(self, case_id: str) -> str:
        """Every commit of the record, on the branch the site is built from."""
        return f"{self.url}/commits/{quote(self.branch)}/cases/{case_id}.yaml"

    def new_case(self, case_id: str, text: str) -> str:
        """The new-file page with ``cases/<case_id>.yaml`` holding ``text``."""
        query = urlencode({"filename": f"{case_id}.yaml", "value": text}, quote_via=quote)
        return f"{self.url}/new/{quote(self.branch)}/cases?{query}"

    def issue(self, form: str, title: str = "", **fields: str) -> str:
        params = {"template": form, **({"title": title} if title else {}), **fields}
        return f"{self.url}/issues/new?{urlencode(params, quote_via=quote)}"


def page_address(case_id: str, lang: str, site_url: str, directory_urls: bool = True) -> str:
    """The published address of a case page (what an issue names as its ``page``)."""
    path = f"{lang_prefix(lang)}cases/{case_id}/" if directory_urls else f"{lang_prefix(lang)}cases/{case_id}.html"
    return site_url.rstrip("/") + "/" + path if site_url else path


def improve_links(case: Case, lang: str, repo: Repository | None, site_url: str = "",
                  directory_urls: bool = True) -> str:
    """The case page's block of links into the repository; nothing without a repository."""
    if repo is None:
        return ""
    values, _ = case.text_in(lang)
    # One link for the whole case (the form asks which part): a link per section, each
    # with the case's title and address, would add ~4 KB to a 28 KB page.
    common = {"case": case.id, "case_title": values["title"],
              "page": page_address(case.id, lang, site_url, directory_urls)}
    links = [(repo.issue(REPORT_FORM, f"[Error] {case.id}", **common), "improve_correct"),
             (repo.edit_record(case.id), "improve_edit")]
    if lang != DEFAULT_LANGUAGE:
        links.append((repo.issue(TRANSLATION_FORM, f"[Translation] {case.id} ({lang})", **common, language=lang),
                      "improve_translation"))
    items = " · ".join(f'<a href="{attr_text(url)}">{esc(t(lang, key))}</a>' for url, key in links)
    label = esc(t(lang, "improve_title"))
    return f'<nav class="cb-improve" aria-label="{label}" data-search-exclude>\n<p>{items}</p>\n</nav>\n'


# Where the contributing pages (docs/contributing.<lang>.md, written by hand) list the ways
# in: the build puts the links there (engine/hooks.py's on_page_markdown), since only the
# build knows the repository's address.
DOORS_MARKER = "<!-- casebook: ways to contribute -->"


def render_doors(repo: Repository | None, lang: str, form: str | None = None) -> str:
    """The ways in as a Markdown list: the case form on the site (``form``, its link
    relative to the page) and the repository's issue forms; only the form without a
    repository to send anything to."""
    items = []
    if form and repo is not None:
        items.append((form, "doors_form"))
    if repo is not None:
        items += [(repo.issue(PROPOSE_FORM), "doors_propose"), (repo.issue(REPORT_FORM), "doors_error"),
                  (repo.issue(TRANSLATION_FORM), "doors_translation"), (repo.url, "doors_repository")]
    colon = "：" if lang == "zh" else ": "
    return "".join(f"- **[{esc(t(lang, key))}]({url})**{colon}{esc(t(lang, key + '_hint'))}\n" for url, key in items)


def with_doors(markdown: str, repo: Repository | None, lang: str, form: str | None = None) -> str:
    """``markdown`` with its marker (if it has one) replaced by the ways to contribute."""
    if DOORS_MARKER not in markdown:
        return markdown
    return markdown.replace(DOORS_MARKER, render_doors(repo, lang, form), 1)
