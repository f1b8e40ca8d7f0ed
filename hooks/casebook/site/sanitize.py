"""Strip anything a contributor could use to run code or load outside content.

Applied to the HTML MkDocs renders for every generated page, after Markdown (so raw
HTML, ``attr_list`` attributes and ``javascript:`` links written in a record are all
caught) and before the search plugin indexes the page. ``nh3`` (Ammonia) does the work:
an allow-list, not a deny-list.
"""

from __future__ import annotations

import re

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "mark", "nav", "ol", "p",
    "pre", "q", "s", "section", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # no img/iframe/video/svg: a page must never load anything from another host
# No "title": a title is a tooltip, and a tooltip is where a theme may print text as HTML
# (Material does, with content.tooltips). Nothing a contributor writes needs one; the
# glossary's tooltips are added after sanitising, from our own escaped text (tooltips.py).
GLOBAL_ATTRIBUTES = {"class", "id", "lang", "dir", "role", "aria-label", "data-status",
                     "data-search-exclude"}
ATTRIBUTES = {tag: set(GLOBAL_ATTRIBUTES) for tag in TAGS}
ATTRIBUTES["a"] |= {"href", "hreflang", "download"}
ATTRIBUTES["td"] |= {"colspan", "rowspan", "align"}
ATTRIBUTES["th"] |= {"colspan", "rowspan", "align", "scope"}
ATTRIBUTES["ol"] |= {"start"}
ATTRIBUTES["time"] |= {"datetime"}
ATTRIBUTES["li"] |= {"data-kind"}
URL_SCHEMES = {"http", "https", "mailto"}

# The explore page's own filter form and facet data (its contributor text is escaped
# titles and summaries). Never allowed on case pages, where Markdown is contributors'.
FORM_TAGS = TAGS | {"form", "label", "input", "select", "option", "button", "fieldset", "legend"}
FORM_ATTRIBUTES = {tag: set(GLOBAL_ATTRIBUTES) for tag in FORM_TAGS} | {
    "a": ATTRIBUTES["a"], "td": ATTRIBUTES["td"], "th": ATTRIBUTES["th"], "ol": ATTRIBUTES["ol"],
    "input": GLOBAL_ATTRIBUTES | {"type", "name", "placeholder", "value"},
    "select": GLOBAL_ATTRIBUTES | {"name"},
    "option": GLOBAL_ATTRIBUTES | {"value", "data-label"},
    "span": GLOBAL_ATTRIBUTES | {"data-label"},
    "button": GLOBAL_ATTRIBUTES | {"type", "data-head", "data-file"},
    "form": GLOBAL_ATTRIBUTES | {"data-text-script", "data-lang"},
    "p": GLOBAL_ATTRIBUTES | {"aria-live", "data-template", "data-none", "data-total", "data-swapped", "hidden"},
    "li": GLOBAL_ATTRIBUTES | {"data-id", "data-country", "data-level", "data-themes", "data-years", "data-text"},
}


# The map page's own SVG (drawn by casebook/pages/map_svg.py from country shapes and escaped labels).
SVG_TAGS = TAGS | {"figure", "svg", "g", "rect", "path", "circle", "text", "title"}
SVG_ATTRIBUTES = {tag: set(GLOBAL_ATTRIBUTES) for tag in SVG_TAGS} | {
    **{tag: ATTRIBUTES[tag] for tag in TAGS},
    # the map's numbered list, numbered as its markers; each case with its facets, so that
    # the map can show the cases an explore view chose (explore.js)
    "li": ATTRIBUTES["li"] | FORM_ATTRIBUTES["li"] | {"value", "data-group"},
    "a": ATTRIBUTES["a"] | {"data-group"},
    "p": ATTRIBUTES["p"] | {"hidden", "data-template"},
    "figure": GLOBAL_ATTRIBUTES | {"data-text-script"},
    "g": GLOBAL_ATTRIBUTES | {"aria-hidden"},  # the place labels (the markers name each case)
    "svg": GLOBAL_ATTRIBUTES | {"viewbox", "viewBox", "xmlns", "aria-label"},
    "rect": GLOBAL_ATTRIBUTES | {"width", "height"},
    "path": GLOBAL_ATTRIBUTES | {"d"},
    "circle": GLOBAL_ATTRIBUTES | {"cx", "cy", "r"},
    "text": GLOBAL_ATTRIBUTES | {"x", "y", "text-anchor", "data-group"},
}


def _theme_ids_are_not_content(tag: str, attribute: str, value: str) -> str | None:
    """Material finds its own elements by ids starting with "__" (#__config holds its
    settings, read with querySelector): content must never claim one."""
    if attribute in ("id", "for") and value.startswith("_"):
        return None
    return value


# nh3 puts rel="noopener noreferrer" on every link; only a link to another site needs it
# (no opener, no referrer). On the site's own links it is 27 bytes each, dozens a page.
_OWN_LINK_REL = re.compile(r'(<a\b[^>]*?\shref="(?![a-zA-Z][a-zA-Z0-9+.-]*:|//)[^"]*"[^>]*?) rel="noopener noreferrer"')


def sanitize(html: str, *, forms: bool = False, svg: bool = False) -> str:
    tags, attributes = (FORM_TAGS, FORM_ATTRIBUTES) if forms else (SVG_TAGS, SVG_ATTRIBUTES) if svg \
        else (TAGS, ATTRIBUTES)
    # ("*": no attribute on every tag but those listed; Ammonia's default keeps title and lang)
    clean = nh3.clean(html, tags=tags, attributes={"*": set(), **attributes},
                      attribute_filter=_theme_ids_are_not_content,
                      url_schemes=URL_SCHEMES, link_rel="noopener noreferrer", strip_comments=True)
    return _OWN_LINK_REL.sub(r"\1", clean)
