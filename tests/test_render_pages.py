"""The renderers on their own: the pages of a casebook, the sanitiser, the front matter and
the reader's language everywhere."""

from __future__ import annotations

import copy
import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import markdown
import pytest
import yaml

from casebook import LANGUAGES
from casebook.pages.i18n import t
from casebook.records.load import Casebook, load_case, load_casebook
from casebook.records.model import Case, Figure, Period, Source
from casebook.pages.case import cite, format_figure, format_period, original_href, render_case
from casebook.pages.lists import render_case_list, render_listing
from casebook.site.sanitize import sanitize
from casebook.pages.all_pages import site_pages
from casebook.records.vocabulary import Vocabulary, country_name, load_vocabulary


from render_support import (ROOT, SEEDS, EXTENSIONS, BASE, Node, dom, split_page, to_html, normalize, vocab, real_book, make_case, make_book, notice)  # noqa: F401 - helpers and fixtures

# --- site_pages ----------------------------------------------------------------------------

def test_site_pages_layout(real_book):
    pages = site_pages(real_book)
    countries = {c.country.lower() for c in real_book.sorted_cases()}
    expected = {
        "cases": {f"{case_id}.{lang}.md" for case_id in real_book.cases for lang in LANGUAGES}
        | {f"index.{lang}.md" for lang in LANGUAGES},
        "themes": {f"{key}.{lang}.md" for key in real_book.vocabulary.themes for lang in LANGUAGES},
        "levels": {f"{c.level}.{lang}.md" for c in real_book.sorted_cases() for lang in LANGUAGES},
        "countries": {f"{code}.{lang}.md" for code in countries for lang in LANGUAGES},
    }
    for folder, names in expected.items():  # one page per case (and group) per language, no more
        assert {p.split("/", 1)[1] for p in pages if p.startswith(folder + "/")} == names, folder
    for lang in LANGUAGES:
        assert f"tags/index.{lang}.md" in pages
    # mkdocs-static-i18n's suffix layout: <path>.<lang>.md, never a <lang>/ folder, and
    # every page exists in every language
    stems = {}
    for path, page in pages.items():
        stem, lang, ext = path.rsplit(".", 2)
        assert ext in ("md", "js") and lang in LANGUAGES, path  # (explore/text.<lang>.js: explore's words)
        assert not path.startswith(tuple(f"{code}/" for code in LANGUAGES)), path
        stems.setdefault(stem, set()).add(lang)
        if ext == "js":
            continue
        meta, _ = split_page(page)
        assert meta["casebook"]["lang"] == lang, path
    assert {stem: langs for stem, langs in stems.items() if langs != set(LANGUAGES)} == {}
    for case in real_book.sorted_cases():
        for lang in LANGUAGES:
            meta, _ = split_page(pages[f"cases/{case.id}.{lang}.md"])
            assert meta["casebook"]["id"] == case.id and meta["casebook"]["kind"] == "case"


def test_site_pages_follow_directory_urls(vocab):
    case = make_case(vocab, text__zh=None)
    book = make_book(vocab, case)
    assert 'href="../../../cases/test-case/"' in site_pages(book)["cases/test-case.zh.md"]
    assert 'href="../../cases/test-case.html"' in site_pages(book, directory_urls=False)["cases/test-case.zh.md"]


def test_tags_index_links_every_group(real_book):
    pages = site_pages(real_book)
    for lang in LANGUAGES:
        _, body = split_page(pages[f"tags/index.{lang}.md"])
        links = set(re.findall(r"\]\(\.\./((?:themes|levels|countries)/[a-z0-9-]+)\.md\)", body))
        for key in real_book.vocabulary.themes:
            assert f"themes/{key}" in links  # an empty theme is listed too
        for case in real_book.sorted_cases():
            assert f"levels/{case.level}" in links and f"countries/{case.country.lower()}" in links
        for link in links:
            assert f"{link}.{lang}.md" in pages, link


def test_listing_pages_say_what_they_list(real_book):
    pages = site_pages(real_book)
    kinds = {path.split("/")[0]: split_page(page)[0]["casebook"]["kind"]
             for path, page in pages.items() if path.startswith(("themes/", "levels/", "countries/"))}
    assert kinds == {"themes": "theme", "levels": "level", "countries": "country"}


