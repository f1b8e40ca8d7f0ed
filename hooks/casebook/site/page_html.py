"""Our touches to a page's HTML: its content's permalinks (on_page_content), and the whole
page's leftovers and indentation after the theme rendered it (on_post_page)."""

from __future__ import annotations

import re

from ..pages.i18n import t
from ..pages.markup import attr_text
from .whitespace import strip_indentation

# A permalink on the page title links the page to itself, with the title's slug twice.
# (Generated pages have no title on it: the sanitiser keeps no title attribute.)
TITLE_PERMALINK = re.compile(r'(<h1 id="[^"]*">[^<]*)<a class="headerlink" href="#[^"]*"(?: title="[^"]*")?>¶</a>(</h1>)')
# Python-Markdown's toc writes this title on every heading's ¶ link, in English only.
PERMALINK_TITLE = ' title="Permanent link">'


# Read by the search plugin while it indexes the page (before the theme renders it);
# Material strips the attribute only when it has a value, and then it is dead weight.
SEARCH_EXCLUDE = ' data-search-exclude=""'


# These touch a page's content (the HTML Python-Markdown made of its Markdown, in
# on_page_content), never the theme's HTML: Material's parts of a page are changed by
# template overrides only (engine/theme/).

def localise_permalinks(html: str, lang: str) -> str:
    # Interface strings are text: a translator's quote must not end the attribute.
    return html if lang == "en" else html.replace(PERMALINK_TITLE, f' title="{attr_text(t(lang, "permalink"))}">')


def drop_title_permalink(html: str) -> str:
    """The content without the ¶ link on its title (the first <h1>)."""
    return TITLE_PERMALINK.sub(r"\1\2", html, count=1)


# Feed autodiscovery: "alternate" with the Atom type. Not rel="alternate" alone, which
# Material's script would take for a language root and fetch and parse the sitemap.xml
# beside the feed on every page view. Readers that take rel as the set of words it is
# (relList, SimplePie, feedparser) find it. Written by engine/theme/main.html (extrahead).
FEED_REL = "alternate feed"


def feed_context(href: str, lang: str) -> dict[str, str]:
    """What main.html's feed link says, escaped here for its attributes."""
    return {"href": attr_text(href), "title": attr_text(t(lang, "feed_title"))}


def finish_page(html: str) -> str:
    """The rendered page without the search plugin's leftovers and indentation."""
    return strip_indentation(html.replace(SEARCH_EXCLUDE, ""))  # a sixth of a page's bytes (site/whitespace.py)
