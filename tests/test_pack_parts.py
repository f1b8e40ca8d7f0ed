"""pack_parts: a case's part of the training pack, made from its case page's HTML."""

from __future__ import annotations

import pytest

from casebook.site.pack_parts import pack_part, relocate

PAGE = (
    '<h1 id="title">A &lt;case&gt; title<a class="headerlink" href="#title" title="Permanent link">¶</a></h1>\n'
    '<p class="cb-summary">He wrote id="x" and href="#y" in plain text.</p>\n'
    '<h2 id="background">Background<a class="headerlink" href="#background" title="Permanent link">¶</a></h2>\n'
    '<p>See <a href="../../themes/health/">health</a>, <a href="../other-case/#sources">another case</a>, '
    '<a href="https://example.org/a?b=1#c">a site</a> and figure <a href="#source-1">[1]</a>.</p>\n'
    '<h3 id="detail">Detail</h3>\n<ol><li id="source-1">A source</li></ol>\n'
    '<details class="cb-cite"><summary>Cite</summary></details>\n'
    '<h2 id="related">Related</h2>\n'
)


def test_title_becomes_the_cases_heading_and_the_rest_goes_one_level_down():
    part = pack_part(PAGE, "case-a", "cases/case-a/", "packs/", first=True)
    assert part.startswith('<h2 class="cb-pack-case cb-pack-first" id="case-a">A &lt;case&gt; title'
                           '<a class="headerlink" href="#case-a" title="Permanent link">¶</a></h2>')
    assert '<h3 id="case-a-background">Background' in part and "</h3>" in part
    assert '<h4 id="case-a-detail">Detail</h4>' in part
    assert "<h1" not in part and part.count("<h2") == 1


def test_ids_and_in_page_links_carry_the_case_id_but_text_is_untouched():
    part = pack_part(PAGE, "case-a", "cases/case-a/", "packs/", first=False)
    assert '<li id="case-a-source-1">' in part and '<a href="#case-a-source-1">[1]</a>' in part
    assert 'href="#case-a-background"' in part
    assert "He wrote id=\"x\" and href=\"#y\" in plain text." in part
    assert 'class="cb-pack-case"' in part and "cb-pack-first" not in part


def test_relative_links_lead_to_the_same_pages_from_the_pack():
    part = pack_part(PAGE, "case-a", "zh/cases/case-a/", "zh/packs/", first=False)
    assert '<a href="../themes/health/">' in part
    assert '<a href="../cases/other-case/#sources">' in part
    assert '<a href="https://example.org/a?b=1#c">' in part


def test_the_citation_box_and_what_follows_stay_on_the_case_page():
    part = pack_part(PAGE, "case-a", "cases/case-a/", "packs/", first=False)
    assert "cb-cite" not in part and "Related" not in part


@pytest.mark.parametrize("url, case_url, pack_url, expected", [
    ("../../themes/health/", "cases/a/", "packs/", "../themes/health/"),
    ("../../../cases/a/", "zh/cases/a/", "zh/packs/", "../../cases/a/"),      # zh notice to English
    ("../../cases/a.html", "zh/cases/a.html", "zh/packs/index.html", "../../cases/a.html"),  # offline copy
    ("../b/?x=1#top", "cases/a/", "packs/", "../cases/b/?x=1#top"),
    ("../../data/cite/a.en.json", "cases/a/", "packs/", "../data/cite/a.en.json"),
])
def test_relocate(url, case_url, pack_url, expected):
    assert relocate(url, case_url, pack_url) == expected


def test_a_page_without_a_title_is_an_error():
    with pytest.raises(ValueError, match="case-a"):
        pack_part("<p>no title</p>", "case-a", "cases/case-a/", "packs/", first=False)


@pytest.mark.parametrize("scheme", ["javascript", "JavaScript", "vbscript", "data"])
def test_a_rewritten_link_never_gains_a_scheme(scheme):
    """The sanitiser sees ../../packs/javascript:x as a harmless relative link; seen from
    packs/ it must stay a path, never become the link javascript:x."""
    html = f'<h1 id="t">T</h1><p><a href="../../packs/{scheme}:alert(1)">x</a></p>'
    part = pack_part(html, "case-a", "cases/case-a/", "packs/", first=False)
    href = part.split('<a href="', 1)[1].split('"')[0]
    assert href == f"./{scheme}:alert(1)"
    from urllib.parse import urljoin
    assert urljoin("http://site.test/packs/", href) == f"http://site.test/packs/{scheme}:alert(1)"
