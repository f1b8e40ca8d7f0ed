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
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable

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


@lru_cache(maxsize=200_000)  # called per word: a casebook has far fewer distinct words
def unaccented(text: str) -> str:
    """'Hội Phụ nữ Đồng Nai' -> 'hoi phu nu dong nai' (đ is a letter of its own in Unicode)."""
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def add_unaccented_words(entry: dict) -> dict:
    """The entry plus the distinct unaccented forms of its words that differ from them."""
    words = set(_WORD.findall(re.sub(r"<[^>]+>", " ", f"{entry['title']} {entry['text']}").lower()))
    extra = sorted({unaccented(w) for w in words} - words)
    return {**entry, UNACCENTED_FIELD: " ".join(extra)} if extra else entry


def index_path(site_dir: Path, lang: str, default: str) -> Path:
    return site_dir / ("" if lang == default else lang) / "search" / "search_index.json"


def split_search_index(site_dir: Path, languages: tuple[str, ...], default: str,
                       settings: dict[str, dict], write: tuple[str, ...] | None = None) -> dict[str, int]:
    """Rewrite the index of every language in ``write`` (default: all) with its own
    entries, read from every index found; returns entries per language written.

    (A one-language pass of ``casebook build`` finds its entries in the top index.)"""
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
    for lang in write or languages:
        path = index_path(site_dir, lang, default)
        path.parent.mkdir(parents=True, exist_ok=True)
        prefix = "" if lang == default else f"{lang}/"
        docs = []
        for location, entry in merged.items():
            if lang == default and location.startswith(others):
                continue
            if lang != default and not location.startswith(prefix):
                continue
            entry["location"] = location[len(prefix):]  # in place: each entry is written once
            docs.append(add_unaccented_words(entry) if lang == "vi" else entry)
        lang_config = {**config, **settings[lang]}
        if lang == "vi":
            lang_config["fields"] = {**config.get("fields", {}), UNACCENTED_FIELD: {"boost": 0.5}}
        data = {"config": lang_config, "docs": docs}
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[lang] = len(docs)
    return counts
