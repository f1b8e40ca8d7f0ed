"""Plain ``mkdocs build`` leaves the previous site as it was when the build fails.

MkDocs writes into ``site_dir`` as it goes, and decides that a strict build failed only
at the end (after ``on_post_build``): the site a reader was served is then half replaced.
With ``mkdocs build`` (and ``gh-deploy``) the hooks point MkDocs at a fresh folder next to
the site, and put it in the site's place on shutdown, only if the build got to its end
without an error; otherwise the folder is removed. ``casebook build`` does the same with
its own folders (parallel_build.py); ``mkdocs serve`` builds into a temporary folder.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

STAGED_COMMANDS = ("build", "gh-deploy")


class StagedSite:
    """One ``mkdocs build``: where it really writes, and whether it got to its end."""

    def __init__(self) -> None:
        self.site: Path | None = None
        self.staging: Path | None = None
        self.finished = False
        self.failed = False

    def redirect(self, config: MkDocsConfig) -> None:
        """Make MkDocs write into a fresh folder next to ``config.site_dir``."""
        if self.staging is not None:  # (on_config of the same build, again)
            return
        self.site = Path(config.site_dir)
        self.site.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.site.name}-building-", dir=self.site.parent))
        config.site_dir = str(self.staging)

    def close(self) -> None:
        """Publish the new site if the build finished without an error, else drop it."""
        if self.staging is None or self.site is None:
            return
        staging, site, self.staging = self.staging, self.site, None
        if self.failed or not self.finished:
            shutil.rmtree(staging, ignore_errors=True)
            return
        previous = None
        if site.exists():
            previous = Path(tempfile.mkdtemp(prefix=f".{site.name}-previous-", dir=site.parent))
            site.rename(previous / site.name)
        staging.rename(site)
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
