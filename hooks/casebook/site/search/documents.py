"""What of each page is searched (its fields, with their weights) and what a result shows.

A case is read from its record, field by field: its title weighs most, then where it
happened and who did it, then its summary, then its country, level and themes (in the
language's own names and the other names readers type: "Vietnam", "Viet Nam"), then its
narrative. Its citation block, its
figures table and its related cases are not searched and never make a snippet. Other
pages are read from the search plugin's entries (their text as built); pages that only
list cases (explore, lists, the map, themes, levels, countries) are searched by their
title and first paragraph only, so that a search for a case finds the case and not every
page that lists it. Every page but a case weighs less (KIND_WEIGHT), and a page for
developers (its front matter's ``search: boost:``, Material's own door) less again.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# A case above everything else that matches; the glossary explains terms, so it comes next.
KIND_WEIGHT = {"case": 1.0, "glossary": 0.35}
OTHER_WEIGHT = 0.25
# Pages that list cases: their text is other pages' titles and summaries.
LISTING_KINDS = {"explore", "case-list", "map", "timeline", "translations", "theme", "level", "country",
                 "tags", "pack", "bundle"}
FIELD_WEIGHT = {"title": 8, "where": 5, "summary": 3, "country": 2, "themes": 2, "narrative": 1}
SNIPPET_CHARS = {"zh": 220}
SNIPPET_DEFAULT = 480


@dataclass
class SearchDoc:
    location: str                  # relative to the language's root, as Material links it
    title: str
    kind: str
    boost: float = 1.0             # the page's `search: boost:` (Material's front matter)
    fields: list[tuple[int, str]] = field(default_factory=list)  # (weight, plain text)
    snippet: str = ""              # plain text shown under the title

    @property
    def weight(self) -> float:
        return KIND_WEIGHT.get(self.kind, OTHER_WEIGHT) * self.boost


def plain(markup: str) -> str:
    """Text of HTML or of our Markdown: no tags, link targets, emphasis or list marks."""
    text = re.sub(r"<[^>]+>", " ", markup)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^\s*(?:[-*+]|\d+\.|#+|>)\s+", "", text)
    text = re.sub(r"[*_`]+", "", html.unescape(text)).replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def snippet_of(lang: str, *texts: str) -> str:
    limit = SNIPPET_CHARS.get(lang, SNIPPET_DEFAULT)
    text = " ".join(t for t in texts if t)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] if lang != "zh" else text[:limit]


def case_doc(case, lang: str, location: str, theme_labels: list[str], country: list[str] = (),
             level: str = "") -> SearchDoc:
    """A case page's fields, from its record (what the page shows in ``lang``); ``country``
    its country's names, ``level`` its level's label."""
    values, _ = case.text_in(lang)
    where = [case.place.locality.get(lang), case.place.region.get(lang), case.organization.get(lang)]
    narrative = " ".join(plain(values.get(name) or "") for name in ("background", "reform", "results"))
    figures = " ".join(f.label.get(lang) for f in case.figures)
    summary = plain(values["summary"])
    return SearchDoc(location, values["title"], "case", fields=[
        (FIELD_WEIGHT["title"], values["title"]),
        (FIELD_WEIGHT["where"], " ".join(dict.fromkeys(where))),
        (FIELD_WEIGHT["summary"], summary),
        (FIELD_WEIGHT["country"], " / ".join([*country, level])),
        (FIELD_WEIGHT["themes"], " / ".join(theme_labels)),
        (FIELD_WEIGHT["narrative"], f"{narrative} {figures}"),
    ], snippet=snippet_of(lang, summary, narrative))


def page_doc(location: str, kind: str, lang: str, entries: list[dict]) -> SearchDoc:
    """Any other page, from the search plugin's entries of it (the page's own first)."""
    top = next((e for e in entries if "#" not in e["location"]), entries[0])
    title = plain(top["title"])
    first = re.search(r"<p>(.*?)</p>", top["text"], re.S)
    intro = plain(first.group(1)) if first else ""
    if kind in LISTING_KINDS:
        fields = [(FIELD_WEIGHT["title"], title), (FIELD_WEIGHT["narrative"], intro)]
    else:
        fields = [(FIELD_WEIGHT["title"], title)]
        fields += [(FIELD_WEIGHT["themes"], plain(e["title"])) for e in entries if e is not top]
        fields += [(FIELD_WEIGHT["narrative"], plain(e["text"])) for e in entries]
    boost = float(top.get("boost", 1.0))
    return SearchDoc(location, title, kind, boost, fields, snippet_of(lang, intro or plain(top["text"])))
