"""Every generated page of the site, as ``{path under docs/: Markdown}``.

Paths use mkdocs-static-i18n's suffix layout (``cases/<id>.zh.md`` becomes
``zh/cases/<id>/``), so every language gets the same pages, and a missing translation
is still a page: English text under a notice in the reader's language.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterator

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..records.load import Casebook
from .case import render_case
from .compare import compare_pages
from .contribute import FORM_PAGE, contribute_data_script, render_contribute
from .explore import render_explore
from .improve import Repository
from .explore_text import explore_text_script
from .map_svg import render_map
from .open_data import open_data_files
from .lists import group_title, groups, render_case_list, render_listing, render_tags_index
from .pack import pack_pages
from .reference import render_reference
from .glossary import render_glossary
from .timeline import render_timeline
from .translations import render_translations
from .cite import CSL_DIR
from ..records.schema import SCHEMA_PATH, schema_text

LISTING_KIND = {"themes": "theme", "levels": "level", "countries": "country"}

# Folders under docs/ that belong to the generator: anything else in them is stale.
# (CSL_DIR: citations used to be written there; they go into the site now, and what an
# older build left is removed.)
GENERATED_DIRS = ("cases", "themes", "levels", "countries", "tags", "explore", "timeline", "glossary", "map", "reference", "translations",
                  "packs", "contribute", "compare", CSL_DIR)


def iter_site_pages(book: Casebook, *, directory_urls: bool = True, site_url: str = "",
                    atlas: Path | None = None, english_built: bool = True,
                    languages: tuple[str, ...] = LANGUAGES,
                    repo: Repository | None = None,
                    unchanged: Callable[[str], bool] | None = None) -> Iterator[tuple[str, str | None]]:
    """Every generated page as (path, Markdown), one at a time: at 1,000 cases the pages
    of all three languages come to over 100 MB, which a build need never hold at once.

    ``english_built`` False (an offline copy without English): translation notices do
    not link to the English pages. ``repo``: the repository case pages link to (pages/improve.py).
    ``unchanged``: which case pages (by path) are as last written, yielded with None
    instead of being rendered again (casebook serve: pages/case.py's case_page_inputs)."""
    grouped = groups(book)
    for lang in languages:
        for case in book.sorted_cases():
            path = f"cases/{case.id}.{lang}.md"
            yield path, None if unchanged is not None and unchanged(path) else render_case(
                case, lang, book, directory_urls=directory_urls, site_url=site_url, english_built=english_built,
                repo=repo)
        yield f"cases/index.{lang}.md", render_case_list(book, lang)
        yield f"tags/index.{lang}.md", render_tags_index(book, lang)
        yield f"explore/index.{lang}.md", render_explore(book, lang, directory_urls)
        yield f"explore/text.{lang}.js", explore_text_script(book, lang)
        yield f"timeline/index.{lang}.md", render_timeline(book, lang)
        yield f"glossary/index.{lang}.md", render_glossary(book.glossary, lang, book.vocabulary.country,
                                                          book.sorted_cases(), directory_urls)
        yield f"map/index.{lang}.md", render_map(book, lang, atlas, directory_urls)
        yield f"reference/fields.{lang}.md", render_reference(book, lang)
        yield f"translations/index.{lang}.md", render_translations(book, lang)
        yield f"{FORM_PAGE}.{lang}.md", render_contribute(lang)
        yield f"contribute/data.{lang}.js", contribute_data_script(book, lang)
        yield from pack_pages(book, lang).items()
        yield from compare_pages(book, lang).items()
        for group, members in grouped.items():
            for key, cases in members.items():
                if group == "levels" and not cases:
                    continue  # "0 cases" is no page to publish (a theme page invites cases)
                title = group_title(group, key, book, lang)
                yield f"{group}/{key}.{lang}.md", render_listing(LISTING_KIND[group], title, cases, book, lang)


def site_pages(book: Casebook, **options) -> dict[str, str]:
    """All of iter_site_pages at once, as ``{path under docs/: Markdown}``."""
    return dict(iter_site_pages(book, **options))


def data_files(book: Casebook, site_url: str = "", open_data: bool = True) -> Iterator[tuple[str, str | Iterator[str]]]:
    """Files published under data/, as (path, text or its pieces) one at a time: the schema
    (committed: editors read it from the repository) and, with ``open_data``, the open
    data: every language's open-data page links every download, so a process building
    one language alone writes them too. (The citations go straight into the site:
    render_cite.write_citations.)"""
    yield SCHEMA_PATH.relative_to("docs").as_posix(), schema_text(book.vocabulary)
    if open_data:
        yield from open_data_files(book, site_url)


_LANGUAGE_SUFFIX = re.compile(r"[.-](" + "|".join(LANGUAGES) + r")\.(?:md|json|csv|js)$")


def path_language(rel: str) -> str:
    """The language a generated file belongs to (cases/x.zh.md, data/cite/x-zh.json); a
    file of no language (data/cases.json) goes with the default language."""
    match = _LANGUAGE_SUFFIX.search(rel)
    return match.group(1) if match else DEFAULT_LANGUAGE
