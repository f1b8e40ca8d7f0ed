""""Print / save as PDF" on each case page, added to its HTML after the sanitiser (which
removes every button a record could bring).

The button is ``hidden`` until pack.js shows it: without script it could do nothing. The
printout itself is the page's print style (docs/assets/casebook.css), which hides the
button with the rest of the site around the article; the browser's print dialog is where
a reader picks "Save as PDF".
"""

from __future__ import annotations

from ..pages.i18n import t
from ..pages.markup import after_title, esc


def add_print_button(page_html: str, lang: str) -> str:
    """``page_html`` with the button right after the case's title (its first ``</h1>``)."""
    return after_title(page_html, f'\n<p class="cb-print" hidden><button type="button" class="md-button" '
                                  f'data-action="print">{esc(t(lang, "print_case"))}</button></p>')
