"""Render one case in one language as a Markdown page (``cases/<id>.<lang>.md``).

Plain-text fields are HTML-escaped here. Narrative fields are contributor Markdown and are
passed through; the HTML MkDocs makes of the whole page is then sanitised
(``casebook/site/sanitize.py``), so nothing a contributor writes can add markup of its own.
"""

from __future__ import annotations

from .. import DEFAULT_LANGUAGE
from .i18n import address, format_date, format_number, join_list, t
from ..records.load import Casebook
from ..records.model import Case, Figure, Period, Source
from ..translations.fields import CaseText, last_change, outdated
from .compare_links import compare_with
from .history import render_history
from .improve import Repository, improve_links
from .markup import attr_text, esc, front_matter

SECTIONS = ("background", "reform", "results")


def render_case(case: Case, lang: str, book: Casebook, *, directory_urls: bool = True,
                site_url: str = "", english_built: bool = True, repo: Repository | None = None) -> str:
    """``repo``: where the records live, for the page's links to correct or edit it."""
    values, _ = case.text_in(lang)
    status = case.status(lang)
    themes = [book.vocabulary.theme(key, lang) for key in case.themes]
    meta = {
        "title": values["title"],  # (escaped by front_matter)
        "description": values["summary"],
        "tags": [attr_text(theme) for theme in themes],
        "casebook": {"kind": "case", "id": case.id, "lang": lang, "status": status},
        # Our index reads a case from its record (site/search/documents.py): the search
        # plugin parsing the page's HTML was a seventh of a language's build, thrown away.
        "search": {"exclude": True},
    }
    parts = [front_matter(meta), f"# {esc(values['title'])}\n"]
    parts += case_body(case, lang, book, directory_urls=directory_urls, english_built=english_built)
    from .cite import cited_version, csl_path, render_cite  # (render_cite imports esc from here)

    # data/ is published once, at the site root, not under zh/ or vi/
    depth = (3 if directory_urls else 2) - (lang == DEFAULT_LANGUAGE)
    csl_href = "../" * depth + csl_path(case.id, lang)
    added, updated = book.dates.get(case.id, (None, None))
    if added:
        parts.append(_dates(added, updated, lang))
    parts.append(render_cite(case, lang, site_url, csl_href, updated, cited_version(book.history, case.id, repo),
                             "../" * depth + csl_path(case.id, lang, version=True)))
    # after the citation box, where the training pack's part of the page ends: paper has no links
    parts.append(improve_links(case, lang, repo, site_url, directory_urls))
    parts.append(render_history(case.id, lang, book.history, repo))
    parts.append(_related(case, lang, book, directory_urls))
    parts.append(_previous_next(case, lang, book))
    return "\n".join(parts)


def case_page_inputs(case_id: str, book: Casebook) -> tuple:
    """What ``render_case`` reads of the casebook for a case, besides what every page
    reads (the vocabulary, the interface strings, the settings): its record, dates and
    history, the records of its related cases and neighbours (their titles, themes,
    country), its country's count. Kept in step with render_case: casebook serve renders
    a case page again only when these changed (tests/test_serve_consistency.py)."""
    case = book.cases[case_id]
    others = book.related[case_id] + book.neighbours[case_id]
    return (book.digests.get(case_id), book.dates.get(case_id), repr(book.history.of_case(case_id)),
            tuple((other, book.digests.get(other)) for other in others), book.per_country[case.country])


def _dates(added: str, updated: str, lang: str) -> str:
    """When the case was added and last changed (records/history.py)."""
    text = t(lang, "case_added", date=format_date(added, lang))
    if updated != added:
        text += t(lang, "list_separator") + t(lang, "case_updated", date=format_date(updated, lang))
    return f'<p class="cb-dates" data-search-exclude><small>{esc(text)}</small></p>\n'


