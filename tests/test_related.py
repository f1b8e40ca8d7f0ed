"""Related cases ranked by groups of like cases (records/related.py, #29) are the cases the
pairwise comparison chose, in its order."""

from __future__ import annotations

import heapq
import random
from types import SimpleNamespace

import pytest

from casebook.records.load import load_casebook
from casebook.records.related import related_cases
from conftest import ROOT


def pairwise(cases: dict) -> dict[str, tuple[str, ...]]:
    """The comparison as it was: every case with every case sharing a theme."""
    members: dict[str, list] = {}
    for case in cases.values():
        for theme in set(case.themes):
            members.setdefault(theme, []).append(case)
    related = {}
    for case in cases.values():
        shared: dict[str, int] = {}
        for theme in set(case.themes):
            for other in members[theme]:
                if other.id != case.id:
                    shared[other.id] = shared.get(other.id, 0) + 1
        related[case.id] = tuple(heapq.nsmallest(3, shared, key=lambda other: (
            -shared[other] - (cases[other].country == case.country), cases[other].country != case.country, other)))
    return related


def test_the_seed_casebook_s_related_cases_are_unchanged():
    book = load_casebook(ROOT / "cases")
    assert book.related == pairwise(book.cases)


@pytest.mark.parametrize("seed", range(4))
def test_many_cases_with_few_or_many_themes_in_common(seed):
    rng = random.Random(seed)
    themes = [f"t{n}" for n in range(rng.choice([2, 5, 13]))]
    cases = {}
    for number in sorted(rng.sample(range(100_000), 600)):
        case_id = f"case-{number:06d}"
        picked = rng.sample(themes, rng.randint(1, min(4, len(themes))))
        cases[case_id] = SimpleNamespace(id=case_id, country=rng.choice("CN VN LA".split()),
                                         themes=picked + picked[:rng.randint(0, 1)])  # (a theme written twice)
    assert related_cases(cases) == pairwise(cases)
    assert list(related_cases(cases)) == list(cases)
