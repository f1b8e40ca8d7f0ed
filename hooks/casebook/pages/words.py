"""Words as readers type them: with or without Vietnamese tone marks.

The one folding of the casebook, used by the search index (site/search/terms.py) and by
the explore page's words alike. Its browser twins, docs/assets/casebook-search.js and
docs/assets/explore.js, fold rule for rule (tests/test_search_index.py runs all three on
the same strings).

- ``fold``: lower case, without marks, đ is d: what a query without marks matches.
- ``as_typed``: lower case with its marks: what a query typed with marks means first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# a Han run, or a run of letters and digits that are not Han (Python's \w less "_")
_TOKEN = re.compile(rf"([{HAN}]+)|([^\W_{HAN}]+)")

# every mark (Unicode category M, the scripts' \\p{M}) of the Basic Multilingual Plane, and đ
_FOLD = {cp: None for cp in range(0x10000) if unicodedata.category(chr(cp)).startswith("M")} | {ord("đ"): "d"}


@lru_cache(maxsize=200_000)  # called per word and per field: far fewer distinct ones
def fold(text: str) -> str:
    """'Hội Phụ nữ Đồng Nai' -> 'hội phụ nữ đồng nai' -> 'hoi phu nu dong nai'."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower()).translate(_FOLD)


def as_typed(text: str) -> str:
    """'Hội Phụ nữ' -> 'hội phụ nữ' (lower case, composed: NFC)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKC", text).lower())


def tokens(text: str) -> Iterator[tuple[str, bool, str]]:
    """(token folded, is_han, token as typed) in the order of the text: Han runs, and words
    (runs of letters and digits; "left-behind" is two)."""
    for han, word in _TOKEN.findall(as_typed(text)):
        if han:
            yield han, True, han
        elif len(word) > 1 or word.isdigit():  # the "s" of "women's" is no word
            yield fold(word), False, word
