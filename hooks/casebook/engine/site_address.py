"""The address the site is published at (``site_url``): canonical links, the sitemap and
the citations name it. mkdocs.yml reads it from CASEBOOK_SITE_URL (a publishing workflow
sets it, e.g. from actions/configure-pages); without it the build uses a placeholder and
says so, so that nobody publishes citations naming an address that does not exist."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..pages.improve import Repository

PLACEHOLDER = "https://reform-casebook.example.org/"
ENV = "CASEBOOK_SITE_URL"


def placeholder_notice(site_url: str | None) -> str | None:
    """What to tell the person building, when the site's address is the placeholder."""
    if (site_url or "").rstrip("/") != PLACEHOLDER.rstrip("/"):
        return None
    return (f"casebook: the site's address is a placeholder ({PLACEHOLDER}): canonical links, the sitemap "
            f"and citations name it. Set {ENV} to the published address (for example "
            f"{ENV}=https://example.github.io/reform-casebook/) before building a site to publish.")


# What RFC 3986 allows in an address's host and path, less what would end an attribute or
# need escaping in XML (quotes, &): the address is written raw into every page's head, the
# sitemap, the feeds and the citations. A site's address has no query and no fragment.
_URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/@!$()*+,;=%]+")


def site_url_problem(site_url: str | None) -> str | None:
    """Why ``site_url`` cannot be the site's address, or None. Only a plain http(s)
    address with a host is taken: MkDocs itself accepts any scheme (javascript:...)."""
    if not site_url:
        return None
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (f"{ENV} must be an http:// or https:// address with a host, such as "
                f"https://example.github.io/reform-casebook/; got {site_url!r}")
    if not _URL_CHARACTERS.fullmatch(site_url):
        return (f"{ENV} may hold letters, digits and - . _ ~ : / @ ! $ ( ) * + , ; = % only (no query, "
                f"no fragment; percent-encode anything else): {site_url!r}")
    return None


# The repository the site's "edit" and "suggest a correction" links open (mkdocs.yml's
# repo_url, from CASEBOOK_REPO_URL; the Pages workflow sets it to the repository it runs in).
REPO_PLACEHOLDER = "https://github.com/reform-casebook/reform-casebook"
REPO_ENV = "CASEBOOK_REPO_URL"
_BRANCH = re.compile(r"edit/([A-Za-z0-9._\-]+)/")


def repo_url_problem(repo_url: str | None, edit_uri: str | None) -> str | None:
    """Why ``repo_url`` (with ``edit_uri``) cannot be where contributors are sent, or None.
    Only an https address with a host and a path is taken: it is written into a link on
    every case page, and a reader's click takes their text to it."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    if parts.scheme != "https" or not parts.hostname or parts.path.strip("/") == "":
        return (f"{REPO_ENV} (repo_url) must be an https:// address of a repository, such as "
                f"https://github.com/owner/reform-casebook; got {repo_url!r}")
    if not _URL_CHARACTERS.fullmatch(repo_url) or parts.query or parts.fragment:
        return (f"{REPO_ENV} (repo_url) may hold letters, digits and - . _ ~ : / @ ! $ ( ) * + , ; = % only "
                f"(no query, no fragment): {repo_url!r}")
    if not _BRANCH.fullmatch(edit_uri or ""):
        return f"edit_uri must be edit/<branch>/ (the branch pull requests go to), such as edit/main/; got {edit_uri!r}"
    return None


def repository(repo_url: str | None, edit_uri: str | None) -> Repository | None:
    """The repository of a checked configuration (``repo_url_problem`` said None)."""
    if not repo_url:
        return None
    return Repository(repo_url.rstrip("/"), _BRANCH.fullmatch(edit_uri).group(1))
