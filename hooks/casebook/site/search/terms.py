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

import operator
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import chain
from typing import Iterator

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# a Han run, or a run of letters and digits that are not Han (Python's \w less "_")
_TOKEN = re.compile(rf"([{HAN}]+)|([^\W_{HAN}]+)")


# every mark (Unicode category M, the worker's \p{M}) of the Basic Multilingual Plane, and đ
_FOLD = {cp: None for cp in range(0x10000) if unicodedata.category(chr(cp)).startswith("M")} | {ord("đ"): "d"}


@lru_cache(maxsize=20_000)  # queries and short fields repeat; long texts are folded once
def fold(text: str) -> str:
    """'Hội Phụ nữ Đồng Nai' -> 'hội phụ nữ đồng nai' -> 'hoi phu nu dong nai'."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower()).translate(_FOLD)


def tokens(text: str) -> Iterator[tuple[str, bool]]:
    """(token, is_han) in the order of the text, folded."""
    for han, word in _TOKEN.findall(fold(text)):
        if han:
            yield han, True
        elif len(word) > 1 or word.isdigit():  # the "s" of "women's" is no word
            yield word, False


def term_counts(text: str) -> Counter:
    """How often each term is in an indexed text (counted in C: a casebook of 1,000
    cases has millions of Chinese characters and bigrams)."""
    runs, words = [], []
    for token, is_han in tokens(text):
        (runs if is_han else words).append(token)
    counts = Counter(words)
    if runs:
        counts.update(Counter("".join(runs)))
        counts.update(Counter(chain.from_iterable(map(operator.add, run, run[1:]) for run in runs)))
    return counts


def query_terms(query: str) -> list[str]:
    """The terms a query must match: its words, and for Chinese the bigrams of each run
    (a single character is its own term). Distinct, in order."""
    out: list[str] = []
    for token, is_han in tokens(query):
        grams = ([token] if len(token) == 1 else [token[i:i + 2] for i in range(len(token) - 1)]) if is_han else [token]
        out += [g for g in grams if g not in out]
    return out
