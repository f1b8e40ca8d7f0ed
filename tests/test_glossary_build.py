"""The glossary page and the glossary terms of case pages, as the real build makes them:
the index by letter, each term under its letter, the cases that use each term (as the
case pages mark it), and the marked terms on case pages."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.build

LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
GLOSSARY = yaml.safe_load((ROOT / "cases/vocabulary/glossary.yaml").read_text(encoding="utf-8"))
UI = yaml.safe_load((ROOT / "hooks/casebook/pages/ui.yaml").read_text(encoding="utf-8"))
CASES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cases").glob("*.yaml"))}
SHOWN = 12  # the cases listed under a term before a link to the rest


def page(site: Path, lang: str, rel: str) -> str:
    html = (site / LANGS[lang] / rel / "index.html").read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def text(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def sections(html: str) -> list[tuple[str, str, list[str]]]:
    """(id, heading, entry keys) of every letter of the glossary page, in page order."""
    found = re.findall(r'<section class="cb-glossary__letter" id="([^"]+)">\s*<h2[^>]*>(.*?)</h2>(.*?)</section>',
                       html, re.S)
    return [(id_, text(heading), re.findall(r'<dt id="([^"]+)"', body)) for id_, heading, body in found]


def entries(html: str) -> dict[str, str]:
    """{entry key: its <dd>} of the glossary page."""
    return dict(re.findall(r'<dt id="([^"]+)">.*?</dt>\s*<dd>(.*?)</dd>', html, re.S))


def marked_terms(site: Path, lang: str) -> dict[str, set[str]]:
    """{entry key: the cases whose page in ``lang`` marks the term}."""
    found: dict[str, set[str]] = {}
    for case_id in CASES:
        for key in re.findall(r'<a class="cb-term" href="\.\./\.\./glossary/#([^"]+)"', page(site, lang, f"cases/{case_id}")):
            found.setdefault(key, set()).add(case_id)
    return found


# --- the index by letter ----------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_glossary_has_a_row_of_letters_leading_to_a_heading_per_letter(built_site, lang):
    html = page(built_site, lang, "glossary")
    row = re.search(r'<nav class="cb-letters" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    assert row and unescape(row.group(1)) == UI[lang]["glossary_letters"]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', row.group(2))
    found = sections(html)
    # every letter that has terms is linked, in the page's order, to its section
    assert [(f"{id_}", heading) for id_, heading, _ in found] == links
    assert len(found) >= 8
    # every term once, under one letter; and the row shows letters that have no term, unlinked
    keys = [key for _, _, keys in found for key in keys]
    assert sorted(keys) == sorted(GLOSSARY)
    shown = [unescape(letter) for letter in re.findall(r"<li[^>]*>(?:<a [^>]*>)?([^<]+)<", row.group(2))]
    assert len(shown) > len(links) and "A" in shown


def terms_under(html: str) -> dict[str, str]:
    """{entry key: the heading of the letter it is under}."""
    return {key: heading for _, heading, keys in sections(html) for key in keys}


def test_english_letters_run_a_to_z(built_site):
    html = page(built_site, "en", "glossary")
    headings = [heading for _, heading, _ in sections(html)]
    assert headings == ["0–9"] + sorted(h for h in headings if h != "0–9")
    under = terms_under(html)
    assert under["acwf"] == "A" and under["womens-federation"] == "W" and under["five-no-three-clean"] == "0–9"
    assert under["two-new-organizations"] == "T"  # "two new groups"


def test_chinese_letters_are_the_pinyin_initials(built_site):
    html = page(built_site, "zh", "glossary")
    headings = [heading for _, heading, _ in sections(html)]
    assert headings == sorted(headings) and all(re.fullmatch("[A-Z]", h) for h in headings)
    under = terms_under(html)
    # 全国妇联 quán, 妇联 fù, 第21号指示 dì, 中国共产党 zhōng, 三个重点 sān, 党建 dǎng
    assert (under["acwf"], under["womens-federation"], under["directive-21"], under["cpc"],
            under["three-key"], under["party-building"]) == ("Q", "F", "D", "Z", "S", "D")
    # in pinyin order within a letter: 党建 dǎngjiàn before 第21号指示 dì
    keys = [key for _, heading, keys in sections(html) if heading == "D" for key in keys]
    assert keys.index("party-building") < keys.index("directive-21")


def test_vietnamese_letters_follow_the_vietnamese_alphabet(built_site):
    html = page(built_site, "vi", "glossary")
    alphabet = "A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư V X Y".split()
    headings = [heading for _, heading, _ in sections(html) if heading != "0–9"]
    assert headings == sorted(headings, key=alphabet.index)
    under = terms_under(html)
    # Đảng ... under Đ (after D), ủy viên under U (its tone is no letter), dân tộc under D
    assert under["cpv"] == under["cpc"] == "Đ" and under["ethnic-minority"] == "D"
    assert under["executive-committee-member"] == "U"
    assert headings.index("D") + 1 == headings.index("Đ")
    assert sections(html)[headings.index("Đ") + 1][1] != "D"


# --- the cases that use each term -------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_each_term_lists_the_cases_whose_pages_mark_it(built_site, lang):
    html = page(built_site, lang, "glossary")
    marked = marked_terms(built_site, lang)
    capped = 0
    for key, dd in entries(html).items():
        listed = re.findall(r'<li><a href="\.\./cases/([a-z0-9-]+)/">([^<]+)</a></li>', dd)
        users = marked.get(key, set())
        if not users:
            assert "cb-glossary__cases" not in dd, key  # nothing, not an empty list
            continue
        summary = re.search(r'<details class="cb-glossary__cases"><summary>(.*?)</summary>', dd)
        assert summary, key
        count = UI[lang]["glossary_cases_one" if len(users) == 1 else "glossary_cases"].format(count=len(users))
        assert text(summary.group(1)) == count, key
        ids = [case_id for case_id, _ in listed]
        assert len(ids) == min(len(users), SHOWN) and set(ids) <= users, key
        # each case by its title in this language (English where it has no translation)
        for case_id, title in listed:
            texts = CASES[case_id]["text"]
            assert unescape(title) == (texts.get(lang) or texts["en"])["title"]
        for case_id in ids:  # the entry's countries only
            assert not GLOSSARY[key].get("countries") or CASES[case_id]["country"] in GLOSSARY[key]["countries"]
        more = re.findall(r'<li><a href="([^"]*explore[^"]*)">([^<]+)</a></li>', dd)
        if len(users) <= SHOWN:
            assert set(ids) == users and not more, key
            continue
        capped += 1
        href, label = unescape(more[0][0]), unescape(more[0][1])
        one = len(users) - SHOWN == 1
        assert label == UI[lang]["glossary_cases_more_one" if one else "glossary_cases_more"].format(
            count=len(users) - SHOWN)
        query = parse_qs(urlsplit(href).query)
        assert urlsplit(href).path == "../explore/" and query["words"] == [GLOSSARY[key]["term"][lang]]
        countries = GLOSSARY[key].get("countries", [])
        assert query.get("country") == (countries if len(countries) == 1 else None)
    assert capped, "the seed cases have a term in more cases than are listed"


def test_a_term_of_one_country_lists_none_of_another(built_site):
    html = page(built_site, "vi", "glossary")
    dd = entries(html)["womens-federation"]  # "Hội Phụ nữ", China's (Viet Nam's is the Women's Union)
    listed = re.findall(r'href="\.\./cases/([a-z0-9-]+)/"', dd)
    assert listed and all(CASES[case_id]["country"] == "CN" for case_id in listed)
    says = re.compile(r"(?<!\w)Hội Phụ nữ(?!\w)")
    assert any(CASES[c]["country"] == "VN" and says.search((ROOT / "cases" / f"{c}.yaml").read_text(encoding="utf-8"))
               for c in CASES), "a Viet Nam case says Hội Phụ nữ too, and is not listed"


# --- the terms on case pages ------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_case_pages_mark_terms_as_links_to_their_entries(built_site, lang):
    definitions = {key: " ".join(e["definition"][lang].split()) for key, e in GLOSSARY.items()}
    for case_id, record in CASES.items():
        html = page(built_site, lang, f"cases/{case_id}")
        marks = re.findall(r'<a class="cb-term" href="\.\./\.\./glossary/#([^"]+)" data-definition="([^"]*)" '
                           r'data-more="([^"]*)">', html)
        keys = [key for key, _, _ in marks]
        assert len(keys) == len(set(keys)), (case_id, "once per page")
        for key, definition, more in marks:
            assert unescape(definition) == definitions[key]
            assert unescape(more) == UI[lang]["glossary_more"]
            countries = GLOSSARY[key].get("countries")
            assert not countries or record["country"] in countries, (case_id, key)
        assert "<abbr" not in html
    assert (ROOT / "docs/assets/glossary.js").is_file()
    full = (built_site / LANGS[lang] / f"cases/{case_id}/index.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="(\.\./)+assets/glossary\.js', full), "the script that opens them"
