"""The timeline page (``timeline/index.<lang>.md``): by year, when each case began (or
was reported, when its sources give no start) and the dated milestones of its sources."""

from __future__ import annotations

from collections import defaultdict

from .i18n import format_date, t
from ..records.load import Casebook
from .markup import esc, front_matter


def timeline_entries(book: Casebook) -> dict[int, list[tuple[str, str, str, object]]]:
    """{year: [(date, kind, case id, milestone or None)]}, each year in date order."""
    years: dict[int, list] = defaultdict(list)
    for case in book.sorted_cases():
        start = case.period.start
        date, kind = (start, "timeline_case_start") if start else (case.period.as_of or case.period.end,
                                                                  "timeline_case_reported")
        years[int(date[:4])].append((date, kind, case.id, None))
        for milestone in case.milestones:
            years[int(milestone.date[:4])].append((milestone.date, "timeline_event", case.id, milestone))
    return {year: sorted(items, key=lambda item: (item[0], item[1], item[2])) for year, items in sorted(years.items())}


def render_timeline(book: Casebook, lang: str) -> str:
    parts = [front_matter({"title": t(lang, "timeline_title"), "casebook": {"kind": "timeline", "lang": lang}}),
             f"# {esc(t(lang, 'timeline_title'))}\n", esc(t(lang, "timeline_intro")) + "\n"]
    for year, items in timeline_entries(book).items():
        parts.append(f"## {year}\n")
        parts.append('<ol class="cb-timeline" data-search-exclude markdown>')  # cases: on their pages
        for date, kind, case_id, milestone in items:
            case = book.cases[case_id]
            title = esc(case.text_in(lang)[0]["title"])
            what = esc(milestone.label.get(lang)) if milestone else esc(t(lang, kind))
            parts.append(f'<li class="cb-timeline__item" data-kind="{kind.removeprefix("timeline_")}" markdown="span">'
                         f'<time datetime="{date}">{esc(format_date(date, lang))}</time> '
                         f"{what} — [{title}](../cases/{case_id}.md)</li>")
        parts.append("</ol>\n")
    return "\n".join(parts)
