"""The glossary: its data (cases/vocabulary/glossary.yaml), the loader's problems, the
abbr tooltips it feeds to Markdown and the glossary page."""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from pathlib import Path

import markdown
import pytest
import yaml

from casebook import LANGUAGES
from casebook.records.glossary import Entry, Glossary, load_glossary, one_line
from casebook.pages.markup import esc
from casebook.pages.glossary import render_glossary, sorted_entries
from casebook.records.load import load_casebook

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = REPO / "cases" / "vocabulary" / "glossary.yaml"

# Traditional characters whose Simplified forms the glossary uses (妇 联 会 发 区 ...).
TRADITIONAL = set("婦聯會發區鄉實們與為網組織黨團導國這個說時對關經華務動進來")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    loaded, problems = load_glossary(GLOSSARY, REPO)
    assert problems == [], "\n".join(map(str, problems))
    return loaded


def texts(entry: Entry, lang: str) -> list[str]:
    return [entry.term[lang], *entry.also.get(lang, ()), entry.definition[lang]]


def marked(out: str) -> list[tuple[str, str, str]]:
    """(entry key, definition, marked HTML) of every glossary term marked on a page."""
    return [(key, html.unescape(definition), text) for key, definition, text in re.findall(
        r'<a class="cb-term" href="[^"]*#([^"]*)" data-definition="([^"]*)" data-more="[^"]*">(.*?)</a>', out, re.S)]


# --- the real glossary ------------------------------------------------------------------

def test_real_glossary_loads_without_problems(glossary):
    assert len(glossary) >= 15
    for key in ("acwf", "womens-federation", "womens-union", "cpc", "cpv", "womens-home",
                "five-one", "three-key", "left-behind-people", "directive-21", "incubation-base"):
        assert key in glossary.entries


def test_every_term_and_definition_is_in_every_language(glossary):
    for entry in glossary:
        for lang in LANGUAGES:
            assert entry.term[lang].strip(), (entry.key, lang)
            assert entry.definition[lang].strip(), (entry.key, lang)


def test_text_is_nfc_simplified_chinese_and_vietnamese_with_diacritics(glossary):
    for entry in glossary:
        for lang in LANGUAGES:
            for text in texts(entry, lang):
                assert unicodedata.is_normalized("NFC", text), (entry.key, lang, text)
        for text in texts(entry, "zh"):
            assert not TRADITIONAL & set(text), (entry.key, sorted(TRADITIONAL & set(text)))
        assert re.search(r"[\u4e00-\u9fff]", entry.definition["zh"]), entry.key
        # Vietnamese without its tone marks would be plain ASCII
        assert not entry.definition["vi"].isascii(), entry.key


def test_every_source_is_an_article_a_case_cites():
    """A definition says what a cited article says: its source is that article's address,
    as a case's sources give it (checked in any clone, by validate as by this test)."""
    book = load_casebook(REPO / "cases", REPO)
    assert [str(p) for p in book.warnings if p.field.endswith(".source")] == []
    cited = {source.url for case in book.cases.values() for source in case.sources}
    for entry in load_glossary(GLOSSARY, REPO)[0]:
        assert entry.source == "general" or entry.source in cited, (entry.key, entry.source)


def test_every_term_is_used_by_a_case_of_its_countries():
    # `casebook validate` warns of an entry and language no case of its countries uses
    # (e.g. "Hội Phụ nữ (Trung Quốc)", a spelling no text had): the real casebook has none
    book = load_casebook(REPO / "cases", REPO)
    unused = [str(p) for p in book.warnings if p.path.name == "glossary.yaml"]
    assert unused == []


def test_glossary_page_sorts_alphabetically(glossary):
    from pypinyin import lazy_pinyin

    order = [e.term["en"] for e in sorted_entries(glossary, "en")]
    assert order == sorted(order, key=str.casefold)
    zh = [e.term["zh"] for e in sorted_entries(glossary, "zh")]  # by pinyin, not by code point
    assert zh == sorted(zh, key=lazy_pinyin) != sorted(zh)
    vi = [e.term["vi"] for e in sorted_entries(glossary, "vi")]  # đ after d, ơ after o, ư after u
    assert vi.index("di dân Tam Hiệp") < vi.index("Đảng Cộng sản Việt Nam") < vi.index("Mặt trận Tổ quốc")


