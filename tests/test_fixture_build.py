"""A real `casebook build` with fixture records next to the seed cases: a Lao case whose
only source states no date (so no period), and a Viet Nam case using words the glossary
defines for China only. What each page, download and tooltip does with them."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, casebook_build, copy_project

pytestmark = pytest.mark.build

FIXTURES = Path(__file__).parent / "data" / "fixtures"
UNDATED = "undated-laos-fixture"
VN = "vn-glossary-fixture"
PREFIX = {"en": "", "zh": "zh/", "vi": "vi/"}
UI = yaml.safe_load((ROOT / "hooks" / "casebook" / "pages" / "ui.yaml").read_text(encoding="utf-8"))
GLOSSARY = yaml.safe_load((ROOT / "cases" / "vocabulary" / "glossary.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("fixtures") / "project")
    # beside the fixtures, a few seed cases (Wanzhou, whose Chinese terms are compared)
    for path in sorted((project / "cases").glob("*.yaml"))[3:]:
        if path.stem != "wanzhou-grassroots-federation-reform":
            path.unlink()
    for record in FIXTURES.glob("*.yaml"):
        shutil.copy(record, project / "cases" / record.name)
    result = casebook_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def page(site: Path, lang: str, rel: str) -> str:
    return (site / PREFIX[lang] / rel / "index.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def tooltips(html: str) -> dict[str, str]:
    """{marked text: its definition} of every glossary term marked on a page."""
    return {" ".join(unescape(term).split()): unescape(title)
            for title, term in re.findall(r'<a class="cb-term" [^>]*data-definition="([^"]*)"[^>]*>(.*?)</a>', html, re.S)}


@pytest.mark.parametrize("lang, country", [("en", "Laos"), ("zh", "老挝"), ("vi", "Lào")])
def test_an_undated_case_says_so_on_its_page(site, lang, country):
    html = page(site, lang, f"cases/{UNDATED}")
    facts = text(re.search(r'<section[^>]*class="cb-facts".*?</section>', html, re.S).group(0))
    assert UI[lang]["period_unknown"] in facts, "the period: date not stated"
    assert country in facts, "Laos as readers name it"
    sources = text(re.search(r'<ol class="cb-sources">.*?</ol>', html, re.S).group(0))
    assert UI[lang]["undated"] in sources, "the source: undated"
    assert not re.search(r"\b(19|20)\d\d\b", facts + sources), "no year anywhere"
    # (APA, BibTeX and CSL-JSON cite the case page itself, dated by its last change: the
    # article's missing date is not needed there, and no year of the article is invented)


def test_the_country_page_and_open_data_of_an_undated_case(site):
    for lang, name in (("en", "Laos"), ("zh", "老挝"), ("vi", "Lào")):
        assert re.search(r"<h1[^>]*>" + name + "<", page(site, lang, "countries/la"))
    data = json.loads((site / "data" / "cases.json").read_text(encoding="utf-8"))
    record = next(c for c in data["cases"] if c["id"] == UNDATED)
    assert "period" not in record and "date" not in record["sources"][0]
    rows = list(csv.DictReader(io.StringIO((site / "data" / "cases-vi.csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["id"] == UNDATED)
    assert (row["period_start"], row["period_end"], row["period_as_of"]) == ("", "", "")
    assert row["country_name"] == "Lào"


@pytest.mark.parametrize("lang", ["en", "zh", "vi"])
def test_explore_timeline_lists_and_pack_keep_an_undated_case(site, lang):
    explore = page(site, lang, "explore")
    item = re.search(r'<li class="cb-explore__item"[^>]*>\s*<a href="[^"]*' + UNDATED, explore).group(0)
    assert 'data-years="unknown"' in item
    label = UI[lang]["year_unknown"]
    assert f'<option value="unknown" data-label="{label}">{label}</option>' in explore
    to_select = re.search(r'<select name="to">.*?</select>', explore, re.S).group(0)
    assert "unknown" not in to_select, "'to' offers years only"
    timeline = page(site, lang, "timeline")
    undated = timeline[re.search(r"<h2[^>]*>" + re.escape(UI[lang]["timeline_undated"]), timeline).start():]
    assert f"cases/{UNDATED}/" in undated and "cases/wanzhou-" not in undated
    assert timeline.count(f"cases/{UNDATED}/") == 1
    assert UI[lang]["period_unknown"] in text(page(site, lang, "cases"))
    pack = page(site, lang, "packs")
    box = re.search(r'<input type="checkbox" name="case" value="' + UNDATED + r'"[^>]*>', pack).group(0)
    assert 'data-newest=""' in box and f'data-newest-label="{UI[lang]["pack_date_unknown"]}"' in box


def entries_for(country: str) -> set[str]:
    return {key for key, e in GLOSSARY.items() if country in e.get("countries", [country])}


def definitions(lang: str, keys: set[str]) -> set[str]:
    return {" ".join(GLOSSARY[key]["definition"][lang].split()) for key in keys}


@pytest.mark.parametrize("lang", ["en", "zh", "vi"])
def test_a_viet_nam_case_never_shows_a_china_only_definition(site, lang):
    shown = tooltips(page(site, lang, f"cases/{VN}"))
    china_only = definitions(lang, set(GLOSSARY) - entries_for("VN"))
    assert not set(shown.values()) & china_only, shown
    # the same words on a Chinese case do get their Chinese definitions
    wanzhou = tooltips(page(site, lang, "cases/wanzhou-grassroots-federation-reform"))
    assert definitions(lang, {"womens-federation"}) & set(wanzhou.values())
    # and the Viet Nam terms are explained on the Viet Nam case
    assert definitions(lang, {"trusted-address"}) <= set(shown.values())


def test_a_term_broken_across_a_line_is_still_found(site):
    shown = tooltips(page(site, "en", f"cases/{VN}"))
    assert shown.get("Women's Union") == " ".join(GLOSSARY["womens-union"]["definition"]["en"].split())
