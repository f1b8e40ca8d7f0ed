"""The training pack: every case in full on one printable page per language
(``packs/index.<lang>.md``), from which a trainer chooses the cases to print.

Why: trainers who run workshops print cases for participants, often where there is no
network. One page prints as one document (with the browser's Print; the print
stylesheet in ``docs/assets/casebook.css`` starts each case on a new A4 page) instead of
a dozen case pages opened and printed one by one.

One page, not one per theme: every case is on the page once, and the picker form
(``add_picker``, driven by ``docs/assets/pack.js``) hides the cases not chosen, by theme
or one by one, and keeps the choice in the address (``?theme=KEY``, ``?cases=a,b``), which
``casebook handout`` prints to PDF. Without JavaScript the form stays hidden and the page
simply shows, and prints, every case. A casebook of more than ``LOADED_ABOVE`` cases
holds none on the page: pack.js loads each chosen case from a script of its own (a
script, not fetched data: it loads from file:// too), and without JavaScript the page
says to print from the case pages.

Each case is shown as its own page shows it, its headings one level down under the case's
title, so the pack's title stays the page's only h1. This module writes the page's top
(title, how to use it, contents); the cases are added by the hooks from their own case
pages' sanitised HTML (casebook/site/pack_parts.py: the pack never drifts from the case pages, and the
casebook is not converted from Markdown twice). The form is added after the sanitiser
(casebook_hooks.on_page_content), from escaped values.
"""

from __future__ import annotations

import html

from .i18n import format_date, t
from ..records.load import Casebook
from ..records.model import Case
from .markup import after_title, esc, front_matter

PACK_PAGE = "packs/index"
# Above this many cases the page no longer holds them: each case is a script of its own
# (packs/parts/<id>.js, site/pack_parts.py) that pack.js loads when the case is chosen. A
# case is ~9 KB of the page: at 1,000 cases a reader opening the pack downloaded 9 MB.
LOADED_ABOVE = 100
PARTS_FOLDER = "parts"  # beside the pack page


def loads_cases(count: int) -> bool:
    """Whether a pack of ``count`` cases loads each case when chosen (else: holds them all)."""
    return count > LOADED_ABOVE


def newest_source(case: Case) -> str:
    """The date of the case's newest dated source, "" when none states a date (so the
    newest of several cases is still a plain string comparison: "" < "2018" < "2018-09")."""
    return case.newest_source or ""


def newest_label(newest: str, lang: str) -> str:
    return format_date(newest, lang) if newest else t(lang, "pack_date_unknown")


def intro(count: int, newest: str, lang: str) -> str:
    return t(lang, "pack_intro_one" if count == 1 else "pack_intro", count=count,
             date=newest_label(newest, lang))


def render_pack(book: Casebook, lang: str) -> str:
    """The pack page's Markdown: everything but the cases (see casebook/site/pack_parts.py)."""
    title = t(lang, "packs_title")
    cases = book.sorted_cases()
    meta = {
        "title": title,
        "casebook": {"kind": "pack", "lang": lang},
        # The page's own contents list the cases (and follow the choice); the theme's
        # table of contents would see only this page's top, not the cases added to it.
        "hide": ["toc"],
        # Every case is already in the search index on its own page: without this, each
        # search would also list the pack.
        "search": {"exclude": True},
    }
    # The command stays code in every language: the translated text is escaped around it.
    about = "<code>casebook handout</code>".join(esc(part) for part in t(lang, "packs_intro").split("{command}"))
    # How to use the page: screen only (print hides it, with the picker).
    parts = [front_matter(meta), f"# {esc(title)}\n", f'<p class="cb-pack-about">{about}</p>\n']
    if not cases:
        return "\n".join(parts + [esc(t(lang, "no_cases")) + "\n"])
    # Raw HTML, not Markdown links: MkDocs checks a Markdown link's anchor against the
    # page's Markdown, and the cases' headings are added after it (casebook/site/pack_parts.py).
    contents = "\n".join(f'<li><a href="#{case.id}">{esc(case.text_in(lang)[0]["title"])}</a></li>' for case in cases)
    newest = max(newest_source(case) for case in cases)
    # What was chosen, on paper too (pack.js names the theme or the share of cases).
    parts += [f'<p class="cb-pack-intro">{esc(intro(len(cases), newest, lang))}</p>\n',
              f'<p class="cb-pack-choice">{esc(t(lang, "pack_choice_all"))}</p>\n',
              f'<nav class="cb-pack-toc" aria-label="{esc(t(lang, "pack_contents"))}">\n'
              f"<ol>\n{contents}\n</ol>\n</nav>\n"]
    return "\n".join(parts)


