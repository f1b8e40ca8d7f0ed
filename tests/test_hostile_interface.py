"""Interface strings are text wherever they land: a property over every string of ui.yaml.

A translator's PO file may hold anything the import's rules let through, and quotes are
let through (the Vietnamese licence text needs them). So every translated string of
``pages/ui.yaml`` is given a breakout that is refused by no rule (a closing quote of each
kind, then attributes), the site is built for real, and every page, script and stylesheet
of both translated languages is parsed: no payload may become an attribute, an element,
a script statement or a CSS rule. (Markup itself is refused at import and by validate:
tests/test_hostile_translations.py.)
"""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.build

# No "<", no entity, no control character, no new placeholder or link: what the rules allow.
BREAKOUT = ''' x" data-pwn="1" onmouseover="window.__xss=1" y' data-pwn='2' onfocus='window.__xss=2' z'''
KEPT_CASES = 3


class Elements(html.parser.HTMLParser):
    """Every attribute name and every inline script of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name) for name, _ in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def hostile_interface(project: Path) -> None:
    ui_file = project / "hooks" / "casebook" / "pages" / "ui.yaml"
    strings = yaml.safe_load(ui_file.read_text(encoding="utf-8"))
    for lang in ("zh", "vi"):
        strings[lang] = {key: f"{text}{BREAKOUT}" for key, text in strings[lang].items()}
    ui_file.write_text(yaml.safe_dump(strings, allow_unicode=True, sort_keys=False, width=10**6),
                       encoding="utf-8")
    for path in sorted((project / "cases").glob("*.yaml"))[KEPT_CASES:]:
        path.unlink()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile-ui"))
    hostile_interface(project)
    result = mkdocs_build(project)
    assert result.returncode == 0, "quotes in interface strings are text:\n" + result.stderr[-4000:]
    return project / "site"


def translated_pages(site: Path) -> list[Path]:
    return sorted(p for lang in ("zh", "vi") for p in (site / lang).rglob("*.html"))


def test_the_payload_reached_every_translated_page(hostile_site):
    """Else the test below would pass for want of input."""
    pages = translated_pages(hostile_site)
    assert len(pages) > 20
    for page in pages:
        if "404" not in page.name:
            assert "data-pwn" in page.read_text(encoding="utf-8"), page


def test_no_interface_string_becomes_an_attribute_in_any_page(hostile_site):
    found = set()
    for page in translated_pages(hostile_site):
        parsed = Elements()
        parsed.feed(page.read_text(encoding="utf-8"))
        found |= {(page.relative_to(hostile_site).as_posix(), tag, name) for tag, name in parsed.attributes
                  if name.startswith("data-pwn") or name in ("onmouseover", "onfocus")}
    assert sorted(found) == []


def test_no_interface_string_becomes_script_in_any_page(hostile_site):
    """Inline scripts holding a payload hold it inside a JSON string (Material's config)."""
    for page in translated_pages(hostile_site):
        parsed = Elements()
        parsed.feed(page.read_text(encoding="utf-8"))
        for script in parsed.scripts:
            if "data-pwn" not in script:
                continue
            data = json.loads(script)  # a page's inline data, and nothing else
            assert "data-pwn" in json.dumps(data, ensure_ascii=False)


def test_scripts_and_stylesheets_written_by_the_build_keep_the_payload_in_strings(hostile_site):
    """Generated scripts (explore's text, the search index's parts) carry interface strings
    only inside JSON; no stylesheet carries one."""
    for path in sorted(hostile_site.rglob("*")):
        if path.suffix not in (".js", ".css") or "data-pwn" not in path.read_text(encoding="utf-8", errors="replace"):
            continue
        text = path.read_text(encoding="utf-8")
        assert path.suffix == ".js", path
        assignment = re.fullmatch(r"window\.\w+=(.*);\s*", text, re.S)  # explore's text
        call = (re.fullmatch(r"\w+\((.*)\);\s*", text, re.S)  # a search index part
                or re.fullmatch(r"(window\.\w+)&&\1\((.*)\);\s*", text, re.S))  # a compared case's data
        assert assignment or call, path
        json.loads(assignment.group(1) if assignment else f"[{call.groups()[-1]}]")  # raises when a quote left its string
