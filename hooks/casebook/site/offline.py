"""What an offline build (mkdocs.offline.yml) needs beyond Material's offline plugin.

From ``file://`` a browser neither starts Web Workers nor fetches JSON, so Material's
search runs its worker inside an iframe (the iframe-worker shim) and reads the index
from a script (``search/search_index.js``). The offline plugin inlines only one index
and would fetch the shim from unpkg.com; we ship the shim and inline every language's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .search_index import index_path

SHIM = Path("node_modules") / "iframe-worker" / "shim" / "index.js"
SHIM_IN_SITE = Path("assets") / "javascripts" / "iframe-worker" / "shim.js"


def offline_enabled(plugins) -> bool:
    plugin = plugins.get("material/offline") or plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def install_shim(root: Path, site_dir: Path) -> None:
    """Copy iframe-worker's shim (npm, pinned in package-lock.json) into the site."""
    source = root / SHIM
    if not source.is_file():
        raise FileNotFoundError(f"{SHIM} is missing: run `make setup` (npm ci) first; "
                                "without it search does not work offline")
    target = site_dir / SHIM_IN_SITE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def inline_search_indexes(site_dir: Path, languages: tuple[str, ...], default: str) -> None:
    """Write each language's index as the script Material loads from file:// URLs."""
    for lang in languages:
        path = index_path(site_dir, lang, default)
        if path.is_file():
            data = path.read_text(encoding="utf-8")
            path.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
