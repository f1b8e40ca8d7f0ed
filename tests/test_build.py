"""The real build: `mkdocs build --strict` on the seed cases and on edited copies."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from urllib.parse import urljoin
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build
from casebook.site.search.parts import read_index

pytestmark = pytest.mark.build

LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
CASES = sorted(p.stem for p in (ROOT / "cases").glob("*.yaml"))
HAN = re.compile(r"[\u4e00-\u9fff]")


def record(case_id: str) -> dict:
    return yaml.safe_load((ROOT / "cases" / f"{case_id}.yaml").read_text(encoding="utf-8"))


def page(site: Path, lang: str, rel: str) -> str:
    return (site / LANGS[lang] / rel / "index.html").read_text(encoding="utf-8")


def h1(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)))


def test_seed_cases_exist():
    assert len(CASES) >= 7
    for place in ("ruili", "wanzhou", "danzao", "binh-duong", "beitang"):
        assert any(place in case for case in CASES), place


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case_id", CASES)
def test_case_page_in_every_language(built_site, case_id, lang):
    html = page(built_site, lang, f"cases/{case_id}")
    data = record(case_id)
    text = data["text"].get(lang) or data["text"]["en"]
    assert f'<html lang="{lang}"' in html
    assert h1(html) == text["title"], "title in the page's language"
    assert 'class="cb-facts"' in html and 'class="cb-sources"' in html
    for source in data["sources"]:
        assert f'id="source-{source["id"]}"' in html
    if data.get("figures"):
        assert html.count('class="cb-figure"') == len(data["figures"])
    # the key facts link to the theme pages, translated
    for theme in data["themes"]:
        assert f'themes/{theme}/"' in html
    status = data["text"][lang]["status"] if lang in data["text"] else "missing"
    assert f'data-status="{status}"' in html
    if lang != "en" and status != "reviewed":
        assert 'class="admonition' in html and "cb-notice" in html


@pytest.mark.parametrize("case_id", CASES[:2])
def test_language_switcher_stays_on_the_case(built_site, case_id):
    html = page(built_site, "zh", f"cases/{case_id}")
    switcher = html[html.index("md-select__list"):]
    switcher = switcher[: switcher.index("</ul>")]
    links = re.findall(r'href="([^"]+)"[^>]*hreflang="(\w+)"', switcher)
    targets = {lang: href for href, lang in links}
    assert set(targets) == {"en", "zh", "vi"}
    for lang, href in targets.items():
        resolved = (built_site / "zh" / "cases" / case_id / href).resolve()
        assert resolved == (built_site / LANGS[lang] / "cases" / case_id).resolve(), (lang, href)


@pytest.mark.parametrize("lang", LANGS)
def test_list_and_tags_pages(built_site, lang):
    vocabulary = yaml.safe_load((ROOT / "cases/vocabulary/themes.yaml").read_text(encoding="utf-8"))
    listing = page(built_site, lang, "cases")
    for case_id in CASES:
        assert f'href="{case_id}/"' in listing
    tags = page(built_site, lang, "tags")
    used = {theme for case_id in CASES for theme in record(case_id)["themes"]}
    for key in used:
        assert vocabulary[key][lang] in unescape(tags)
        theme_page = page(built_site, lang, f"themes/{key}")
        members = [c for c in CASES if key in record(c)["themes"]]
        assert theme_page.count('class="cb-card__facts"') == len(members)


def test_sidebar_does_not_list_cases(built_site):
    html = page(built_site, "en", "cases/" + CASES[0])
    nav = html[html.index('class="md-nav md-nav--primary"'):html.index('class="md-sidebar md-sidebar--secondary"')]
    for case_id in CASES:
        assert f"{case_id}/" not in nav


def load_index(site: Path, lang: str) -> tuple[dict, dict, list]:
    raw = (site / LANGS[lang] / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\\u4e" not in raw and "\\u1e" not in raw, "index keeps text as UTF-8, not \\u escapes"
    return read_index(site / LANGS[lang] / "search")


def test_search_index_per_language(built_site):
    indexes = {lang: load_index(built_site, lang) for lang in LANGS}
    # Material's own per-language settings (its page highlighter splits ?h= with them)
    assert "\\u200b" in indexes["zh"][0]["config"]["separator"]
    for lang, (manifest, terms, docs) in indexes.items():
        assert manifest["docs"] == [], "the manifest holds no page: parts do"
        assert manifest["config"]["casebook"]["base"] == f"{LANGS[lang]}search/"
        locations = [d[0] for d in docs]
        assert not [loc for loc in locations if loc.startswith(("zh/", "vi/"))]
        assert any(loc.startswith("cases/") for loc in locations)
        assert len(locations) == len(set(locations)), "one document per page"
    english = " ".join(d[1] + d[2] for d in indexes["en"][2] if d[0].startswith("cases/"))
    assert not HAN.search(english), "no Chinese case text in the English index"
    chinese = indexes["zh"][1]
    for term in ("妇联", "妇女", "女之", "之家", "留守", "三峡", "峡移", "移民", "妇"):  # bigrams and characters
        assert term in chinese, term
    vietnamese = indexes["vi"][1]
    assert {"binh", "duong", "hoi", "phu"} <= set(vietnamese), "words without tone marks"
    assert {"bình", "hội"} <= set(vietnamese), "a word with marks is also its own term (typed marks mean it)"
    assert {"binh duong", "hoi phu"} <= set(vietnamese), "two neighbouring words are a phrase term"
    shown = " ".join(d[1] + d[2] for d in indexes["vi"][2] if d[0].startswith("cases/"))
    assert "Bình Dương" in shown and not HAN.search(shown), "results show the words as written"


def test_pages_not_written_in_a_language_are_not_in_its_search(built_site):
    """The performance page is English only: published once, in English (not under zh/
    or vi/); a developers' measurements log, it is in no language's search (its words
    outranked cases in readers' searches)."""
    assert (built_site / "performance/index.html").is_file()
    assert not (built_site / "zh/performance/index.html").exists()
    for lang in ("en", "zh", "vi"):
        assert "performance/" not in [d[0] for d in load_index(built_site, lang)[2]], lang


@pytest.mark.parametrize("rel", ["", "cases/", f"cases/{CASES[0]}/"])
def test_pages_load_their_own_language_index(built_site, rel):
    for lang, prefix in LANGS.items():
        html = page(built_site, lang, rel)
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                      html, re.S).group(1))
        # the same URL arithmetic as Material: new URL("search/search_index.json", base)
        here = f"http://site/{prefix}{rel}"
        index_url = urljoin(urljoin(here, config["base"]), "search/search_index.json")
        assert index_url == f"http://site/{prefix}search/search_index.json", (lang, rel, config["base"])


