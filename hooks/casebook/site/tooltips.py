"""Glossary tooltips on case pages: the first use of each term becomes <abbr title=...>.

Not Markdown's `abbr` extension: it needs a word break on both sides of a term, and
Chinese has none (全国妇联把… would never match). This works on the sanitised HTML,
only in text (never inside a tag, a link, a heading, code or an existing abbr), and
only once per term and page, so a page is not a sea of dotted underlines.
"""

from __future__ import annotations

import html
import re

from ..records.glossary import Glossary
from ..pages.markup import attr_text

SKIP = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style",
        "title", "summary", "button", "label", "option", "time", "dt"}
_TAG = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


class Tooltips:
    """The glossary's tooltips for one build pass: one regex per language, compiled on
    first use (not once per page), dropped with the pass."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._patterns: dict[str, tuple[re.Pattern | None, dict[str, str]]] = {}

    def annotate(self, page_html: str, lang: str) -> str:
        if lang not in self._patterns:
            self._patterns[lang] = _build_pattern(self.glossary, lang)
        return _annotate(page_html, *self._patterns[lang])


def annotate(page_html: str, glossary: Glossary, lang: str) -> str:
    """One page's tooltips (the build keeps a Tooltips per pass instead)."""
    return Tooltips(glossary).annotate(page_html, lang)


def _build_pattern(glossary: Glossary, lang: str) -> tuple[re.Pattern | None, dict[str, str]]:
    titles = {}
    for entry in glossary:
        for spelling in entry.spellings(lang):
            titles.setdefault(spelling, entry.definition[lang])
    if not titles:
        return None, titles
    alternatives = "|".join(re.escape(s) for s in sorted(titles, key=len, reverse=True))
    # Chinese has no word breaks; elsewhere a term must not sit inside a longer word.
    pattern = f"(?:{alternatives})" if lang == "zh" else rf"(?<!\w)(?:{alternatives})(?!\w)"
    return re.compile(pattern), titles


def _annotate(page_html: str, pattern: re.Pattern | None, titles: dict[str, str]) -> str:
    if pattern is None:
        return page_html
    done: set[str] = set()  # definitions already given on this page
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
            definition = titles.get(html.unescape(found.group(0)))
            if definition is None or definition in done:
                return found.group(0)
            done.add(definition)
            return f'<abbr title="{attr_text(definition)}">{found.group(0)}</abbr>'

        out.append(pattern.sub(mark, part))
    return "".join(out)
