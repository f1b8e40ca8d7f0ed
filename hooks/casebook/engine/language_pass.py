"""Build one language of the site on its own (``CASEBOOK_LANGUAGE=zh``).

mkdocs-static-i18n builds the languages one after the other in one process: first the
default, then each other one from its ``on_post_build``. ``casebook build`` runs one
process per language instead (see casebook/engine/parallel_build.py); each of them sets this variable,
and the hooks put mkdocs-static-i18n in the state of that language's pass before it
configures the build:

- ``current_language``: the language this pass builds (pages under ``zh/``, the
  language switcher, Material's language and the site name of mkdocs.yml's overrides);
- ``building``: true, as during the passes it starts itself, so that this pass does not
  start the others.

The output is that language's part of the site, as the sequential build writes it.

Each process writes its own language's generated pages, then waits for the others
(``wait_for_the_other_languages``, set by the parent) before MkDocs lists docs/: a page's
translations are found by looking for their files.
"""

from __future__ import annotations

import os
from typing import Callable

from mkdocs.exceptions import PluginError

from .. import DEFAULT_LANGUAGE, LANGUAGES
from . import internals

LANGUAGE_ENV = "CASEBOOK_LANGUAGE"
# The language whose process writes the top of the site (the theme's assets, the open
# data): the default language, unless a build leaves it out (`casebook bundle --lang zh`).
TOP_ENV = "CASEBOOK_SITE_TOP"


def only_language() -> str | None:
    """The one language this process builds, or None to build them all."""
    lang = os.environ.get(LANGUAGE_ENV) or None
    if lang is not None and lang not in LANGUAGES:
        raise PluginError(f"{LANGUAGE_ENV}={lang!r}: expected one of {', '.join(LANGUAGES)}")
    return lang


def builds_site_top(lang: str | None) -> bool:
    """Whether this process's part of the site is its top (the default language's, or
    all of them): the files outside the language folders are its to write."""
    return lang is None or lang == (os.environ.get(TOP_ENV) or DEFAULT_LANGUAGE)


def copy_only_own_files(files, lang: str) -> None:
    """Leave the files outside ``lang``'s folder (the theme's assets, the open data) to
    the process that builds the top of the site.

    A ``zh`` pass lists them all, as its pages link to them, and would copy them all into
    a part of the site that is thrown away: only its ``zh/`` folder is kept."""
    own = f"{lang}/"
    internals.skip_copying(file for file in files
                           if not file.is_documentation_page() and not file.dest_uri.startswith(own))


# Set by casebook build/serve in each process it forks (a barrier shared by all of them);
# None when MkDocs runs on its own.
wait_for_the_other_languages: Callable[[], object] | None = None


def writes_files_of_no_language(lang: str | None) -> bool:
    """Whether this process writes the generated files of no language (the open data,
    18 MB at 1,000 cases): the default language's process does, or one building alone."""
    return builds_site_top(lang) or wait_for_the_other_languages is None


def generated_pages_ready() -> None:
    """Wait until every language's process has written its pages (if there are others)."""
    if wait_for_the_other_languages is not None:
        wait_for_the_other_languages()
