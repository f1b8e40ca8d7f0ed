"""Hostile records built for real and opened in Debian's chromium.

One build of a copy of the project with payloads where the issue found script running:
vocabulary labels (printed in the header of the theme and level pages), a long case title
(Material puts a cut-off title's text into a tooltip), titles on links and spans, a
glossary definition (shown when a term on the case page is opened), a link that the training pack rewrites
(``../../packs/javascript:alert(1)``, which MkDocs leaves alone) and formulas in the CSV. Every payload sets a flag and
opens a dialog; the pages are opened at 375 and 1280 px, everything is hovered, focused
and the flag and the dialogs are checked.
"""

from __future__ import annotations

import contextlib
import csv
import io
from urllib.parse import quote
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
import yaml

from browser import outside_requests, serve, settle
from test_sanitize_browser import CASE_ID, LANGS, build_with, payload_record

pytestmark = pytest.mark.browser

RUN = "window.__xss=(window.__xss||0)+1;alert('xss')"
IMG = f'<img src=x onerror="{RUN}">'
LABEL = f"Party {IMG} building"
LONG_TITLE = "A very long case title that the header has to cut off on a phone " + IMG + " and more words"
NARRATIVE = f"""\
A [link with a title](https://example.org/ "{IMG}") and <span title='{IMG}'>a span</span>.

The ACWF is named here, and [a pack link](../../packs/javascript:alert(1)) and
[another](../../packs/vbscript:msgbox(1)) and [data](../../packs/data:text/html,<script>alert(1)</script>).

<script>{RUN}</script> Text after a closed script stays.
"""
FORMULA = '=HYPERLINK("https://evil.example/","click")'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, dict]:
    record = payload_record(narrative=NARRATIVE, plain="plain")
    for lang in LANGS:
        record["text"][lang]["title"] = ("Tiếng Việt: " if lang == "vi" else "") + LONG_TITLE
    record["organization"]["en"] = FORMULA

    def vocabulary(project: Path) -> None:
        for name, key in (("themes.yaml", record["themes"][0]), ("levels.yaml", record["level"])):
            path = project / "cases" / "vocabulary" / name
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data[key] = {lang: f"{LABEL} {lang}" for lang in LANGS}
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        path = project / "cases" / "vocabulary" / "glossary.yaml"
        glossary = yaml.safe_load(path.read_text(encoding="utf-8"))
        glossary["acwf"]["definition"] = {lang: f"Defined {IMG} here" for lang in LANGS}
        path.write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), encoding="utf-8")

    site = build_with(tmp_path_factory.mktemp("hostile"), record, before_build=vocabulary)
    return site, record


@contextlib.contextmanager
def watched_tab(chromium, site: Path, width: int):
    """A page over ``site`` served on loopback at ``width`` px (``page.base``), its dialogs
    dismissed and recorded (``page.dialogs``), every request to another host blocked; on
    leaving, asserts that none was made."""
    with serve(site) as url:
        context = chromium.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        blocked = outside_requests(page, (url,))
        page.base, page.dialogs = url, []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        try:
            yield page
            assert blocked == []
        finally:
            context.close()


def pages(record: dict) -> list[str]:
    theme, level = record["themes"][0], record["level"]
    found = []
    for prefix in LANGS.values():
        found += [f"{prefix}cases/{CASE_ID}/", f"{prefix}themes/{theme}/", f"{prefix}levels/{level}/",
                  f"{prefix}packs/", f"{prefix}tags/"]
    return found


