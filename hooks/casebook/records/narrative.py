"""What narrative text (``background``, ``reform``, ``results``) may hold, and its limits.

Narrative text is Markdown from people we do not know, converted by the same Markdown
as the site's own pages. So a case uses only what a narrative needs: paragraphs, lists,
emphasis, links and quotes. The extensions the site's pages use (abbreviations, attribute
lists, admonitions, Markdown inside HTML) are refused here, as are headings (the page
adds its own), unclosed HTML (an unclosed <script> would hide the rest of the page) and
shapes that make Markdown's conversion crash or stall (its parser recurses on nesting).

``narrative_problem`` returns the first problem of a text as (line offset, message).
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

MAX_CHARS = 30_000  # per field; a long section is ~5,000
MAX_RUN = 10  # the same Markdown mark in a row ("***" is bold italic; 2,000 crash the build)
MAX_NESTING = 5  # brackets or quotes inside each other (conversion time grows with the square)
RUN_MARKS = "*_[]()<>`~!"

_RUN = re.compile("|".join(rf"{re.escape(ch)}{{{MAX_RUN + 1},}}" for ch in RUN_MARKS))
# Container marks before a line's content: quotes and list items (a heading inside one is
# still a heading).
_CONTAINERS = re.compile(r"^(?:\s{0,3}(?:>|[-*+]|\d{1,9}[.)])(?=\s|$)\s*)*")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_ABBREVIATION = re.compile(r"^\s*\*\[[^\]]*\]:")
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?:[#.][^\s}]|[A-Za-z_][\w.:-]*[ \t]*=)[^}\n]*\}")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)(?:\s|$)")
_MARKDOWN_ATTR = re.compile(r"<[a-zA-Z][^>]*\smarkdown\s*=", re.S)
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)")
_CASE_LINK = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr"}


def narrative_problem(text: str) -> tuple[int, str] | None:
    """The first problem of ``text`` as (0-based line, message), or None."""
    if len(text) > MAX_CHARS:
        return 0, f"text is {len(text):,} characters long; a section may be at most {MAX_CHARS:,}"
    for check in (_runs, _nesting, _lines, _html):
        found = check(text)
        if found:
            return found
    return None


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index)


def _runs(text: str):
    run = _RUN.search(text)
    if run:
        mark = run.group()[0]
        return _line_of(text, run.start()), (f"'{mark}' is repeated {len(run.group()):,} times in a row; "
                                             f"Markdown text may repeat a mark at most {MAX_RUN} times")
    return None


def _nesting(text: str):
    depth, deepest, where = 0, 0, 0
    escaped = False
    # (nesting deeper than MAX_NESTING takes more marks than that: most texts, walked
    # character by character, cost a tenth of reading all the records at 1,000 cases)
    brackets = text.count("[") > MAX_NESTING
    for index, ch in enumerate(text if brackets else ""):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            depth += 1
            if depth > deepest:
                deepest, where = depth, index
        elif ch == "]" and depth:
            depth -= 1
    if deepest > MAX_NESTING:
        return _line_of(text, where), (f"brackets '[' are nested {deepest:,} deep; "
                                       f"Markdown text may nest them at most {MAX_NESTING} deep")
    for offset, line in enumerate(text.split("\n") if text.count(">") > MAX_NESTING else ()):
        quotes = len(re.match(r"^(?:\s{0,3}>)*", line).group().replace(" ", ""))
        if quotes > MAX_NESTING:
            return offset, f"quotes ('>') are nested {quotes} deep; at most {MAX_NESTING}"
    return None


def _lines(text: str):
    lines = text.split("\n")
    for offset, line in enumerate(lines):
        content = line[_CONTAINERS.match(line).end():]
        if _ATX.match(line) or _ATX.match(content):
            return offset, ("headings are not allowed in narrative text; the page adds its own "
                            "section headings (use **bold** for emphasis)")
        if offset and _SETEXT.match(line) and lines[offset - 1].strip() and not _SETEXT.match(lines[offset - 1]):
            return offset, ("a line of '=' or '-' under text makes it a heading, which narrative text "
                            "may not have; leave a blank line before it (a rule) or delete it")
        if _ABBREVIATION.match(line):
            return offset, "abbreviation definitions (*[...]: ...) are not allowed in narrative text"
        if _ADMONITION.match(line):
            return offset, "admonitions (!!! or ???) are not allowed in narrative text"
        if _ATTR_LIST.search(line):
            return offset, ("attribute lists ({: ...} or {#id .class key=value}) are not allowed in "
                            "narrative text")
        for target in _targets(line):
            message = link_problem(target)
            if message:
                return offset, message
    found = _MARKDOWN_ATTR.search(text)
    if found:
        return _line_of(text, found.start()), "HTML with a markdown= attribute is not allowed in narrative text"
    return None


def _targets(line: str) -> list[str]:
    """Every link target of ``line``, read as Python-Markdown reads it: from "](" to the
    ")" that balances it (spaces, quotes and a title included: what MkDocs then checks)."""
    targets = []
    start = line.find("](")
    while start >= 0:
        depth, end = 1, start + 2
        while end < len(line) and depth:
            depth += {"(": 1, ")": -1}.get(line[end], 0)
            end += 1
        targets.append(line[start + 2:end - 1 if not depth else end].strip().strip("<>"))
        start = line.find("](", end)
    reference = _REFERENCE.match(line)
    if reference:
        targets.append(reference.group(1))
    return targets


def link_problem(target: str) -> str | None:
    """What the strict build would refuse in a link (mkdocs.structure.pages.path_to_url):
    a relative link to a file (its last part has a '.') that is not another case
    (``other-case-id.md``), or an anchor, which narrative text cannot know."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("/", "\\")) or not target:
        return None  # a full address (the sanitiser keeps http, https and mailto only)
    refused = (f"link {target[:80]!r}: a link in narrative text is a full https:// address or "
               "another case as other-case-id.md")
    if not parts.path:
        return refused if parts.fragment else None
    if posixpath.splitext(parts.path)[1] and not _CASE_LINK.match(target):
        return refused
    return None


def case_links(text: str) -> list[tuple[int, str]]:
    """(line offset, case id) of every link to another case (``other-case-id.md``)."""
    found = []
    for offset, line in enumerate(text.split("\n")):
        for target in _targets(line):
            match = _CASE_LINK.match(target)
            if match:
                found.append((offset, match.group(1)))
    return found


class _Balance(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int]] = []
        self.stray: tuple[str, int] | None = None

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append((tag, self.getpos()[0] - 1))

    def handle_endtag(self, tag):
        if self.open and self.open[-1][0] == tag:
            self.open.pop()
        elif self.stray is None and tag not in VOID:
            self.stray = (tag, self.getpos()[0] - 1)


def _html(text: str):
    if "<" not in text:
        return None
    comment = text.rfind("<!--")
    if comment >= 0 and text.find("-->", comment) < 0:
        return _line_of(text, comment), "an HTML comment (<!--) is not closed; it would hide the rest of the page"
    parser = _Balance()
    parser.feed(text)
    parser.close()
    if parser.open:
        tag, offset = parser.open[0]
        return offset, (f"HTML element <{tag}> is not closed; it could hide the rest of the page "
                        "(better: write Markdown, not HTML)")
    if parser.stray:
        tag, offset = parser.stray
        return offset, f"HTML end tag </{tag}> closes nothing; delete it (better: write Markdown, not HTML)"
    return None
