"""Last touches to every page's HTML, after the theme rendered it (on_post_page)."""

from __future__ import annotations

import re

from ..pages.i18n import t
from ..pages.markup import attr_text
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
# (Generated pages have no title on it: the sanitiser keeps no title attribute.)
TITLE_PERMALINK = re.compile(r'(<h1 id="[^"]*">[^<]*)<a class="headerlink" href="#[^"]*"(?: title="[^"]*")?>¶</a>(</h1>)')
# Python-Markdown's toc writes this title on every heading's ¶ link, in English only.
PERMALINK_TITLE = ' title="Permanent link">'
SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')


# Read by the search plugin while it indexes the page (before the theme renders it);
# Material strips the attribute only when it has a value, and then it is dead weight.
SEARCH_EXCLUDE = ' data-search-exclude=""'


def localise_permalinks(html: str, lang: str) -> str:
    # Interface strings are text: a translator's quote must not end the attribute.
    return html if lang == "en" else html.replace(PERMALINK_TITLE, f' title="{attr_text(t(lang, "permalink"))}">')


# Feed autodiscovery: "alternate" with the Atom type. Not rel="alternate" alone, which
# Material's script would take for a language root (as above) and fetch and parse the
# sitemap.xml beside the feed on every page view: a missing zh/sitemap.xml, and for
# English the whole sitemap (about 3.5 MB at 1,000 cases, 0.7 s of script in chromium).
# Readers that take rel as the set of words it is (relList, SimplePie, feedparser) find it.
FEED_REL = "alternate feed"


def feed_link(href: str, lang: str) -> str:
    """The <head> link by which browsers and feed readers find the language's Atom feed."""
    return (f'<link rel="{FEED_REL}" type="application/atom+xml" title="{attr_text(t(lang, "feed_title"))}" '
            f'href="{attr_text(href)}">')


def finish_page(html: str, lang: str, feed_href: str | None = None) -> str:
    """``feed_href``: the page's language's feed, relative to the page (None: no feed)."""
    html = localise_permalinks(html.replace(SEARCH_EXCLUDE, ""), lang)
    head, sep, body = html.partition("</head>")
    head = HEAD_ALTERNATE.sub("", head)
    if feed_href is not None and sep:
        head += feed_link(feed_href, lang)
    html = head + sep + TITLE_PERMALINK.sub(r"\1\2", body, count=1)
    label = SEARCH_LABEL.search(html)
    if label:
        html = html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label.group(1)}">', 1)
    return strip_indentation(html)  # a sixth of a page's bytes (casebook/site/whitespace.py)
