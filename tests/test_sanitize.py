"""The sanitiser's allow-list, as a list: what a contributor's text may keep.

Widening any of these lists is a decision about what a stranger's text may do in a
reader's browser: this test fails so that the change is made on purpose."""

from __future__ import annotations

import pytest

from casebook.site.sanitize import ATTRIBUTES, GLOBAL_ATTRIBUTES, TAGS, URL_SCHEMES, sanitize


def test_the_tags_contributor_text_may_keep():
    assert TAGS == {
        "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "details", "div", "dl",
        "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "mark", "nav", "ol", "p",
        "pre", "q", "s", "section", "small", "span", "strong", "sub", "summary", "sup", "table",
        "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul"}


def test_the_attributes_contributor_text_may_keep():
    assert GLOBAL_ATTRIBUTES == {"class", "id", "lang", "dir", "role", "aria-label", "data-status",
                                 "data-search-exclude"}
    extra = {tag: sorted(attrs - GLOBAL_ATTRIBUTES) for tag, attrs in ATTRIBUTES.items() if attrs - GLOBAL_ATTRIBUTES}
    assert extra == {"a": ["download", "href", "hreflang"], "td": ["align", "colspan", "rowspan"],
                     "th": ["align", "colspan", "rowspan", "scope"], "ol": ["start"], "time": ["datetime"],
                     "li": ["data-kind"]}
    assert URL_SCHEMES == {"http", "https", "mailto"}


@pytest.mark.parametrize("html", [
    '<a href="https://example.org/" title="x&lt;img src=x onerror=alert(1)&gt;">link</a>',
    '<span title="<img src=x onerror=alert(1)>">span</span>',
    '<abbr title="<img src=x onerror=alert(1)>">ACWF</abbr>',
    '<p title="x">para</p>',
])
def test_no_title_survives(html):
    """A title is a tooltip, which a theme may print as HTML (Material's content.tooltips)."""
    assert "title" not in sanitize(html) and "onerror" not in sanitize(html)


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html,x",
                                  " javascript:alert(1)", "java&#x09;script:alert(1)"])
def test_links_keep_only_web_and_mail_schemes(href):
    assert "href" not in sanitize(f'<a href="{href}">x</a>')
