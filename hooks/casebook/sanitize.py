"""Strip anything a contributor could use to run code or load outside content.

Applied to the HTML MkDocs renders for every generated page, after Markdown (so raw
HTML, ``attr_list`` attributes and ``javascript:`` links written in a record are all
caught) and before the search plugin indexes the page. ``nh3`` (Ammonia) does the work:
an allow-list, not a deny-list.
"""

from __future__ import annotations

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "section", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # no img/iframe/video/svg: a page must never load anything from another host
GLOBAL_ATTRIBUTES = {"class", "id", "lang", "dir", "title", "role", "aria-label", "data-status",
                     "data-search-exclude"}
ATTRIBUTES = {tag: set(GLOBAL_ATTRIBUTES) for tag in TAGS}
ATTRIBUTES["a"] |= {"href", "hreflang"}
ATTRIBUTES["td"] |= {"colspan", "rowspan", "align"}
ATTRIBUTES["th"] |= {"colspan", "rowspan", "align", "scope"}
ATTRIBUTES["ol"] |= {"start"}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)
