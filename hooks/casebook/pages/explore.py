"""The explore page (``explore/index.<lang>.md``): every case with its facets.

The page works without JavaScript (every case is listed); ``docs/assets/explore.js``
adds the filters, keeps them in the address (?country=CN&theme=health,migrants) so a view
can be shared, counts the cases behind each facet value, sorts, and downloads the cases
shown as CSV. Facet values are data attributes on each card; the words of each case's
whole text are in ``explore/text.<lang>.js`` (pages/explore_text.py), loaded on the
first keystroke, so the page stays small at 1,000 cases.
"""

from __future__ import annotations

from collections import Counter

from .. import DEFAULT_LANGUAGE
from .i18n import address, join_list, t
from ..records.load import Casebook
from ..records.model import Case
from ..translations.fields import outdated
from .case import format_period, status_badge, status_text
from .markup import esc, front_matter
from .lists import groups
from .words import as_typed

# A case's translation status in a language: "outdated" when any of its texts there was
# made from an earlier English (translations/fields.py), whatever its record's status.
STATUSES = ("reviewed", "draft", "outdated", "missing")
# The year facet of a case whose sources state no date: listed, and found by choosing
# "year not stated" (explore.js), never given a guessed year.
YEAR_UNKNOWN = "unknown"


def _label(text: str, count: int | None) -> str:
    """An option's text with its count ("Health (3)"); explore.js keeps it up to date."""
    return esc(text) if count is None else f"{esc(text)} ({count})"


def _options(name: str, choices: list[tuple[str, str]], lang: str, counts: Counter | None = None,
             first: str = "filter_any") -> str:
    options = [f'<option value="">{esc(t(lang, first))}</option>']
    options += [f'<option value="{esc(value)}" data-label="{esc(label)}">'
                f'{_label(label, counts[value] if counts is not None else None)}</option>'
                for value, label in choices]
    return (f'<label class="cb-filter"><span>{esc(t(lang, "filter_" + name))}</span>'
            f'<select name="{name}">{"".join(options)}</select></label>')


def _themes(choices: list[tuple[str, str]], lang: str, counts: Counter) -> str:
    """Several themes at once: a case shows when it has any of the themes ticked."""
    boxes = "".join(f'<label><input type="checkbox" name="theme" value="{esc(key)}"> '
                    f'<span data-label="{esc(label)}">{_label(label, counts[key])}</span></label>'
                    for key, label in choices)
    return (f'<fieldset class="cb-filter cb-filter--themes"><legend>{esc(t(lang, "filter_themes_any"))}</legend>'
            f'{boxes}</fieldset>')


def facet_status(case: Case, lang: str, book: Casebook) -> str:
    """The translation status a case is filtered by: reviewed, draft, outdated or missing."""
    return "outdated" if outdated(case, lang, book.history.of_case(case.id)) else case.status(lang)


def facet_attributes(case: Case, lang: str, book: Casebook, words: bool = True) -> str:
    """The data attributes explore.js filters a case by (on the explore page and on the
    map, which shows the cases an explore view chose): its facets and, with ``words``,
    the words of its title, summary, place and organization, in lower case (the script
    folds them as it folds a query). (The map goes without: it looks words up in explore/text.js, which holds
    them too, and stays small.)"""
    attributes = (f'data-id="{case.id}" data-country="{case.country}" data-level="{case.level}" '
                  f'data-themes="{" ".join(case.themes)}" data-years="{" ".join(map(str, case.years)) or YEAR_UNKNOWN}" '
                  f'data-status="{facet_status(case, lang, book)}"')
    if not words:
        return attributes
    values, _ = case.text_in(lang)
    words = " ".join([values["title"], values["summary"], case.place.locality.get(lang),
                      case.place.region.get(lang), case.organization.get(lang),
                      case.organization.en, case.place.locality.en])
    text = as_typed(words) if lang != "zh" else "".join(as_typed(words).split())
    return f'{attributes} data-text="{esc(text)}"'


def _item(case: Case, lang: str, book: Casebook, directory_urls: bool) -> str:
    values, _ = case.text_in(lang)
    place = address([case.place.locality.get(lang), book.vocabulary.country(case.country, lang)], lang)
    status = facet_status(case, lang, book)
    themes = join_list((esc(book.vocabulary.theme(k, lang)) for k in case.themes), lang)
    badge = "" if status == "reviewed" else \
        " " + status_badge(lang, status)
    return (f'<li class="cb-explore__item" {facet_attributes(case, lang, book)}>\n'
            f'<a href="../cases/{case.id}{"/" if directory_urls else ".html"}"><strong>{esc(values["title"])}</strong></a>{badge}<br>\n'
            f'<small>{esc(place)} · {esc(book.vocabulary.level(case.level, lang))} · '
            f'{esc(format_period(case.period, lang))}</small><br>\n'
            f'<small class="cb-card__themes">{themes}</small>\n</li>')