# --- the sanitiser -------------------------------------------------------------------------

@pytest.mark.parametrize("payload, gone, kept", [
    ("<p>before<script>window.__xss=1</script>after</p>", ["<script", "__xss"], ["before", "after"]),
    ("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>text", ["script", "evil"], ["text"]),
    ('<p>pic <img src=x onerror="window.__xss=1"> end</p>', ["<img", "onerror", "__xss"], ["pic", "end"]),
    ('<a href="javascript:window.__xss=1">click</a>', ["javascript", "__xss"], ["click"]),
    ('<a href="JaVaScRiPt:alert(1)">upper</a>', ["javascript", "alert"], ["upper"]),
    ('<a href="javascript&#58;alert(1)">entity</a>', ["javascript", "alert", "&#58;"], ["entity"]),
    ('<a href="java&#x09;script:alert(1)">tab</a>', ["script:", "alert"], ["tab"]),
    ('<a href="  javascript:alert(1)">space</a>', ["javascript", "alert"], ["space"]),
    ('<a href="vbscript:msgbox(1)">vb</a>', ["vbscript", "msgbox"], ["vb"]),
    ('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data</a>', ["data:", "alert"], ["data"]),
    ('<p><svg onload="window.__xss=1"><circle r="4"/></svg>svg text</p>', ["<svg", "onload", "__xss", "circle"],
     ["svg text"]),
    ('<iframe src="https://example.org/"></iframe><p>after frame</p>', ["iframe", "example.org"], ["after frame"]),
    ("<style>body{display:none}</style><p>styled</p>", ["<style", "display"], ["styled"]),
    ('<object data="https://evil.example/x.swf"></object><embed src="x.swf"><p>obj</p>',
     ["<object", "<embed", "evil", "swf"], ["obj"]),
    ('<p style="background:url(https://evil.example/t.png)">inline style</p>', ["style=", "evil"],
     ["inline style"]),
    ('<img src="data:image/png;base64,AAAA">', ["<img", "data:"], []),
    ('<form action="https://evil.example/post"><input name="q" autofocus onfocus="window.__xss=1">'
     "<button formaction=\"javascript:alert(1)\">send</button></form>",
     ["<form", "<input", "<button", "evil", "onfocus", "javascript"], ["send"]),
    ('<details open ontoggle="window.__xss=1"><summary>more</summary>hidden</details>', ["ontoggle", "__xss"],
     ["more", "hidden"]),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">'
     '<link rel="stylesheet" href="https://evil.example/s.css"><p>head tags</p>', ["<meta", "<base", "<link", "evil"],
     ["head tags"]),
    ('<math><mi xlink:href="javascript:alert(1)">m</mi></math>', ["javascript", "xlink", "<math"], []),
    ('<p title="x" onmouseover="window.__xss=1" onclick="window.__xss=2">hover</p>', ["onmouseover", "onclick", "__xss", "title"],
     ["hover"]),  # (no title: a tooltip, see casebook/site/sanitize.py)
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', ["<img", "onerror=alert"], []),
    ("<!-- <script>alert(1)</script> -->comment", ["<!--", "alert"], ["comment"]),
    ('<a href="https://evil.example" target="_blank">out</a>', ["target"], ['href="https://evil.example"', "out",
                                                                           "noopener"]),
])
def test_sanitize_removes_dangerous_html(payload, gone, kept):
    out = sanitize(payload)
    lowered = out.lower()
    for part in gone:
        assert part.lower() not in lowered, (part, out)
    for part in kept:
        assert part in out, (part, out)
    for node in dom(out).walk():
        assert not [a for a in node.attrs if a.lower().startswith("on") or a.lower() == "style"], (node.tag, node.attrs)
        assert not (node.attrs.get("href") or "").strip().lower().startswith(("javascript:", "data:", "vbscript:"))


