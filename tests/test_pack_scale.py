"""The training pack of a large casebook (more than pages/pack.py's LOADED_ABOVE cases):
the page holds the picker and the contents, not the cases; each case is a script of its
own, loaded when chosen, over http and from file://, and printed as chosen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from browser import browser, site_tab
from conftest import LARGE_PACK_CASES

LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
# Every case of a large pack in full on the page was ~9.4 KB a case (9,447,797 bytes at
# 1,000 cases); what remains is the picker's box and the contents' line of each case.
PAGE_BYTES_A_CASE = 1_200
VISIBLE_CASES = """() => [...document.querySelectorAll('h2.cb-pack-case')]
    .filter(h => h.getClientRects().length).map(h => h.id)"""


def records(project: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((project / "cases").glob("*.yaml"))}


def theme_of_some(project: Path) -> tuple[str, list[str]]:
    """A theme of some cases but not all, and its cases in the pack's order (by title)."""
    cases = records(project)
    themes = sorted({theme for record in cases.values() for theme in record["themes"]})
    theme = next(t for t in themes if 5 <= sum(t in r["themes"] for r in cases.values()) < len(cases) // 2)
    return theme, [case_id for case_id, record in cases.items() if theme in record["themes"]]


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_a_large_pack_page_holds_no_case_and_each_case_is_a_script(large_pack_project, lang):
    folder = large_pack_project / "site" / LANGS[lang] / "packs"
    page = (folder / "index.html").read_bytes()
    parts = {p.stem: p.stat().st_size for p in (folder / "parts").glob("*.js")}
    assert sorted(parts) == sorted(records(large_pack_project)), "one script for every case"
    assert len(page) < LARGE_PACK_CASES * PAGE_BYTES_A_CASE, f"{len(page):,} bytes"
    assert sum(parts.values()) > 5 * len(page), "the cases are in their scripts, not in the page"
    assert b'class="cb-pack-case' not in page and page.count(b'class="cb-pack-slot"') == LARGE_PACK_CASES
    assert b" checked>" not in page, "no case is chosen until the reader chooses"


def order(site: Path, lang: str, chosen: list[str]) -> list[str]:
    """``chosen`` in the pack's order (the order of the picker's boxes)."""
    page = (site / LANGS[lang] / "packs" / "index.html").read_text(encoding="utf-8")
    boxes = re.findall(r'<input type="checkbox" name="case" value="([^"]+)"', page)
    return [case_id for case_id in boxes if case_id in chosen]


@pytest.mark.browser
def test_a_theme_loads_its_cases_only_and_prints_them(large_pack_project):
    site = large_pack_project / "site"
    theme, members = theme_of_some(large_pack_project)
    with site_tab(site, width=1280, height=900, script_errors=True) as tab:
        loaded: list[str] = []
        tab.on("request", lambda r: loaded.append(r.url.rsplit("/", 1)[-1]) if "/packs/parts/" in r.url else None)
        tab.goto(f"{tab.base}packs/")
        tab.wait_for_selector("form.cb-pack-picker:not([hidden])")
        assert tab.evaluate(VISIBLE_CASES) == [] and loaded == [], "nothing is loaded before a choice"
        assert tab.is_disabled("button[data-action=print]")

        tab.goto(f"{tab.base}packs/?theme={theme}")
        tab.wait_for_selector("button[data-action=print]:not([disabled])")
        assert tab.evaluate(VISIBLE_CASES) == order(site, "en", members)
        assert sorted(loaded) == sorted(f"{case_id}.js" for case_id in members), "only the chosen cases"
        tab.emulate_media(media="print")
        assert tab.evaluate(VISIBLE_CASES) == order(site, "en", members), "printed: the choice"
        first = tab.evaluate("() => [...document.querySelectorAll('h2.cb-pack-first')].map(h => h.id)")
        assert first == order(site, "en", members)[:1], "no page break before the first case printed"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "vi"])
def test_chosen_cases_load_from_file(large_pack_project, lang):
    """From file:// (the offline copy) fetch() fails; the cases' scripts still load."""
    site = large_pack_project / "site"
    chosen = sorted(records(large_pack_project))[3:6]
    with browser() as chromium:
        tab = chromium.new_page(viewport={"width": 375, "height": 800})
        errors: list[str] = []
        tab.on("pageerror", lambda err: errors.append(str(err)))
        tab.goto((site / LANGS[lang] / "packs" / "index.html").as_uri() + "?cases=" + ",".join(chosen))
        tab.wait_for_selector("button[data-action=print]:not([disabled])")
        assert tab.evaluate(VISIBLE_CASES) == order(site, lang, chosen)
        assert tab.locator(".cb-pack-slot:not([hidden]) .cb-summary").count() == len(chosen)
        assert not errors, errors