def case_body(case: Case, lang: str, book: Casebook, *, directory_urls: bool = True,
              english_built: bool = True) -> list[str]:
    """The case itself: translation notice, summary, key facts, narrative sections, key
    figures, sources. (The training pack shows this part of the page: casebook/site/pack_parts.py.)

    ``english_built`` says whether the English pages are there to link at all (an offline
    copy may hold one other language only).
    """
    values, fell_back = case.text_in(lang)
    status = case.status(lang)
    changes = book.history.of_case(case.id)
    stale = outdated(case, lang, changes)
    behind = {text.path[5:]: text for text in stale if text.narrative}
    href = original_href(case.id, lang, directory_urls) if english_built else None
    # the same ids in every language, so the language menu keeps a reader's #section
    parts = [_notice(case, lang, status, fell_back, directory_urls, english_built, stale),
             f'<p class="cb-summary" id="summary">{esc(values["summary"])}</p>\n',
             _behind([behind[n] for n in ("title", "summary") if n in behind], lang, changes, href, "summary"),
             _facts(case, lang, book, status)]
    for name in SECTIONS:
        if values[name]:
            parts.append(f"## {t(lang, name)} {{ #{name} }}\n\n"
                         + _behind([behind[name]] if name in behind else [], lang, changes, href, name)
                         + f"{values[name].strip()}\n")
    if case.figures:
        parts.append(_figures(case, lang))
    parts.append(_sources(case, lang))
    return parts


def related_cases(case: Case, book: Casebook) -> list[Case]:
    """Cases with the most in common: shared themes, the same country counting as one
    more (then the same country, then id order)."""
    return [book.cases[key] for key in book.related[case.id]]


def _related(case: Case, lang: str, book: Casebook, directory_urls: bool = True) -> str:
    """The related cases, and "Compare with…" them (or any other case: pages/compare_links.py)."""
    others = related_cases(case, book)
    compare = compare_with(case, others, lang, directory_urls)
    if not others:
        return compare
    items = []
    for other in others:
        # why it is listed: the themes both have, and the country when it is the same
        common = [book.vocabulary.theme(k, lang) for k in case.themes if k in other.themes]
        if other.country == case.country:
            common.append(book.vocabulary.country(case.country, lang))
        # inside the link, a line of its own (casebook.css): out of reach of the glossary's
        # pop-ups, which would otherwise mark a theme's name as if the case used the term
        items.append(f"- [{esc(other.text_in(lang)[0]['title'])} "
                     f'<small class="cb-related__why">{esc(t(lang, "related_common", common=join_list(common, lang)))}</small>]'
                     f"({other.id}.md)")
    more = ""  # the country's page, when it has cases not listed here
    if book.per_country[case.country] - 1 > sum(other.country == case.country for other in others):
        country = book.vocabulary.country(case.country, lang)
        more = (f"\n[{esc(t(lang, 'related_more', country=country))}](../countries/{case.country.lower()}.md)"
                "{ .cb-related__more }\n")
    # Out of the search index, as the previous/next links: a search for a case finds its
    # own page, not every page that links to it (and the index is smaller).
    return (f"## {t(lang, 'related')} {{ #related data-search-exclude }}\n\n" + "\n".join(items) + "\n" + more
            + f"\n{compare}")


def _previous_next(case: Case, lang: str, book: Casebook) -> str:
    links = []
    for key, other_id in zip(("previous", "next"), book.neighbours[case.id]):
        if other_id is not None:
            other = book.cases[other_id]
            colon = "：" if lang == "zh" else ": "
            links.append(f'<span class="cb-{key}">{esc(t(lang, key))}{colon}'
                         f'[{esc(other.text_in(lang)[0]["title"])}]({other.id}.md)</span>')
    if not links:
        return ""
    return f'<nav class="cb-prevnext" aria-label="{esc(t(lang, "previous"))} / {esc(t(lang, "next"))}" data-search-exclude markdown="span">' \
           + " ".join(links) + "</nav>\n"


def original_href(case_id: str, lang: str, directory_urls: bool) -> str:
    """Link from ``<lang>/cases/<id>/`` to the English page ``cases/<id>/``."""
    if directory_urls:
        return f"../../../cases/{case_id}/"
    return f"../../cases/{case_id}.html"


