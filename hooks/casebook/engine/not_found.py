"""The site's 404 page (theme/404.html) in the reader's language.

A static host answers every address with no page with the one 404.html at the site's
top, whatever the language of the address. The page carries its text in every language
and a small script shows the one the address names (``/zh/...``: Chinese); without the
script, the build's own language shows. Its links are absolute (MkDocs renders error
pages with the site's root path as base): the page is served at any depth.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from .. import DEFAULT_LANGUAGE, LANGUAGES, lang_prefix
from ..pages.i18n import t
from . import internals

TEMPLATE = "404.html"


def sections(config: MkDocsConfig, base_url: str, lang: str) -> list[dict]:
    """What the page says in each language, the build's own first."""
    names = internals.language_site_names(config)
    index = "" if config.use_directory_urls else "index.html"
    base = base_url if base_url.endswith("/") else base_url + "/"
    order = [lang] + [other for other in LANGUAGES if other != lang]
    return [{
        "lang": code,
        "site_name": names.get(code, config.site_name),
        "title": t(code, "not_found_title"),
        "text": t(code, "not_found_text"),
        "links": [(base + lang_prefix(code) + index, t(code, "not_found_home")),
                  (base + lang_prefix(code) + "cases/" + index, t(code, "not_found_cases")),
                  (base + lang_prefix(code) + "explore/" + index, t(code, "not_found_explore"))],
        "search_action": base + lang_prefix(code) + index,
        "search_label": t(code, "not_found_search"),
        "search_button": t(code, "not_found_search_button"),
    } for code in order]


def home_alternates(config: MkDocsConfig, base_url: str) -> list:
    """The language menu of the 404 page: each language's home page (the page asked for
    has no translation to go to)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return [{**alt, "link": base + lang_prefix(alt.get("lang", DEFAULT_LANGUAGE))}
            for alt in internals.language_alternates(config)]
