"""A case's way back to the living site: its published address, a "copy link" button and
a QR code of the address, added to its HTML after the sanitiser (like print_button.py).

WeChat and Zalo take a link or a QR code, not a share button. The QR code is drawn at
build time (segno, SVG), so it is seen without script and printed with the case and with
each case of the training pack (whose parts are taken from this HTML): a handout leads
back to the page. The button is ``hidden`` until docs/assets/share.js shows it; what it
says when it has copied is read out from a ``role="status"`` region.
"""

from __future__ import annotations

from .. import lang_prefix
from ..pages.i18n import t
from ..pages.markup import attr_text
from .pack_parts import CITE


def case_address(site_url: str, lang: str, case_id: str) -> str:
    """The case page's address on the published site (directory URLs, as published)."""
    return f"{site_url.rstrip('/')}/{lang_prefix(lang)}cases/{case_id}/"


def qr_svg(address: str) -> str:
    """The address as a QR code, an inline SVG (medium error correction and the standard quiet zone: a printed and
    folded handout still scans)."""
    import segno

    return segno.make(address, error="m", micro=False).svg_inline(scale=4, border=4, svgclass="cb-share__code",
                                                                  lineclass=None, omitsize=True)


def share_block(address: str, lang: str) -> str:
    url = attr_text(address)
    return (f'\n<aside class="cb-share" aria-label="{attr_text(t(lang, "share_title"))}">\n'
            f'<p class="cb-share__title"><strong>{attr_text(t(lang, "share_title"))}</strong></p>\n'
            f'<figure class="cb-share__qr">{qr_svg(address)}'
            f'<figcaption>{attr_text(t(lang, "share_scan"))}</figcaption></figure>\n'
            f'<p class="cb-share__address"><a href="{url}">{url}</a></p>\n'
            f'<p class="cb-share__copy" hidden><button type="button" class="md-button" data-action="copy-link" '
            f'data-url="{url}" data-copied="{attr_text(t(lang, "share_copied"))}" '
            f'data-failed="{attr_text(t(lang, "share_copy_failed"))}">{attr_text(t(lang, "share_copy"))}</button> '
            f'<span class="cb-share__status" role="status" aria-live="polite"></span></p>\n'
            f'</aside>\n')


def add_share_block(page_html: str, lang: str, address: str | None) -> str:
    """``page_html`` with the block before its "cite this case" (where the training pack's
    part of the case ends), else at its end; as it was without an address (the
    placeholder's: a code leading nowhere is worse than none)."""
    if not address:
        return page_html
    at = page_html.rfind(CITE)
    at = len(page_html) if at < 0 else at
    return page_html[:at] + share_block(address, lang) + page_html[at:]
