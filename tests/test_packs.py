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

LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
RECORDS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cases").glob("*.yaml"))}
THEMES = yaml.safe_load((ROOT / "cases" / "vocabulary" / "themes.yaml").read_text(encoding="utf-8"))
UI = yaml.safe_load((ROOT / "hooks" / "casebook" / "pages" / "ui.yaml").read_text(encoding="utf-8"))
NARRATIVE = ("background", "reform", "results")


def members(theme: str) -> list[str]:
    return [case_id for case_id, data in RECORDS.items() if theme in data["themes"]]


# A theme with some cases but not all (the picker must show a part of the pack), and
# whose cases do not include the first one (the first page break moves).
THEME = next(k for k in THEMES if 2 <= len(members(k)) < len(RECORDS) and list(RECORDS)[0] not in members(k))

# Contributor HTML added to one case's English text in the edited build.
EDITED = "wanzhou-grassroots-federation-reform"
PAYLOAD = ('Raw script: <script>window.__xss = 1</script> end of raw script.\n\n'
           '<img src="x" onerror="window.__xss = 2">\n\n'
           'A [link](javascript:window.__xss=3) and <span onclick="window.__xss=4">a paragraph.</span>\n\n'
           '<form action="https://example.org/steal" class="cb-pack-picker"><input name="password" value="x">'
           '<select name="theme"><option value="x">injected option</option></select>'
           '<button type="submit" data-action="print">injected button</button></form>\n\n'
           '<p><label><input type="checkbox" name="case" value="fake" checked> injected box</label></p>\n')
TITLE_SUFFIX = ' <b onmouseover="window.__xss=5">"bold" & co</b>'  # a title is plain text
SOURCE_URL = "https://example.org/news/2016/wanzhou-grassroots-officials"


# --- helpers -----------------------------------------------------------------------------

def page(site: Path, lang: str, rel: str) -> str:
    return (site / LANGS[lang] / rel / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def text(fragment: str) -> str:
    """What a reader sees: no tags, no permalinks, whitespace collapsed."""
    fragment = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", fragment)
    fragment = re.sub(r"</?abbr\b[^>]*>", "", fragment)  # glossary tooltips (case pages only)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def headings(fragment: str, level: int) -> list[str]:
    return [text(h) for h in re.findall(rf"<h{level}\b[^>]*>(.*?)</h{level}>", fragment, re.S)]


def picker(html: str) -> str:
    body = article(html)
    start = body.index('<form class="cb-pack-picker"')
    return body[start:body.index("</form>", start) + len("</form>")]


def without_picker(html: str) -> str:
    return article(html).replace(picker(html), "")


def tags(fragment: str) -> list[tuple[str, list[str]]]:
    """(tag, attribute names) of every start tag, as a browser parses them."""
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, [name for name, _ in attrs]))

    Parser().feed(fragment)
    return found


def pack_cases(html: str) -> dict[str, tuple[str, str]]:
    """{case id: (title heading text, the case's part of the pack)} in page order."""
    body = without_picker(html)
    starts = list(re.finditer(r'<h2\b([^>]*\bclass="cb-pack-case[^"]*"[^>]*)>(.*?)</h2>', body, re.S))
    found = {}
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
        case_id = re.search(r'\bid="([^"]+)"', match.group(1)).group(1)
        found[case_id] = (text(match.group(2)), body[match.end():end])
    return found


def case_part(site: Path, lang: str, case_id: str) -> str:
    """A case page's own content, as a pack repeats it: after the title, up to the
    citation box (related cases and previous/next are the page's, not the case's)."""
    body = article(page(site, lang, f"cases/{case_id}"))
    return body[body.index("</h1>") + 5:body.index('<details class="cb-cite"')]


def title(case_id: str, lang: str, records: dict = RECORDS) -> str:
    texts = records[case_id]["text"]
    return (texts.get(lang) or {}).get("title") or texts["en"]["title"]


