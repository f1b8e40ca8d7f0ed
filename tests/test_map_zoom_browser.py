"""Zooming the map in a real browser, at 375 px and 1280 px: buttons, keys, ctrl + wheel
(a trackpad's pinch) and a drag change the viewBox of the one static SVG; a shared marker
splits into its places as the reader zooms in (the northern Vietnamese cases share one
marker on the whole map); a map filtered on the explore page frames its cases; nothing is
fetched."""

from __future__ import annotations

import pytest
import yaml

from browser import site_tab
from conftest import ROOT

pytestmark = pytest.mark.browser

RECORDS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cases").glob("*.yaml"))}
UI = yaml.safe_load((ROOT / "hooks" / "casebook" / "pages" / "ui.yaml").read_text(encoding="utf-8"))
LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
STATE = """() => { const s = document.querySelector('svg.cb-map');
  return {zoom: Number(s.getAttribute('data-zoom')), view: s.getAttribute('viewBox').split(' ').map(Number)}; }"""
# the markers of the level shown that stand for any of these cases, with their targets' boxes
SHOWN_FOR = """ids => [...document.querySelectorAll('.cb-map__layer--on a.cb-map__marker:not(.cb-map__off)')]
  .filter(a => a.dataset.cases.split(' ').some(id => ids.includes(id)))
  .map(a => { const r = a.querySelector('.cb-map__target').getBoundingClientRect();
              return {cases: a.dataset.cases.split(' '), box: [r.left, r.top, r.right, r.bottom]}; })"""
WIDTHS = [375, 1280]


@pytest.fixture(scope="module", params=WIDTHS)
def tab(request, built_site):
    with site_tab(built_site, width=request.param, height=900, script_errors=True) as page:
        yield page


def open_map(tab, lang: str, query: str = "") -> dict:
    tab.goto(f"{tab.base}{LANGS[lang]}map/{query}")
    tab.wait_for_selector(".cb-map__zoom:not([hidden])")
    return tab.evaluate(STATE)


def largest_group(tab) -> list[str]:
    return max((ids.split() for ids in tab.eval_on_selector_all(
        ".cb-map__layer--on a.cb-map__marker", "els => els.map(a => a.dataset.cases)")), key=len)


@pytest.mark.parametrize("lang", LANGS)
def test_buttons_zoom_in_and_out_and_show_the_whole_map(tab, lang):
    whole = open_map(tab, lang)
    assert whole["zoom"] == 1
    assert tab.get_attribute(".cb-map__zoom_in", "aria-label") == UI[lang]["map_zoom_in"]
    assert tab.inner_text(".cb-map__zoom_all") == UI[lang]["map_zoom_all"]
    assert tab.is_disabled(".cb-map__zoom_out")
    tab.click(".cb-map__zoom_in")
    two = tab.evaluate(STATE)
    assert two["zoom"] == 2 and two["view"][2] == pytest.approx(whole["view"][2] / 2, abs=0.2)
    while not tab.is_disabled(".cb-map__zoom_in"):
        tab.click(".cb-map__zoom_in")
    assert tab.evaluate(STATE)["zoom"] == 16
    tab.click(".cb-map__zoom_out")
    assert tab.evaluate(STATE)["zoom"] == 8
    tab.click(".cb-map__zoom_all")
    assert tab.evaluate(STATE) == whole