def render_explore(book: Casebook, lang: str, directory_urls: bool = True) -> str:
    cases = book.sorted_cases()
    grouped = groups(book)
    years = [(str(y), str(y)) for y in sorted({year for case in cases for year in case.years})]
    if any(not case.years for case in cases):  # "from: year not stated" lists those cases
        years.append((YEAR_UNKNOWN, t(lang, "year_unknown")))
    used_themes = [k for k, members in grouped["themes"].items() if members]
    used_levels = [k for k, members in grouped["levels"].items() if members]
    counts = {"country": Counter(c.country for c in cases), "level": Counter(c.level for c in cases),
              "theme": Counter(k for c in cases for k in c.themes), "status": Counter(facet_status(c, lang, book) for c in cases)}
    controls = [
        f'<label class="cb-filter cb-filter--text"><span>{esc(t(lang, "filter_text"))}</span>'
        f'<input type="search" name="q" placeholder="{esc(t(lang, "filter_text_hint"))}"></label>',
        _options("country", [(c.upper(), book.vocabulary.country(c.upper(), lang)) for c in grouped["countries"]],
                 lang, counts["country"]),
        _options("level", [(k, book.vocabulary.level(k, lang)) for k in used_levels], lang, counts["level"]),
        _options("from", years, lang),
        _options("to", [y for y in years if y[0] != YEAR_UNKNOWN], lang),
        # (English is the original: never missing, never behind itself)
        _options("status", [(s, status_text(lang, s)) for s in STATUSES
                            if lang != DEFAULT_LANGUAGE or s not in ("missing", "outdated")], lang, counts["status"]),
        _options("sort", [("year", t(lang, "sort_year")), ("title", t(lang, "sort_title"))], lang,
                 first="sort_default"),
        _themes([(k, book.vocabulary.theme(k, lang)) for k in used_themes], lang, counts["theme"]),
        f'<button type="reset" class="md-button">{esc(t(lang, "filter_reset"))}</button>',
    ]
    items = "\n".join(_item(case, lang, book, directory_urls) for case in cases)
    # The count, "no match" and CSV texts are in the page so the script has no words of its own.
    csv_head = ",".join(t(lang, key) for key in ("csv_id", "csv_title", "country", "level", "themes", "period", "csv_url"))
    return (front_matter({"title": t(lang, "explore_title"), "hide": ["toc"],
                          "casebook": {"kind": "explore", "lang": lang}})
            + f"# {esc(t(lang, 'explore_title'))}\n\n{esc(t(lang, 'explore_intro'))}\n\n"
            + f'<form class="cb-explore__filters" id="cb-explore-filters" role="search" '
              f'aria-label="{esc(t(lang, "explore_title"))}" data-text-script="text.js" data-lang="{lang}">\n'
            + "\n".join(controls) + "\n</form>\n\n"
            + f'<p class="cb-explore__note" role="status" data-swapped="{esc(t(lang, "explore_years_swapped"))}"></p>\n\n'
            # The count with a way down to the results, held at the foot of a phone's screen
            # while the reader is in the form (some 1,500 px of it at 375 px; casebook.css).
            + '<div class="cb-explore__bar">\n'
            + f'<p class="cb-explore__count" aria-live="polite" data-template="{esc(t(lang, "explore_count"))}" '
              f'data-none="{esc(t(lang, "explore_none"))}" data-total="{len(cases)}">'
            + esc(t(lang, "explore_count", count=len(cases), total=len(cases))) + "</p>\n"
            + f'<p class="cb-explore__jump"><a href="#cb-explore">{esc(t(lang, "explore_show_results"))}</a></p>\n'
            + "</div>\n\n"
            + f'<p class="cb-explore__map"><a href="../map/{"" if directory_urls else "index.html"}">{esc(t(lang, "explore_on_map"))}</a></p>\n\n'
            + f'<p class="cb-explore__csv" hidden><button type="button" class="md-button" data-head="{esc(csv_head)}" '
              f'data-file="{esc(t(lang, "csv_file"))}" data-file-chosen="{esc(t(lang, "csv_file_chosen"))}" '
              f'data-separator="{esc(t(lang, "list_separator"))}">{esc(t(lang, "explore_csv"))}</button></p>\n\n'
            + f'<ul class="cb-explore__list" id="cb-explore" data-search-exclude>\n{items}\n</ul>\n')
