"""The site's scripts in Debian's chromium over data that looks like code
(tests/script_data_support.py): a theme, a level and a case named ``constructor``, a theme
label holding String.replace's ``$&``, ``$'``, ``$``` and ``$1``, a case title that
starts a formula, and an address that names what it likes."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote

import pytest
import yaml

from browser import site_tab
from conftest import ROOT
from script_data_support import CODE_ID, FORMULA, LANGS, LEVEL_LABEL, PLAIN_ID, SEED, THEME_LABEL

pytestmark = pytest.mark.browser

ONLY_PLAIN = yaml.safe_load(SEED.read_text(encoding="utf-8"))["themes"][1]  # (the other has [0])
UI = yaml.safe_load((ROOT / "hooks" / "casebook" / "pages" / "ui.yaml").read_text(encoding="utf-8"))
# Typed into the address: never to be shown. (A flag and a dialog if it ever ran.)
TYPED = "EVIL<img src=x onerror=\"window.__xss=1;alert(1)\">$&{theme}"


@pytest.fixture(scope="module")
def tab(code_named_site):
    with site_tab(code_named_site, width=1280, height=900, script_errors=True) as page:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.dialogs = dialogs
        yield page
        assert dialogs == [] and page.evaluate("String(window.__xss)") == "undefined"


def facet_texts(tab) -> dict[str, str]:
    return tab.evaluate("""() => ({
        theme: document.querySelector('input[name=theme][value=constructor]').parentNode.querySelector('[data-label]').textContent,
        level: document.querySelector('select[name=level] option[value=constructor]').textContent,
        form: document.querySelector('#cb-explore-filters').textContent})""")


@pytest.mark.parametrize("lang", list(LANGS))
def test_facets_named_constructor_count_their_cases(tab, lang):
    tab.goto(f"{tab.base}{LANGS[lang]}explore/")
    texts = facet_texts(tab)
    assert texts["theme"] == f"{THEME_LABEL[lang]} (1)"
    assert texts["level"] == f"{LEVEL_LABEL[lang]} (1)"
    # a theme of the other case only: the level named constructor would then give no case
    tab.check(f"input[name=theme][value={ONLY_PLAIN}]")
    texts = facet_texts(tab)
    assert texts["level"] == f"{LEVEL_LABEL[lang]} (0)"
    assert "function" not in texts["form"] and "native code" not in texts["form"], texts["form"]


def test_the_explore_csv_keeps_a_formula_title_as_text(tab):
    tab.goto(f"{tab.base}explore/")
    with tab.expect_download() as info:
        tab.click(".cb-explore__csv button")
    text = open(info.value.path(), encoding="utf-8-sig", newline="").read()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 3, rows  # the head and the two cases
    row = next(r for r in rows if r[0] == CODE_ID)
    assert row[1] == "'" + FORMULA, "shown by a spreadsheet as the text it is"
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r", "\n")) for r in rows for cell in r)


@pytest.mark.parametrize("lang", list(LANGS))
def test_a_theme_label_with_dollar_patterns_is_named_as_written(tab, lang):
    tab.goto(f"{tab.base}{LANGS[lang]}packs/?theme={CODE_ID}")
    tab.wait_for_selector("form.cb-pack-picker:not([hidden])")
    named = UI[lang]["pack_choice_theme"].replace("{theme}", THEME_LABEL[lang])  # (str.replace: no patterns)
    assert tab.inner_text(".cb-pack-choice") == named
    assert tab.title().startswith(named.rstrip(".。") + " · ")


def pack_state(tab) -> dict:
    return tab.evaluate("""() => ({title: document.title,
        choice: document.querySelector('.cb-pack-choice').textContent,
        status: document.querySelector('form.cb-pack-picker [aria-live]').textContent,
        intro: (document.querySelector('.cb-pack-intro') || {}).textContent || '',
        chosen: [...document.querySelectorAll('input[name=case]:checked')].map(b => b.value)})""")


@pytest.mark.parametrize("query, chosen", [
    (f"?theme={quote(TYPED)}", [CODE_ID, PLAIN_ID]),              # an unknown theme: ignored
    ("?theme=__proto__", [CODE_ID, PLAIN_ID]),
    (f"?cases={quote(TYPED)},{CODE_ID}", [CODE_ID]),               # only the real ids count
    (f"?cases={quote(TYPED)},toString,__proto__", [CODE_ID, PLAIN_ID]),  # none real: every case
    (f"?theme={quote(TYPED)}&cases={quote(TYPED)},{PLAIN_ID}", [PLAIN_ID]),
])
def test_the_pack_names_its_choice_from_the_page_never_from_the_address(tab, query, chosen):
    tab.goto(f"{tab.base}packs/{query}")
    tab.wait_for_selector("form.cb-pack-picker:not([hidden])")
    state = pack_state(tab)
    assert sorted(state["chosen"]) == sorted(chosen), state
    shown = " ".join([state["title"], state["choice"], state["status"], state["intro"]])
    for typed in ("EVIL", "<img", "$&", "{theme}", "__proto__", "toString"):
        assert typed not in shown, (typed, state)
    assert re.fullmatch(r"[^<>]*", state["title"]), state["title"]
