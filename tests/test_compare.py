"""Comparing cases (pages/compare.py, site/compare_parts.py): what the page and each case's
data hold, without a browser. The browser's side: tests/test_compare_browser.py; a
hostile record compared: tests/test_hostile_browser.py."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from casebook.pages.compare import CALLBACK, case_facts, figure_kind, tools_html
from casebook.pages.compare_links import MAX_CASES, compare_with
from casebook.records.model import Figure
from casebook.site.compare_parts import sections
from conftest import ROOT

LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
CN, VN = "wanzhou-grassroots-federation-reform", "binh-duong-directive-21-womens-union"


@pytest.fixture(scope="module")
def book():
    from casebook.records.load import load_casebook

    return load_casebook(ROOT / "cases")


def case_data(site: Path, prefix: str, case_id: str) -> dict:
    """A case's data script, read as the page's callback would receive it."""
    text = (site / prefix / "compare" / "data" / f"{case_id}.js").read_text(encoding="utf-8")
    head = f"window.{CALLBACK}&&window.{CALLBACK}("
    assert text.startswith(head) and text.endswith(");\n")
    return json.loads(text[len(head):-3])


def test_figures_of_a_kind_are_the_same_words_whatever_their_case_or_spacing():
    def figure(label, unit=None):
        return Figure.model_validate({"value": 3, "label": {"en": label}, "source": "s",
                                      **({"unit": {"en": unit}} if unit else {})})

    assert figure_kind(figure("Executive committee  members")) == figure_kind(figure("executive committee members"))
    assert figure_kind(figure("loans", "VND")) != figure_kind(figure("loans", "%"))
    assert figure_kind(figure("loans")) != figure_kind(figure("loan turns"))


def test_a_case_s_facts_carry_the_keys_rows_are_compared_by(book):
    cn, vn = (case_facts(book.cases[i], "zh", book, True) for i in (CN, VN))
    assert cn["rows"]["country"] == ["CN", "中国"] and vn["rows"]["country"][0] == "VN"
    assert cn["url"] == f"../cases/{CN}/"
    assert case_facts(book.cases[CN], "vi", book, False)["url"] == f"../cases/{CN}.html"
    # a key does not depend on the language shown
    assert case_facts(book.cases[CN], "en", book, True)["rows"]["organization"][0] == cn["rows"]["organization"][0]


def test_the_picker_holds_every_case_s_title_escaped(book):
    page = tools_html(book, "vi")
    values = re.findall(r'<input type="checkbox" name="case" value="([^"]+)">', page)
    assert values == [case.id for case in book.sorted_cases()]
    words = json.loads(html.unescape(re.search(r'data-words="([^"]*)"', page).group(1)))
    assert words["row_themes"] == "Chủ đề" and "{count}" in words["more"]
    assert f'data-max="{MAX_CASES}"' in page


def test_compare_with_offers_the_related_cases_and_any_other(book):
    case = book.cases[CN]
    others = [book.cases[VN]]
    block = compare_with(case, others, "en", directory_urls=True)
    assert f'href="../../compare/?cases={CN},{VN}"' in block
    assert f'href="../../compare/?cases={CN}"' in block  # "Another case…": the picker, this case chosen
    assert f'href="../compare/index.html?cases={CN},{VN}"' in compare_with(case, others, "en", directory_urls=False)


def test_sections_are_cut_from_the_case_page_and_their_links_follow_the_compare_page():
    page = ('<h1 id="t">T</h1><h2 id="background">Background<a class="headerlink" href="#background">¶</a></h2>'
            '<p>Before <a href="../../glossary/#acwf">ACWF</a> <a href="https://example.org/">out</a></p>'
            '<h2 id="reform">What changed</h2><ul><li>x</li></ul>'
            '<h2 id="key-figures">Key figures</h2><ul class="cb-figures"></ul>'
            '<h2 id="sources">Sources</h2><ol class="cb-sources"><li>S.</li></ol>'
            '<p class="cb-dates"><small>Added</small></p><details class="cb-cite">cite</details>')
    found = sections(page, "zh/cases/x/", "zh/compare/")
    assert set(found) == {"background", "reform", "sources"}  # no results in this case: none
    assert found["background"] == ('<p>Before <a href="../glossary/#acwf">ACWF</a> '
                                   '<a href="https://example.org/">out</a></p>')
    assert found["sources"] == '<ol class="cb-sources"><li>S.</li></ol>'


@pytest.mark.build
def test_the_page_and_each_case_s_data_are_built_in_every_language(built_site, book):
    for lang, prefix in LANGS.items():
        page = (built_site / prefix / "compare" / "index.html").read_text(encoding="utf-8")
        assert 'id="cb-compare"' in page and 'class="cb-compare__picker"' in page
        assert page.count('name="case"') == len(book.cases)
        scripts = sorted(p.stem for p in (built_site / prefix / "compare" / "data").glob("*.js"))
        assert scripts == sorted(book.cases)
        data = case_data(built_site, prefix, CN)
        title = book.cases[CN].text_in(lang)[0]["title"]
        assert data["id"] == CN and data["title"] == title
        assert title not in page.split('class="cb-compare__picker"')[0]  # no case's text before the picker
        # its link leads to its own page, in the language
        assert (built_site / urlsplit(urljoin(f"/{prefix}compare/", data["url"])).path.lstrip("/") / "index.html").is_file()


@pytest.mark.build
def test_the_narrative_is_the_case_page_s_sanitised_html(built_site):
    for prefix in LANGS.values():
        data = case_data(built_site, prefix, VN)
        case_page = (built_site / prefix / "cases" / VN / "index.html").read_text(encoding="utf-8")
        for name in ("background", "reform", "results", "sources"):
            assert name in data["html"], name
            # the case page has the glossary's tooltips on top; the text is the same
            shown = re.sub(r'<a class="cb-term"[^>]*>(.*?)</a>', r"\1", case_page)
            first = re.sub(r"<[^>]+>", "", data["html"][name]).strip().split("\n")[0]
            assert first and first in re.sub(r"<[^>]+>", "", shown), name
        assert "<script" not in json.dumps(data)


@pytest.mark.build
def test_every_way_in_leads_to_the_compare_page(built_site):
    for prefix in LANGS.values():
        for page in ("explore", "map"):
            text = (built_site / prefix / page / "index.html").read_text(encoding="utf-8")
            assert 'class="cb-compare-tray" hidden data-href="../compare/"' in text, (prefix, page)
        case_page = (built_site / prefix / "cases" / CN / "index.html").read_text(encoding="utf-8")
        hrefs = re.findall(r'<details class="cb-compare-with".*?</details>', case_page, re.S)[0]
        links = re.findall(r'href="([^"]+)"', hrefs)
        assert len(links) >= 2 and all(link.startswith(f"../../compare/?cases={CN}") for link in links)
