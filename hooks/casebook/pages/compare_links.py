"""The ways into the comparison (pages/compare.py) from other pages: a case page's
"Compare with…" (its related cases) and the tick boxes' "Compare (n)" button of the
explore page and the map. Apart from compare.py, which takes its figures and periods from
case.py: case.py takes its "Compare with…" from here.
"""

from __future__ import annotations

from .i18n import t
from ..records.model import Case
from .markup import attr_text, esc

MAX_CASES = 4  # the most a comparison holds: four columns still fit a landscape A4 page


def compare_href(depth: int, directory_urls: bool) -> str:
    """The compare page seen from a page ``depth`` folders below the language's root
    (explore/: 1; cases/<id>/: 2, or 1 without directory URLs)."""
    return "../" * depth + ("compare/" if directory_urls else "compare/index.html")


def tray_html(lang: str, href: str) -> str:
    """The "Compare (n)" button the tick boxes of the explore page and the map lead to
    (compare.js adds a box to each case of their lists), hidden until one is ticked."""
    return (f'\n<div class="cb-compare-tray" hidden data-href="{attr_text(href)}" data-max="{MAX_CASES}" '
            f'data-tick="{attr_text(t(lang, "compare_tick"))}" data-full="{attr_text(t(lang, "compare_tick_full"))}" '
            f'data-template="{attr_text(t(lang, "compare_button"))}">'
            f'<a class="md-button md-button--primary" href="{attr_text(href)}">'
            f'{attr_text(t(lang, "compare_button", count=0))}</a>'
            '<span class="cb-compare-tray__note" role="status" aria-live="polite"></span></div>\n')


def compare_with(case: Case, others: list[Case], lang: str, directory_urls: bool) -> str:
    """A case page's "Compare with…": its related cases, each a comparison with it, and
    the picker with it chosen (raw HTML: Markdown links with a query are not MkDocs')."""
    href = compare_href(2 if directory_urls else 1, directory_urls)
    items = "".join(f'<li><a href="{href}?cases={case.id},{other.id}">{esc(other.text_in(lang)[0]["title"])}</a></li>\n'
                    for other in others)
    items += f'<li><a href="{href}?cases={case.id}">{esc(t(lang, "compare_with_other"))}</a></li>\n'
    return (f'<details class="cb-compare-with" data-search-exclude>\n<summary>{esc(t(lang, "compare_with"))}</summary>\n'
            f'<ul>\n{items}</ul>\n</details>\n')