def _behind(texts: list[CaseText], lang: str, changes: tuple, href: str | None, anchor: str) -> str:
    """Under an outdated part of the page (the summary, with the title; a section): when
    its English changed, a link to it, and the English itself, folded."""
    if not texts:
        return ""
    days = [change.day for change in (last_change(changes, text.en_loc) for text in texts) if change]
    date = format_date(max(days), lang) if days else None
    if anchor == "summary":
        fields = join_list((t(lang, "field_" + text.path[5:]) for text in texts), lang)
        said = t(lang, "behind_fields", fields=fields, date=date) if date else t(lang, "behind_fields_undated", fields=fields)
    else:
        said = t(lang, "behind_section", date=date) if date else t(lang, "behind_section_undated")
    link = (f' <a href="{href}#{anchor}" hreflang="en" lang="en">{esc(t(lang, "behind_read"))}</a>'
            if href is not None else "")
    # contributor Markdown as in the English page (sanitised with the page); the title
    # and summary are plain text
    english = "\n\n".join(text.english.strip() if text.path[5:] in SECTIONS else f"<p>{esc(text.english)}</p>"
                           for text in texts)
    return (f'<div class="cb-behind" role="note" data-search-exclude markdown>\n'
            f'<p>{esc(said)}{link}</p>\n'
            f'<details class="cb-behind__english" markdown>\n<summary>{esc(t(lang, "behind_english"))}</summary>\n'
            f'<div lang="en" markdown>\n\n{english}\n\n</div>\n</details>\n</div>\n\n')


def _notice(case: Case, lang: str, status: str, fell_back: list[str], directory_urls: bool,
            link_english: bool = True, outdated_texts: list[CaseText] = ()) -> str:
    """``link_english``: whether to link the English page (not in a copy without it)."""
    if lang == DEFAULT_LANGUAGE:
        return ""
    lines = []
    stale = _outdated_names(outdated_texts, lang)
    if status == "missing":
        lines.append(t(lang, "notice_missing"))
    else:
        if status == "draft":
            lines.append(t(lang, "notice_draft"))
        if stale:
            lines.append(t(lang, "notice_outdated", fields=join_list(stale, lang)))
        if fell_back:
            lines.append(t(lang, "notice_partial",
                           fields=join_list((t(lang, f"field_{name}") for name in fell_back), lang)))
    if not lines:
        return ""
    href = original_href(case.id, lang, directory_urls)
    link = f' <a href="{href}" hreflang="en" lang="en">{esc(t(lang, "read_original"))}</a>' if link_english else ""
    kind = "warning" if status == "missing" or fell_back or stale else "info"
    body = " ".join(esc(line) for line in lines)
    outdated_mark = " cb-notice--outdated" if stale else ""
    return (f'<div class="admonition {kind} cb-notice{outdated_mark}" data-status="{status}" role="note" data-search-exclude>\n'
            f'<p class="admonition-title">{esc(t(lang, "notice_title"))}</p>\n'
            f"<p>{body}{link}</p>\n"
            f"</div>\n")


def _outdated_names(texts: list[CaseText], lang: str) -> list[str]:
    """What parts of the ``lang`` translation were made from an earlier English, as the
    reader's language names them (the narrative's sections; the short texts together)."""
    names = []
    for text in texts:
        name = t(lang, f"field_{text.path[5:]}") if text.narrative else t(lang, "field_labels")
        if name not in names:
            names.append(name)
    labels = t(lang, "field_labels")  # the sections first, as the page shows them
    return sorted(names, key=lambda name: name == labels)


def status_text(lang: str, status: str) -> str:
    """A text's review as a reader is told it: on an English page, whether a second
    reader has checked the English (there is no translation to speak of); on a Chinese
    or Vietnamese page, the translation's."""
    return t(lang, "reader_status_" + status)


def status_badge(lang: str, status: str) -> str:
    return f'<span class="cb-status" data-status="{status}">{esc(status_text(lang, status))}</span>'


