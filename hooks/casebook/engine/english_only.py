"""Pages written for contributors in English only (docs/<name>.en.md with no translation).

mkdocs-static-i18n publishes the English text of an untranslated page in every language's
folder too (/zh/performance/), where it is an English page on a Chinese site: in its
search index and under its address. Such a page is published once, in English; the
other languages' pages link to it there (``english_link``).
"""

from __future__ import annotations

import re

from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from .. import DEFAULT_LANGUAGE

# docs/<name>.en.md pages that stay English: figures for the people who build the site.
ENGLISH_ONLY = ("performance",)


def is_english_only(src_uri: str) -> bool:
    return src_uri in {f"{name}.{DEFAULT_LANGUAGE}.md" for name in ENGLISH_ONLY}


def drop_english_only_pages(files: Files, lang: str) -> None:
    """Remove the ``lang`` copies of the English-only pages from this pass's files."""
    if lang == DEFAULT_LANGUAGE:
        return
    for file in list(files):
        if is_english_only(file.src_uri) and file.dest_uri.startswith(f"{lang}/"):
            files.remove(file)


def english_link(markdown: str, lang: str, page_url: str, use_directory_urls: bool,
                 english_built: bool = True) -> str:
    """``markdown`` of the page at ``page_url`` in ``lang``, with its links to English-only
    pages (``[text](performance.md)``) pointing at the English page, as raw HTML: MkDocs
    would report the link as broken, the page not being a file of this language's pass.
    Without the English pages (an offline copy of one language) the text stays, unlinked."""
    if lang == DEFAULT_LANGUAGE:
        return markdown
    for name in ENGLISH_ONLY:
        target = get_relative_url(f"{name}/" if use_directory_urls else f"{name}.html", page_url)
        link = (lambda m: f'<a href="{target}" hreflang="{DEFAULT_LANGUAGE}">{m.group(1)}</a>') if english_built \
            else (lambda m: m.group(1))
        markdown = re.sub(r"\[([^\]]+)\]\(" + re.escape(name) + r"\.md\)", link, markdown)
    return markdown
