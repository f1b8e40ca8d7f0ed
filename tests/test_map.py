"""The map page: a static SVG drawn at build time from world-atlas, no request, no script."""

from __future__ import annotations

import os
import re
from html import unescape

import pytest
import yaml

from conftest import ROOT
from needs import need

pytestmark = pytest.mark.build
LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
RECORDS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cases").glob("*.yaml"))}


@pytest.fixture(scope="module")
def site(built_site):
    need((ROOT / "node_modules" / "world-atlas").is_dir(), "node_modules/world-atlas", "run: make setup")
    return built_site


@pytest.mark.parametrize("lang", LANGS)
def test_map_page(site, lang):
    page = site / LANGS[lang] / "map" / "index.html"
    html = page.read_text(encoding="utf-8")
    svg = re.search(r'<svg class="cb-map".*?</svg>', html, re.S).group(0)
    shapes = "".join(re.findall(r'<path class="cb-map__land".*?</path>', svg))
    assert len(shapes.encode()) < 100_000, "country shapes are simplified and clipped to the view"
    assert len(svg.encode()) < 200_000, "with the markers and labels of every zoom level"
    assert svg.count('class="cb-map__land"') >= 10  # China, Viet Nam and their neighbours
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    svg = svg.split('<g class="cb-map__layer" data-zoom')[0]  # the whole map's level (1)
    found = re.findall(r'<a href="([^"]+)" class="cb-map__marker" data-group="\d+" data-cases="[^"]+"><title>(.*?)</title>'
                       r'<circle class="cb-map__target" cx="([\d.]+)" cy="([\d.]+)"', svg)
    # place labels are drawn before (under) every marker, and are no links
    assert '<g class="cb-map__labels" aria-hidden="true">' in svg
    assert svg.index('class="cb-map__labels"') < svg.index('class="cb-map__marker"')
    labels = re.search(r'<g class="cb-map__labels"[^>]*>(.*?)</g>', svg).group(1)
    assert "<a " not in labels
    placed = {c: r for c, r in RECORDS.items() if r.get("coordinates")}
    singles = {m[0][len("../cases/"):-1]: m for m in found if m[0].startswith("../cases/")}
    listed = re.findall(r'<a href="\.\./cases/([a-z0-9-]+)/">', html.split('class="cb-map__list"', 1)[1].split("</ol>")[0])
    assert sorted(listed) == sorted(placed), "every placed case is in the numbered list"
    for case_id, (href, title, x, y) in singles.items():
        record = placed[case_id]
        text = record["text"].get(lang) or record["text"]["en"]
        assert unescape(title) == text["title"]
        assert (page.parent / f"../cases/{case_id}/index.html").resolve().is_file()
    markers = [(case_id, m[1], m[2], m[3]) for case_id, m in singles.items()]
    # west is left and north is up, for every two single markers a degree or more apart
    where = {m[0]: (float(m[2]), float(m[3])) for m in markers}
    assert len(where) >= 2
    for a in where:
        for b in where:
            ca, cb = placed[a]["coordinates"], placed[b]["coordinates"]
            if ca["lon"] + 1 < cb["lon"]:
                assert where[a][0] < where[b][0], (a, b)
            if ca["lat"] + 1 < cb["lat"]:
                assert where[a][1] > where[b][1], (a, b)
    # cases without a place on the map are listed, with every placed case, below it
    for case_id in RECORDS:
        assert f'href="../cases/{case_id}/"' in html.split("</svg>", 1)[1]


@pytest.mark.parametrize("lang", LANGS)
def test_a_provincial_case_is_labelled_with_its_province(site, lang):
    """A province-wide case's marker stands at its province: the label names the province
    ("Gansu Province"), never the locality ("Province-wide", 全省)."""
    html = (site / LANGS[lang] / "map" / "index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<text x="[^"]+" y="[^"]+" text-anchor="\w+" data-group="\d+" data-cases="([^"]+)">([^<]*)</text>', html)
    provincial = {c: r for c, r in RECORDS.items() if r["level"] == "provincial" and r.get("coordinates")}
    seen = 0
    for case_id, text in labels:
        if case_id in provincial:
            region = provincial[case_id]["place"]["region"]
            assert unescape(text) == region.get(lang, region["en"]), case_id
            seen += 1
        assert unescape(text) not in ("Province-wide", "全省", "Toàn tỉnh")
    assert seen >= 3