@pytest.mark.parametrize("source, gone, kept", [
    # (a class survives only when the site styles it: tests/test_hostile_outputs.py)
    ('A paragraph.\n{onclick="window.__xss=1" style="color:red" .note}', ["onclick", "style", "__xss", "note"],
     ["A paragraph."]),
    ('[link](https://example.org/){onmouseover="window.__xss=1"}', ["onmouseover", "__xss"],
     ['href="https://example.org/"', "link"]),
    ("[click](javascript:window.__xss=1)", ["javascript", "__xss"], ["click"]),
    ("[click](JAVASCRIPT:alert(1))", ["javascript", "alert"], ["click"]),
    ("<javascript:alert(1)>", ["href", "alert(1)\""], []),
    ("![img](https://evil.example/pixel.png)", ["<img", "evil"], []),
    ("[x][ref]\n\n[ref]: javascript:alert(1)", ["javascript", "alert"], ["x"]),
    ('**bold**{onfocus="window.__xss=1" tabindex="1"}', ["onfocus", "tabindex", "__xss"], ["<strong>bold</strong>"]),
    ('<div markdown="1" onclick="window.__xss=1">*inner*</div>', ["onclick", "__xss"], ["<em>inner</em>"]),
])
def test_sanitize_after_markdown_attr_list_and_links(source, gone, kept):
    out = sanitize(markdown.markdown(source, extensions=EXTENSIONS))
    for part in gone:
        assert part.lower() not in out.lower(), (part, out)
    for part in kept:
        assert part in out, (part, out)


def test_sanitize_keeps_the_pages_own_markup(real_book):
    """Everything the renderers write (classes, ids, lang, data-status, the notice) survives."""
    case = real_book.cases[next(i for i in real_book.cases if "danzao" in i)]
    out = to_html(render_case(case, "zh", real_book))
    for part in ('class="cb-facts"', 'class="cb-summary"', 'class="admonition', 'data-status="draft"',
                 "data-search-exclude", 'hreflang="en"', 'id="source-', 'lang="en"', "<details", "<summary",
                 'class="cb-sources"', "download"):
        assert part in out, part


@pytest.mark.parametrize("payload", [
    '<p id="__config">{"base":"https://evil.example/","features":[],"translations":{}}</p>',
    'Text.\n{#__config}',
    '<span id="__search">x</span>',
])
def test_sanitize_does_not_let_content_take_the_themes_ids(payload):
    out = sanitize(markdown.markdown(payload, extensions=EXTENSIONS))
    ids = [n.attrs.get("id") for n in dom(out).walk() if n.attrs.get("id")]
    assert not [i for i in ids if i.startswith("__")], out


def test_only_links_to_other_sites_get_rel():
    out = sanitize('<a href="../x/">own</a> <a href="#s">anchor</a> <a href="https://e.org/a">other</a> '
                   '<a href="//e.org/b">other</a> <a href="mailto:a@e.org">mail</a> '
                   '<a class="headerlink" href="#h" title="Permanent link">¶</a> '
                   '<a class="x" href="https://e.org/c">other</a>')
    assert '<a href="../x/">own</a>' in out and '<a href="#s">anchor</a>' in out
    assert '<a class="headerlink" href="#h">¶</a>' in out  # (no title: see casebook/site/sanitize.py)
    assert out.count('rel="noopener noreferrer"') == 4


def test_country_names_are_in_the_page_language(vocab):
    # iso-codes translates Viet Nam's official name, not its common name "Vietnam"
    assert [country_name("VN", lang) for lang in LANGUAGES] == ["Vietnam", "越南", "Việt Nam"]
    assert [country_name("CN", lang) for lang in LANGUAGES] == ["China", "中国", "Trung Quốc"]
    # ... and Laos's official name in Vietnamese: countries.yaml names them as the site does
    assert country_name("LA", "vi") == "Cộng hoà Nhân dân Dân chủ Lào"
    assert [vocab.country("LA", lang) for lang in LANGUAGES] == ["Laos", "老挝", "Lào"]
    assert [vocab.country("VN", lang) for lang in LANGUAGES] == ["Viet Nam", "越南", "Việt Nam"]
    # a country the file does not list keeps its ISO name
    assert [vocab.country("TH", lang) for lang in LANGUAGES] == [country_name("TH", lang) for lang in LANGUAGES]


@pytest.mark.parametrize("value", ["Hội Phụ nữ: \"quoted\" #1", "a\u2028b\u2029c\x85d", "\x7f\x9f\ufffe",
                                   "yes", "null", "- dash", "中文\t😀", ""])
