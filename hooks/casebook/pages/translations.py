"""The translation status page (``translations/index.<lang>.md``), for translators:
per language the share of words translated, reviewed, draft and outdated, and the words
outdated; per case and language, its status, its share translated, and every field
outdated (with its words) or still missing; and how outdated was told (fingerprints, the
git history, or fingerprints only where there is no history)."""

from __future__ import annotations

from .. import DEFAULT_LANGUAGE, LANGUAGES
from .i18n import join_list, t, t_count
from ..records.load import Casebook
from ..records.model import Case
from ..translations.fields import STATES, outdated, progress
from .markup import esc, front_matter


def missing_fields(case: Case, lang: str) -> list[str]:
    """Dotted paths of every text of ``case`` that has no ``lang`` version."""
    if lang == DEFAULT_LANGUAGE:
        return []
    _, fell_back = case.text_in(lang)
    missing = [f"text.{lang}.{name}" for name in fell_back]
    labels = {"place.region": case.place.region, "place.locality": case.place.locality,
              "organization": case.organization}
    for index, figure in enumerate(case.figures):
        labels[f"figures[{index}].label"] = figure.label
        if figure.unit:
            labels[f"figures[{index}].unit"] = figure.unit
    missing += [f"{path}.{lang}" for path, text in labels.items() if not text.has(lang)]
    return missing


def percentages(words: dict[str, int]) -> dict[str, int]:
    """Whole percentages of the words per state, and ``translated`` (reviewed and draft:
    a current translation; an outdated one is counted apart)."""
    total = sum(words.values()) or 1
    shares = {key: round(value * 100 / total) for key, value in words.items()}
    shares["translated"] = round((words["reviewed"] + words["draft"]) * 100 / total)
    return shares


def render_translations(book: Casebook, lang: str) -> str:
    others = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
    parts = [front_matter({"title": t(lang, "translations_title"),
                           "casebook": {"kind": "translations", "lang": lang}}),
             f"# {esc(t(lang, 'translations_title'))}\n", t(lang, "translations_intro") + "\n"]
    for code in others:
        statuses = [case.status(code) for case in book.sorted_cases()]
        counts = {s: statuses.count(s) for s in ("reviewed", "draft", "missing")}
        parts.append(f"- **{esc(t(code, 'language_name'))}**: {esc(t(lang, 'summary_counts', **counts))}")
    parts += ["", f"## {esc(t(lang, 'progress_title'))}", ""]
    for code in others:
        words = dict.fromkeys(STATES, 0)
        behind = 0  # cases with an outdated text
        for case in book.sorted_cases():
            mine = progress(case, code, book.history.of_case(case.id))
            behind += mine["outdated"] > 0
            for key, value in mine.items():
                words[key] += value
        shares = percentages(words)
        line = t(lang, "progress_line", **shares)
        if behind:
            line += t(lang, "list_separator") + t_count(lang, "progress_outdated", behind, words=words["outdated"])
        parts.append(f'- **{esc(t(code, "language_name"))}**: '
                     f'<span class="cb-progress cb-progress--{code}">{esc(line)}</span>')
    parts += ["", esc(t(lang, "outdated_rule_" + book.history.rule, commits=book.history.commits))]
    # the table lists every case: out of the search index, which finds a case on its page
    parts += ["", "<div data-search-exclude markdown>", "", f"| {t(lang, 'case')} | " + " | ".join(esc(t(code, "language_name")) for code in others) + " |",
              "|---|" + "---|" * len(others)]
    for case in book.sorted_cases():
        title, _ = case.text_in(lang)
        cells = []
        for code in others:
            status = case.status(code)
            cell = f'<span class="cb-status" data-status="{status}">{esc(t(lang, "status_" + status))}</span>'
            changes = book.history.of_case(case.id)
            words = progress(case, code, changes)
            if status != "missing":
                cell += f"<br><small>{esc(t(lang, 'progress_case', **percentages(words)))}</small>"
            stale = [f"text.{code}.{text.path[5:]}" if text.narrative else f"{text.path}.{code}"
                     for text in outdated(case, code, changes)]
            if stale:
                cell += (f'<br><small class="cb-outdated">{esc(t_count(lang, "outdated_words", words["outdated"]))}: '
                         + ", ".join(f"`{m}`" for m in stale) + "</small>")
            missing = missing_fields(case, code)
            if missing and status != "missing":
                cell += f"<br><small>{esc(t(lang, 'missing'))}: " + join_list((f"`{m}`" for m in missing), lang) + "</small>"
            cells.append(cell)
        parts.append(f"| [{esc(title['title'])}](../cases/{case.id}.md) | " + " | ".join(cells) + " |")
    parts += ["", "</div>", ""]
    return "\n".join(parts)
