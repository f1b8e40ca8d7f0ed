"""The case form (``contribute/index.<lang>.md``): a record written in the browser, for
federation and union staff who do not use git.

The page itself is a title and a few lines; ``docs/assets/contribute.js`` builds the form
from ``contribute/data.<lang>.js`` (this module: the schema ``casebook schema`` writes, the
vocabularies with their labels in the page's language, the interface strings and the
field descriptions), checks the record as it is typed with
``docs/assets/contribute-check.js`` (the schema and the validator's messages) and writes
the YAML. The form's frame is added to the HTML after the sanitiser (``add_form``, from
escaped values), as the training pack's picker is; nothing a contributor types reaches the
server: it stays in their browser until they open the pull request or download the file.
"""

from __future__ import annotations

import html
import json

from .. import LANGUAGES
from ..records import model
from ..records.load import Casebook
from ..records.schema import case_schema
from .i18n import field_description, t, template, ui_keys
from .improve import Repository
from .markup import esc, front_matter
from .reference import field_rows

FORM_PAGE = "contribute/index"
DATA_SCRIPT = "data.js"  # next to the page: contribute/data.<lang>.js in docs/
GLOBAL = "casebookContributeData"
# docs/assets/, in this order: Python's words, the checks, the YAML, then the form itself
SCRIPTS = ("contribute-words.js", "contribute-check.js", "contribute-yaml.js", "contribute.js")
# Above this, an address is cut short by some browsers and servers: the form offers the
# file to download and GitHub's upload page instead of the prefilled new-file page.
MAX_URL = 8000
# The interface strings the script shows, besides every form_* string.
SHARED_STRINGS = ("country", "level", "themes", "period", "place", "organization", "background", "reform",
                  "results", "sources", "required")


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def form_strings(lang: str) -> dict[str, str]:
    # (with their {placeholders}: the script fills them)
    strings = {key: template(lang, key) for key in ui_keys() if key.startswith("form_") or key in SHARED_STRINGS}
    for qualifier in ("over", "about", "under"):
        strings[f"qualifier_{qualifier}"] = t(lang, qualifier, value="…")
    strings["qualifier_exact"] = t(lang, "form_exact")
    return strings


def field_hints(lang: str) -> dict[str, str]:
    """Each field's description in ``lang`` (pages/field_descriptions.yaml), by its path as
    the reference page names it (``sources[].title``); the narrative's as ``text.title``."""
    hints = {}
    for path, _, info in field_rows(model.Case):
        if info.description:
            hints[path.replace("text.en.", "text.")] = field_description(path, info.description, lang)
    return hints


def contribute_data(book: Casebook, lang: str) -> dict:
    vocabulary = book.vocabulary
    return {
        "lang": lang,
        "languages": list(LANGUAGES),
        "schema": case_schema(vocabulary),
        "levels": [[key, vocabulary.level(key, lang)] for key in vocabulary.levels],
        "themes": [[key, vocabulary.theme(key, lang)] for key in vocabulary.themes],
        "countries": [[code, vocabulary.country(code, lang)] for code in vocabulary.countries],
        "words": {"levelWords": vocabulary.words.get("levels", {}), "themeWords": vocabulary.words.get("themes", {})},
        "strings": form_strings(lang),
        "hints": field_hints(lang),
        "maxUrl": MAX_URL,
    }


def contribute_data_script(book: Casebook, lang: str) -> str:
    """``contribute/data.<lang>.js``: a script, not JSON to fetch, so it loads from file://."""
    data = json.dumps(contribute_data(book, lang), ensure_ascii=False, separators=(",", ":"))
    return f"window.{GLOBAL}={data};\n"


def render_contribute(lang: str) -> str:
    title = t(lang, "form_title")
    meta = {"title": title, "hide": ["toc"], "search": {"exclude": True},
            "casebook": {"kind": "contribute", "lang": lang}}
    return front_matter(meta) + f"# {esc(title)}\n\n{esc(t(lang, 'form_intro'))}\n"


def form_html(lang: str, repo: Repository | None, offline: bool, assets: str) -> str:
    """The frame contribute.js fills in, and its scripts. ``assets``: the site's assets/
    folder relative to the page. Added after the sanitiser, which strips forms and scripts."""
    repo_attributes = f' data-repo="{_attr(repo.url)}" data-branch="{_attr(repo.branch)}"' if repo else ""
    note = f'<p class="cb-contribute__offline">{_attr(t(lang, "form_offline"))}</p>\n' if offline else ""
    return (f'\n<noscript><p>{_attr(t(lang, "form_nojs"))}</p></noscript>\n'
            f'{note}<p class="cb-contribute__draft">{_attr(t(lang, "form_draft"))}</p>\n'
            f'<form class="cb-contribute" id="cb-contribute" hidden novalidate data-lang="{_attr(lang)}"'
            f'{repo_attributes}{" data-offline" if offline else ""} aria-label="{_attr(t(lang, "form_title"))}"></form>\n'
            f'<script src="{DATA_SCRIPT}"></script>\n'
            + "".join(f'<script src="{_attr(assets)}{name}"></script>\n' for name in SCRIPTS))


def add_form(page_html: str, lang: str, repo: Repository | None, offline: bool, assets: str) -> str:
    """The page's HTML with the form after its text."""
    return page_html + form_html(lang, repo, offline, assets)
