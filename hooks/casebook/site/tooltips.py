"""Glossary terms on case pages: the first use of each term becomes a link to its entry
on the glossary page, which docs/assets/glossary.js turns into a toggletip: a control
that shows the definition next to the term on a tap, a click, Enter or Space.

A link, not a bare button: without the script (or in a copy that does not run it) the
term still leads to its definition; and an inline link wraps across lines like the text
around it, where a button is one box that would jump whole to the next line of a narrow
screen. The definition is in an attribute, plain text the script only ever sets as text.

Not Markdown's `abbr` extension: it needs a word break on both sides of a term, and
Chinese has none (全国妇联把… would never match). This works on the sanitised HTML,
only in text (never inside a tag, a link, a heading, code or an existing abbr), and
only once per term and page, so a page is not a sea of dotted underlines.

Only the entries that hold for the case's country are used (``countries:`` in the
glossary): a Chinese women's federation is not explained on a Viet Nam case. A term of
several words is found across a line break too (Markdown keeps the source's breaks).
"""

from __future__ import annotations

import html
import re

from ..records.glossary import Glossary, TermFinder, one_line, term_finder
from ..pages.i18n import t
from ..pages.markup import attr_text

# The glossary page from a case page (cases/<id>/ and glossary/ are in the same language).
GLOSSARY_URL = "../../glossary/"

SKIP = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style",
        "title", "summary", "button", "label", "option", "time", "dt"}
_TAG = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


class Tooltips:
    """The glossary's terms for one build pass: one finder per language and country,
    compiled on first use (not once per page), dropped with the pass."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._finders: dict[tuple[str, str | None], TermFinder] = {}

    def annotate(self, page_html: str, lang: str, country: str | None = None,
                 glossary_url: str = GLOSSARY_URL) -> str:
        """``country``: the case's; None (a page of no one country) uses every entry.
        ``glossary_url``: the glossary page, relative to this page."""
        key = (lang, country)
        if key not in self._finders:
            self._finders[key] = term_finder(self.glossary, lang, country)
        return _annotate(page_html, self._finders[key], glossary_url, t(lang, "glossary_more"))


def annotate(page_html: str, glossary: Glossary, lang: str, country: str | None = None,
             glossary_url: str = GLOSSARY_URL) -> str:
    """One page's terms (the build keeps a Tooltips per pass instead)."""
    return Tooltips(glossary).annotate(page_html, lang, country, glossary_url)


def term_html(term_html_text: str, key: str, definition: str, glossary_url: str, more: str) -> str:
    """One marked term: ``term_html_text`` is already HTML (the page's own text)."""
    return (f'<a class="cb-term" href="{attr_text(glossary_url)}#{attr_text(key)}" '
            f'data-definition="{attr_text(definition)}" data-more="{attr_text(more)}">{term_html_text}</a>')


def _annotate(page_html: str, finder: TermFinder, glossary_url: str, more: str) -> str:
    if finder.pattern is None:
        return page_html
    done: set[str] = set()  # entries already marked on this page
    skipping: list[str] = []
    out = []
    for part in _TAG.split(page_html):
        if part.startswith("<"):
            match = _TAG_NAME.match(part)
            if match:
                closing, name = match.group(1), match.group(2).lower()
                if name in SKIP and not part.endswith("/>"):
                    if closing:
                        if name in skipping:
                            del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
                    else:
                        skipping.append(name)
            out.append(part)
            continue
        if skipping or not part.strip():
            out.append(part)
            continue

        def mark(found: re.Match) -> str:
            # compare unescaped text: a term with '&' or "'" stands escaped in HTML
            entry = finder.entry(html.unescape(found.group(0)))
            if entry is None or entry.key in done:
                return found.group(0)
            done.add(entry.key)
            return term_html(found.group(0), entry.key, one_line(entry.definition[finder.lang]), glossary_url, more)

        out.append(finder.pattern.sub(mark, part))
    return "".join(out)
