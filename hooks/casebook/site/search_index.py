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
import re
from pathlib import Path
from itertools import islice
from typing import Callable, Iterator

from ..pages.words import unaccented

# Material's per-language search settings, read from its language partials, e.g. zh:
# lang "en" (lunr.zh needs jieba in the browser), pipeline "stemmer" (lunr's trimmer would
# strip every Han character), a separator that splits on U+200B (jieba's word breaks).
SEARCH_KEYS = ("lang", "separator", "pipeline")


def search_config(translate: Callable[[str, str], str], lang: str) -> dict:
    """The lunr settings Material uses for ``lang`` (falling back to English)."""
    values = {key: translate(lang, f"search.config.{key}") for key in SEARCH_KEYS}
    return {
        "lang": [values["lang"]],
        "separator": values["separator"],
        "pipeline": [fn for fn in values["pipeline"].replace(" ", "").split(",") if fn],
    }


# Vietnamese readers often type without tone marks ("binh duong" for "Bình Dương"). Each
# Vietnamese entry gets a field of its words without marks; it is searched, never shown.
UNACCENTED_FIELD = "unaccented"
_WORD = re.compile(r"[^\W\d_]+")


def add_unaccented_words(entry: dict) -> dict:
    """The entry plus the distinct unaccented forms of its words that differ from them."""
    words = set(_WORD.findall(re.sub(r"<[^>]+>", " ", f"{entry['title']} {entry['text']}").lower()))
    extra = sorted({unaccented(w) for w in words} - words)
    return {**entry, UNACCENTED_FIELD: " ".join(extra)} if extra else entry


def index_path(site_dir: Path, lang: str, default: str) -> Path:
    return site_dir / ("" if lang == default else lang) / "search" / "search_index.json"


def split_search_index(site_dir: Path, languages: tuple[str, ...], default: str,
                       settings: dict[str, dict], write: tuple[str, ...] | None = None,
                       index: tuple[dict, list[dict]] | None = None) -> dict[str, int]:
    """Rewrite the index of every language in ``write`` (default: all) with its own
    entries; returns entries per language written.

    The entries are read from every index found, or taken from ``index`` (config, entries)
    when given: a one-language pass of ``casebook build`` passes the search plugin's own,
    which it has just written (reading 20 MB of escaped JSON back cost ~50 MB at 1,000
    cases). They are copied, never changed: under ``casebook serve`` the plugin keeps
    them for its next build."""
    merged: dict[str, dict] = {}
    config: dict = {}
    sources = [index] if index else (_read_index(index_path(site_dir, lang, default)) for lang in languages)
    for found in sources:
        if found is None:
            continue
        config = config or found[0]
        for entry in found[1]:
            merged.setdefault(entry["location"], entry)  # the same entry may be in several
    others = tuple(f"{lang}/" for lang in languages if lang != default)
    counts = {}
    for lang in write or languages:
        path = index_path(site_dir, lang, default)
        path.parent.mkdir(parents=True, exist_ok=True)
        prefix = "" if lang == default else f"{lang}/"
        docs = (
            {**entry, "location": location[len(prefix):]}
            for location, entry in merged.items()
            if (location.startswith(prefix) if lang != default else not location.startswith(others))
        )
        if lang == "vi":
            docs = map(add_unaccented_words, docs)
        lang_config = {**config, **settings[lang]}
        if lang == "vi":
            lang_config["fields"] = {**config.get("fields", {}), UNACCENTED_FIELD: {"boost": 0.5}}
        counts[lang] = _write_index(path, lang_config, docs)
    return counts


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _write_index(path: Path, config: dict, docs: Iterator[dict], batch: int = 500) -> int:
    """Write ``{"config":..,"docs":[..]}`` a few hundred entries at a time (what
    ``json.dumps`` of the whole makes, byte for byte): the whole Vietnamese index as one
    string took ~35 MB more at 1,000 cases, at the end of the build, when every language
    process is at its largest. Returns the number of entries."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{{"config":{_dumps(config)},"docs":[')
        while chunk := list(islice(docs, batch)):
            out.write(("," if count else "") + _dumps(chunk)[1:-1])
            count += len(chunk)
        out.write("]}")
    return count


def _read_index(path: Path) -> tuple[dict, list[dict]] | None:
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["config"], data["docs"]