@pytest.mark.parametrize("width", [375, 1280])
def test_no_payload_runs_on_any_page_it_reaches(chromium, hostile_site, width):
    site, record = hostile_site
    with watched_tab(chromium, site, width) as page:
        url, dialogs = page.base, page.dialogs
        for path in pages(record):
            response = page.goto(url + path)
            assert response is not None and response.ok, path
            settle(page)
            # hover and focus every element (the header's cut-off title, tooltips, the tags)
            page.evaluate("""() => { for (const el of document.querySelectorAll('body *')) {
                for (const type of ['mouseover', 'mouseenter', 'pointerenter', 'focus', 'focusin'])
                  el.dispatchEvent(new Event(type, {bubbles: true}));
                if (typeof el.focus === 'function') el.focus();
            } }""")
            for selector in (".md-header__topic", ".cb-term", ".cb-tag", "a"):
                # the pointer over each one a reader can see (hidden ones got the events above);
                # forced: what lies on top gets the hover, as under a real pointer
                for element in page.locator(f"{selector} >> visible=true").all()[:40]:
                    try:
                        element.hover(force=True, timeout=2000)
                    except PlaywrightError as error:  # a closed drawer's: the events above reached it
                        assert "outside of the viewport" in error.message, error.message
            for term in page.locator("a.cb-term").all():  # each glossary definition shown
                term.click()
                assert page.locator(".cb-term__tip:not(:empty)").count() == 1, path
            settle(page)
            flag = page.evaluate("String(window.__xss)")
            assert flag == "undefined" and dialogs == [], (path, flag, dialogs)
            assert page.locator("img").count() == 0, path
            hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
            assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "vbscript:", "data:"))], path


def test_payloads_are_shown_as_the_text_they_are(chromium, hostile_site):
    site, record = hostile_site
    with serve(site) as url:
        page = chromium.new_page()
        try:
            page.goto(f"{url}themes/{record['themes'][0]}/")
            assert page.locator(".md-header__topic").last.inner_text().strip() == f"{LABEL} en"
            assert page.title().startswith(f"{LABEL} en")
            page.goto(f"{url}cases/{CASE_ID}/")
            assert page.title().startswith(LONG_TITLE)
            assert "Text after a closed script stays." in page.locator(".md-content").inner_text()
            assert page.locator(".md-content [title]").count() == 0  # the sanitiser keeps no title
            page.click("a.cb-term")  # the glossary definition, shown as the text it is
            assert page.inner_text(".cb-term__tip").startswith(f"Defined {IMG} here")
            assert page.locator(".cb-term__tip img").count() == 0
        finally:
            page.close()


def test_csv_formulas_are_text(hostile_site):
    site, _ = hostile_site
    rows = list(csv.DictReader(io.StringIO((site / "data" / "cases-en.csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in rows if r["id"] == CASE_ID)
    assert row["organization"] == "'" + FORMULA


@pytest.mark.parametrize("width", [375, 1280])
def test_a_compared_hostile_case_stays_inert(chromium, hostile_site, width):
    """Its title, narrative and sources in the comparison (compare/data/<id>.js, put into
    the table by docs/assets/compare.js), beside a real case, and a payload in the address."""
    site, record = hostile_site
    other = next(p.name for p in sorted((site / "cases").iterdir()) if p.is_dir() and p.name != CASE_ID)
    with watched_tab(chromium, site, width) as page:
        url, dialogs = page.base, page.dialogs
        for lang, prefix in LANGS.items():
            page.goto(f"{url}{prefix}compare/?cases={CASE_ID},{quote(IMG)},{other}")
            page.wait_for_selector(".cb-compare__table")
            table = page.locator(".cb-compare__table")
            assert table.locator(".cb-compare__case a").first.inner_text().strip() == record["text"][lang]["title"]
            assert "Text after a closed script stays." in table.inner_text()
            assert IMG in page.locator(".cb-compare__note").inner_text()  # the address's payload, as text
            page.evaluate("""() => { for (const el of document.querySelectorAll('.cb-compare *')) {
                for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin'])
                  el.dispatchEvent(new Event(type, {bubbles: true}));
            } }""")
            for link in table.locator("a >> visible=true").all()[:40]:
                try:
                    link.hover(force=True, timeout=2000)
                except PlaywrightError as error:  # off screen in the sideways scroll: the events above reached it
                    assert "outside of the viewport" in error.message, error.message
            assert page.evaluate("String(window.__xss)") == "undefined" and dialogs == [], lang
            assert page.locator(".md-content img, .cb-compare script, .cb-compare [title], .cb-compare [style]").count() == 0
            hrefs = table.evaluate("t => [...t.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
            assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "vbscript:", "data:"))]