def newest(case_ids: list[str]) -> str:
    """The newest source date, "" when none of the cases' sources states one."""
    return max((str(s["date"]) for case_id in case_ids for s in RECORDS[case_id]["sources"] if s.get("date")),
               default="")


def date_label(date: str, lang: str) -> str:
    return format_date(date, lang) if date else UI[lang]["pack_date_unknown"]


def intro_text(case_ids: list[str], lang: str) -> str:
    key = "pack_intro_one" if len(case_ids) == 1 else "pack_intro"
    return UI[lang][key].format(count=len(case_ids), date=date_label(newest(case_ids), lang))


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
        "data-status": UI[lang]["pack_status"],
        "data-total": str(len(RECORDS))}
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


# --- an edited build: contributor HTML, a missing translation, a source with an address ---

EDITED_RECORDS: dict = {}


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("packs") / "project")
    path = project / "cases" / f"{EDITED}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["text"]["zh"]  # Chinese readers get the English text, under a notice
    data["text"]["en"]["title"] += TITLE_SUFFIX
    data["text"]["en"]["background"] += "\n\n" + PAYLOAD
    data["sources"][0]["url"] = SOURCE_URL
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    EDITED_RECORDS.update(RECORDS, **{EDITED: data})
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    return project / "site"


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


# --- chosen and printed, in Debian's chromium --------------------------------------------

HIDDEN_IN_PRINT = {
    "header": ".md-header", "navigation": ".md-sidebar--primary", "table of contents": ".md-sidebar--secondary",
    "search": ".md-search", "language menu": ".md-select", "palette toggle": "form[data-md-component=palette]",
    "footer": ".md-footer", "back to top": ".md-top", "permalinks": ".headerlink",
}
HIDDEN = """sel => [...document.querySelectorAll(sel)].map(e => getComputedStyle(e).display === 'none'
    || getComputedStyle(e).visibility === 'hidden' || e.getClientRects().length === 0)"""
SHOWN = "el => el.getClientRects().length > 0"
VISIBLE_CASES = """() => [...document.querySelectorAll('h2.cb-pack-case')]
    .filter(h => h.getClientRects().length).map(h => h.id)"""
VISIBLE_CONTENTS = """() => [...document.querySelectorAll('.cb-pack-toc li')]
    .filter(li => li.getClientRects().length).map(li => li.querySelector('a').getAttribute('href').slice(1))"""
VISIBLE_SIDEBAR = """() => [...document.querySelectorAll('.md-sidebar--secondary a.md-nav__link')]
    .filter(a => a.getClientRects().length).map(a => a.getAttribute('href').slice(1))"""
VISIBLE_SUMMARIES = "() => [...document.querySelectorAll('.cb-summary')].filter(p => p.getClientRects().length).length"


@pytest.fixture(scope="module")
def tab(edited_site):
    with serve(edited_site) as url, browser() as chromium:
        tab = chromium.new_page(viewport={"width": 1280, "height": 900})
        blocked = outside_requests(tab, (url,))
        errors: list[str] = []
        tab.on("pageerror", lambda err: errors.append(str(err)))
        tab.base = url
        yield tab
        assert not blocked, blocked
        assert not errors, f"script errors: {errors}"


def open_pack(tab, query: str = "", lang: str = "en"):
    tab.emulate_media(media="screen")
    tab.goto(f"{tab.base}{LANGS[lang]}packs/{query}")
    tab.wait_for_selector("form.cb-pack-picker:not([hidden])")


def shown(tab) -> list[str]:
    cases = tab.evaluate(VISIBLE_CASES)
    assert tab.evaluate(VISIBLE_CONTENTS) == cases, "the contents list the cases shown, and only those"
    assert tab.evaluate(VISIBLE_SIDEBAR) == [], "no second list in the sidebar: the contents are the list"
    assert tab.evaluate(VISIBLE_SUMMARIES) == len(cases), "a case not chosen is hidden whole"
    return cases


def intro(tab) -> str:
    return " ".join(tab.inner_text(".cb-pack-intro").split())


