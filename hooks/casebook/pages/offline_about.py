"""The start page and banner of an offline copy (``casebook bundle``).

A trainer hands the copy on a USB stick; whoever opens it later must see what it is,
when and from which version it was built, and under which licences it may be shared.
The banner goes on every page, so a printed page says it too.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import LANGUAGES
from .i18n import format_date, t
from ..records.load import Casebook
from .case import cite
from .markup import esc, front_matter

ABOUT_PAGE = "bundle/index"  # + .<lang>.md


@dataclass(frozen=True)
class BundleInfo:
    languages: tuple[str, ...]
    version: str
    built: str  # YYYY-MM-DD, the date of the commit built (so a rebuild is identical)

    @classmethod
    def from_extra(cls, extra: dict) -> "BundleInfo":
        """From ``extra.bundle`` of mkdocs.offline.yml."""
        raw = extra.get("bundle") or {}
        languages = tuple(lang for lang in str(raw.get("languages") or "").split() if lang in LANGUAGES)
        return cls(languages or LANGUAGES, str(raw.get("version") or "unknown"), str(raw.get("built") or ""))


def _built(info: BundleInfo, lang: str) -> str:
    return format_date(info.built, lang) if info.built else "?"


def banner_html(info: BundleInfo, lang: str, about_url: str) -> str:
    """One line on top of every page of the copy; ``about_url`` is relative to the page."""
    text = esc(t(lang, "bundle_banner", date=_built(info, lang), version=info.version))
    return (f'<p class="cb-offline-banner">{text} · '
            f'<a href="{esc(about_url)}">{esc(t(lang, "bundle_about_link"))}</a></p>\n')


def render_about(book: Casebook, lang: str, info: BundleInfo) -> str:
    cases = book.sorted_cases()
    meta = {
        "title": t(lang, "bundle_title"),
        "description": t(lang, "bundle_intro", count=len(cases)),
        "search": {"exclude": True},
        "casebook": {"kind": "bundle", "lang": lang},
    }
    names = ", ".join(t(code, "language_name") for code in info.languages)
    how = [t(lang, "bundle_how_open"), t(lang, "bundle_how_search")]
    if len(info.languages) > 1:
        how.append(t(lang, "bundle_how_language"))
    how.append(t(lang, "bundle_how_print"))
    parts = [
        front_matter(meta),
        f"# {esc(t(lang, 'bundle_title'))}\n",
        f"{esc(t(lang, 'bundle_intro', count=len(cases)))}\n",
        '<dl class="cb-facts">\n'
        f"<dt>{esc(t(lang, 'bundle_built'))}</dt><dd>{esc(_built(info, lang))}</dd>\n"
        f"<dt>{esc(t(lang, 'bundle_version'))}</dt><dd><code>{esc(info.version)}</code></dd>\n"
        f"<dt>{esc(t(lang, 'bundle_languages'))}</dt><dd>{esc(names)}</dd>\n"
        "</dl>\n",
        f"## {esc(t(lang, 'bundle_how'))}\n",
        "\n".join(f"- {esc(line)}" for line in how)
        + f"\n- {esc(t(lang, 'bundle_how_packs'))} [{esc(t(lang, 'packs_title'))}](../packs/index.md)\n",
        f"## {esc(t(lang, 'bundle_licences'))}\n",
        f"{esc(t(lang, 'bundle_licence_text'))} [{esc(t(lang, 'bundle_licence_more'))}](../license.md)\n",
        f"## {esc(t(lang, 'sources'))}\n",
        f"{esc(t(lang, 'bundle_sources_intro'))}\n",
    ]
    for case in cases:
        values, _ = case.text_in(lang)
        items = "\n".join(f"<li>{cite(source, lang)}</li>" for source in case.sources)
        parts.append(f'[{esc(values["title"])}](../cases/{case.id}.md)\n\n'
                     f'<ul class="cb-sources">\n{items}\n</ul>\n')
    return "\n".join(parts)


def about_pages(book: Casebook, info: BundleInfo, languages: tuple[str, ...] = LANGUAGES) -> dict[str, str]:
    return {f"{ABOUT_PAGE}.{lang}.md": render_about(book, lang, info) for lang in languages}
