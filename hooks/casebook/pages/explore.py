"""The explore page (``explore/index.<lang>.md``): every case with its facets.

The page works without JavaScript (every case is listed); ``docs/assets/explore.js``
adds the filters, keeps them in the address (?country=CN&theme=health) so a view can be
shared, and announces the count to screen readers. Facet values are data attributes on
each card, so the script needs no index of its own.
"""

from __future__ import annotations

from .i18n import t
from ..records.load import Casebook
from ..records.model import Case
from .case import format_period
from .markup import esc, front_matter
from .lists import groups
from .words import unaccented
from ..records.vocabulary import country_name

STATUSES = ("reviewed", "draft", "missing")


def _options(name: str, choices: list[tuple[str, str]], lang: str) -> str:
    options = [f'<option value="">{esc(t(lang, "filter_any"))}</option>']
    options += [f'<option value="{esc(value)}">{esc(label)}</option>' for value, label in choices]
    return (f'<label class="cb-filter"><span>{esc(t(lang, "filter_" + name))}</span>'
            f'<select name="{name}">{"".join(options)}</select></label>')


def _item(case: Case, lang: str, book: Casebook, directory_urls: bool) -> str:
    values, _ = case.text_in(lang)
    place = f"{case.place.locality.get(lang)}, {country_name(case.country, lang)}"
    words = " ".join([values["title"], values["summary"], case.place.locality.get(lang),
                      case.place.region.get(lang), case.organization.get(lang),
                      case.organization.en, case.place.locality.en])
    status = case.status(lang)
    themes = ", ".join(esc(book.vocabulary.theme(k, lang)) for k in case.themes)
    badge = "" if status == "reviewed" else \
        f' <span class="cb-status" data-status="{status}">{esc(t(lang, "status_" + status))}</span>'
    return (f'<li class="cb-explore__item" data-country="{case.country}" data-level="{case.level}" '
            f'data-themes="{" ".join(case.themes)}" data-years="{" ".join(map(str, case.period.years))}" '
            f'data-status="{status}" data-text="{esc(unaccented(words))}">\n'
            f'<a href="../cases/{case.id}{"/" if directory_urls else ".html"}"><strong>{esc(values["title"])}</strong></a>{badge}<br>\n'
            f'<small>{esc(place)} · {esc(book.vocabulary.level(case.level, lang))} · '
            f'{esc(format_period(case.period, lang))}</small><br>\n'
            f'<small class="cb-card__themes">{themes}</small>\n</li>')


def render_explore(book: Casebook, lang: str, directory_urls: bool = True) -> str:
    cases = book.sorted_cases()
    grouped = groups(book)
    years = sorted({year for case in cases for year in case.period.years})
    used_themes = [k for k, members in grouped["themes"].items() if members]
    used_levels = [k for k, members in grouped["levels"].items() if members]
    controls = [
        f'<label class="cb-filter cb-filter--text"><span>{esc(t(lang, "filter_text"))}</span>'
        f'<input type="search" name="q" placeholder="{esc(t(lang, "filter_text_hint"))}"></label>',
        _options("country", [(c.upper(), country_name(c.upper(), lang)) for c in grouped["countries"]], lang),
        _options("level", [(k, book.vocabulary.level(k, lang)) for k in used_levels], lang),
        _options("theme", [(k, book.vocabulary.theme(k, lang)) for k in used_themes], lang),
        _options("from", [(str(y), str(y)) for y in years], lang),
        _options("to", [(str(y), str(y)) for y in years], lang),
        _options("status", [(s, t(lang, "status_" + s)) for s in STATUSES], lang),
        f'<button type="reset" class="md-button">{esc(t(lang, "filter_reset"))}</button>',
    ]
    items = "\n".join(_item(case, lang, book, directory_urls) for case in cases)
    # The count and "no match" texts are in the page so the script has no words of its own.
    return (front_matter({"title": t(lang, "explore_title"), "hide": ["toc"],
                          "casebook": {"kind": "explore", "lang": lang}})
            + f"# {esc(t(lang, 'explore_title'))}\n\n{esc(t(lang, 'explore_intro'))}\n\n"
            + f'<form class="cb-explore__filters" id="cb-explore-filters" role="search" '
              f'aria-label="{esc(t(lang, "explore_title"))}">\n' + "\n".join(controls) + "\n</form>\n\n"
            + f'<p class="cb-explore__count" aria-live="polite" data-template="{esc(t(lang, "explore_count"))}" '
              f'data-none="{esc(t(lang, "explore_none"))}" data-total="{len(cases)}">'
            + esc(t(lang, "explore_count", count=len(cases), total=len(cases))) + "</p>\n\n"
            + f'<ul class="cb-explore__list" id="cb-explore" data-search-exclude>\n{items}\n</ul>\n')