@pytest.mark.browser
def test_a_theme_in_the_address_shows_that_themes_cases(tab):
    open_pack(tab, f"?theme={THEME}")
    expected = members(THEME)
    assert shown(tab) == expected
    assert intro(tab) == intro_text(expected, "en")
    assert tab.input_value("select[name=theme]") == THEME
    assert tab.evaluate("[...document.querySelectorAll('input[name=case]:checked')].map(b => b.value)") == expected
    assert tab.inner_text(".cb-pack-picker__status") == UI["en"]["pack_status"].format(
        count=len(expected), total=len(RECORDS))
    assert tab.evaluate("location.search") == f"?theme={THEME}", "the address keeps the choice"
    # unticking a case hides it, and the address then lists the cases chosen
    tab.uncheck(f"input[name=case][value={expected[0]}]")
    assert shown(tab) == expected[1:]
    assert intro(tab) == intro_text(expected[1:], "en")
    assert tab.evaluate("decodeURIComponent(location.search)") == "?cases=" + ",".join(expected[1:])
    # choosing a theme ticks that theme's cases
    other = next(k for k in THEMES if len(members(k)) >= 2 and members(k) != expected)
    tab.select_option("select[name=theme]", other)
    assert shown(tab) == members(other)
    assert tab.evaluate("location.search") == f"?theme={other}"
    # all themes: the whole pack again, and a plain address
    tab.select_option("select[name=theme]", "")
    assert shown(tab) == list(RECORDS)
    assert tab.evaluate("location.search") == ""


@pytest.mark.browser
def test_cases_in_the_address_show_exactly_those(tab):
    chosen = [list(RECORDS)[-1], list(RECORDS)[1]]
    open_pack(tab, "?cases=" + ",".join(chosen))
    assert shown(tab) == [case_id for case_id in RECORDS if case_id in chosen]
    assert intro(tab) == intro_text(chosen, "en")
    assert tab.evaluate("decodeURIComponent(location.search)") == "?cases=" + ",".join(chosen)
    # a theme and cases: the cases of the list in that theme
    inside, outside = members(THEME)[0], next(c for c in RECORDS if c not in members(THEME))
    open_pack(tab, f"?theme={THEME}&cases={inside},{outside}")
    assert shown(tab) == [inside]
    assert intro(tab) == intro_text([inside], "en")
    # nothing chosen: the page says so, and there is nothing to print
    tab.uncheck(f"input[name=case][value={inside}]")
    assert shown(tab) == []
    assert intro(tab) == UI["en"]["pack_none"]
    assert tab.is_disabled("[data-action=print]")


@pytest.mark.browser
def test_chinese_picker_speaks_chinese(tab):
    open_pack(tab, f"?theme={THEME}", lang="zh")
    assert shown(tab) == members(THEME)
    assert tab.inner_text(".cb-pack-picker legend") == UI["zh"]["pack_cases"]
    assert tab.inner_text(".cb-pack-picker__theme span") == UI["zh"]["pack_theme"]
    assert tab.inner_text("[data-action=print]") == UI["zh"]["pack_print"]
    assert tab.evaluate("document.querySelector('select[name=theme]').options[0].text") == UI["zh"]["pack_all_themes"]
    assert tab.evaluate("document.querySelector('select[name=theme]').selectedOptions[0].text") == THEMES[THEME]["zh"]
    assert intro(tab) == intro_text(members(THEME), "zh")
    assert tab.inner_text(".cb-pack-picker__status") == UI["zh"]["pack_status"].format(
        count=len(members(THEME)), total=len(RECORDS))
    labels = tab.evaluate("[...document.querySelectorAll('.cb-pack-picker li label')].map(l => l.innerText.trim())")
    assert labels == [title(case_id, "zh", EDITED_RECORDS) for case_id in RECORDS]