# --- a broken glossary file -------------------------------------------------------------

def test_broken_glossary_reports_problems_with_lines(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(textwrap.dedent("""\
        acwf:
          term: {en: ACWF, zh: 全国妇联}
          definition:
            en: The national body.
            zh: 全国性组织。
            vi: Tổ chức toàn quốc.
            fr: L'organisation nationale.
          source: 001_b27106bf972f3f03.txt
          sources: typo
        Bad_Key:
          term: {en: x, zh: x, vi: x}
        cpc:
          term: {en: "C]P", zh: 中国共产党, vi: Đảng Cộng sản Trung Quốc}
          also: {en: [ACWF], de: [KPCh]}
          definition: {en: The party., zh: 政党。}
          source: somewhere/else.md
        fatherland-front:
          term: {en: Fatherland Front, zh: 祖国阵线, vi: Mặt trận Tổ quốc}
        """), encoding="utf-8")
    glossary, problems = load_glossary(path, tmp_path)
    found = {(p.line, p.field) for p in problems}
    assert all(p.path == Path("glossary.yaml") for p in problems)
    assert (2, "acwf.term") in found                      # vi missing
    assert (7, "acwf.definition.fr") in found             # unknown language
    assert (9, "acwf.sources") in found                   # unknown field, with a suggestion
    assert any("did you mean 'source'" in p.message for p in problems if p.line == 9)
    assert (10, "Bad_Key") in found                       # key format
    assert (13, "cpc.term.en") in found                   # "]" cannot be a tooltip
    assert (14, "cpc.also.de") in found                   # unknown language in also
    assert (14, "cpc.also.en") in found                   # ACWF already belongs to acwf
    assert (15, "cpc.definition") in found                # vi missing
    assert (16, "cpc.source") in found                    # not a source file
    assert (17, "fatherland-front") in found              # definition and source missing
    assert len([p for p in problems if p.field == "fatherland-front"]) == 2
    assert set(glossary.entries) == {"acwf", "cpc", "fatherland-front"}
    assert all(str(p).startswith(f"glossary.yaml:{p.line}:") for p in problems)


def test_unreadable_glossary_reports_the_yaml_error_line(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text("acwf:\n  term: {en: ACWF\n  definition: x\n", encoding="utf-8")
    glossary, problems = load_glossary(path)
    assert len(glossary) == 0
    assert problems and problems[0].line >= 2


# --- tooltips on case pages ----------------------------------------------------------------

@pytest.mark.parametrize("lang, sentence, spelling, key", [
    ("en", "In 2015 the ACWF made the Internet a main route of reform.", "ACWF", "acwf"),
    ("en", "Volunteers look after left-behind children in Wanzhou.", "left-behind children", "left-behind-children"),
    ("en", 'Under the "Five-One" scheme each official keeps in touch.', "Five-One", "five-one"),
    ("en", "Wanzhou ran the Five-One scheme.", "Five-One scheme", "five-one"),
    ("vi", "Hội sơ kết 5 năm thực hiện Chỉ thị số 21 của Ban Bí thư.", "Chỉ thị số 21", "directive-21"),
    ("vi", 'Cuộc vận động xây dựng gia đình 5 không, 3 sạch có 8 tiêu chí.', "5 không, 3 sạch",
     "five-no-three-clean"),
    ("zh", "万州区妇联建设了网上“妇女之家”，方便联系群众。", "妇女之家", "womens-home"),
    ("zh", "文章提到中华全国妇女联合会（全国妇联）的改革方案。", "全国妇联", "acwf"),
])
def test_a_term_in_a_sentence_gets_its_tooltip(glossary, lang, sentence, spelling, key):
    from casebook.site.tooltips import annotate

    out = annotate(markdown.markdown(sentence), glossary, lang)
    mine = [(definition, text) for found, definition, text in marked(out) if found == key]
    assert len(mine) == 1, out  # the entry's first use is marked, once
    definition, text = mine[0]
    assert definition == one_line(glossary[key].definition[lang])
    assert html.unescape(text) in glossary[key].spellings(lang) and spelling in sentence


@pytest.mark.parametrize("lang, text, term", [
    ("zh", "<p>全国妇联把互联网和新媒体作为改革的突破口。</p>", "全国妇联"),  # no word breaks
    ("en", "<p>The ACWF named two breakthroughs.</p>", "ACWF"),
    ("vi", "<p>Theo Chỉ thị số 21, các cấp Hội đã làm.</p>", "Chỉ thị số 21"),
])
def test_tooltips_mark_the_first_use_of_a_term_in_every_language(glossary, lang, text, term):
    from casebook.site.tooltips import annotate

    out = annotate(text + text, glossary, lang)
    assert [text for _, _, text in marked(out)] == [term], out  # once per page
    assert out.count('class="cb-term"') == 1


def test_tooltips_leave_links_headings_code_and_tags_alone(glossary):
    from casebook.site.tooltips import annotate

    html = ('<h2>ACWF</h2><p><a href="#ACWF" title="ACWF">ACWF</a> <code>ACWF</code> '
            '<span class="ACWF">x</span></p>')
    assert annotate(html, glossary, "en") == html


# --- the glossary page ------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_page_lists_every_term(glossary, lang):
    page = render_glossary(glossary, lang)
    meta = yaml.safe_load(page.split("---\n")[1])  # front matter, as MkDocs reads it
    assert meta["title"] and meta["casebook"] == {"kind": "glossary", "lang": lang}
    positions = []
    for entry in sorted_entries(glossary, lang):
        dt = f'<dt id="{entry.key}">{esc(entry.term[lang])} '
        assert dt in page, entry.key
        positions.append(page.index(dt))
        for other in LANGUAGES:
            assert f'<span lang="{other}">{esc(entry.term[other])}</span>' in page or other == lang
        assert esc(entry.definition[lang]) in page
    assert positions == sorted(positions)
    rendered = markdown.markdown(page.split("---\n", 2)[2], extensions=["md_in_html", "attr_list", "abbr"])
    assert rendered.count("<dt id=") == len(glossary)
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for entry in glossary:
        assert entry.term[lang] in shown and entry.definition[lang] in shown


def test_glossary_page_escapes_text():
    entry = Entry("odd", term={"en": "a<b", "zh": "<甲>", "vi": "[x](javascript:y)"},
                  also={"en": ("<i>also</i>",)},
                  definition={"en": "<script>alert(1)</script> & more", "zh": "定义", "vi": "định nghĩa"},
                  source="general")
    page = render_glossary(Glossary({"odd": entry}), "en")
    body = page.split("---\n", 2)[2]
    for text in ("a<b", "<甲>", "<script>alert(1)</script> & more", "<i>also</i>", "[x](javascript:y)"):
        assert esc(text) in body and text not in body, text
    rendered = markdown.markdown(body, extensions=["md_in_html", "attr_list", "abbr"])
    assert "<script" not in rendered and "<i>" not in rendered and "<b>" not in rendered
    assert not re.search(r'<a href="(?!#letter_)', rendered)  # the Markdown link stays text (only the letters link)
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for text in ("a<b", "<甲>", "<script>alert(1)</script> & more", "<i>also</i>", "[x](javascript:y)"):
        assert text in shown, text


# --- countries ------------------------------------------------------------------------

COUNTRY_GLOSSARY = textwrap.dedent("""\
    federation-cn:
      term: {en: women's federation, zh: 妇联, vi: Hội Phụ nữ}
      definition: {en: China's one., zh: 中国的。, vi: Của Trung Quốc.}
      source: general
      countries: [CN]
    union-la:
      term: {en: Lao Women's Union, zh: 老挝妇女联合会, vi: Hội Phụ nữ}
      definition: {en: Laos's one., zh: 老挝的。, vi: Của Lào.}
      source: general
      countries: [LA]
    mass-organizations:
      term: {en: mass organizations, zh: 群团组织, vi: đoàn thể quần chúng}
      definition: {en: Everywhere., zh: 到处。, vi: Mọi nơi.}
      source: general
    """)


def test_one_spelling_may_have_a_definition_per_country(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(COUNTRY_GLOSSARY, encoding="utf-8")
    glossary, problems = load_glossary(path, tmp_path)
    assert problems == []
    assert glossary["federation-cn"].countries == ("CN",) and glossary["mass-organizations"].countries == ()
    assert [e.key for e in glossary.for_country("LA")] == ["union-la", "mass-organizations"]
    # ... but not two for the same country, and only real country codes
    path.write_text(COUNTRY_GLOSSARY.replace("countries: [LA]", "countries: [LA, CN]")
                    + "  countries: [Laos]\n", encoding="utf-8")
    _, problems = load_glossary(path, tmp_path)
    assert [(p.field, p.message) for p in problems] == [
        ("union-la.term.vi", "'Hội Phụ nữ' is already a spelling of 'federation-cn' for the same countries; "
                             "a tooltip can only have one definition (give each entry its countries)"),
        ("mass-organizations.countries.0", "expected an ISO 3166-1 alpha-2 code such as CN, VN or LA, got 'Laos'"),
    ]


def test_tooltips_follow_the_case_country_and_line_breaks(tmp_path):
    from casebook.site.tooltips import annotate

    path = tmp_path / "glossary.yaml"
    path.write_text(COUNTRY_GLOSSARY, encoding="utf-8")
    glossary, _ = load_glossary(path, tmp_path)
    text = "<p>Hội Phụ nữ và các đoàn thể\nquần chúng.</p>"
    lao = marked(annotate(text, glossary, "vi", "LA"))
    assert ("union-la", "Của Lào.", "Hội Phụ nữ") in lao
    assert ("mass-organizations", "Mọi nơi.", "đoàn thể\nquần chúng") in lao, "found across the line break"
    assert ("federation-cn", "Của Trung Quốc.", "Hội Phụ nữ") in marked(annotate(text, glossary, "vi", "CN"))
    assert marked(annotate(text, glossary, "vi", "VN")) == [("mass-organizations", "Mọi nơi.", "đoàn thể\nquần chúng")]


def test_validate_warns_of_a_term_no_case_of_its_countries_uses(tmp_path):
    from casebook.records.glossary import unused_spellings
    from casebook.records.model import Case

    path = tmp_path / "glossary.yaml"
    path.write_text(COUNTRY_GLOSSARY, encoding="utf-8")
    glossary, _ = load_glossary(path, tmp_path)
    text = {"status": "draft", "title": "T", "summary": "The women's federation and mass organizations.",
            "background": "B", "reform": "R"}
    # a Lao case that says "women's federation": it is no use to the China-only entry
    case = Case.model_validate({
        "id": "x", "country": "LA", "level": "city", "themes": ["health"],
        "place": {"region": {"en": "R"}, "locality": {"en": "L"}}, "organization": {"en": "O"},
        "sources": [{"id": "s", "title": "T", "outlet": "O"}],
        "text": {"en": text, "zh": {**text, "summary": "群团组织"}, "vi": {**text, "summary": "đoàn thể quần chúng"}}})
    warnings = unused_spellings(glossary, [case], path, tmp_path)
    assert all(w.warning for w in warnings)
    assert [(w.line, w.field) for w in warnings] == [(2, "federation-cn.term.en"), (2, "federation-cn.term.zh"),
                                                     (2, "federation-cn.term.vi"), (7, "union-la.term.en"),
                                                     (7, "union-la.term.zh"), (7, "union-la.term.vi")]
    assert warnings[0].message == ("no en text of a case of CN uses 'women's federation': write the term as "
                                   "the cases write it, or give the entry the countries it is for")


def test_glossary_page_says_which_countries_an_entry_is_for(tmp_path):
    from casebook.records.vocabulary import load_vocabulary

    path = tmp_path / "glossary.yaml"
    path.write_text(COUNTRY_GLOSSARY, encoding="utf-8")
    glossary, _ = load_glossary(path, tmp_path)
    vocabulary, _ = load_vocabulary(REPO / "cases" / "vocabulary", REPO)
    page = render_glossary(glossary, "vi", vocabulary.country)
    assert '<dd>\n<p class="cb-glossary__countries">Lào</p>\n<p>Của Lào.</p>' in page
    assert '<dd>\n<p>Mọi nơi.</p>' in page, "an entry for every country names none"


# --- definitions say what a term means, not what one case did ------------------------------

PLACED_GLOSSARY = textwrap.dedent("""\
    union-chapter:
      term: {en: chapter, zh: 分会, vi: chi hội}
      definition:
        en: A grassroots unit of a Women's Union; Chieng Hoa commune's union has 35 chapters.
        zh: 越南妇联的基层单位；Chieng Hoa乡妇联下设35个分会。
        vi: Đơn vị cơ sở của Hội; Hội Phụ nữ xã Chieng Hoa có 35 chi hội.
      source: general
    five-one:
      term: {en: Five-One, zh: 五个一, vi: Năm một}
      definition:
        en: A scheme of the Wanzhou District Women's Federation.
        zh: 万州区妇联的一项机制。
        vi: Cơ chế của Hội Phụ nữ quận Wanzhou.
      source: general
    three-gorges-migrants:
      term: {en: Three Gorges migrants, zh: 三峡移民, vi: di dân Tam Hiệp}
      definition:
        en: People moved for the Three Gorges Dam on the Yangtze River, in China; the ACWF helps them in Viet Nam and Laos.
        zh: 中国三峡大坝建设期间搬迁的居民，全国妇联在全国各地帮助他们。
        vi: Cư dân di dời vì đập Tam Hiệp ở Trung Quốc; Hội Phụ nữ tỉnh nào cũng giúp họ, ở Việt Nam và Lào.
      source: general
    """)


def placed_case(case_id: str, country: str, region: dict, locality: dict, coordinates=True):
    from casebook.records.model import Case
    text = {"status": "draft", "title": "T", "summary": "S", "background": "B", "reform": "R"}
    return Case.model_validate({
        "id": case_id, "country": country, "level": "township", "themes": ["health"],
        "place": {"region": region, "locality": locality}, "organization": {"en": "O"},
        "coordinates": {"lat": 21.5, "lon": 104.1} if coordinates else None,
        "sources": [{"id": "s", "title": "T", "outlet": "O"}], "text": {"en": text}})


def test_validate_warns_of_a_definition_that_names_a_case_place(tmp_path):
    """A pop-up on a Hoa Binh case must not tell what Chieng Hoa did: a definition naming
    a case's place (in any language, with the words of administration around it) is a
    warning on its line; country names, nationwide words and other places are not."""
    from casebook.records.glossary_checks import definitions_naming_places

    path = tmp_path / "glossary.yaml"
    path.write_text(PLACED_GLOSSARY, encoding="utf-8")
    glossary, problems = load_glossary(path, tmp_path)
    assert problems == []
    cases = [placed_case("chieng-hoa", "VN", {"en": "Son La Province", "zh": "山罗省", "vi": "tỉnh Sơn La"},
                         {"en": "Chieng Hoa commune", "zh": "Chieng Hoa乡", "vi": "xã Chieng Hoa"}),
             placed_case("wanzhou", "CN", {"en": "Chongqing Municipality", "zh": "重庆市", "vi": "thành phố Trùng Khánh"},
                         {"en": "Wanzhou District", "zh": "万州区", "vi": "quận Wanzhou"}),
             placed_case("nationwide", "CN", {"en": "China (nationwide)", "zh": "全国", "vi": "Trung Quốc (toàn quốc)"},
                         {"en": "Nationwide", "zh": "全国各地", "vi": "Toàn quốc"}, coordinates=False)]
    countries = {"CN": {"en": "China", "zh": "中国", "vi": "Trung Quốc"},
                 "VN": {"en": "Viet Nam", "zh": "越南", "vi": "Việt Nam"}, "LA": {"en": "Laos", "zh": "老挝", "vi": "Lào"}}
    warnings = definitions_naming_places(glossary, cases, countries, path, tmp_path)
    assert all(w.warning for w in warnings)
    assert sorted((w.line, w.field) for w in warnings) == [
        (4, "union-chapter.definition.en"), (5, "union-chapter.definition.zh"), (6, "union-chapter.definition.vi"),
        (11, "five-one.definition.en"), (12, "five-one.definition.zh"), (13, "five-one.definition.vi")]
    first = next(w for w in warnings if w.field == "union-chapter.definition.en")
    assert first.message == ("names 'Chieng Hoa', the place of case chieng-hoa: a definition shows on every case "
                             "of its countries, so say what the term means, not what one case did")


def test_no_definition_of_the_real_glossary_names_a_case_place():
    """"Bình Dương's union carried out Directive No. 21" in a pop-up on a Hoa Binh case,
    "Chieng Hoa has 35 chapters" on another: the real glossary says what its terms mean."""
    book = load_casebook(REPO / "cases", REPO)
    assert [str(p) for p in book.warnings if "the place of case" in p.message] == []
