"""The home page's "Recently added": the newest cases, with their dates, and the feed.

The home pages (docs/index.<lang>.md) are written by hand; where the list goes, each says
with ``RECENT_MARKER``, which the build replaces with this Markdown (engine/hooks.py's
on_page_markdown). A marker rather than a generated page or snippet: the hand-written
text stays one file that a translator reads and edits as it is, the list sits where its
words are, and what it shows comes from the records of the build that publishes it.
"""

from __future__ import annotations

from .feed import FEED_FILE, newest
from .i18n import format_date, t
from ..records.load import Casebook
from .markup import attr_text, esc

RECENT_MARKER = "<!-- casebook: recently added -->"
RECENT_LIMIT = 5


def render_recent(book: Casebook, lang: str, feed: bool) -> str:
    """The newest cases as a Markdown section (links relative to the home page, which
    sits at the top of docs/); with ``feed``, a link to the language's Atom feed."""
    parts = [f"## {esc(t(lang, 'recent_title'))}\n"]
    items = []
    for case, added, _ in newest(book, "added", RECENT_LIMIT):
        values, fell_back = case.text_in(lang)
        english = '{ lang="en" }' if "title" in fell_back else ""  # English in place of a missing translation
        items.append(f"-   [{esc(values['title'])}](cases/{case.id}.md){english} "
                     f'<span class="cb-recent-date">· <time datetime="{attr_text(added)}">'
                     f"{esc(format_date(added, lang))}</time></span>")
    if items:
        parts.append("\n".join(items) + "\n")
    if feed:
        # Beside the home page, in its language's folder. An HTML link: the feed is written
        # into the built site (pages/feed.py), so MkDocs, which checks Markdown links, has
        # no such file to find.
        # with what a feed is for and how to use one: opened on a phone, the link shows XML
        parts.append(f'<p class="cb-feed"><a href="{FEED_FILE}" type="application/atom+xml">'
                     f"{esc(t(lang, 'recent_feed'))}</a><br>\n"
                     f'<small class="cb-feed__how">{esc(t(lang, "feed_how"))}</small></p>\n')
    return "\n".join(parts)


def with_recent(markdown: str, book: Casebook, lang: str, feed: bool) -> str:
    """``markdown`` with its marker (if it has one) replaced by the newest cases."""
    if RECENT_MARKER not in markdown:
        return markdown
    return markdown.replace(RECENT_MARKER, render_recent(book, lang, feed), 1)
