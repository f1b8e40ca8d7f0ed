"""Where the map's markers and place labels go, so that none covers another.

The map is one SVG that the browser scales to the page's width, text included: what does
not overlap at one width overlaps at none. Sizes are in the SVG's units, chosen for the
narrowest screen (375 px, where the 800-unit map is about 340 px wide, 0.43 px a unit):

- a marker's tap target is a circle of ``TARGET`` units' radius: 24 px across at 375 px;
- markers whose targets would overlap become one marker (a group), numbered like the
  others; it leads to its cases in the numbered list under the map;
- a place label is drawn only where its box (estimated from its characters, with a
  margin) meets no other label, no marker's target and not the map's edge, and lies
  nearer its own marker than any other, trying right, left, above and below; a place
  without room is found by its number in the list.

The reader can zoom (``LEVELS``; the browser only changes the viewBox and shows the layer
of that level): each level is laid out again at its own scale, so markers and labels keep
their size on screen and a group splits where its places come apart. A level refines the
groups of the level above it, never mixes them, so every marker keeps the number of the
list entry its cases are in.
"""

from __future__ import annotations

import heapq
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

TARGET = 30.0          # radius of a marker's tap target (units): 25.7 px across at 343 px
DOT = 17.0             # radius of the visible marker
LABEL_SIZE = 22.0      # label font size (units; ~9.5 px at 375 px)
GAP = 4.0              # between a target and its label
MARGIN = 1.12          # estimated label widths are widened by this much (fonts differ)
LEVELS = (1, 2, 4, 8, 16)   # zoom factors; at 16 places about 4 km apart come apart


@dataclass
class Group:
    """One marker: the cases it stands for, where it is, its number and its label."""
    members: list = field(default_factory=list)   # (case, x, y)
    x: float = 0.0
    y: float = 0.0
    number: int = 0
    label: tuple | None = None                     # (x, y, anchor) of the text, or None

    def centre(self) -> None:
        self.x = sum(m[1] for m in self.members) / len(self.members)
        self.y = sum(m[2] for m in self.members) / len(self.members)


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    """An upper estimate of ``text``'s width in a bold sans-serif font of ``size``."""
    width = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 1.0
        elif ch in "il.,'’ ":
            width += 0.33
        elif ch.isupper() or ch in "mwMW":
            width += 0.78
        else:
            width += 0.6
    return width * size * MARGIN