def _facts(case: Case, lang: str, book: Casebook, status: str) -> str:
    place = address([case.place.locality.get(lang), case.place.region.get(lang)], lang)
    theme_links = " ".join(
        f'[{esc(book.vocabulary.theme(key, lang))}](../themes/{key}.md){{ .cb-tag }}' for key in case.themes)
    rows = [
        ("country", f"[{esc(book.vocabulary.country(case.country, lang))}](../countries/{case.country.lower()}.md)"),
        ("place", esc(place)),
        ("level", f"[{esc(book.vocabulary.level(case.level, lang))}](../levels/{case.level}.md)"),
        ("organization", esc(case.organization.get(lang))),
        ("period", esc(format_period(case.period, lang))),
        ("themes", theme_links),
        ("translation", status_badge(lang, status)),
    ]
    items = "\n".join(f'<dt>{esc(t(lang, key))}</dt>\n<dd markdown="span">{value}</dd>' for key, value in rows)
    return (f'<section class="cb-facts" aria-label="{esc(t(lang, "key_facts"))}" markdown>\n'
            f'<h2 class="cb-facts__title" id="key-facts">{esc(t(lang, "key_facts"))}</h2>\n'
            f"<dl markdown>\n{items}\n</dl>\n</section>\n")


def format_period(period: Period | None, lang: str) -> str:
    """The period as the sources give it; "date not stated" when they give none."""
    if period is None:
        return t(lang, "period_unknown")
    if period.start and period.end:
        return t(lang, "period_range", start=format_date(period.start, lang), end=format_date(period.end, lang))
    if period.start:
        text = t(lang, "period_since", start=format_date(period.start, lang))
    elif period.end:
        text = t(lang, "period_until", end=format_date(period.end, lang))
    else:
        return _as_of(period.as_of, lang)
    if period.as_of:
        text += f"（{_as_of(period.as_of, lang)}）" if lang == "zh" else f" ({_as_of(period.as_of, lang)})"
    return text


def _as_of(value: str, lang: str) -> str:
    key = "period_as_of_day" if value.count("-") == 2 else "period_as_of"
    return t(lang, key, as_of=format_date(value, lang))


def format_figure(figure: Figure, lang: str) -> str:
    number = format_number(figure.value, lang)
    if figure.unit:
        unit = figure.unit.get(lang)
        number = f"{number}{unit}" if unit == "%" or lang == "zh" else f"{number} {unit}"
    if figure.qualifier != "exact":
        number = t(lang, figure.qualifier, value=number)
    return number


def _figures(case: Case, lang: str) -> str:
    numbers = {s.id: i for i, s in enumerate(case.sources, start=1)}
    cards = []
    for figure in case.figures:
        ref = f'<a href="#source-{figure.source}">[{numbers[figure.source]}]</a>'
        cards.append(
            '<li class="cb-figure">'
            f'<span class="cb-figure__value">{esc(format_figure(figure, lang))}</span> '
            f'<span class="cb-figure__label">{esc(figure.label.get(lang))}</span> '
            f'<span class="cb-figure__source">{t(lang, "source_ref", ref=ref)}</span></li>')
    return f"## {t(lang, 'key_figures')} {{ #key-figures }}\n\n<ul class=\"cb-figures\">\n" + "\n".join(cards) + "\n</ul>\n"


def cite(source: Source, lang: str) -> str:
    """A full citation as escaped HTML: who, title, outlet, date, translator, link."""
    parts = []
    if source.author:
        parts.append(esc(t(lang, "by", name=source.author)))
    title = f'“{esc(source.title)}”'
    if source.url:  # the article itself, where the record knows its address
        title = f'<a href="{esc(source.url)}" rel="nofollow noopener">{title}</a>'
    parts.append(f'<span lang="{source.language}">{title}</span>')
    outlet = f"<cite>{esc(source.outlet)}</cite>"
    if source.original_outlet:
        outlet += f" ({esc(t(lang, 'originally', outlet=source.original_outlet))})"
    parts.append(outlet)
    parts.append(esc(format_date(source.date, lang) if source.date else t(lang, "undated")))
    if source.editor:
        parts.append(esc(t(lang, "edited_by", name=source.editor)))
    if source.translator:
        parts.append(esc(t(lang, "translated_by", name=source.translator)))
    text = ". ".join(parts) + "."
    if source.url:  # the address in full too: it is what a printed page can show
        text += f' <span class="cb-source__url">{esc(source.url)}</span>'
    return text


def _sources(case: Case, lang: str) -> str:
    items = "\n".join(f'<li id="source-{s.id}">{cite(s, lang)}</li>' for s in case.sources)
    return f"## {t(lang, 'sources')} {{ #sources }}\n\n<ol class=\"cb-sources\">\n{items}\n</ol>\n"
