"""Index terms: the same rules here (text, at build time) and in the worker (the query).

docs/assets/casebook-search.js implements the term rules again in JavaScript, rule for
rule; tests/test_search_index.py runs both on the same strings.

- Words are runs of letters and digits, lower-cased, without marks: Vietnamese "Hội Phụ
  nữ" and "hoi phu nu" are the same terms, đ is d (pages/words.py folds). A word written
  with marks is also its own term as written ("hội"): a reader who types the marks is
  answered with the pages holding exactly that word first.
- Chinese has no spaces: a run of Han characters is indexed as each character and each
  pair of neighbours (bigrams), so any substring of two or more characters a reader types
  is found by its bigrams, whatever a segmenter would have cut.
- Phrases: two words next to each other in a field ("binh duong", folded) and three Han
  characters in a row are terms too, so that a page holding a query's words together
  outranks one holding them apart. Only in the fields that name and sum up a page (all
  but a case's narrative and a page's body text: those would triple the index).
"""

from __future__ import annotations

import operator
from collections import Counter
from itertools import chain
from typing import Iterator

from ...pages.words import tokens


def term_counts(text: str, phrases: bool = True) -> Counter:
    """How often each term is in an indexed text (counted in C: a casebook of 1,000
    cases has millions of Chinese characters and bigrams); its phrases too if asked."""
    runs, words, typed = [], [], []
    for token, is_han, as_written in tokens(text):
        if is_han:
            runs.append(token)
        else:
            words.append(token)
            if as_written != token:
                typed.append(as_written)
    counts = Counter(words)
    counts.update(typed)
    if phrases:
        counts.update(map(phrase, words, words[1:]))
    if runs:
        counts.update(Counter("".join(runs)))
        counts.update(Counter(chain.from_iterable(map(operator.add, run, run[1:]) for run in runs)))
        if phrases:
            counts.update(Counter(chain.from_iterable(map("".join, zip(run, run[1:], run[2:])) for run in runs)))
    return counts


def phrase(first: str, second: str) -> str:
    """The term of two words next to each other (a space: no word holds one)."""
    return f"{first} {second}"


def grams(run: str) -> list[str]:
    """A Han run's terms: its pairs of neighbours (a single character is its own)."""
    return [run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)]


def query_terms(query: str) -> list[str]:
    """The terms a query must match: its words, and for Chinese the bigrams of each run
    (a single character is its own term). Distinct, in order."""
    out: list[str] = []
    for token, is_han, _ in tokens(query):
        out += [g for g in (grams(token) if is_han else [token]) if g not in out]
    return out


def query_extras(query: str) -> dict[str, list[str]]:
    """What ranks a query's results beyond its terms: its words as typed with marks
    ("exact"), and its phrases: neighbouring words, three Han characters in a row."""
    found = list(tokens(query))
    words = [token for token, is_han, _ in found if not is_han]
    trigrams = [run[i:i + 3] for run, is_han, _ in found if is_han for i in range(len(run) - 2)]
    return {"exact": list(dict.fromkeys(typed for token, is_han, typed in found if not is_han and typed != token)),
            "phrases": list(dict.fromkeys([*map(phrase, words, words[1:]), *trigrams]))}
