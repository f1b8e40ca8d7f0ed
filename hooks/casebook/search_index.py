"""One search index per language.

mkdocs-static-i18n merges every language's entries into each index, so a Chinese reader
downloads (and searches) the English and Vietnamese text too. After the build, each
language's ``search/search_index.json`` is rewritten to hold only its own pages, with
its own lunr language, and without ``\\u`` escapes (Chinese as UTF-8 is ~3x smaller).

Material loads ``search/search_index.json`` relative to the page's ``base``; the hooks set
``base`` of a ``zh/`` page to ``zh/``, so locations in the Chinese index are relative to
``zh/`` too.
"""

from __future__ import annotations

import json
from pathlib import Path


def index_path(site_dir: Path, lang: str, default: str) -> Path:
    return site_dir / ("" if lang == default else lang) / "search" / "search_index.json"


def split_search_index(site_dir: Path, languages: tuple[str, ...], default: str,
                       lunr_languages: dict[str, list[str]]) -> dict[str, int]:
    """Rewrite every language's index with its own entries; returns entries per language."""
    merged: dict[str, dict] = {}
    config: dict = {}
    for lang in languages:
        path = index_path(site_dir, lang, default)
        if not path.is_file():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        config = config or data["config"]
        for entry in data["docs"]:
            merged.setdefault(entry["location"], entry)  # the same entry may be in several
    others = tuple(f"{lang}/" for lang in languages if lang != default)
    counts = {}
    for lang in languages:
        path = index_path(site_dir, lang, default)
        path.parent.mkdir(parents=True, exist_ok=True)
        prefix = "" if lang == default else f"{lang}/"
        docs = []
        for location, entry in merged.items():
            if lang == default and location.startswith(others):
                continue
            if lang != default and not location.startswith(prefix):
                continue
            docs.append({**entry, "location": location[len(prefix):]})
        data = {"config": {**config, "lang": lunr_languages.get(lang, ["en"])}, "docs": docs}
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[lang] = len(docs)
    return counts
