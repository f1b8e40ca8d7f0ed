"""Words as readers type them: Vietnamese without tone marks.

Used by the explore page's keyword box and by the search index alike, so both fold a
word the same way.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=200_000)  # called per word: a casebook has far fewer distinct words
def unaccented(text: str) -> str:
    """'Hội Phụ nữ Đồng Nai' -> 'hoi phu nu dong nai' (đ is a letter of its own in Unicode)."""
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()
