"""The map's marker grouping: the grid-and-heap version merges exactly as the plain
definition does (nearest close pair first, ties to the pair that comes first in the
list; a group lists its cases in the order given), so that the map stays the same while its cost stops growing with every pair."""

from __future__ import annotations

import random

import pytest

from casebook.pages.map_layout import (LEVELS, TARGET, Group, _box, _distance, group_markers, place_labels,
                                       text_width, zoom_layers)


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


def _label_box(group):
    x, y, anchor = group.label
    return _box(x, y, anchor, text_width(group.name))


@pytest.mark.parametrize("trial", range(30))
def test_a_label_lies_nearer_its_own_marker_than_any_other(trial):
    """A label beside the wrong marker names the wrong place: none is placed where
    another marker is nearer to it than its own."""
    rnd = random.Random(trial)
    points = [(k, round(rnd.uniform(0, 800), 1), round(rnd.uniform(0, 600), 1)) for k in range(rnd.randint(5, 60))]
    groups = group_markers(points)
    for g in groups:
        g.name = rnd.choice(["Ruili", "Province of Somewhere Long", "瑞丽市", "xã Chiềng Hoa"])
    place_labels(groups, lambda g: g.name if len(g.members) == 1 else None, 800, 600)
    labelled = [g for g in groups if g.label]
    assert labelled or len(groups) < 3
    for g in labelled:
        box = _label_box(g)
        own = _distance(box, g.x, g.y)
        for other in groups:
            if other is not g:
                assert _distance(box, other.x, other.y) > own, (g.name, g.number, other.number)


@pytest.mark.parametrize("trial", range(20))
def test_each_zoom_level_refines_the_groups_of_the_level_above(trial):
    """A marker at a deeper level stands for some of the cases of one marker above it
    and keeps its number (the list's), so the list under the map holds at every level."""
    rnd = random.Random(trial)
    spots = [(rnd.uniform(0, 800), rnd.uniform(0, 600)) for _ in range(rnd.randint(1, 8))]
    points = [(k, x + rnd.uniform(-20, 20), y + rnd.uniform(-20, 20))
              for k, (x, y) in enumerate(rnd.choice(spots) for _ in range(rnd.randint(1, 60)))]
    layers = zoom_layers(points)
    assert list(layers) == list(LEVELS)
    for above, level in zip(LEVELS, LEVELS[1:]):
        parent = {m[0]: g.number for g in layers[above] for m in g.members}
        assert sorted(parent) == sorted(k for k, _, _ in points)
        assert len(layers[level]) >= len(layers[above])
        for g in layers[level]:
            assert {parent[m[0]] for m in g.members} == {g.number}
            for m in g.members:  # at that level's scale
                source = next(p for p in points if p[0] == m[0])
                assert (m[1], m[2]) == pytest.approx((source[1] * level, source[2] * level))


def test_places_a_few_kilometres_apart_part_when_zoomed_in():
    """Two places 4 map units apart (about 20 km on the casebook's map) share a marker on
    the whole map and come apart at the deepest zoom; two cases at one spot never part."""
    points = [("a", 300.0, 300.0), ("b", 304.0, 301.0), ("c", 500.0, 500.0), ("d", 500.0, 500.0)]
    layers = zoom_layers(points)
    members = {level: sorted(sorted(m[0] for m in g.members) for g in groups) for level, groups in layers.items()}
    assert members[1] == [["a", "b"], ["c", "d"]]
    assert members[LEVELS[-1]] == [["a"], ["b"], ["c", "d"]]
