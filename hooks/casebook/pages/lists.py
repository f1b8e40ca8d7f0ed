"""Render the browse pages: the case list, one page per theme, level and country, and
the tags index that links them all. Every page lists cases with the same card."""

from __future__ import annotations

from .i18n import join_list, t, t_count
from ..records.load import Casebook
from ..records.model import Case
from .case import format_period, status_badge
from .collation import sort_key
from .markup import esc, front_matter


def card(case: Case, lang: str, book: Casebook, prefix: str) -> str:
    """One case as a list item of a Material grid of cards. ``prefix`` leads to cases/."""
    values, _ = case.text_in(lang)
    place = case.place.locality.get(lang)
    status = case.status(lang)
    badge = ""
    if status != "reviewed":
        badge = " " + status_badge(lang, status)
    facts = " · ".join([esc(place), esc(book.vocabulary.country(case.country, lang)),
                        esc(book.vocabulary.level(case.level, lang)), esc(format_period(case.period, lang))])
    themes = join_list((esc(book.vocabulary.theme(k, lang)) for k in case.themes), lang)
    return (f"-   **[{esc(values['title'])}]({prefix}{case.id}.md)**{badge}\n\n"
            f"    <small class=\"cb-card__facts\">{facts}</small>\n\n"
            f"    {esc(values['summary'])}\n\n"
            f"    <small class=\"cb-card__themes\">{themes}</small>\n")


def cards(cases: list[Case], lang: str, book: Casebook, prefix: str) -> str:
    if not cases:
        return t(lang, "no_cases") + "\n"
    # Out of the search index (data-search-exclude): each case is indexed on its own page;
    # its card on every list would repeat it in the index and in each search's results.
    return '<div class="grid cards cb-cards" data-search-exclude markdown>\n\n' + "\n".join(
        card(case, lang, book, prefix) for case in cases) + "\n</div>\n"


def _meta(kind: str, lang: str, title: str) -> str:
    return front_matter({"title": title, "casebook": {"kind": kind, "lang": lang}})


def render_case_list(book: Casebook, lang: str) -> str:
    """Every case under its country, countries and cases in the order of the reader's
    language, after a line of links to each country: on a phone the last country's
    heading is some twenty screens down."""
    cases = book.sorted_cases()
    names = {code: book.vocabulary.country(code, lang) for code in {c.country for c in cases}}
    countries = sorted(names, key=lambda code: sort_key(names[code], lang))
    parts = [_meta("case-list", lang, t(lang, "all_cases")), f"# {esc(t(lang, 'all_cases'))}\n",
             t(lang, "cases_intro", cases=t_count(lang, "case_count", len(cases)),
               countries=t_count(lang, "country_count", len(countries))) + "\n"]
    here = {code: sorted((c for c in cases if c.country == code),
                         key=lambda c: sort_key(c.text_in(lang)[0]["title"], lang)) for code in countries}
    jumps = [f'<a href="#country-{code.lower()}">{esc(names[code])}</a> '
             f'<span class="cb-count">{len(here[code])}</span>' for code in countries]
    parts.append(f'<nav class="cb-jump" aria-label="{esc(t(lang, "cases_by_country"))}" data-search-exclude>'
                 + " ".join(f"<span>{jump}</span>" for jump in jumps) + "</nav>\n")
    for code in countries:
        parts.append(f"## {esc(names[code])} {{#country-{code.lower()}}}\n")
        parts.append(cards(here[code], lang, book, ""))
    return "\n".join(parts)


def render_listing(kind: str, title: str, cases: list[Case], book: Casebook, lang: str) -> str:
    """A theme, level or country page: its title and the cards of its cases."""
    return "\n".join([_meta(kind, lang, title), f"# {esc(title)}\n",
                      t_count(lang, "listing_intro", len(cases)) + "\n",
                      cards(cases, lang, book, "../cases/")])


def groups(book: Casebook) -> dict[str, dict[str, list[Case]]]:
    """Cases by theme, level and country, in vocabulary order (empty groups kept)."""
    cases = book.sorted_cases()
    return {
        "themes": {k: [c for c in cases if k in c.themes] for k in book.vocabulary.themes},
        "levels": {k: [c for c in cases if c.level == k] for k in book.vocabulary.levels},
        "countries": {code.lower(): [c for c in cases if c.country == code]
                      for code in sorted({c.country for c in cases})},
    }


def group_title(group: str, key: str, book: Casebook, lang: str) -> str:
    if group == "themes":
        return book.vocabulary.theme(key, lang)
    if group == "levels":
        return book.vocabulary.level(key, lang)
    return book.vocabulary.country(key.upper(), lang)


def render_tags_index(book: Casebook, lang: str) -> str:
    parts = [_meta("tags", lang, t(lang, "tags_title")), f"# {esc(t(lang, 'tags_title'))}\n",
             t(lang, "tags_intro") + "\n"]
    headings = {"themes": "by_theme", "levels": "by_level", "countries": "by_country"}
    for group, members in groups(book).items():
        parts.append(f"## {esc(t(lang, headings[group]))}\n")
        for key, cases in members.items():
            if group != "themes" and not cases:
                continue  # an empty level or country is noise; an empty theme invites cases
            title = esc(group_title(group, key, book, lang))
            count = esc(t_count(lang, "case_count", len(cases)))
            parts.append(f'- [{title}](../{group}/{key}.md) <span class="cb-count">{count}</span>')
        parts.append("")
    return "\n".join(parts)
