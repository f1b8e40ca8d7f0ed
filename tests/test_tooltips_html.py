"""Glossary tooltips over a page's HTML mark terms in its text only: a term spelled like
an entity (``lt``, ``amp``, ``#39``), an attribute (``class``, ``href``) or a tag
(``span``) never lands inside one. For any spelling, the page with the inserted links
taken out is the page that went in, and parsed it has the same tags, attributes and text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.records.glossary import Entry, Glossary, one_line
from casebook.site.tooltips import annotate
from script_data_support import HTML_TERMS, LANGS

HTML_WORDS = ["lt", "gt", "amp", "quot", "nbsp", "#39", "39", "x27", "#x27", "class", "href", "span",
              "strong", "p", "a", "title", "alt", "x", "&lt;", "<", "'", "Q&A", "lt;", "&", "--"]
FRAGMENTS = ["<p>", "</p>", '<span class="lt amp gt">', "</span>", "<strong>", "</strong>", " ", "\n",
             '<a href="https://example.org/?lt=1&amp;amp=2#x27" class="href">', "</a>", "&lt;", "&amp;",
             "&gt;", "&quot;", "&nbsp;", "&#39;", "&#x27;", "&amp;lt;", "&lt", "&ltx", "&unknown;",
             "<!-- lt amp span -->", '<img alt="lt > gt &amp; #39" src="x.png">', "<code>lt amp</code>",
             '<p title="a &quot;span&quot; \'x27\'">', "<br>", "<br/>", "Q&amp;A", "3 &lt; 5", "words"]
PAGE = ('<h2 id="lt">lt amp</h2><p class="span">Quotas of 3 &lt; 5 &amp; 7 &gt; 2, &quot;quoted&quot; and '
        '&#39;single&#39; &#x27;words&#x27;; Hội&nbsp;Phụ&nbsp;nữ &amp;lt; &ltx Q&amp;A.</p>\n'
        '<p>A <span>span</span> and <strong>strong</strong> text, <a href="https://example.org/?lt=1&amp;amp=2#x27">'
        'a link</a>.</p><!-- lt gt --><img alt="lt > gt" src="x.png">\n'
        '<p>Plain words: lt gt amp quot nbsp #39 x27 class href span strong Q&amp;A &lt;x&gt;.</p>')
TERM = re.compile(r'<a class="cb-term" href="[^"]*" data-definition="[^"]*" data-more="[^"]*">([^<]*)</a>')


def glossary_of(spellings: list[str]) -> Glossary:
    return Glossary({f"term-{n}": Entry(f"term-{n}", {lang: spelling for lang in LANGS}, {},
                                        {lang: f"Defined {n}." for lang in LANGS}, "general")
                     for n, spelling in enumerate(spellings)})


class Events(HTMLParser):
    """What a parser makes of a page (text joined and decoded), our term links left out."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self.terms: list[str] = []
        self._in_term = False
        self.feed(page)
        self.close()

    def _data(self, text: str) -> None:
        if self.events and self.events[-1][0] == "data":
            self.events[-1] = ("data", self.events[-1][1] + text)
        else:
            self.events.append(("data", text))

    def handle_starttag(self, tag, attrs):
        if tag == "a" and ("class", "cb-term") in attrs:
            assert not self._in_term, "a term link inside a term link"
            self._in_term = True
            self.terms.append("")
            return
        self.events.append(("start", tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("start", tag, attrs))

    def handle_endtag(self, tag):
        if self._in_term and tag == "a":
            self._in_term = False
            return
        self.events.append(("end", tag))

    def handle_data(self, data):
        if self._in_term:
            self.terms[-1] += data
        self._data(data)

    def handle_comment(self, data):
        self.events.append(("comment", data))

    def handle_decl(self, decl):
        self.events.append(("decl", decl))


def assert_only_text_marked(page: str, spellings: list[str], lang: str = "en") -> str:
    out = annotate(page, glossary_of(spellings), lang)
    assert TERM.sub(r"\1", out) == page, "only links around a piece of the page's own HTML are added"
    before, after = Events(page), Events(out)
    assert after.events == before.events, "the same tags, attributes, comments and text"
    assert len(after.terms) == len(TERM.findall(out)), "every link inserted is a tag of its own"
    wanted = {one_line(s) for s in spellings}
    assert all(one_line(term) in wanted for term in after.terms), after.terms
    return out


def test_terms_spelled_like_entities_mark_words_never_entities():
    out = assert_only_text_marked(PAGE, list(HTML_TERMS.values()) + ["Q&A", "Hội Phụ nữ"])
    for entity in ("&lt;", "&amp;", "&gt;", "&quot;", "&#39;", "&#x27;", "&nbsp;", "&ltx"):  # ("&amp;lt;" is text: "&lt;")
        assert entity in out
    assert not re.search(r"&[#\w]*<a ", out), "no link starts inside an entity"
    assert sorted(TERM.findall(out)) == sorted(["Hội&nbsp;Phụ&nbsp;nữ", "Q&amp;A", "span", "strong", *(
        s for s in HTML_TERMS.values() if s not in ("span", "strong"))])


def test_a_term_is_found_as_the_reader_reads_it():
    out = annotate("<p>3 &lt; 5 and Q&amp;A</p>", glossary_of(["3 < 5", "Q&A"]), "en")
    assert TERM.findall(out) == ["3 &lt; 5", "Q&amp;A"]


spelling = (st.sampled_from(HTML_WORDS) | st.text(st.sampled_from("ltampgquosbn#3927xc;&<'\" -"), min_size=1, max_size=6)
            ).filter(lambda s: s == one_line(s) and s and "]" not in s and "\\" not in s)
page_part = st.sampled_from(FRAGMENTS) | spelling.map(lambda s: s.replace("<", "&lt;"))


@settings(max_examples=300, deadline=None)
@given(st.lists(spelling, min_size=1, max_size=3), st.lists(page_part, max_size=25), st.sampled_from(list(LANGS)))
def test_any_term_leaves_every_tag_attribute_and_entity_of_any_page(spellings, parts, lang):
    assert_only_text_marked("".join(parts), spellings, lang)
    assert_only_text_marked(PAGE, spellings, lang)


# --- in a real build ---------------------------------------------------------------------

def article(site: Path, lang: str) -> str:
    page = (site / LANGS[lang] / "cases" / "constructor" / "index.html").read_text(encoding="utf-8")
    return re.search(r'<article[^>]*>(.*)</article>', page, re.S).group(1)


@pytest.mark.build
@pytest.mark.parametrize("lang", list(LANGS))
def test_a_built_case_page_keeps_its_entities_with_such_terms(code_named_site, lang):
    html = article(code_named_site, lang)
    assert not re.search(r"&[#\w]*<a ", html), "no term link starts inside an entity"
    parsed = Events(html)
    text = "".join(e[1] for e in parsed.events if e[0] == "data")
    assert "Quotas of 3 < 5 & 7 > 2, \"quoted\" and 'single' words; Hội\u00a0Phụ\u00a0nữ." in text
    ours = [term for term in parsed.terms if term in HTML_TERMS.values()]  # (the seed's terms too)
    assert sorted(ours) == sorted(HTML_TERMS.values()), "each term once, where it is a word"
    hrefs = [dict(e[2]).get("href") for e in parsed.events if e[0] == "start" and e[1] == "a"]
    assert "https://example.org/?lt=1&amp=2#x27" in hrefs, "the link's address as written"
