"""Chinese and Vietnamese pages in a real browser: no English of the site's own on them.

What a reader sees or hears (text, and the title, aria-label, placeholder and alt a
browser shows or reads out) holds none of the site's English wording: the casebook's UI
strings, the model's field descriptions, Material's palette names, the heading
permalinks' title, APA's "n.d.". English a case quotes (a source's title) is marked
lang="en" and left out. The English-only performance page is not published in /zh/, /vi/.
"""

from __future__ import annotations

import re

import pytest
import yaml

from browser import browser, outside_requests, serve
from conftest import ROOT

from casebook.records import model
from casebook.pages.reference import field_rows

pytestmark = pytest.mark.browser

CASE = "wanzhou-grassroots-federation-reform"
PAGES = ["", "cases/", f"cases/{CASE}/", "explore/", "timeline/", "map/", "glossary/", "tags/",
         "translations/", "reference/fields/", "open-data/", "packs/", "contributing/", "levels/county/"]


def english_wording() -> set[str]:
    ui = yaml.safe_load((ROOT / "hooks" / "casebook" / "pages" / "ui.yaml").read_text(encoding="utf-8"))
    found = {"Dark mode", "Light mode", "Permanent link", "(n.d.)"}
    for key, text in ui["en"].items():
        if text in (ui["zh"][key], ui["vi"][key]):
            continue  # the same in every language (a name, "APA")
        for piece in re.split(r"\{[^}]*\}|[.:;()]", str(text)):  # the words around placeholders
            if sum(w.isalpha() and w.islower() for w in piece.split()) >= 2:  # not a name ("CC BY 4")
                found.add(piece.strip())
    found |= {info.description.rstrip(".") for _, _, info in field_rows(model.Case) if info.description}
    return found


SEEN = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('[lang^="en"], script, style, code, pre')) continue;
    out.push(node.textContent);
  }
  for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
    if (el.closest('[lang^="en"]')) continue;
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) if (el.hasAttribute(a)) out.push(el.getAttribute(a));
  }
  out.push(document.title);
  return out.join('\\n').replace(/\\s+/g, ' ');
}"""


@pytest.mark.parametrize("lang", ["zh", "vi"])
def test_no_english_of_the_site_on_the_page(built_site, lang):
    wording = english_wording()
    with serve(built_site) as url, browser() as chromium:
        page = chromium.new_page(viewport={"width": 375, "height": 800})
        blocked = outside_requests(page, (url,))
        problems = {}
        for rel in PAGES:
            response = page.goto(f"{url}{lang}/{rel}")
            assert response.ok, rel
            seen = page.evaluate(SEEN)
            english = sorted(w for w in wording if w in seen)
            if english:
                problems[rel or "home"] = english
        assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
        assert not blocked, blocked


@pytest.mark.parametrize("lang", ["zh", "vi"])
def test_english_only_page_is_published_once(built_site, lang):
    assert (built_site / "performance" / "index.html").is_file()
    assert not (built_site / lang / "performance").exists()
    index = (built_site / lang / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "performance/" not in index
    contributing = (built_site / lang / "contributing" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../performance/" hreflang="en"' in contributing
