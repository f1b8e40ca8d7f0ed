"""What search engines and Lighthouse's SEO audit read, through the real build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casebook.engine.site_address import ENV, PLACEHOLDER
from conftest import ROOT

pytestmark = pytest.mark.build

# mkdocs.yml: site_url from CASEBOOK_SITE_URL, else the placeholder
SITE_URL = __import__("os").environ.get(ENV) or PLACEHOLDER
CASES = sorted(p.stem for p in (ROOT / "cases").glob("*.yaml"))
PREFIX = {"en": "", "zh": "zh/", "vi": "vi/"}


def test_every_case_page_has_language_description_and_canonical(built_site: Path):
    for case in CASES:
        for lang, prefix in PREFIX.items():
            html = (built_site / prefix / "cases" / case / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html
            description = re.search(r'<meta name="description" content="([^"]+)"', html)
            assert description and len(description.group(1)) > 40, (lang, case)
            assert f'<link rel="canonical" href="{SITE_URL}{prefix}cases/{case}/">' in html


def test_translations_are_named_in_the_sitemap_not_in_each_head(built_site: Path):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for case in CASES:
        entry = re.search(rf"<url>\s*<loc>{re.escape(SITE_URL)}cases/{case}/</loc>.*?</url>", sitemap, re.S)
        assert entry, case
        for lang, prefix in PREFIX.items():
            assert f'hreflang="{lang}" href="{SITE_URL}{prefix}cases/{case}/"' in entry.group(0)
    # In <head> they made Material's script ask for a sitemap.xml in every page's folder.
    for page in ("index.html", f"zh/cases/{CASES[0]}/index.html", "vi/explore/index.html"):
        head = (built_site / page).read_text(encoding="utf-8").split("</head>")[0]
        assert not re.search(r'<link rel="alternate"[^>]*hreflang', head), page
        body = (built_site / page).read_text(encoding="utf-8").split("</head>")[1]
        assert body.count('class="md-select__link"') == 3, "the language menu keeps its links"


def test_search_dialog_is_named_in_the_page_language(built_site: Path):
    for page, name in (("index.html", "Search"), ("zh/index.html", "搜索"), ("vi/index.html", "Tìm kiếm")):
        html = (built_site / page).read_text(encoding="utf-8")
        assert f'role="dialog" aria-label="{name}"' in html, page


def test_page_title_has_no_permalink_sections_keep_theirs(built_site: Path):
    html = (built_site / "cases" / CASES[0] / "index.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1\b.*?</h1>", html, re.S).group(0)
    assert "headerlink" not in h1
    assert re.search(r'<h2 id="background">[^<]*<a class="headerlink" href="#background"', html)


def test_footer_states_the_licences_in_the_page_language(built_site: Path):
    for page, words in (("index.html", "Case texts and data CC BY 4.0"), ("zh/index.html", "案例文本和数据采用 CC BY 4.0"),
                        ("vi/index.html", "Văn bản và dữ liệu CC BY 4.0")):
        footer = (built_site / page).read_text(encoding="utf-8").split('<footer', 1)[1]
        assert words in footer and "Made with" not in footer, page


def test_the_sitemap_names_english_as_every_pages_default(built_site: Path):
    # x-default: the page for a reader whose language is none of ours (Google's hreflang).
    entries = re.findall(r"<url>.*?</url>", (built_site / "sitemap.xml").read_text(encoding="utf-8"), re.S)
    assert entries
    for entry in entries:
        english = re.findall(r'hreflang="en" href="([^"]+)"', entry)
        assert re.findall(r'hreflang="x-default" href="([^"]+)"', entry) == english, entry
    home = next(e for e in entries if f"<loc>{SITE_URL}zh/</loc>" in e)
    assert f'hreflang="x-default" href="{SITE_URL}"' in home
