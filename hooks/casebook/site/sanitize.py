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
    "button": GLOBAL_ATTRIBUTES | {"type", "data-head", "data-file", "data-file-chosen", "data-separator"},
    "form": GLOBAL_ATTRIBUTES | {"data-text-script", "data-lang"},
    "p": GLOBAL_ATTRIBUTES | {"aria-live", "data-template", "data-none", "data-total", "data-swapped", "hidden"},
    "li": GLOBAL_ATTRIBUTES | {"data-id", "data-country", "data-level", "data-themes", "data-years", "data-text"},
}


# The map page's own SVG (drawn by casebook/pages/map_svg.py from country shapes and escaped labels).
SVG_TAGS = TAGS | {"figure", "svg", "g", "rect", "path", "circle", "text", "title", "button"}
SVG_ATTRIBUTES = {tag: set(GLOBAL_ATTRIBUTES) for tag in SVG_TAGS} | {
    **{tag: ATTRIBUTES[tag] for tag in TAGS},
    # the map's numbered list, numbered as its markers; each case with its facets, so that
    # the map can show the cases an explore view chose (explore.js)
    # data-at: where a case is on the map, which a filtered map frames (map.js)
    "li": ATTRIBUTES["li"] | FORM_ATTRIBUTES["li"] | {"value", "data-group", "data-at"},
    "a": ATTRIBUTES["a"] | {"data-group", "data-cases"},
    "p": ATTRIBUTES["p"] | {"hidden", "data-template"},
    "div": ATTRIBUTES["div"] | {"hidden"},  # the zoom buttons, shown by map.js
    "button": GLOBAL_ATTRIBUTES | {"type", "data-zoom-step"},
    "figure": GLOBAL_ATTRIBUTES | {"data-text-script"},
    # the place labels (the markers name each case); each zoom level's layer, in its scale
    "g": GLOBAL_ATTRIBUTES | {"aria-hidden", "data-zoom", "transform"},
    "svg": GLOBAL_ATTRIBUTES | {"viewbox", "viewBox", "xmlns", "aria-label"},
    "rect": GLOBAL_ATTRIBUTES | {"width", "height"},
    "path": GLOBAL_ATTRIBUTES | {"d"},
    "circle": GLOBAL_ATTRIBUTES | {"cx", "cy", "r"},
    "text": GLOBAL_ATTRIBUTES | {"x", "y", "text-anchor", "data-group", "data-cases"},
}


# Classes are how the site's scripts and the theme find their elements (.cb-print,
# .cb-pack-case, .md-select__link): narrative HTML claiming one could move or click them.
# So a class survives only when the generated pages use it for looks; the few that a
# script looks for are kept only on the page whose own markup carries them, where the
# contributor text is escaped (explore, map) or comes later in the page (the pack's head).
CLASSES = frozenset("""
    admonition admonition-title info warning headerlink cards grid
    cb-behind cb-behind__english cb-card__facts cb-compare-with cb-card__themes cb-cards cb-cite cb-cite__apa cb-cite__bibtex cb-cite__version
    cb-count cb-dates
    cb-facts cb-facts__title cb-figure cb-figure__label cb-figure__source cb-figure__value cb-figures
    cb-history cb-history__commit cb-history__earlier cb-history__intro
    cb-glossary cb-glossary__also cb-glossary__cases cb-glossary__countries cb-glossary__letter
    cb-glossary__other cb-improve cb-letters cb-letters__none cb-next cb-notice cb-notice--outdated cb-outdated
    cb-pack-about cb-prevnext
    cb-previous cb-progress cb-progress--zh cb-progress--vi cb-reference cb-source__url cb-sources
    cb-jump cb-status cb-summary cb-tag cb-timeline cb-timeline--undated cb-timeline__item
    cb-related__why cb-related__more
""".split())
PACK_CLASSES = CLASSES | {"cb-pack-choice", "cb-pack-intro", "cb-pack-toc"}
FORM_CLASSES = CLASSES | {
    "md-button", "cb-filter", "cb-filter--text", "cb-filter--themes", "cb-explore__count", "cb-explore__csv",
    "cb-explore__filters", "cb-explore__item", "cb-explore__list", "cb-explore__map", "cb-explore__note",
    "cb-explore__bar", "cb-explore__jump"}
SVG_CLASSES = CLASSES | {
    "cb-map", "cb-map__change", "cb-map__dot", "cb-map__figure", "cb-map__filtered", "cb-map__labels",
    "cb-map__land", "cb-map__list", "cb-map__marker", "cb-map__sea", "cb-map__target", "cb-map__unplaced",
    "cb-map__layer", "cb-map__layer--on", "cb-map__shapes", "cb-map__zoom", "cb-map__zoom_in", "cb-map__zoom_out",
    "cb-map__zoom_all", "cb-map__zoom-hint", "md-button"}




def _theme_ids_are_not_content(tag: str, attribute: str, value: str) -> str | None:
    """Material finds its own elements by ids starting with "__" (#__config holds its
    settings, read with querySelector): content must never claim one."""
    if attribute in ("id", "for") and value.startswith("_"):
        return None
    return value


# nh3 puts rel="noopener noreferrer" on every link; only a link to another site needs it
# (no opener, no referrer). On the site's own links it is 27 bytes each, dozens a page.
_OWN_LINK_REL = re.compile(r'(<a\b[^>]*?\shref="(?![a-zA-Z][a-zA-Z0-9+.-]*:|//)[^"]*"[^>]*?) rel="noopener noreferrer"')


def sanitize(html: str, *, forms: bool = False, svg: bool = False, pack: bool = False) -> str:
    """``forms``: the explore page; ``svg``: the map; ``pack``: the training pack's page."""
    tags, attributes, classes = (FORM_TAGS, FORM_ATTRIBUTES, FORM_CLASSES) if forms \
        else (SVG_TAGS, SVG_ATTRIBUTES, SVG_CLASSES) if svg \
        else (TAGS, ATTRIBUTES, PACK_CLASSES if pack else CLASSES)
    # ("*": no attribute on every tag but those listed; Ammonia's default keeps title and lang.
    # Ammonia filters classes itself, name by name, when "class" is no listed attribute.)
    clean = nh3.clean(html, tags=tags, attributes={"*": set(), **{t: a - {"class"} for t, a in attributes.items()}},
                      allowed_classes={tag: set(classes) for tag in tags},
                      attribute_filter=_theme_ids_are_not_content,
                      url_schemes=URL_SCHEMES, link_rel="noopener noreferrer", strip_comments=True)
    return _OWN_LINK_REL.sub(r"\1", clean)
