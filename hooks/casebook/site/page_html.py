"""Last touches to every page's HTML, after the theme rendered it (on_post_page)."""

from __future__ import annotations

import re

from .whitespace import strip_indentation

# Material's script fetches "sitemap.xml" next to every <link rel="alternate"> in <head>,
# expecting language roots; mkdocs-static-i18n points them at the page's translations, so
# each page view asked for three missing files. The sitemap names every translation of
# every page (hreflang) for search engines, and the language menu keeps its own links.
HEAD_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')
# Material's search dialog has no accessible name (axe and Lighthouse: aria-dialog-name);
# it takes the one Material gives the search box, which is in the page's language.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# A permalink on the page title links the page to itself, with the title's slug twice.
TITLE_PERMALINK = re.compile(r'(<h1 id="[^"]*">[^<]*)<a class="headerlink" href="#[^"]*" title="[^"]*">¶</a>(</h1>)')
SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


# Read by the search plugin while it indexes the page (before the theme renders it);
# Material strips the attribute only when it has a value, and then it is dead weight.
SEARCH_EXCLUDE = ' data-search-exclude=""'


def finish_page(html: str) -> str:
    html = html.replace(SEARCH_EXCLUDE, "")
    head, sep, body = html.partition("</head>")
    html = HEAD_ALTERNATE.sub("", head) + sep + TITLE_PERMALINK.sub(r"\1\2", body, count=1)
    label = SEARCH_LABEL.search(html)
    if label:
        html = html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label.group(1)}">', 1)
    return strip_indentation(html)  # a sixth of a page's bytes (casebook/site/whitespace.py)
