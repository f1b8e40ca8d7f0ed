"""Comparing cases side by side: the page ``compare/index.<lang>.md`` and what it shows of
each case (``/compare/?cases=a,b``, two to four cases in columns, their fields in rows).

The address is the choice, so the page is one static page for every comparison:
``docs/assets/compare.js`` reads ``?cases=``, keeps only ids of this casebook (four at most,
each once), and loads each chosen case's data as a small script beside the page
(``compare/data/<id>.js``: a script, not fetch(), which file:// refuses). At 1,000 cases the
page never downloads every case's text; it holds only the titles, for its picker.

A case's data is its facts (here, from the model: plain text the script writes with
textContent) and its narrative and sources as the case page shows them: the sanitised
HTML of that page (site/compare_parts.py puts the two together after the case pages are
converted). Same kind of figure, same row: figures have no kind in the model
(records/model.py), so two figures are of a kind when their English label and unit are
the same words, whatever their case or spacing.

The picker, the table's place and the script's words are added to the page's HTML after
the sanitiser (which strips every form), each value escaped here; the case pages' "Compare
with…" (pages/case.py) and the explore page's and the map's tick boxes lead here.
"""

from __future__ import annotations

import json

from .case import format_figure, format_period, status_text
from .compare_links import MAX_CASES
from .i18n import t
from ..records.load import Casebook
from ..records.model import Case, Figure, Period
from .markup import attr_text, esc, front_matter

COMPARE_PAGE = "compare/index"
DATA_DIR = "data"  # beside the page: compare/data/<id>.js, zh/compare/data/<id>.js
CALLBACK = "casebookCompareCase"  # what each data script calls with its case (compare.js)

# The script's words (ui.yaml keys), handed to it in one attribute.
_WORDS = ("choose", "one_more", "more", "no_match", "full", "ignored", "failed", "loading", "field",
          "differs", "missing", "summary", "other_figures", "no_figures", "remove", "named", "separator", "table")
# The rows' names: the ui.yaml keys the case page names its facts and sections by.
_ROWS = ("country", "place", "level", "organization", "period", "themes", "background", "reform",
         "results", "key_figures", "sources")


def render_compare(book: Casebook, lang: str) -> str:
    """The page's Markdown: its title and what it is for; the rest is added after the
    sanitiser (``tools_html``)."""
    meta = {"title": t(lang, "compare_title"), "hide": ["toc"],
            "casebook": {"kind": "compare", "lang": lang},
            # its picker lists every title: a search for a case finds the case's page, not this one
            "search": {"exclude": True}}
    return front_matter(meta) + f"# {esc(t(lang, 'compare_title'))}\n\n{esc(t(lang, 'compare_intro'))}\n"


def tools_html(book: Casebook, lang: str) -> str:
    """The comparison's place, its messages and the picker (every case's title, found as
    one types), for compare.js; every value escaped (titles are contributor text)."""
    words = {key: t(lang, f"compare_{key}") for key in _WORDS}
    words |= {f"row_{key}": t(lang, key) for key in _ROWS}
    choices = "\n".join(
        f'<li><label><input type="checkbox" name="case" value="{attr_text(case.id)}"> '
        f'<span>{attr_text(case.text_in(lang)[0]["title"])}</span></label></li>' for case in book.sorted_cases())
    return (f'\n<div class="cb-compare" id="cb-compare" data-lang="{lang}" data-dir="{DATA_DIR}/" '
            f'data-max="{MAX_CASES}" data-words="{attr_text(json.dumps(words, ensure_ascii=False))}">\n'
            f'<noscript><p>{attr_text(t(lang, "compare_needs_script"))}</p></noscript>\n'
            '<p class="cb-compare__status" role="status" aria-live="polite"></p>\n'
            '<p class="cb-compare__note" hidden></p>\n'
            '<p class="cb-compare__named" hidden></p>\n'
            '<div class="cb-compare__view" hidden></div>\n'
            f'<form class="cb-compare__picker" hidden aria-label="{attr_text(t(lang, "compare_picker"))}">\n'
            f'<h2>{attr_text(t(lang, "compare_picker"))}</h2>\n'
            f'<label class="cb-filter cb-filter--text"><span>{attr_text(t(lang, "compare_find"))}</span>'
            f'<input type="search" name="find" autocomplete="off" placeholder="{attr_text(t(lang, "compare_find_hint"))}"></label>\n'
            '<p class="cb-compare__full" role="status" aria-live="polite"></p>\n'
            f'<ul class="cb-compare__choices">\n{choices}\n</ul>\n'
            '<p class="cb-compare__more"></p>\n'
            '</form>\n</div>\n')


def figure_kind(figure: Figure) -> str:
    """What a figure counts, for putting the same kind on one row: its English label and
    unit, in lower case with single spaces."""
    unit = figure.unit.en if figure.unit else ""
    return " ".join(figure.label.en.casefold().split()) + "|" + " ".join(unit.casefold().split())


def _period_key(period: Period | None) -> str:
    return "" if period is None else f"{period.start or ''}/{period.end or ''}/{period.as_of or ''}"


def case_facts(case: Case, lang: str, book: Casebook, directory_urls: bool) -> dict:
    """What the comparison shows of a case besides its narrative: plain text, each row
    with a key the script compares across cases (the same key, the same value)."""
    values, _ = case.text_in(lang)
    place = case.place.region.get(lang)
    if case.place.locality.get(lang) != place:
        place = f"{case.place.locality.get(lang)}, {place}"
    status = case.status(lang)
    return {
        "id": case.id,
        "title": values["title"],
        "summary": values["summary"],
        "status": "" if status == "reviewed" else status_text(lang, status),
        "url": f"../cases/{case.id}/" if directory_urls else f"../cases/{case.id}.html",
        "rows": {
            "country": [case.country, book.vocabulary.country(case.country, lang)],
            "place": [f"{case.place.locality.en}, {case.place.region.en}".casefold(), place],
            "level": [case.level, book.vocabulary.level(case.level, lang)],
            "organization": [" ".join(case.organization.en.casefold().split()), case.organization.get(lang)],
            "period": [_period_key(case.period), format_period(case.period, lang)],
        },
        "themes": [[key, book.vocabulary.theme(key, lang)] for key in case.themes],
        "figures": [{"kind": figure_kind(f), "label": f.label.get(lang), "value": format_figure(f, lang)}
                    for f in case.figures],
    }


def compare_pages(book: Casebook, lang: str) -> dict[str, str]:
    """The pages under compare/ for ``lang`` (one), as ``{path under docs/: Markdown}``."""
    return {f"{COMPARE_PAGE}.{lang}.md": render_compare(book, lang)}
