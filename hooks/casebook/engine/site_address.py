"""The address the site is published at (``site_url``): canonical links, the sitemap and
the citations name it. mkdocs.yml reads it from CASEBOOK_SITE_URL (a publishing workflow
sets it, e.g. from actions/configure-pages); without it the build uses a placeholder and
says so, so that nobody publishes citations naming an address that does not exist."""

from __future__ import annotations

PLACEHOLDER = "https://reform-casebook.example.org/"
ENV = "CASEBOOK_SITE_URL"


def placeholder_notice(site_url: str | None) -> str | None:
    """What to tell the person building, when the site's address is the placeholder."""
    if (site_url or "").rstrip("/") != PLACEHOLDER.rstrip("/"):
        return None
    return (f"casebook: the site's address is a placeholder ({PLACEHOLDER}): canonical links, the sitemap "
            f"and citations name it. Set {ENV} to the published address (for example "
            f"{ENV}=https://example.github.io/reform-casebook/) before building a site to publish.")
