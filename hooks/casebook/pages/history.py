"""A case page's History: the dated changes of its record, from git, newest first, each
told by kind in the reader's language (``records/change_kinds.py``) and linked to the
record as that change left it in the repository (only the commit's short id, as text,
where the site has no repository address).

Only commits are listed: a change not committed yet is no version anyone can look up.
Commit messages and authors are contributor text: nothing here prints them. A copy
without git history has no History (the build says so once: engine/hooks.py).
"""

from __future__ import annotations

from ..records.change_kinds import ChangeKinds, change_kinds
from ..records.history import Change, RecordHistory
from ..records.model import NARRATIVE_FIELDS
from .i18n import format_date, join_list, t, t_count
from .improve import Repository
from .markup import attr_text, esc

SHOWN = 10  # the newest changes listed; the rest are counted and linked (a record may have hundreds)
SHORT = 7  # hex digits of a commit's short id, as GitHub shows one


def short_commit(commit: str) -> str:
    return commit[:SHORT]


def render_history(case_id: str, lang: str, history: RecordHistory, repo: Repository | None) -> str:
    """The History section (Markdown with raw HTML), or "" when git knows no commit of
    the record. Out of the search index, as related cases are."""
    committed = [change for change in history.of_case(case_id) if change.commit]
    if not committed:
        return ""
    items = "\n".join(_entry(change, lang, case_id, repo) for change in committed[:SHOWN])
    intro = t(lang, "history_intro" if repo is not None else "history_intro_plain")
    more = ""
    earlier = len(committed) - SHOWN
    if earlier > 0:
        said = esc(t_count(lang, "history_earlier", earlier))
        if repo is not None:
            said = f'<a href="{attr_text(repo.record_history(case_id))}">{said}</a>'
        more = f'<p class="cb-history__earlier" data-search-exclude>{said}</p>\n'
    return (f"## {esc(t(lang, 'history'))} {{ #history data-search-exclude }}\n\n"
            f'<p class="cb-history__intro" data-search-exclude><small>{esc(intro)}</small></p>\n'
            f'<ol class="cb-history" data-search-exclude>\n{items}\n</ol>\n{more}')


def _entry(change: Change, lang: str, case_id: str, repo: Repository | None) -> str:
    kinds = change_kinds(change)
    said = describe(kinds, lang)
    colon = "：" if lang == "zh" else ": "
    end = "。" if lang == "zh" else "."
    commit = f"<code>{esc(short_commit(change.commit))}</code>"
    if repo is not None:
        commit = f'<a class="cb-history__commit" href="{attr_text(repo.record_at(change.commit, case_id))}">{commit}</a>'
    return (f'<li data-kind="{" ".join(kind_names(kinds))}"><time datetime="{change.day}">'
            f"{esc(format_date(change.day, lang))}</time>{colon}{esc(said)}{end} {commit}</li>")


def describe(kinds: ChangeKinds, lang: str) -> str:
    """What a change did, in ``lang``: "English text changed (summary); Chinese translation added"."""
    parts = []
    if kinds.added:
        parts.append(t(lang, "history_added"))
    if kinds.untold:
        parts.append(t(lang, "history_untold"))
    if kinds.english:
        parts.append(t(lang, "history_english", fields=join_list((_field(name, lang) for name in kinds.english), lang)))
    for language, added in kinds.translations:
        key = "history_translation_added" if added else "history_translation_updated"
        parts.append(t(lang, key, language=t(lang, f"history_lang_{language}")))
    if kinds.figures:
        parts.append(t(lang, "history_figures"))
    if kinds.sources:
        parts.append(t(lang, "history_sources"))
    if kinds.facts:
        parts.append(t(lang, "history_facts", fields=join_list((_field(name, lang) for name in kinds.facts), lang)))
    if kinds.status:
        parts.append(t(lang, "history_status"))
    if kinds.other:
        parts.append(t(lang, "history_other"))
    if not parts:
        parts.append(t(lang, "history_layout"))
    text = t(lang, "history_separator").join(parts)
    return text[:1].upper() + text[1:]


def kind_names(kinds: ChangeKinds) -> list[str]:
    """The kinds of a change as words of no language (the entry's ``data-kind``)."""
    names = [name for name in ("added", "untold", "english", "translations", "figures", "sources", "facts",
                               "status", "other") if getattr(kinds, name)]
    return names or ["layout"]


def _field(name: str, lang: str) -> str:
    return t(lang, f"field_{name}") if name in NARRATIVE_FIELDS else t(lang, f"history_field_{name}")
