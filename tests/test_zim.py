"""`casebook zim`: the offline copy as a ZIM for Kiwix, read back entry by entry with
libzim (the library every Kiwix reader is built on)."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import run_zim
from test_sanitize_browser import CASE_ID

pytestmark = pytest.mark.build

CASES = sorted(p.stem for p in (Path(__file__).resolve().parents[1] / "cases").glob("*.yaml"))
PREFIX = {"en": "", "zh": "zh/", "vi": "vi/"}
# where a page names another file it loads (src, stylesheet, icon) or links (href)
REFERENCE = re.compile(r'<(?P<tag>[a-z]+)\b[^>]*?\s(?P<attr>href|src)="(?P<url>[^"]*)"', re.S)


def archive(path: Path):
    from libzim.reader import Archive

    return Archive(str(path))


def entries(zim):
    for i in range(zim.entry_count):
        yield zim._get_entry_by_id(i)


def test_metadata_kiwix_shows(zims):
    zim = archive(zims["all"])
    meta = {key: zim.get_metadata(key).decode("utf-8") for key in zim.metadata_keys if key != "Illustration_48x48@1"}
    assert meta["Name"] == "reform-casebook_all" and meta["Title"] == "Reform Casebook"
    assert meta["Language"] == "eng,zho,vie"
    assert meta["Date"] == "2023-11-14" and zims["all"].name == "reform-casebook_all_2023-11-14.zim"
    for key in ("Description", "Creator", "Publisher", "License"):
        assert meta[key].strip(), key
    assert len(meta["Title"]) <= 30 and len(meta["Description"]) <= 80
    png = bytes(zim.get_illustration_item(48).content)
    assert png.startswith(b"\x89PNG") and png[16:24] == (48).to_bytes(4, "big") * 2
    assert zim.main_entry.get_item().path == "index.html"
    assert zim.has_fulltext_index and zim.has_title_index

    chinese = archive(zims["zh"])
    assert chinese.get_metadata("Language") == b"zho"
    assert chinese.get_metadata("Title").decode() == "改革案例库"
    assert chinese.main_entry.get_item().path == "zh/index.html"
    assert not chinese.has_entry_by_path("vi/index.html")


def test_every_page_and_asset_is_an_entry_and_nothing_asks_another_host(zims):
    zim = archive(zims["all"])
    paths = {entry.path for entry in entries(zim)}
    for lang, prefix in PREFIX.items():
        for page in ("index.html", "map/index.html", "glossary/index.html", "packs/index.html",
                     *(f"cases/{case}.html" for case in CASES)):
            assert prefix + page in paths, prefix + page
    checked = 0
    for entry in entries(zim):
        item = entry.get_item()
        if item.mimetype != "text/html":
            continue
        html = bytes(item.content).decode("utf-8")
        for found in REFERENCE.finditer(html):
            url = found.group("url")
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                # only a link a reader follows may leave the ZIM (a source's article), never a
                # file the page loads
                canonical = found.group("tag") == "link" and 'rel="canonical"' in found.group(0)  # a name, not a load
                assert canonical or (found.group("tag") == "a" and parts.scheme in ("http", "https", "mailto")), \
                    (entry.path, url)
                continue
            if not parts.path:
                continue  # an anchor on the page itself
            target = posixpath.normpath(posixpath.join(posixpath.dirname(entry.path), unquote(parts.path)))
            assert target in paths, f"{entry.path} links {url}, which is not in the ZIM"
            checked += 1
    assert checked > 10_000


def test_search_index_finds_a_chinese_phrase_and_vietnamese_without_marks(zims):
    from libzim.search import Query, Searcher

    def found(zim_path: Path, words: str) -> list[str]:
        zim = archive(zim_path)
        search = Searcher(zim).search(Query().set_query(words))
        return list(search.getResults(0, 50))

    assert "zh/cases/beitang-village-wechat-groups.html" in found(zims["all"], "微信群")  # no spaces
    assert any(path.startswith("vi/cases/") for path in found(zims["all"], "tiet kiem"))  # tiết kiệm
    assert "cases/beitang-village-wechat-groups.html" in found(zims["all"], "WeChat")
    assert "zh/cases/beitang-village-wechat-groups.html" in found(zims["zh"], "微信群")


class Markup(HTMLParser):
    """What a browser would run in a page: event attributes, scripts, and its text."""

    def __init__(self):
        super().__init__()
        self.handlers, self.scripts, self.text, self.in_script = [], [], [], False

    def handle_starttag(self, tag, attrs):
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        (self.scripts if self.in_script else self.text).append(data)


def test_a_hostile_record_stays_text_in_the_zim(zims):
    zim = archive(zims["all"])
    for prefix in PREFIX.values():
        entry = zim.get_entry_by_path(f"{prefix}cases/{CASE_ID}.html")
        page = Markup()
        page.feed(bytes(entry.get_item().content).decode("utf-8"))
        assert page.handlers == [] and not any("__xss" in script for script in page.scripts)
        assert "Raw script:" in "".join(page.text) and "end of raw script" in "".join(page.text)
        # a ZIM title is plain text: the record's characters as they are, never escaped twice
        assert entry.title.startswith("Title ") and "<script>" in entry.title and "&lt;" not in entry.title


def test_same_commit_same_bytes_but_the_ids_libzim_draws(zims, zim_project, tmp_path):
    """libzim gives each of its two Xapian databases a random 16-byte id and has no way to
    set it; everything else, the header's id included, is the same."""
    again = run_zim(zim_project, tmp_path, "zh").read_bytes()
    first = zims["zh"].read_bytes()
    assert len(again) == len(first) and again[:24] == first[:24]  # the header's id too
    differ = [i for i in range(len(first)) if first[i] != again[i]]
    runs = []
    for i in differ:
        if runs and i - runs[-1][1] <= 16:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    assert len(runs) <= 3 and all(end - start < 16 for start, end in runs), runs  # two ids and the checksum
    assert not runs or runs[-1][1] >= len(first) - 16