def test_front_matter_is_read_back_as_written(value):
    """Front matter is written as JSON (fast) and read by MkDocs as YAML: characters YAML
    refuses or reads as line breaks are escaped, words like yes/null stay strings."""
    from casebook.pages.markup import attr_text, front_matter

    meta = {"title": value, "tags": [value], "casebook": {"kind": "case", "lang": "vi"}}
    # (the title is plain text, escaped for the HTML the theme prints it into)
    assert split_page(front_matter(meta) + "# body\n")[0] == {**meta, "title": attr_text(value)}


@pytest.mark.parametrize("key", ["title", "description"])
def test_front_matter_titles_are_plain_text_on_every_page(key):
    """Material prints page.meta.title into <title> and the header, description into an
    attribute, as they are: front_matter escapes them, whoever calls it."""
    from casebook.pages.case import front_matter

    meta = split_page(front_matter({key: 'Party <img src=x onerror="alert(1)"> & co'}) + "# x\n")[0]
    assert meta[key] == "Party &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co"


# --- the reader's language everywhere -------------------------------------------------------

def test_counts_agree_with_one_case(vocab):
    book = make_book(vocab, make_case(vocab))
    assert "1 case from 1 country," in render_case_list(book, "en")
    assert "\n1 case.\n" in render_listing("theme", "Health", book.sorted_cases(), book, "en")
    assert "2 cases." in render_listing("theme", "Health", book.sorted_cases() * 2, book, "en")
    tags = site_pages(book)["tags/index.en.md"]
    assert '<span class="cb-count">1 case</span>' in tags and "1 cases" not in tags


def test_no_page_for_an_empty_level(vocab):
    pages = site_pages(make_book(vocab, make_case(vocab)))  # one township case
    assert "levels/township.zh.md" in pages
    assert not [p for p in pages if p.startswith("levels/") and "township" not in p]


def test_chinese_lists_use_the_enumeration_comma(vocab):
    book = make_book(vocab, make_case(vocab))
    listing = render_listing("country", "越南", book.sorted_cases(), book, "zh")
    themes = re.search(r'<small class="cb-card__themes">(.*?)</small>', listing).group(1)
    assert themes == "、".join(vocab.theme(k, "zh") for k in BASE["themes"])
    assert ", " in re.search(r'<small class="cb-card__themes">(.*?)</small>',
                             render_listing("country", "Việt Nam", book.sorted_cases(), book, "vi")).group(1)


@pytest.mark.parametrize("lang", ["zh", "vi"])
def test_field_descriptions_are_translated(lang):
    from casebook.records import model
    from casebook.pages.reference import field_rows

    described = [(path, info.description) for path, _, info in field_rows(model.Case) if info.description]
    data = yaml.safe_load((ROOT / "hooks" / "casebook" / "pages" / "field_descriptions.yaml").read_text(encoding="utf-8"))
    missing = [path for path, _ in described if not data[lang].get(path)]
    assert not missing, f"field_descriptions.yaml lacks {lang} for: {', '.join(missing)}"
    stale = sorted(set(data[lang]) - {path for path, _ in described})
    assert not stale, f"field_descriptions.yaml describes fields the model no longer has: {stale}"


def test_reference_page_has_no_english_description(real_book):
    from casebook.records import model
    from casebook.pages.reference import field_rows, render_reference

    english = [info.description for _, _, info in field_rows(model.Case) if info.description]
    assert any(html.escape(d, quote=True) in render_reference(real_book, "en") or d in render_reference(real_book, "en")
               for d in english)
    for lang in ("zh", "vi"):
        page = html.unescape(render_reference(real_book, lang))
        assert not [d for d in english if d in page], lang


@pytest.mark.parametrize("lang, no_date", [("en", "(n.d.)"), ("zh", "(无日期)"), ("vi", "(không ngày)")])
def test_apa_says_no_date_in_the_page_language(real_book, lang, no_date):
    import dataclasses

    undated = dataclasses.replace(real_book, dates={})  # a case of no known date
    case = undated.sorted_cases()[0]
    apa = re.search(r'<p class="cb-cite__apa">(.*?)</p>', render_case(case, lang, undated)).group(1)
    assert no_date in apa and (lang == "en" or "n.d." not in apa)
