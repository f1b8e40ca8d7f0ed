"""The address the site is published at (``site_url``): canonical links, the sitemap and
the citations name it. mkdocs.yml reads it from CASEBOOK_SITE_URL (a publishing workflow
sets it, e.g. from actions/configure-pages); without it the build uses a placeholder and
says so, so that nobody publishes citations naming an address that does not exist."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

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