def test_no_request_to_another_host(built_site):
    offenders = []
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag, url in re.findall(r'<(script|link|img|iframe|source)\b[^>]*?(?:src|href)="([^"]+)"', html):
            if re.match(r"(https?:)?//", url) and not (tag == "link" and ('rel="canonical"' in html or 'rel="alternate"' in html) and url.startswith("https://reform-casebook.example.org/")):
                offenders.append((path.relative_to(built_site), tag, url))
        assert "fonts.googleapis" not in html and "unpkg.com" not in html
    assert not offenders, offenders[:5]


def test_invalid_case_fails_before_writing(tmp_path, built_site):
    project = copy_project(tmp_path / "project")
    shutil.copytree(built_site, project / "site")  # the previous site (not built again)
    index = project / "site" / "index.html"
    before = index.stat().st_mtime_ns
    bad = project / "cases" / "ruili-cross-border-women-children-centre.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("level: city", "level: citty"), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = next(n for n, text in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("level:"))
    assert (f"cases/ruili-cross-border-women-children-centre.yaml:{line}:8: level: "
            "unknown level 'citty'; did you mean 'city'?") in result.stderr
    assert "1 error in case records" in result.stderr
    assert index.stat().st_mtime_ns == before, "the previous site is left as it was"


def test_missing_and_partial_translations_fall_back(project):
    path = project / "cases" / "wanzhou-grassroots-federation-reform.yaml"
    for other in (project / "cases").glob("*.yaml"):  # (a site of the case inspected)
        if other != path:
            other.unlink()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["text"]["vi"]
    data["text"]["zh"] = {"status": "reviewed", "title": data["text"]["zh"]["title"]}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    vi = page(site, "vi", "cases/wanzhou-grassroots-federation-reform")
    assert h1(vi) == data["text"]["en"]["title"]
    assert "chưa được dịch sang tiếng Việt" in vi and 'data-status="missing"' in vi
    assert 'href="../../../cases/wanzhou-grassroots-federation-reform/"' in vi, "links the English original"
    zh = page(site, "zh", "cases/wanzhou-grassroots-federation-reform")
    assert h1(zh) == data["text"]["zh"]["title"]
    assert "以下部分尚未翻译，显示英文：摘要、背景、改革做法、成效" in zh
    assert data["text"]["en"]["summary"][:60] in unescape(zh)


