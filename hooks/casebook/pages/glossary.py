"""Render the glossary page in one language: a row of index letters, then every term under
its letter in alphabetical order (pages/collation.py), with its definition, its names in
the other two languages and the cases that use it."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from urllib.parse import urlencode

from .. import LANGUAGES
from ..records.glossary import Entry, Glossary, TermFinder, case_texts, term_finder
from ..records.model import Case
from .collation import alphabet, initial, letter_order, sort_key
from .i18n import t, t_count
from .markup import attr_text, esc, front_matter

# The cases listed under a term; the rest are one link to the explore page, searching for
# the term (its search finds every case with the term's words, so a few more at most). At
# 1,000 cases a common term ("grassroots") is in hundreds of them: a link to each would
# make the page megabytes, and the list a wall of titles nobody reads through.
SHOWN_CASES = 12


def render_glossary(glossary: Glossary, lang: str, country_name=None, cases: Iterable[Case] = (),
                    directory_urls: bool = True) -> str:
    """``country_name(code, lang)``: how the page names the countries an entry is for
    (a definition of one country's organization says whose it is). ``cases``: those
    whose text may use a term, to list under it."""
    title = t(lang, "glossary_title")
    meta = {"title": title, "casebook": {"kind": "glossary", "lang": lang}}
    uses = cases_by_term(glossary, cases, lang)
    groups = [(letter, list(entries)) for letter, entries
              in groupby(sorted_entries(glossary, lang), key=lambda e: initial(e.term[lang], lang))]
    sections = []
    for letter, entries in groups:
        items = "\n".join(_entry(entry, lang, country_name, uses.get(entry.key, []), directory_urls)
                          for entry in entries)
        # The letter's id on the section, not the heading: the search index would make each
        # heading with an id a section of its own, titled with one letter.
        sections.append(f'<section class="cb-glossary__letter" id="{letter_id(letter)}">\n'
                        f'<h2 data-search-exclude>{esc(letter)}</h2>\n'
                        f'<dl class="cb-glossary">\n{items}\n</dl>\n</section>\n')
    return "\n".join([
        front_matter(meta),
        f"# {esc(title)}\n",
        f"{esc(t(lang, 'glossary_intro'))}\n",
        letter_row([letter for letter, _ in groups], lang),
        *sections,
    ])


def sorted_entries(glossary: Glossary, lang: str) -> list[Entry]:
    """Entries by index letter, then alphabetically by their term in ``lang``."""
    def key(entry: Entry) -> tuple:
        term = entry.term[lang]
        return (letter_order(initial(term, lang), lang), sort_key(term, lang), entry.key)
    return sorted(glossary, key=key)


def letter_id(letter: str) -> str:
    """An underscore, which no glossary key has: a letter's id never is a term's."""
    return {"#": "letter_other"}.get(letter, f"letter_{letter.lower()}")


def letter_row(used: list[str], lang: str) -> str:
    """Every letter of the language's index; those no term starts with are dimmed text,
    not links, so the row keeps the shape of the alphabet a reader looks along."""
    letters = sorted(set(alphabet(lang)) | set(used), key=lambda letter: letter_order(letter, lang))
    items = []
    for letter in letters:
        if letter in used:
            items.append(f'<li><a href="#{letter_id(letter)}">{esc(letter)}</a></li>')
        else:
            items.append(f'<li class="cb-letters__none">{esc(letter)}</li>')
    return (f'<nav class="cb-letters" aria-label="{attr_text(t(lang, "glossary_letters"))}" data-search-exclude>\n'
            f'<ul>{"".join(items)}</ul>\n</nav>\n')


def cases_by_term(glossary: Glossary, cases: Iterable[Case], lang: str) -> dict[str, list[Case]]:
    """{entry key: the cases whose text in ``lang`` uses the term}, each list by title:
    found as the case pages' tooltips find them, with the entries of the case's country."""
    finders: dict[str, TermFinder] = {}
    found: dict[str, list[Case]] = {}
    for case in cases:
        if case.country not in finders:
            finders[case.country] = term_finder(glossary, lang, case.country)
        for key in finders[case.country].used(case_texts(case, lang)):
            found.setdefault(key, []).append(case)
    order: dict[str, tuple] = {}  # each title's key once, not once per term: pinyin took 1.3 s at 1,000 cases
    for key, users in found.items():
        for case in users:
            if case.id not in order:
                order[case.id] = (sort_key(case.text_in(lang)[0]["title"], lang), case.id)
        users.sort(key=lambda case: order[case.id])
    return found


def _entry(entry: Entry, lang: str, country_name, users: list[Case], directory_urls: bool) -> str:
    separator = "、" if lang == "zh" else ", "
    colon = "：" if lang == "zh" else ": "
    names = " · ".join(f'<span lang="{other}">{esc(entry.term[other])}</span>'
                       for other in LANGUAGES if other != lang)
    also = [spelling for spelling in entry.also.get(lang, ()) if spelling != entry.term[lang]]
    also_html = ""
    if also:
        also_html = (f'\n<p class="cb-glossary__also">{esc(t(lang, "glossary_also"))}{colon}'
                     + separator.join(esc(spelling) for spelling in also) + "</p>")
    where = ""
    if entry.countries and country_name:
        where = (f'<p class="cb-glossary__countries">'
                 + separator.join(esc(country_name(code, lang)) for code in entry.countries) + "</p>\n")
    return (f'<dt id="{esc(entry.key)}">{esc(entry.term[lang])} '
            f'<small class="cb-glossary__other">{names}</small></dt>\n'
            f'<dd>\n{where}<p>{esc(entry.definition[lang])}</p>{also_html}'
            f'{_cases(entry, lang, users, directory_urls)}\n</dd>')


def _cases(entry: Entry, lang: str, users: list[Case], directory_urls: bool) -> str:
    """The cases that use the term (none: nothing), folded: the definition is what a
    reader comes for, and a dozen titles under every term would bury the next one on a
    phone. Out of the search index: the titles are their own pages' to be found by."""
    if not users:
        return ""
    ending = "/" if directory_urls else ".html"
    links = [f'<li><a href="../cases/{case.id}{ending}">{esc(case.text_in(lang)[0]["title"])}</a></li>'
             for case in users[:SHOWN_CASES]]
    if len(users) > SHOWN_CASES:
        query = {"words": entry.term[lang]}
        if len(entry.countries) == 1:  # the explore page filters by one country at a time
            query["country"] = entry.countries[0]
        explore = "../explore/" + ("" if directory_urls else "index.html") + "?" + urlencode(query)
        more = t_count(lang, "glossary_cases_more", len(users) - SHOWN_CASES)
        links.append(f'<li><a href="{attr_text(explore)}">{esc(more)}</a></li>')
    return (f'\n<details class="cb-glossary__cases" data-search-exclude>'
            f'<summary>{esc(t_count(lang, "glossary_cases", len(users)))}</summary>\n'
            f'<ul>\n' + "\n".join(links) + '\n</ul>\n</details>')
