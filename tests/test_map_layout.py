"""The map's marker grouping: the grid-and-heap version merges exactly as the plain
definition does (nearest close pair first, ties to the pair that comes first in the
list; a group lists its cases in the order given), so that the map stays the same while its cost stops growing with every pair."""

from __future__ import annotations

import random

import pytest

from casebook.pages.map_layout import TARGET, Group, group_markers


def by_definition(points):
    """The definition, comparing every pair after every merge (minutes at 1,000 cases)."""
    groups = []
    for case, x, y in points:
        group = Group(members=[(case, x, y)])
        group.centre()
        groups.append(group)
    while True:
        close = [((a.x - b.x) ** 2 + (a.y - b.y) ** 2, i, j)
                 for i, a in enumerate(groups) for j, b in enumerate(groups[i + 1:], i + 1)
                 if (a.x - b.x) ** 2 + (a.y - b.y) ** 2 < (2 * TARGET) ** 2]
        if not close:
            break
        _, i, j = min(close)
        groups[i].members += groups[j].members
        groups[i].centre()
        del groups[j]
    groups.sort(key=lambda g: (round(g.y / (2 * TARGET)), g.x))
    given = [case for case, _, _ in points]
    return [(sorted((m[0] for m in g.members), key=given.index), i + 1, g.x, g.y)
            for i, g in enumerate(groups)]


def shown(groups):
    return [([m[0] for m in g.members], g.number, g.x, g.y) for g in groups]


@pytest.mark.parametrize("trial", range(60))
def test_grouping_matches_the_definition(trial):
    rnd = random.Random(trial)
    count = rnd.randint(1, 90)
    if trial % 4 == 3:  # a lattice: many pairs at exactly the same distance, so ties decide
        points = [(k, 50.0 * (k % 7) + 50, 50.0 * (k // 7) + 50) for k in range(count)]
        rnd.shuffle(points)
    elif trial % 3:     # scattered, at one decimal: near neighbours and chains of merges
        points = [(k, round(rnd.uniform(0, 800), 1), round(rnd.uniform(0, 500), 1)) for k in range(count)]
    else:               # a few spots holding many cases each, as cities do
        spots = [(rnd.uniform(0, 800), rnd.uniform(0, 500)) for _ in range(rnd.randint(1, 6))]
        points = [(k, *rnd.choice(spots)) for k in range(count)]
    assert shown(group_markers(points)) == by_definition(points)


def test_many_cases_at_few_places_make_few_markers():
    rnd = random.Random(7)
    spots = [(100.0, 100.0), (400.0, 300.0), (700.0, 100.0)]
    points = [(k, *rnd.choice(spots)) for k in range(5000)]
    groups = group_markers(points)
    assert [len(g.members) for g in groups] and len(groups) == 3
    assert sum(len(g.members) for g in groups) == 5000
    assert all(g.members == sorted(g.members, key=lambda m: m[0]) for g in groups)