def test_generated_pages_are_written_only_when_changed(project):
    from casebook.records.load import load_casebook
    from casebook.pages.all_pages import GENERATED_DIRS, site_pages
    from casebook.pages.writer import write_pages

    docs = project / "docs"
    pages = site_pages(load_casebook(project / "cases"))
    assert write_pages(docs, pages, GENERATED_DIRS)
    assert write_pages(docs, pages, GENERATED_DIRS) == [], "unchanged pages are not rewritten"
    stale = docs / "cases" / "deleted-case.en.md"
    stale.write_text("old", encoding="utf-8")
    assert write_pages(docs, pages, GENERATED_DIRS) == ["cases/deleted-case.en.md"]
    assert not stale.exists()


@pytest.mark.parametrize("lang", LANGS)
def test_cite_related_and_previous_next(built_site, lang):
    for case_id in CASES:
        html = page(built_site, lang, f"cases/{case_id}")
        here = built_site / LANGS[lang] / "cases" / case_id
        # cite: APA and BibTeX on the page, CSL-JSON beside it with the same title
        cite = html[html.index('class="cb-cite"'):]
        assert "cb-cite__apa" in cite and f"@misc{{reformcasebook-{case_id}-{lang}," in unescape(cite)
        href = re.search(r'<a href="([^"]+\.json)"[^>]*download', cite).group(1)
        csl = json.loads((here / href).resolve().read_text(encoding="utf-8"))
        assert csl[0]["title"] == h1(html) and csl[0]["language"] == lang
        assert csl[0]["URL"].endswith(f"{LANGS[lang]}cases/{case_id}/")
        # related cases and previous/next lead to existing case pages of the same language
        targets = re.findall(r'<a href="\.\./([a-z0-9-]+)/"', html[html.index('class="cb-cite"'):])
        assert targets, case_id
        for target in targets:
            assert target in CASES and target != case_id
            assert (here.parent / target / "index.html").is_file()
    first, last = (page(built_site, lang, f"cases/{c}") for c in (CASES[0], CASES[-1]))
    assert 'class="cb-previous"' not in first and 'class="cb-next"' in first
    assert 'class="cb-previous"' in last and 'class="cb-next"' not in last