def group_markers(points: list[tuple[object, float, float]]) -> list[Group]:
    """Merge markers closer than two target radii (nearest pair first), then number the
    groups from north-west to south-east (reading order).

    Comparing every pair after each merge took minutes at 1,000 cases, so: markers at the
    same spot are one group from the start (they would be merged first anyway); a grid
    of cells two target radii wide limits the comparisons to a marker's own and the eight
    next cells; a heap holds each group's nearest close neighbour, looked up again only
    when that neighbour has since merged. Ties go as in a scan of the list: to the pair
    whose groups came first (a merged group keeps the place of its earlier half).
    """
    reach = 2 * TARGET
    groups: list[Group | None] = []
    at_spot: dict[tuple[float, float], Group] = {}
    for case, x, y in points:
        if (x, y) in at_spot:
            at_spot[x, y].members.append((case, x, y))
        else:
            at_spot[x, y] = Group(members=[(case, x, y)])
            groups.append(at_spot[x, y])
    for group in groups:
        group.centre()
    grid: dict[tuple[int, int], set[int]] = {}
    version = [0] * len(groups)
    heap: list[tuple[float, int, int, int, int, int]] = []

    def cell(i: int) -> tuple[int, int]:
        return int(groups[i].x // reach), int(groups[i].y // reach)

    def push_nearest(i: int) -> None:
        (ax, ay), (cx, cy) = (groups[i].x, groups[i].y), cell(i)
        best_d, best_j = reach ** 2, None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for j in grid.get((cx + dx, cy + dy), ()):
                    d = (ax - groups[j].x) ** 2 + (ay - groups[j].y) ** 2
                    if j != i and (d < best_d or (d == best_d and best_j is not None
                                                  and j < best_j)):
                        best_d, best_j = d, j
        if best_j is not None:
            lo, hi = min(i, best_j), max(i, best_j)
            heapq.heappush(heap, (best_d, lo, hi, version[lo], version[hi], i))

    for i in range(len(groups)):
        grid.setdefault(cell(i), set()).add(i)
    for i in range(len(groups)):
        push_nearest(i)
    while heap:
        _, i, j, vi, vj, owner = heapq.heappop(heap)
        if groups[i] is None or groups[j] is None or version[i] != vi or version[j] != vj:
            if groups[owner] is not None:
                push_nearest(owner)   # its neighbour merged since: look again
            continue
        grid[cell(i)].discard(i)
        grid[cell(j)].discard(j)
        groups[i].members += groups[j].members
        groups[i].centre()
        groups[j] = None
        version[i] += 1
        grid.setdefault(cell(i), set()).add(i)
        push_nearest(i)
    merged = [g for g in groups if g is not None]
    order = {id(case): index for index, (case, _, _) in enumerate(points)}
    for group in merged:      # a group lists its cases in the order they were given
        group.members.sort(key=lambda m: order[id(m[0])])
    merged.sort(key=lambda g: (round(g.y / (2 * TARGET)), g.x))
    for number, group in enumerate(merged, start=1):
        group.number = number
    return merged


def zoom_layers(points: list[tuple[object, float, float]]) -> dict[int, list[Group]]:
    """The markers of every zoom level, by level. Level 1 is ``group_markers(points)``;
    level k groups the members of each group of the level before it, at positions k
    times as far apart, and its markers take that group's number."""
    layers = {LEVELS[0]: group_markers(points)}
    for before, level in zip(LEVELS, LEVELS[1:]):
        groups = []
        for parent in layers[before]:
            for child in group_markers([(c, x / before * level, y / before * level)
                                        for c, x, y in parent.members]):
                child.number = parent.number
                groups.append(child)
        layers[level] = groups
    return layers


def _box(x: float, y: float, anchor: str, width: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a label whose baseline starts at (x, y)."""
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    # the line box of the tallest font (Noto CJK: 1.16 em above the baseline, 0.29 below)
    return left, y - LABEL_SIZE * 1.2, left + width, y + LABEL_SIZE * 0.4


def _meets(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _distance(box: tuple, x: float, y: float) -> float:
    """From (x, y) to the nearest point of ``box`` (0 inside it)."""
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return (dx * dx + dy * dy) ** 0.5


def place_labels(groups: list[Group], name_of: Callable[[Group], str | None], width: float,
                 height: float) -> None:
    """Give each group whose name fits a label position (``Group.label``); ``name_of``: the
    text of a group's label, or None for none."""
    # Boxes already taken (targets, then labels) and markers, in grid cells (a thousand
    # markers at five zoom levels: comparing with every box took seconds). A label must
    # lie nearer its own marker than any other: only markers within that distance of its
    # box can be nearer, so only the cells that span it are looked at.
    reach = 2 * TARGET
    near: dict[tuple[int, int], list[Group]] = {}
    taken: dict[tuple[int, int], list[tuple]] = {}

    def cells(box: tuple, more: float = 0.0):
        return ((cx, cy) for cx in range(int((box[0] - more) // reach), int((box[2] + more) // reach) + 1)
                for cy in range(int((box[1] - more) // reach), int((box[3] + more) // reach) + 1))

    def take(box: tuple) -> None:
        for cell in cells(box):
            taken.setdefault(cell, []).append(box)

    for g in groups:
        near.setdefault((int(g.x // reach), int(g.y // reach)), []).append(g)
        take((g.x - TARGET, g.y - TARGET, g.x + TARGET, g.y + TARGET))

    def closest_is(group: Group, box: tuple) -> bool:
        own = _distance(box, group.x, group.y)
        return all(_distance(box, o.x, o.y) > own for cell in cells(box, own)
                   for o in near.get(cell, ()) if o is not group)

    for group in groups:
        name = name_of(group)
        if not name:
            continue
        w = text_width(name)
        r = TARGET + GAP
        tries = [(group.x + r, group.y + LABEL_SIZE * 0.33, "start"),
                 (group.x - r, group.y + LABEL_SIZE * 0.33, "end"),
                 (group.x, group.y - r - LABEL_SIZE * 0.4, "middle"),
                 (group.x, group.y + r + LABEL_SIZE * 1.2, "middle")]
        for x, y, anchor in tries:
            box = _box(x, y, anchor, w)
            inside = box[0] >= 2 and box[1] >= 2 and box[2] <= width - 2 and box[3] <= height - 2
            mine = (group.x - TARGET, group.y - TARGET, group.x + TARGET, group.y + TARGET)
            if inside and not any(_meets(box, other) for cell in cells(box) for other in taken.get(cell, ())
                                  if other != mine) and closest_is(group, box):
                group.label = (x, y, anchor)
                take(box)
                break
