"""The translation status page (``translations/index.<lang>.md``), for translators:
per case and language, its status and every field still missing (shown in English)."""

from __future__ import annotations

from .. import DEFAULT_LANGUAGE, LANGUAGES
from .i18n import t
from ..records.load import Casebook
from ..records.model import Case
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


def render_translations(book: Casebook, lang: str) -> str:
    others = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
    parts = [front_matter({"title": t(lang, "translations_title"),
                           "casebook": {"kind": "translations", "lang": lang}}),
             f"# {esc(t(lang, 'translations_title'))}\n", t(lang, "translations_intro") + "\n"]
    for code in others:
        statuses = [case.status(code) for case in book.sorted_cases()]
        counts = {s: statuses.count(s) for s in ("reviewed", "draft", "missing")}
        parts.append(f"- **{esc(t(code, 'language_name'))}**: {esc(t(lang, 'summary_counts', **counts))}")
    # the table lists every case: out of the search index, which finds a case on its page
    parts += ["", "<div data-search-exclude markdown>", "", f"| {t(lang, 'case')} | " + " | ".join(esc(t(code, "language_name")) for code in others) + " |",
              "|---|" + "---|" * len(others)]
    for case in book.sorted_cases():
        title, _ = case.text_in(lang)
        cells = []
        for code in others:
            status = case.status(code)
            cell = f'<span class="cb-status" data-status="{status}">{esc(t(lang, "status_" + status))}</span>'
            missing = missing_fields(case, code)
            if missing and status != "missing":
                cell += f"<br><small>{esc(t(lang, 'missing'))}: " + ", ".join(f"`{m}`" for m in missing) + "</small>"
            cells.append(cell)
        parts.append(f"| [{esc(title['title'])}](../cases/{case.id}.md) | " + " | ".join(cells) + " |")
    parts += ["", "</div>", ""]
    return "\n".join(parts)