@pytest.mark.browser
def test_without_javascript_the_whole_pack_shows(tab):
    context = tab.context.browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(f"{tab.base}packs/?theme={THEME}")
        assert not plain.is_visible("form.cb-pack-picker")
        assert plain.evaluate(VISIBLE_CASES) == list(RECORDS)
        plain.emulate_media(media="print")
        breaks = plain.evaluate("() => [...document.querySelectorAll('.cb-pack-case')]"
                                ".map(e => getComputedStyle(e).breakBefore)")
        assert breaks[0] != "page" and breaks[1:] == ["page"] * (len(RECORDS) - 1), breaks
    finally:
        context.close()


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.browser
@pytest.mark.parametrize("rel, cases", [
    (f"cases/{EDITED}/", []),
    ("packs/", list(RECORDS)),
    (f"zh/packs/?theme={THEME}", members(THEME)),
])
def test_printed_page_is_the_article_alone(tab, rel, cases):
    tab.goto(tab.base + rel)
    tab.emulate_media(media="print")
    try:
        for name, selector in HIDDEN_IN_PRINT.items():
            hidden = tab.evaluate(HIDDEN, selector)
            assert hidden and all(hidden), f"{name} ({selector}) is printed"
        # the article takes the paper's width, in 11pt
        widths = tab.evaluate("() => [document.querySelector('.md-content').getBoundingClientRect().width,"
                              " document.documentElement.clientWidth]")
        assert widths[0] >= 0.95 * widths[1], widths
        size = tab.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontSize")
        assert abs(float(size.removesuffix("px")) - 11 * 96 / 72) < 0.1, size
        # black on white, even for a reader who chose the dark scheme on screen
        tab.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        colours = tab.evaluate("""() => [getComputedStyle(document.querySelector('.md-typeset')).color,
            getComputedStyle(document.querySelector('.md-typeset h1')).color,
            getComputedStyle(document.body).backgroundColor]""")
        assert colours == ["rgb(0, 0, 0)", "rgb(0, 0, 0)", "rgb(255, 255, 255)"], colours
        if cases:
            # the picker is not printed, nor the cases not chosen
            assert tab.evaluate(HIDDEN, "form.cb-pack-picker") == [True]
            assert tab.evaluate(VISIBLE_CASES) == cases
            # each chosen case starts a new page, except the first shown
            breaks = tab.evaluate("""() => [...document.querySelectorAll('.cb-pack-case')]
                .filter(h => h.getClientRects().length).map(e => getComputedStyle(e).breakBefore)""")
            assert breaks[0] != "page" and breaks[1:] == ["page"] * (len(cases) - 1), breaks
        # a printed source can be found: its address is printed (after its linked title)
        links = tab.evaluate("""() => [...document.querySelectorAll('.cb-sources a[href^="http"]')]
            .filter(a => a.getClientRects().length).map(a => [a.closest('li').innerText.trim(), a.getAttribute('href')])""")
        if EDITED in cases or not cases:
            assert SOURCE_URL in [href for _, href in links], links
        for text_shown, href in links:
            assert href in text_shown, "the address is on paper"
        # and never a relative link's target ("../../cases/x/" means nothing on paper)
        printed = tab.evaluate("""() => [...document.querySelectorAll('a')].map(a => getComputedStyle(a, '::after').content)
            .filter(c => c && c !== 'none' && c !== 'normal')""")
        assert not [c for c in printed if "../" in c or '"/' in c], printed
        # the PDF chromium prints: A4, and at least one page per case
        pdf = tab.pdf(prefer_css_page_size=True)
        width, height = (float(v) for v in re.search(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)
        assert page_count(pdf) >= max(len(cases), 1)
    finally:
        tab.emulate_media(media="screen")


@pytest.mark.browser
def test_a_chosen_pack_prints_fewer_pages_than_the_whole(tab):
    counts = {}
    for query in ("", f"?theme={THEME}"):
        tab.goto(f"{tab.base}packs/{query}")
        tab.wait_for_selector("form.cb-pack-picker:not([hidden])")
        tab.emulate_media(media="print")
        try:
            counts[query] = page_count(tab.pdf(prefer_css_page_size=True))
        finally:
            tab.emulate_media(media="screen")
    assert len(members(THEME)) <= counts[f"?theme={THEME}"] < counts[""], counts
