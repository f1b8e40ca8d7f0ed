"""The training pack (``packs/``) through the real build, and chosen and printed in
Debian's chromium.

The pack is one page per language with every case in full; a trainer chooses the cases
(a theme, or one by one) with a form that docs/assets/pack.js drives, and the choice
stays in the address (?theme=KEY, ?cases=a,b), which `casebook handout` prints. What
matters to a trainer: the chosen cases and only those, each exactly as its own page
shows it (notices included), one heading level down; contributor HTML made harmless as
everywhere else (no form of its own either); and a printout without the site or the
picker around it, each chosen case on a new A4 page.
"""


from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from browser import browser, outside_requests, serve
from casebook.pages.i18n import format_date
from conftest import ROOT, copy_project, mkdocs_build

from pack_support import (LANGS, RECORDS, THEMES, UI, NARRATIVE, THEME, EDITED, PAYLOAD, TITLE_SUFFIX, SOURCE_URL, EDITED_RECORDS, members, page, article, text, headings, picker, without_picker, tags, pack_cases, case_part, title, newest, date_label, intro_text)  # noqa: F401 - helpers


# --- the real build ----------------------------------------------------------------------

@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_one_pack_page_per_language_with_every_case(built_site, lang):
    folder = built_site / LANGS[lang] / "packs"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")) == ["index.html"], \
        "one pack page, no page per theme"
    html = page(built_site, lang, "packs")
    body = without_picker(html)
    cases = pack_cases(html)
    assert list(cases) == list(RECORDS), "every case, in the case list's order"
    # the pack's title is the page's only h1; the case titles are its only h2s
    assert headings(body, 1) == [UI[lang]["packs_title"]]
    assert headings(body, 2) == [title(case_id, lang) for case_id in RECORDS]
    # the first case needs no page break before it, printed without JavaScript too
    firsts = re.findall(r'<h2\b[^>]*\bclass="([^"]*cb-pack-first[^"]*)"[^>]*\bid="([^"]+)"', body)
    assert firsts == [("cb-pack-case cb-pack-first", list(RECORDS)[0])], firsts
    # the contents lead to the cases, in the same order
    contents = body[body.index('class="cb-pack-toc"'):]
    assert re.findall(r'href="#([a-z0-9-]+)"', contents[:contents.index("</nav>")]) == list(RECORDS)
    intro = text(re.search(r'<p class="cb-pack-intro">(.*?)</p>', body, re.S).group(1))
    assert intro == intro_text(list(RECORDS), lang) and str(len(RECORDS)) in intro
    assert "casebook handout" in text(body), "the page says how to make PDFs"


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_pack_shows_each_case_as_its_page_does(built_site, lang):
    html = page(built_site, lang, "packs")
    ids = re.findall(r'\bid="([^"]+)"', article(html))
    assert len(ids) == len(set(ids)), "ids stay unique with every case on one page"
    for case_id, (heading, part) in pack_cases(html).items():
        assert heading == title(case_id, lang)
        own = case_part(built_site, lang, case_id)
        # the same content as the case page (tooltips aside: tags are stripped) ...
        assert text(part) == text(own), case_id
        # ... with every heading one level down
        assert headings(part, 3) == headings(own, 2) and headings(own, 2)
        assert not re.search(r"<h[12]\b", part)
        # a figure's reference leads to its source in this case, not another case's
        for target in re.findall(r'<a href="#([^"]+)"', part):
            assert target.startswith(f"{case_id}-source-") and f'id="{target}"' in part, target


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_picker_offers_every_theme_and_case(built_site, lang):
    html = page(built_site, lang, "packs")
    body = article(html)
    form = picker(html)
    # right after the title, hidden until pack.js shows it (without it: every case)
    assert re.search(r"</h1>\s*<form class=\"cb-pack-picker\" hidden\b", body)
    assert body.count("<form") == 1 and html.count('class="cb-pack-picker"') == 1
    options = [(key, unescape(label)) for key, label in re.findall(r'<option value="([^"]*)">([^<]*)</option>', form)]
    used = [key for key in THEMES if members(key)]
    assert options == [("", UI[lang]["pack_all_themes"])] + [(key, THEMES[key][lang]) for key in used]
    assert unescape(re.search(r"<legend>([^<]*)</legend>", form).group(1)) == UI[lang]["pack_cases"]
    boxes = re.findall(r'<li><label><input type="checkbox" name="case" value="([^"]+)" data-themes="([^"]*)" '
                       r'data-newest="([^"]*)" data-newest-label="([^"]+)" checked> ([^<]+)</label></li>', form)
    assert [box[0] for box in boxes] == list(RECORDS)
    for case_id, themes, date, label, shown in boxes:
        assert themes.split() == RECORDS[case_id]["themes"]
        assert date == newest([case_id]) and unescape(label) == date_label(date, lang)
        assert unescape(shown) == title(case_id, lang)
    # the script's words, in the page's language
    attributes = dict(re.findall(r'\b(data-[a-z-]+)="([^"]*)"', form[:form.index(">")]))
    assert {key: unescape(value) for key, value in attributes.items()} == {
        "data-intro": UI[lang]["pack_intro"], "data-intro-one": UI[lang]["pack_intro_one"],
        "data-none": UI[lang]["pack_none"], "data-undated": UI[lang]["pack_date_unknown"],
        "data-status": UI[lang]["pack_status"], "data-choice-all": UI[lang]["pack_choice_all"],
        "data-choice-theme": UI[lang]["pack_choice_theme"], "data-total": str(len(RECORDS))}
    assert re.search(r'<p class="cb-pack-picker__status" aria-live="polite">', form)
    assert unescape(re.search(r'data-action="print">([^<]*)</button>', form).group(1)) == UI[lang]["pack_print"]
    assert 'src="../../assets/pack.js"' in html or 'src="../assets/pack.js"' in html


