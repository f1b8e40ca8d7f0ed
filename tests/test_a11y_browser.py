"""Accessibility: axe-core (npm, installed by `make setup`) in Debian chromium reports no
serious or critical violation on any page type, in any language, on a phone and a laptop."""

from __future__ import annotations

import os

import pytest

from browser import outside_requests, serve
from conftest import ROOT
from needs import need

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CASE = "wanzhou-grassroots-federation-reform"
PAGES = ["", "cases/", f"cases/{CASE}/", "explore/", "timeline/", "map/", "glossary/", "tags/",
         "themes/health/", "translations/", "reference/fields/", "open-data/", "packs/",
         f"compare/?cases={CASE},binh-duong-directive-21-womens-union"]
LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}


@pytest.fixture(scope="module")
def site(built_site):
    need(AXE.is_file(), "node_modules/axe-core", "run: make setup")
    with serve(built_site) as url:
        yield url


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", LANGS)
def test_no_serious_accessibility_violation(chromium, site, lang, width):
    with chromium.new_context(viewport={"width": width, "height": 900}) as context:
        page = context.new_page()
        blocked = outside_requests(page, (site,))
        problems = {}
        for rel in PAGES:
            page.goto(f"{site}{LANGS[lang]}{rel}")
            if rel == "packs/":  # checked with its picker shown, as pack.js shows it
                assert page.is_visible("form.cb-pack-picker"), "pack.js did not show the picker"
            if rel.startswith("compare/"):  # checked with its table drawn, as compare.js draws it
                page.wait_for_selector(".cb-compare__table")
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("""async () => {
                const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});
                return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                    .map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
            }""")
            if result:
                problems[rel or "home"] = result
            # a phone must not scroll sideways (tables and code blocks scroll inside themselves)
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{lang} {rel}: page is {overflow}px wider than a {width}px screen"
        assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
        assert not blocked, blocked
