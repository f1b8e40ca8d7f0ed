"""What an offline build (mkdocs.offline.yml) needs beyond Material's offline plugin.

From ``file://`` a browser neither starts Web Workers nor fetches JSON, so Material's
search runs its worker inside an iframe (the iframe-worker shim) and reads the index
from scripts (``search/search_index.js`` and the parts, written for every language by
site/search/parts.py). The offline plugin would fetch the shim from unpkg.com: we ship it.
"""

from __future__ import annotations

import shutil
from pathlib import Path


SHIM = Path("node_modules") / "iframe-worker" / "shim" / "index.js"
SHIM_IN_SITE = Path("assets") / "javascripts" / "iframe-worker" / "shim.js"


def offline_enabled(plugins) -> bool:
    plugin = plugins.get("material/offline") or plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def shim_problem(root: Path) -> str | None:
    """Why an offline copy cannot be built here, said before the build starts (not after
    every page is built), or None."""
    if (root / SHIM).is_file():
        return None
    return f"{SHIM} is missing: run `make setup` (npm ci) first; without it search does not work offline"


def install_shim(root: Path, site_dir: Path) -> None:
    """Copy iframe-worker's shim (npm, pinned in package-lock.json) into the site."""
    source = root / SHIM
    if not source.is_file():
        raise FileNotFoundError(shim_problem(root))
    target = site_dir / SHIM_IN_SITE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