@pytest.mark.build
@pytest.mark.parametrize("lang", ["zh", "vi"])
def test_translation_notices_appear_per_case(built_site, lang):
    cases = pack_cases(page(built_site, lang, "packs"))
    shown = 0
    for case_id, data in RECORDS.items():
        own = data["text"].get(lang)
        status = own["status"] if own else "missing"
        incomplete = own is None or any(field in data["text"]["en"] and field not in own
                                        for field in ("title", "summary", *NARRATIVE))
        part = cases[case_id][1]
        if status != "reviewed" or incomplete:
            assert re.search(rf'class="admonition \w+ cb-notice" data-status="{status}"', part), case_id
            href = re.search(r'<a href="([^"]+)" hreflang="en"', part).group(1)
            # the notice links the English original, from the pack's own address
            assert urljoin(f"http://h/{lang}/packs/", href) == f"http://h/cases/{case_id}/", href
            assert (built_site / "cases" / case_id / "index.html").is_file()
            shown += 1
        else:
            assert "cb-notice" not in part, case_id
    assert shown, "the seed cases have draft translations"


@pytest.mark.build
def test_pack_is_not_in_the_search_index(built_site):
    for lang in LANGS:
        from casebook.site.search.parts import read_index
        locations = [d[0] for d in read_index(built_site / LANGS[lang] / "search")[2]]
        assert not [loc for loc in locations if loc.startswith("packs/")], \
            "a case is found on its own page, not again in the pack"


@pytest.mark.build
def test_missing_translation_notice_in_the_chinese_pack(edited_site):
    part = pack_cases(page(edited_site, "zh", "packs"))[EDITED][1]
    assert 'data-status="missing"' in part and UI["zh"]["notice_missing"] in unescape(part)
    assert "end of raw script" in text(part), "English text under the notice"


@pytest.mark.build
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_contributor_html_does_not_reach_the_pack(edited_site, lang):
    html = page(edited_site, lang, "packs")
    heading, part = pack_cases(html)[EDITED]
    assert heading == title(EDITED, lang, EDITED_RECORDS) and TITLE_SUFFIX.strip() in heading
    assert "end of raw script" in text(part) and "a paragraph." in text(part), "the text stays"
    assert "<script" not in part and "__xss" not in part
    assert not re.search(r"<img\b|\son\w+=|javascript:", part, re.I)
    # no form, field or button of its own: the picker is the page's only form
    assert not re.search(r"<(form|input|select|option|button|label|fieldset)\b", part, re.I)
    body = article(html)
    assert len(re.findall(r"<form\b", body)) == 1 and len(re.findall(r"<button\b", body)) == 1
    assert len(re.findall(r"<input\b", body)) == len(RECORDS) and "steal" not in body
    # the title in the picker is text too, escaped in its label
    form = picker(html)
    found = tags(form)
    assert {tag for tag, _ in found} == {"form", "label", "span", "select", "option", "fieldset", "legend",
                                         "ul", "li", "input", "p", "button"}, "the title's markup is text"
    assert not [name for _, attrs in found for name in attrs if name.startswith("on")]
    label = re.search(rf'value="{EDITED}"[^>]*> ([^<]+)</label>', form).group(1)
    assert unescape(label) == title(EDITED, lang, EDITED_RECORDS)


