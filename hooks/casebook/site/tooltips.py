"""Glossary terms on case pages: the first use of each term becomes a link to its entry
on the glossary page, which docs/assets/glossary.js turns into a toggletip: a control
that shows the definition next to the term on a tap, a click, Enter or Space.

A link, not a bare button: without the script (or in a copy that does not run it) the
term still leads to its definition; and an inline link wraps across lines like the text
around it, where a button is one box that would jump whole to the next line of a narrow
screen. The definition is in an attribute, plain text the script only ever sets as text.

Not Markdown's `abbr` extension: it needs a word break on both sides of a term, and
Chinese has none (全国妇联把… would never match). This works on the sanitised HTML,
only in text as the reader reads it (never inside a tag, an attribute, a comment or a
character reference such as ``&lt;`` or ``&#39;``, whatever a term is spelled like; nor
in a link, a heading, code or an existing abbr), and only once per term and page, so a
page is not a sea of dotted underlines.

Only the entries that hold for the case's country are used (``countries:`` in the
glossary): a Chinese women's federation is not explained on a Viet Nam case. A term of
several words is found across a line break too (Markdown keeps the source's breaks).
"""

from __future__ import annotations

import bisect
import html
import re

from ..records.glossary import Glossary, TermFinder, one_line, term_finder
from ..pages.i18n import t
from ..pages.markup import attr_text

# The glossary page from a case page (cases/<id>/ and glossary/ are in the same language).
GLOSSARY_URL = "../../glossary/"

SKIP = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style",
        "title", "summary", "button", "label", "option", "time", "dt"}
# Elements whose content is no markup: copied whole up to their end tag.
RAW_TEXT = ("script", "style", "textarea", "title")
# One piece of HTML: a comment, a tag (a quoted attribute value may hold ">"), or a
# character reference (named, decimal or hexadecimal, with or without its ";"). What lies
# between pieces is text.
_PIECE = re.compile(r"""<!--.*?(?:-->|\Z)"""
                    r"""|<[!?/]?[A-Za-z](?:[^"'>]|"[^"]*"|'[^']*')*>"""
                    r"""|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?""", re.S)
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


class _TextRun:
    """Text between two tags as the reader sees it (character references decoded), and
    where each of its characters stands in the HTML. A term is looked for in what the
    reader sees ("Q&amp;A" is "Q&A"), and may only start and end where a reference does:
    never inside "&lt;" or "&#39;", whose letters are no text of the page."""

    def __init__(self) -> None:
        self.html: list[str] = []
        self.text: list[str] = []
        self.starts: list[int] = []     # where each piece starts in the text
        self.sources: list[int] = []    # ... and in the HTML
        self.whole: list[bool] = []     # a reference: only its two ends are places in the text
        self._text_len = self._html_len = 0

    def add(self, source: str, shown: str, whole: bool) -> None:
        self.starts.append(self._text_len)
        self.sources.append(self._html_len)
        self.whole.append(whole)
        self.html.append(source)
        self.text.append(shown)
        self._text_len += len(shown)
        self._html_len += len(source)

    def source_at(self, offset: int) -> int | None:
        """Where ``offset`` of the text stands in the HTML; None inside a reference."""
        if offset == self._text_len:
            return self._html_len
        piece = bisect.bisect_right(self.starts, offset) - 1
        inside = offset - self.starts[piece]
        if inside and self.whole[piece]:
            return None
        return self.sources[piece] + inside

    def marked(self, finder: TermFinder, done: set[str], glossary_url: str, more: str) -> str:
        source, text = "".join(self.html), "".join(self.text)
        if not text.strip():
            return source
        out, last = [], 0
        for found in finder.pattern.finditer(text):
            start, end = self.source_at(found.start()), self.source_at(found.end())
            entry = finder.entry(found.group(0))
            if start is None or end is None or entry is None or entry.key in done:
                continue
            done.add(entry.key)
            out += [source[last:start], term_html(source[start:end], entry.key,
                                                  one_line(entry.definition[finder.lang]), glossary_url, more)]
            last = end
        return "".join(out) + source[last:]


def _annotate(page_html: str, finder: TermFinder, glossary_url: str, more: str) -> str:
    """The terms marked in the page's text only: a tag, an attribute, a comment and a
    character reference come out as they went in (tests/test_tooltips_html.py)."""
    if finder.pattern is None:
        return page_html
    done: set[str] = set()  # entries already marked on this page
    skipping: list[str] = []
    out: list[str] = []
    run = _TextRun()

    def flush() -> None:
        nonlocal run
        if run.html:
            out.append("".join(run.html) if skipping else run.marked(finder, done, glossary_url, more))
        run = _TextRun()

    position = 0
    while position < len(page_html):
        piece = _PIECE.search(page_html, position)
        if piece is None:
            run.add(page_html[position:], page_html[position:], False)
            break
        if piece.start() > position:
            plain = page_html[position:piece.start()]
            run.add(plain, plain, False)
        position = piece.end()
        part = piece.group(0)
        if part.startswith("&"):
            run.add(part, html.unescape(part), True)
            continue
        flush()
        out.append(part)
        match = _TAG_NAME.match(part)
        if not match:  # a comment or a declaration
            continue
        closing, name = match.group(1), match.group(2).lower()
        if not closing and name in RAW_TEXT and not part.endswith("/>"):
            end = re.compile(rf"</{name}\b", re.I).search(page_html, position)
            stop = end.start() if end else len(page_html)
            out.append(page_html[position:stop])
            position = stop
        elif name in SKIP and not part.endswith("/>"):
            if closing:
                if name in skipping:
                    del skipping[len(skipping) - 1 - skipping[::-1].index(name)]
            else:
                skipping.append(name)
    flush()
    return "".join(out)