def pack_pages(book: Casebook, lang: str) -> dict[str, str]:
    """The pages under packs/ for ``lang`` (one), as ``{path under docs/: Markdown}``."""
    return {f"{PACK_PAGE}.{lang}.md": render_pack(book, lang)}


# --- the picker, added to the page's HTML after the sanitiser ----------------------------

def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def picker_html(book: Casebook, lang: str) -> str:
    """The form pack.js drives. Every value is escaped here: case titles are contributor
    text, and this markup is added after the sanitiser (which strips every form)."""
    cases = book.sorted_cases()
    used = [key for key in book.vocabulary.themes if any(key in case.themes for case in cases)]
    options = [f'<option value="">{_attr(t(lang, "pack_all_themes"))}</option>']
    options += [f'<option value="{_attr(key)}">{_attr(book.vocabulary.theme(key, lang))}</option>' for key in used]
    # A pack that loads its cases (loads_cases) starts with none chosen: the reader chooses
    loaded = loads_cases(len(cases))
    checked = "" if loaded else " checked"
    boxes = []
    for case in cases:
        newest = newest_source(case)
        boxes.append(
            f'<li><label><input type="checkbox" name="case" value="{_attr(case.id)}" '
            f'data-themes="{_attr(" ".join(case.themes))}" data-newest="{_attr(newest)}" '
            f'data-newest-label="{_attr(newest_label(newest, lang))}"{checked}> '
            f'{_attr(case.text_in(lang)[0]["title"])}</label></li>')
    status = t(lang, "pack_status", count=0 if loaded else len(cases), total=len(cases))
    parts = (f'data-parts="{PARTS_FOLDER}/" data-loading="{_attr(t(lang, "pack_loading"))}" ' if loaded else "")
    noscript = f'<noscript><p class="cb-pack-noscript">{_attr(t(lang, "pack_noscript"))}</p></noscript>\n' if loaded else ""
    # The script's words are in the page, so it has none of its own.
    return (f'{noscript}<form class="cb-pack-picker" hidden aria-label="{_attr(t(lang, "pack_picker"))}" {parts}'
            f'data-intro="{_attr(t(lang, "pack_intro"))}" data-intro-one="{_attr(t(lang, "pack_intro_one"))}" '
            f'data-none="{_attr(t(lang, "pack_none"))}" data-undated="{_attr(t(lang, "pack_date_unknown"))}" data-status="{_attr(t(lang, "pack_status"))}" '
            f'data-choice-all="{_attr(t(lang, "pack_choice_all"))}" data-choice-theme="{_attr(t(lang, "pack_choice_theme"))}" '
            f'data-total="{len(cases)}">\n'
            f'<label class="cb-filter cb-pack-picker__theme"><span>{_attr(t(lang, "pack_theme"))}</span>'
            f'<select name="theme">{"".join(options)}</select></label>\n'
            # the status and the button before the cases: on a phone the list of every
            # case is some 4,000 px, and a trainer who chose a theme is done
            f'<p class="cb-pack-picker__status" aria-live="polite">{_attr(status)}</p>\n'
            f'<button type="button" class="md-button md-button--primary" data-action="print">'
            f'{_attr(t(lang, "pack_print"))}</button>\n'
            f'<fieldset class="cb-pack-picker__cases"><legend>{_attr(t(lang, "pack_cases"))}</legend>\n'
            f'<ul>\n{chr(10).join(boxes)}\n</ul>\n</fieldset>\n'
            f'</form>\n')


def add_picker(html_text: str, book: Casebook, lang: str) -> str:
    """The pack page's HTML with the picker right after its title (the first ``</h1>``)."""
    if not book.cases:
        return html_text
    return after_title(html_text, "\n" + picker_html(book, lang))
