"""Index terms: the same rules here (text, at build time) and in the worker (the query).

docs/assets/casebook-search.js implements ``fold`` and ``query_terms`` again in
JavaScript, rule for rule; tests/test_search_index.py runs both on the same strings.

- Words are runs of letters and digits, lower-cased, without marks: Vietnamese "Hội Phụ
  nữ" and "hoi phu nu" are the same terms, đ is d.
- Chinese has no spaces: a run of Han characters is indexed as each character and each
  pair of neighbours (bigrams), so any substring of two or more characters a reader types
  is found by its bigrams, whatever a segmenter would have cut.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# a Han run, or a run of letters and digits that are not Han (Python's \w less "_")
_TOKEN = re.compile(rf"([{HAN}]+)|((?:(?![{HAN}])[^\W_])+)")


@lru_cache(maxsize=200_000)  # called per word: a casebook has far fewer distinct words
def fold(text: str) -> str:
    """'Hội Phụ nữ Đồng Nai' -> 'hội phụ nữ đồng nai' -> 'hoi phu nu dong nai'."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower())
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith("M")).replace("đ", "d")


def tokens(text: str) -> Iterator[tuple[str, bool]]:
    """(token, is_han) in the order of the text, folded."""
    for han, word in _TOKEN.findall(fold(text)):
        if han:
            yield han, True
        elif len(word) > 1 or word.isdigit():  # the "s" of "women's" is no word
            yield word, False


def text_terms(text: str) -> Iterator[str]:
    """Every term of an indexed text, once per occurrence."""
    for token, is_han in tokens(text):
        if is_han:
            yield from token
            yield from (token[i:i + 2] for i in range(len(token) - 1))
        else:
            yield token


def query_terms(query: str) -> list[str]:
    """The terms a query must match: its words, and for Chinese the bigrams of each run
    (a single character is its own term). Distinct, in order."""
    out: list[str] = []
    for token, is_han in tokens(query):
        grams = ([token] if len(token) == 1 else [token[i:i + 2] for i in range(len(token) - 1)]) if is_han else [token]
        out += [g for g in grams if g not in out]
    return out