def test_open_data_downloads(built_site):
    import csv

    text = (built_site / "data" / "cases.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert [c["id"] for c in data["cases"]] == CASES
    # made a record at a time, laid out as json.dumps lays out the whole (readable diffs)
    assert text == json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    for case in data["cases"]:
        assert case["text"]["en"]["title"] == record(case["id"])["text"]["en"]["title"]
        assert set(case["urls"]) == set(LANGS) and set(case["translation_status"]) == set(LANGS)
    for lang in LANGS:
        raw = (built_site / "data" / f"cases-{lang}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "spreadsheets need the BOM to read UTF-8"
        rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
        assert [r["id"] for r in rows] == CASES
        for row in rows:
            text = record(row["id"])["text"].get(lang) or record(row["id"])["text"]["en"]
            assert row["title"] == text["title"]
        # the open data page of every language links the files where they are
        html = page(built_site, lang, "open-data")
        href = re.search(rf'href="([^"]*cases-{lang}\.csv)"', html).group(1)
        assert (built_site / LANGS[lang] / "open-data" / href).resolve().is_file()
    assert (built_site / "data" / "case.schema.json").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_timeline(built_site, lang):
    html = page(built_site, lang, "timeline")
    years = [int(y) for y in re.findall(r"<h2[^>]*>(\d{4})<", html)]
    assert years == sorted(years) and years
    items = re.findall(r'<li class="cb-timeline__item" data-kind="(\w+)"><time datetime="([\d-]+)">.*?'
                       r'href="\.\./cases/([a-z0-9-]+)/"', html)
    starts = [case for kind, _, case in items if kind.startswith("case_")]
    undated = re.findall(r'<li class="cb-timeline__item" data-kind="undated"><a href="\.\./cases/([a-z0-9-]+)/"', html)
    assert sorted(starts + undated) == CASES, "every case once, at its start (or report) date, or undated"
    assert undated == sorted(c for c in CASES if not record(c).get("period"))
    milestones = sorted((m["date"], c) for c in CASES for m in record(c).get("milestones", []))
    assert sorted((date, case) for kind, date, case in items if kind == "event") == milestones
    assert milestones, "the seed cases carry dated milestones from their sources"


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_and_tooltips(built_site, lang):
    glossary = yaml.safe_load((ROOT / "cases/vocabulary/glossary.yaml").read_text(encoding="utf-8"))
    html = unescape(page(built_site, lang, "glossary"))
    for key, entry in glossary.items():
        assert f'id="{key}"' in html and entry["term"][lang] in html
    # on a case page, the first use of a term shows its definition as a tooltip
    case = page(built_site, lang, "cases/wanzhou-grassroots-federation-reform")
    titles = re.findall(r'<a class="cb-term" [^>]*data-definition="([^"]+)"', case)
    definitions = {unescape(" ".join(e["definition"][lang].split())) for e in glossary.values()}
    assert titles and {unescape(" ".join(t.split())) for t in titles} <= definitions


@pytest.mark.parametrize("lang", LANGS)
def test_licence_page_states_code_and_content_licences(built_site, lang):
    html = page(built_site, lang, "license")
    assert "CC BY 4.0" in html and "MIT" in html
    assert f'<html lang="{lang}"' in html


LIST_FOLDERS = ("themes", "levels", "countries", "explore", "timeline", "tags")


@pytest.mark.parametrize("lang", ["en", "zh", "vi"])
def test_each_case_is_found_on_its_own_page_only(built_site, lang):
    """Lists of cases (themes, levels, countries, all cases, explore, timeline) are left
    out of the search index: a search finds each case once, on its page. Its snippet is
    its own summary; lists of cases are found by their title and first
    paragraph only, and no other page shows a case's summary or title as a snippet."""
    prefix = "" if lang == "en" else f"{lang}/"
    _, _, docs = read_index(built_site / prefix / "search")
    summaries = {}
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        summaries[path.stem] = re.sub(r"\s+", " ", unescape((record["text"].get(lang) or record["text"]["en"])["summary"]))
    for stem, summary in summaries.items():
        # the shortest start of its summary that no other summary contains
        size = next((n for n in range(24, len(summary) + 1)
                     if not any(summary[:n] in other for o, other in summaries.items() if o != stem)),
                    len(summary))
        words = summary[:size]
        path = Path(stem)
        pages = {loc for loc, _, snippet, _ in docs if words in snippet}
        assert pages == {f"cases/{path.stem}/"}, (path.stem, words, pages)
    # the marks were for the indexer only: no page carries them
    for rel in (f"cases/{path.stem}/", "map/", "explore/", "translations/", "themes/health/"):
        assert "data-search-" not in (built_site / prefix / rel / "index.html").read_text(encoding="utf-8"), rel


def test_a_language_process_removes_only_its_own_stale_files(tmp_path):
    """casebook build: three processes share docs/; each removes its own stale pages
    only, never another's page or a file another is writing (*.tmp), nor a folder."""
    from casebook.engine.generate import OWNED_DIRS
    from casebook.pages.all_pages import path_language
    from casebook.pages.writer import write_pages

    docs = tmp_path / "docs"
    for rel in ("cases/old.zh.md", "cases/old.en.md", "cases/new.zh.md.4242.tmp", "data/cite/old-en.json"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text("x", encoding="utf-8")
    (docs / "themes").mkdir()
    # the English process (files of no language are its own)
    changed = write_pages(docs, {"cases/kept.en.md": "y"}, OWNED_DIRS, lambda rel: path_language(rel) == "en")
    assert sorted(changed) == ["cases/kept.en.md", "cases/old.en.md", "data/cite/old-en.json"]
    assert (docs / "cases/old.zh.md").is_file() and (docs / "cases/new.zh.md.4242.tmp").is_file()
    assert (docs / "themes").is_dir()


@pytest.mark.parametrize("lang", LANGS)
def test_tooltips_on_a_case_are_those_of_its_country(built_site, lang):
    """A definition that holds for other countries only never explains a word of a case."""
    glossary = yaml.safe_load((ROOT / "cases/vocabulary/glossary.yaml").read_text(encoding="utf-8"))
    for case_id in CASES:
        country = record(case_id)["country"]
        allowed = {" ".join(e["definition"][lang].split()) for e in glossary.values()
                   if country in e.get("countries", [country])}
        shown = {unescape(t) for t in re.findall(r'<a class="cb-term" [^>]*data-definition="([^"]*)"',
                                                 page(built_site, lang, f"cases/{case_id}"))}
        assert shown <= allowed, (case_id, shown - allowed)
