"""The Atom feeds of new and updated cases, their links in every page's head, and the
home pages' "Recently added", through a real build (and the order they share, without).

The build is of a copy of the project with a hostile record added. A copy has no git
history, so each case's dates are its file's (records/history.py): the test sets them.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import html as html_text
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from casebook.pages.feed import FEED_LIMIT, newest, render_feed
from casebook.pages.i18n import format_date, t
from casebook.records.load import load_casebook
from conftest import ROOT, copy_project
from validation_support import BASE, make_casedir, write

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE_URL = "https://women.example.net/casebook/"
PREFIX = {"en": "", "zh": "zh/", "vi": "vi/"}
HOSTILE_ID = "feed-hostile-title"
# Markup, an entity, a CDATA end, a comment start, quotes; U+FFFE passes the records'
# checks but XML 1.0 cannot hold it (a reader would refuse the whole feed).
HOSTILE_TITLE = 'Hostile <script>alert(1)</script> & "quoted" ]]> <!-- \'x\' &amp;\ufffe end'
SHOWN_TITLE = HOSTILE_TITLE.replace("\ufffe", "")
HOSTILE_DAY = "2031-05-04"  # newest of all: first in every feed and list
FIRST_DAY = datetime.date(2020, 1, 1)
KEPT_CASES = 8


def set_day(path: Path, day: str) -> None:
    stamp = datetime.datetime.fromisoformat(day + "T12:00:00+00:00").timestamp()
    os.utime(path, (stamp, stamp))


def hostile_record() -> dict:
    record = copy.deepcopy(BASE)  # English only: zh and vi show it in English
    record["id"] = HOSTILE_ID
    record["text"]["en"]["title"] = HOSTILE_TITLE
    record["text"]["en"]["summary"] = "A summary with <b>tags</b> & </summary></entry> in it."
    return record


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("feeds") / "project")
    # a site of the cases inspected: the newest few (the home page lists five) and one
    # of the health theme (its page is among those that name the feed)
    records = sorted((project / "cases").glob("*.yaml"))
    health = next(path for path in records if "health" in yaml.safe_load(path.read_text(encoding="utf-8"))["themes"])
    for path in records[:-KEPT_CASES]:
        if path != health:
            path.unlink()
    write(project / "cases", f"{HOSTILE_ID}.yaml", hostile_record())
    records = sorted((project / "cases").glob("*.yaml"))
    for index, path in enumerate(p for p in records if p.stem != HOSTILE_ID):
        set_day(path, (FIRST_DAY + datetime.timedelta(days=index)).isoformat())
    set_day(project / "cases" / f"{HOSTILE_ID}.yaml", HOSTILE_DAY)
    result = subprocess.run([sys.executable, "-m", "casebook", "build", "--quiet"], cwd=project,
                            capture_output=True, text=True, timeout=600,
                            env={**os.environ, "CASEBOOK_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


def feed_of(site: Path, lang: str) -> ET.Element:
    return ET.fromstring((site / PREFIX[lang] / "feed.xml").read_bytes())


# --- the feeds -------------------------------------------------------------------------

@pytest.mark.build
@pytest.mark.parametrize("lang", list(PREFIX))
def test_each_language_has_an_atom_feed_of_its_own_pages(site, lang):
    feed = feed_of(site, lang)
    prefix = PREFIX[lang]
    assert feed.tag == f"{A}feed" and feed.get(XML_LANG) == lang
    assert feed.findtext(f"{A}title") == t(lang, "feed_title")
    assert feed.findtext(f"{A}id") == SITE_URL + prefix
    assert feed.findtext(f"{A}author/{A}name") == t(lang, "site_title")
    links = {link.get("rel"): link for link in feed.findall(f"{A}link")}
    assert links["self"].get("href") == f"{SITE_URL}{prefix}feed.xml"
    assert links["self"].get("type") == "application/atom+xml"
    assert links["alternate"].get("href") == SITE_URL + prefix
    entries = feed.findall(f"{A}entry")
    cases = len(list((site.parent / "cases").glob("*.yaml")))  # (the hostile one among them)
    assert len(entries) == min(cases, FEED_LIMIT)
    assert feed.findtext(f"{A}updated") == entries[0].findtext(f"{A}updated") == HOSTILE_DAY + "T00:00:00Z"
    days = [entry.findtext(f"{A}updated") for entry in entries]
    assert days == sorted(days, reverse=True), "newest first"
    for entry in entries:
        for name in ("title", "summary", "id", "published", "updated"):
            assert (entry.findtext(f"{A}{name}") or "").strip(), name
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext(f"{A}published"))
        (link,) = entry.findall(f"{A}link")
        url = link.get("href")
        assert link.get("rel") == "alternate" and entry.findtext(f"{A}id") == url
        assert url.startswith(f"{SITE_URL}{prefix}cases/") and url.endswith("/")
        page = site / url[len(SITE_URL):] / "index.html"
        assert f'<html lang="{lang}"' in page.read_text(encoding="utf-8"), url


@pytest.mark.build
@pytest.mark.parametrize("lang", list(PREFIX))
def test_a_hostile_title_is_text_in_the_feed(site, lang):
    raw = (site / PREFIX[lang] / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>" not in raw and "\ufffe" not in raw
    first = feed_of(site, lang).find(f"{A}entry")
    assert first.findtext(f"{A}title") == SHOWN_TITLE
    assert first.findtext(f"{A}summary") == "A summary with <b>tags</b> & </summary></entry> in it."
    # no translation: the English shown says it is English
    assert first.find(f"{A}title").get(XML_LANG) == (None if lang == "en" else "en")


# --- the link in every page's head -----------------------------------------------------

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.head: list[dict] = []
        self.in_head = True

    def handle_starttag(self, tag, attrs):
        if tag == "link" and self.in_head:
            self.head.append(dict(attrs))
        elif tag == "body":
            self.in_head = False


def head_links(html: str) -> list[dict]:
    parser = _Links()
    parser.feed(html)
    return parser.head


PAGES = ["", "cases/", f"cases/{HOSTILE_ID}/", "explore/", "glossary/", "themes/health/", "tags/",
         "open-data/", "contributing/", "packs/", "map/"]


@pytest.mark.build
@pytest.mark.parametrize("lang", list(PREFIX))
def test_every_kind_of_page_names_its_languages_feed_in_its_head(site, lang):
    pages = [PREFIX[lang] + page for page in PAGES] + (["performance/"] if lang == "en" else [])
    for page in pages:
        links = head_links((site / page / "index.html").read_text(encoding="utf-8"))
        feeds = [link for link in links if link.get("type") == "application/atom+xml"]
        assert len(feeds) == 1, page
        (feed,) = feeds
        assert "alternate" in feed["rel"].split(), page
        assert feed["title"] == t(lang, "feed_title")
        assert urljoin("https://h/" + page, feed["href"]) == f"https://h/{PREFIX[lang]}feed.xml", page
        # rel="alternate" alone: Material's script would fetch a sitemap.xml beside it
        assert not [link for link in links if link.get("rel") == "alternate"], page


# --- the home pages' newest cases ------------------------------------------------------

@pytest.mark.build
@pytest.mark.parametrize("lang", list(PREFIX))
def test_the_home_page_lists_the_newest_cases_with_their_dates(site, lang):
    html = (site / PREFIX[lang] / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h2 id=\"[^\"]*\">([^<]*)<a", html)
    assert heading.group(1) == t(lang, "recent_title")
    items = re.findall(r"<li>(.*?)</li>", html.split(heading.group(0), 1)[1].split("</ul>", 1)[0], re.S)
    assert len(items) == 5
    first = items[0]
    assert f'href="cases/{HOSTILE_ID}/"' in first
    shown = re.search(r"<a [^>]*>(.*?)</a>", first).group(1)
    assert "<" not in shown and html_text.unescape(shown) == HOSTILE_TITLE  # the title as text
    assert ('lang="en"' in first) == (lang != "en"), "English in place of a translation is marked"
    assert f'<time datetime="{HOSTILE_DAY}">{format_date(HOSTILE_DAY, lang)}</time>' in first
    # then the next newest: the records dated last before it, newest first
    latest = sorted((ROOT / "cases").glob("*.yaml"))[-4:][::-1]
    assert [re.search(r'href="cases/([^/"]+)/"', item).group(1) for item in items[1:]] == [p.stem for p in latest]
    assert f'<a href="feed.xml" type="application/atom+xml">{t(lang, "recent_feed")}</a>' in html
    # what a feed is and how to use it, next to the link (opened on a phone it shows XML)
    link = re.search(r'<p class="cb-feed"><a href="feed.xml"[^>]*>[^<]*</a><br>\s*'
                     r'<small class="cb-feed__how">([^<]*)</small></p>', html)
    assert link and html_text.unescape(link.group(1)) == t(lang, "feed_how")
    assert "casebook: recently added" not in html, "the marker is replaced"


# --- the order the feed and the list share (no build) ----------------------------------

def test_newest_by_added_or_updated_ties_by_id(tmp_path):
    cases, _ = make_casedir(tmp_path)
    for case_id in ("a-case", "b-case", "c-case", "d-case"):
        write(cases, f"{case_id}.yaml", dict(copy.deepcopy(BASE), id=case_id))
    book = load_casebook(cases)
    book = dataclasses.replace(book, dates={"a-case": ("2024-01-01", "2025-06-01"), "b-case": ("2024-03-01", "2024-03-01"),
                                            "c-case": ("2024-03-01", "2024-03-01"), "d-case": ("2024-02-01", "2025-06-01")})
    assert [c.id for c, *_ in newest(book, "added", 10)] == ["b-case", "c-case", "d-case", "a-case"]
    assert [c.id for c, *_ in newest(book, "updated", 3)] == ["d-case", "a-case", "b-case"]
    feed = ET.fromstring(render_feed(book, "vi", SITE_URL))
    first = feed.find(f"{A}entry")
    assert first.findtext(f"{A}published") == "2024-02-01T00:00:00Z"
    assert first.findtext(f"{A}updated") == feed.findtext(f"{A}updated") == "2025-06-01T00:00:00Z"
    assert first.findtext(f"{A}id") == SITE_URL + "vi/cases/d-case/"
    assert ET.fromstring(render_feed(book, "en", SITE_URL, directory_urls=False)).find(
        f"{A}entry/{A}link").get("href") == SITE_URL + "cases/d-case.html"


def test_a_feed_holds_the_newest_fifty(tmp_path):
    cases, _ = make_casedir(tmp_path)
    for index in range(FEED_LIMIT + 5):
        path = write(cases, f"case-{index:02d}.yaml", dict(copy.deepcopy(BASE), id=f"case-{index:02d}"))
        set_day(path, (FIRST_DAY + datetime.timedelta(days=index)).isoformat())
    feed = ET.fromstring(render_feed(load_casebook(cases), "zh", SITE_URL))
    ids = [entry.findtext(f"{A}id") for entry in feed.findall(f"{A}entry")]
    assert ids == [f"{SITE_URL}zh/cases/case-{index:02d}/" for index in range(FEED_LIMIT + 4, 4, -1)]
