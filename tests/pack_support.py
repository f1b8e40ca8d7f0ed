"""What the training pack's tests share: the records, the helpers that read a pack page,
and the edited build (contributor HTML, a missing translation, a source with an address)."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import yaml

from casebook.pages.i18n import format_date
from conftest import ROOT

LANGS = {"en": "", "zh": "zh/", "vi": "vi/"}
RECORDS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "cases").glob("*.yaml"))}
THEMES = yaml.safe_load((ROOT / "cases" / "vocabulary" / "themes.yaml").read_text(encoding="utf-8"))
UI = yaml.safe_load((ROOT / "hooks" / "casebook" / "pages" / "ui.yaml").read_text(encoding="utf-8"))
NARRATIVE = ("background", "reform", "results")


def members(theme: str) -> list[str]:
    return [case_id for case_id, data in RECORDS.items() if theme in data["themes"]]


# A theme with some cases but not all (the picker must show a part of the pack), and
# whose cases do not include the first one (the first page break moves).
THEME = next(k for k in THEMES if 2 <= len(members(k)) < len(RECORDS) and list(RECORDS)[0] not in members(k))

# Contributor HTML added to one case's English text in the edited build.
EDITED = "wanzhou-grassroots-federation-reform"
PAYLOAD = ('Raw script: <script>window.__xss = 1</script> end of raw script.\n\n'
           '<img src="x" onerror="window.__xss = 2">\n\n'
           'A [link](javascript:window.__xss=3) and <span onclick="window.__xss=4">a paragraph.</span>\n\n'
           '<form action="https://example.org/steal" class="cb-pack-picker"><input name="password" value="x">'
           '<select name="theme"><option value="x">injected option</option></select>'
           '<button type="submit" data-action="print">injected button</button></form>\n\n'
           '<p><label><input type="checkbox" name="case" value="fake" checked> injected box</label></p>\n')
TITLE_SUFFIX = ' <b onmouseover="window.__xss=5">"bold" & co</b>'  # a title is plain text
SOURCE_URL = "https://example.org/news/2016/wanzhou-grassroots-officials"


# --- helpers -----------------------------------------------------------------------------

def page(site: Path, lang: str, rel: str) -> str:
    return (site / LANGS[lang] / rel / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def text(fragment: str) -> str:
    """What a reader sees: no tags, no permalinks, whitespace collapsed."""
    fragment = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", fragment)
    fragment = re.sub(r'<a class="cb-term"[^>]*>(.*?)</a>', r"\1", fragment, flags=re.S)  # glossary terms (case pages only)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def headings(fragment: str, level: int) -> list[str]:
    return [text(h) for h in re.findall(rf"<h{level}\b[^>]*>(.*?)</h{level}>", fragment, re.S)]


def picker(html: str) -> str:
    body = article(html)
    start = body.index('<form class="cb-pack-picker"')
    return body[start:body.index("</form>", start) + len("</form>")]


def without_picker(html: str) -> str:
    return article(html).replace(picker(html), "")


def tags(fragment: str) -> list[tuple[str, list[str]]]:
    """(tag, attribute names) of every start tag, as a browser parses them."""
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, [name for name, _ in attrs]))

    Parser().feed(fragment)
    return found


def pack_cases(html: str) -> dict[str, tuple[str, str]]:
    """{case id: (title heading text, the case's part of the pack)} in page order."""
    body = without_picker(html)
    starts = list(re.finditer(r'<h2\b([^>]*\bclass="cb-pack-case[^"]*"[^>]*)>(.*?)</h2>', body, re.S))
    found = {}
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
        case_id = re.search(r'\bid="([^"]+)"', match.group(1)).group(1)
        found[case_id] = (text(match.group(2)), body[match.end():end])
    return found


def case_part(site: Path, lang: str, case_id: str) -> str:
    """A case page's own content, as a pack repeats it: after the title, up to the
    citation box (related cases and previous/next are the page's, not the case's; so is
    the print button: the pack has its own)."""
    body = article(page(site, lang, f"cases/{case_id}"))
    part = body[body.index("</h1>") + 5:body.index('<details class="cb-cite"')]
    return re.sub(r'<p class="cb-print" hidden>.*?</p>', "", part, count=1, flags=re.S)


def title(case_id: str, lang: str, records: dict = RECORDS) -> str:
    texts = records[case_id]["text"]
    return (texts.get(lang) or {}).get("title") or texts["en"]["title"]


def newest(case_ids: list[str]) -> str:
    """The newest source date, "" when none of the cases' sources states one."""
    return max((str(s["date"]) for case_id in case_ids for s in RECORDS[case_id]["sources"] if s.get("date")),
               default="")


def date_label(date: str, lang: str) -> str:
    return format_date(date, lang) if date else UI[lang]["pack_date_unknown"]


def intro_text(case_ids: list[str], lang: str) -> str:
    key = "pack_intro_one" if len(case_ids) == 1 else "pack_intro"
    return UI[lang][key].format(count=len(case_ids), date=date_label(newest(case_ids), lang))


# --- an edited build: contributor HTML, a missing translation, a source with an address ---
# (built once for the session: tests/conftest.py `edited_site`)

def edited_record() -> dict:
    """The edited case's record as the edited build holds it."""
    data = yaml.safe_load((ROOT / "cases" / f"{EDITED}.yaml").read_text(encoding="utf-8"))
    del data["text"]["zh"]  # Chinese readers get the English text, under a notice
    data["text"]["en"]["title"] += TITLE_SUFFIX
    data["text"]["en"]["background"] += "\n\n" + PAYLOAD
    data["sources"][0]["url"] = SOURCE_URL
    return data


EDITED_RECORDS = {**RECORDS, EDITED: edited_record()}