@pytest.mark.parametrize("lang", LANGS)
def test_a_shared_marker_splits_into_its_places_as_the_reader_zooms_in(tab, lang):
    open_map(tab, lang)
    shared = largest_group(tab)
    vn = {c for c, r in RECORDS.items() if r["country"] == "VN"}
    assert len(shared) >= 8 and set(shared) <= vn, "the northern Vietnamese cases share one marker"
    places = {(r["coordinates"]["lat"], r["coordinates"]["lon"]) for c, r in RECORDS.items() if c in shared}
    number = tab.evaluate("""ids => [...document.querySelectorAll('.cb-map__layer--on a.cb-map__marker')]
        .find(a => a.dataset.cases === ids.join(' ')).dataset.group""", shared)
    marker = tab.locator(f'.cb-map__layer--on a.cb-map__marker[data-group="{number}"]')
    marker.scroll_into_view_if_needed()
    marker.click()
    tab.wait_for_function("() => document.querySelector('svg.cb-map').getAttribute('data-zoom') !== '1'")
    assert not tab.url.endswith(f"#map-{number}"), "with script, the marker zooms instead of jumping to the list"
    split = tab.evaluate(SHOWN_FOR, shared)
    assert len(split) > 1 and all(m["box"][2] - m["box"][0] >= 24 for m in split)
    assert sorted(c for m in split for c in m["cases"]) == sorted(shared)
    while not tab.is_disabled(".cb-map__zoom_in"):
        tab.click(".cb-map__zoom_in")
    deepest = tab.evaluate(SHOWN_FOR, shared)
    assert len(deepest) >= len(places) - 1, "at the deepest level nearly every place has its own marker"
    for i, a in enumerate(deepest):
        assert a["box"][2] - a["box"][0] >= 24
        for b in deepest[i + 1:]:
            ra = (a["box"][2] - a["box"][0]) / 2
            d2 = ((a["box"][0] + a["box"][2]) / 2 - (b["box"][0] + b["box"][2]) / 2) ** 2 \
                + ((a["box"][1] + a["box"][3]) / 2 - (b["box"][1] + b["box"][3]) / 2) ** 2
            assert d2 >= (2 * ra - 0.5) ** 2, "two markers' targets overlap"


@pytest.mark.parametrize("lang", LANGS)
def test_a_filtered_map_frames_the_cases_it_shows(tab, lang):
    open_map(tab, lang, "?country=VN")
    tab.wait_for_selector(".cb-map__filtered:not([hidden])")
    state = tab.evaluate(STATE)
    assert state["zoom"] > 1, "two dots on a map of China: the map zooms to the cases shown"
    vn = [c for c, r in RECORDS.items() if r["country"] == "VN"]
    svg = tab.evaluate("() => { const r = document.querySelector('svg.cb-map').getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }")
    shown = tab.evaluate(SHOWN_FOR, vn)
    assert sorted(c for m in shown for c in m["cases"]) == sorted(vn)
    for m in shown:  # every marker of the cases shown is inside the frame
        cx, cy = (m["box"][0] + m["box"][2]) / 2, (m["box"][1] + m["box"][3]) / 2
        assert svg[0] <= cx <= svg[2] and svg[1] <= cy <= svg[3], m["cases"]


def test_keys_zoom_and_move_the_map_and_a_drag_moves_it_without_opening_a_case(tab):
    whole = open_map(tab, "en")
    tab.focus("svg.cb-map")
    tab.keyboard.press("+")
    two = tab.evaluate(STATE)
    assert two["zoom"] == 2
    tab.keyboard.press("ArrowRight")
    moved = tab.evaluate(STATE)
    assert moved["view"][0] > two["view"][0] and moved["view"][1] == two["view"][1]
    box = tab.locator("svg.cb-map").bounding_box()
    url = tab.url
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.mouse.down()
    tab.mouse.move(box["x"] + box["width"] / 2 + 80, box["y"] + box["height"] / 2 + 40, steps=8)
    tab.mouse.up()
    dragged = tab.evaluate(STATE)
    assert dragged["view"][0] < moved["view"][0] and dragged["view"][1] < moved["view"][1]
    assert tab.url == url
    tab.keyboard.press("-")
    assert tab.evaluate(STATE)["zoom"] == 1 and tab.evaluate(STATE)["view"] == whole["view"]


def test_ctrl_wheel_a_trackpads_pinch_zooms_where_the_pointer_is(tab):
    whole = open_map(tab, "en")
    box = tab.locator("svg.cb-map").bounding_box()
    tab.mouse.move(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)
    tab.keyboard.down("Control")
    tab.mouse.wheel(0, -100)
    tab.keyboard.up("Control")
    tab.wait_for_function("() => document.querySelector('svg.cb-map').getAttribute('data-zoom') === '2'")
    view = tab.evaluate(STATE)["view"]
    # the point under the pointer (a quarter across and down) stays under it (to a pixel or two)
    assert view[0] + view[2] * 0.25 == pytest.approx(whole["view"][2] * 0.25, abs=3)
    assert view[1] + view[3] * 0.25 == pytest.approx(whole["view"][3] * 0.25, abs=3)
    tab.mouse.wheel(0, 100)  # without ctrl the wheel scrolls the page, as everywhere
    assert tab.evaluate(STATE)["zoom"] == 2
