"""The Atom feed (RFC 4287) of new and updated cases, one per language.

Written straight into the built site (``feed.xml`` for the default language,
``zh/feed.xml``, ``vi/feed.xml``), as the citations are: no page links it through MkDocs,
and as a file of docs/ (mkdocs-static-i18n would put ``feed.zh.xml`` at ``zh/feed.xml``
too) it would sit beside the hand-written pages, which ``casebook serve`` watches for
edits: each build writing it would start another. Links in a feed are absolute (a reader
has no page to resolve them against), so a feed needs the site's address (``site_url``).
The offline copy has none: it opens from file://, where no feed reader can follow it.

Record text is plain text and untrusted: ElementTree escapes it, and what XML 1.0 cannot
hold at all is dropped (one such character makes a reader refuse the whole feed).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterable

from .. import lang_prefix
from ..records.load import Casebook
from ..records.model import Case
from .i18n import t

ATOM = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50  # entries: a reader polls often and shows only what is new to it
FEED_FILE = "feed.xml"  # where each language's feed is, in that language's part of the site
# Atom's dates are date-times; the records' history knows days (records/history.py).
_DAY_START = "T00:00:00Z"
_EMPTY_UPDATED = "1970-01-01" + _DAY_START  # a casebook without cases has no date; Atom requires one
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def site_page(site_url: str, path: str) -> str:
    """An absolute address in the site: ``path`` is relative to its top."""
    return f"{site_url.rstrip('/')}/{path}"


def case_path(case_id: str, lang: str, directory_urls: bool = True) -> str:
    """A case page's path from the top of the site, as MkDocs writes it."""
    return f"{lang_prefix(lang)}cases/{case_id}" + ("/" if directory_urls else ".html")


def newest(book: Casebook, by: str, limit: int) -> list[tuple[Case, str, str]]:
    """The ``limit`` cases last added (``by="added"``) or last updated (``"updated"``),
    newest first, with their (added, updated) days; a case without dates is left out.
    Ties go to the other date, then to the id: the same records give the same order."""
    dated = [(case, *book.dates[case.id]) for case in book.sorted_cases() if case.id in book.dates]
    main, other = (1, 2) if by == "added" else (2, 1)
    dated.sort(key=lambda item: item[0].id)
    dated.sort(key=lambda item: (item[main], item[other]), reverse=True)  # a stable sort: ids stay in order
    return dated[:limit]


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = _text(text)
    return element


def _entry(feed: ET.Element, case: Case, added: str, updated: str, lang: str, site_url: str,
           directory_urls: bool) -> None:
    values, fell_back = case.text_in(lang)
    url = site_page(site_url, case_path(case.id, lang, directory_urls))
    entry = _add(feed, "entry")
    # English shown in place of a missing translation is marked as English
    english = {"xml:lang": "en"}
    _add(entry, "title", values["title"], **(english if "title" in fell_back else {}))
    _add(entry, "link", rel="alternate", type="text/html", href=url)
    _add(entry, "id", url)
    _add(entry, "published", added + _DAY_START)
    _add(entry, "updated", updated + _DAY_START)
    _add(entry, "summary", values["summary"], **(english if "summary" in fell_back else {}))


def render_feed(book: Casebook, lang: str, site_url: str, directory_urls: bool = True) -> str:
    """The Atom feed of ``lang``: the cases last added or updated, newest first."""
    entries = newest(book, "updated", FEED_LIMIT)
    home = site_page(site_url, lang_prefix(lang))
    # Plain names and an xmlns attribute: registering a prefix with ElementTree would
    # change a registry the whole process shares.
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": lang})
    _add(feed, "title", t(lang, "feed_title"))
    _add(feed, "link", rel="self", type="application/atom+xml", href=site_page(site_url, lang_prefix(lang) + FEED_FILE))
    _add(feed, "link", rel="alternate", type="text/html", href=home)
    _add(feed, "id", home)
    # The newest change, not the build's time: the same records give the same bytes.
    _add(feed, "updated", max(e[2] for e in entries) + _DAY_START if entries else _EMPTY_UPDATED)
    _add(_add(feed, "author"), "name", t(lang, "site_title"))
    for case, added, updated in entries:
        _entry(feed, case, added, updated, lang, site_url, directory_urls)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def write_feeds(site_dir: Path, book: Casebook, site_url: str, languages: Iterable[str],
                directory_urls: bool = True) -> None:
    """Each language's feed, in its part of the built site."""
    for lang in languages:
        path = site_dir / lang_prefix(lang) / FEED_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_feed(book, lang, site_url, directory_urls), encoding="utf-8")
