"""Where the map's markers and place labels go, so that none covers another.

The map is one SVG that the browser scales to the page's width, text included: what does
not overlap at one width overlaps at none. Sizes are in the SVG's units, chosen for the
narrowest screen (375 px, where the 800-unit map is about 340 px wide, 0.43 px a unit):

- a marker's tap target is a circle of ``TARGET`` units' radius: 24 px across at 375 px;
- markers whose targets would overlap become one marker (a group), numbered like the
  others; it leads to its cases in the numbered list under the map;
- a place label is drawn only where its box (estimated from its characters, with a
  margin) meets no other label, no marker's target and not the map's edge, trying right,
  left, above and below; a place without room is found by its number in the list.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

TARGET = 30.0          # radius of a marker's tap target (units): 25.7 px across at 343 px
DOT = 17.0             # radius of the visible marker
LABEL_SIZE = 22.0      # label font size (units; ~9.5 px at 375 px)
GAP = 4.0              # between a target and its label
MARGIN = 1.12          # estimated label widths are widened by this much (fonts differ)


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
    groups from north-west to south-east (reading order)."""
    groups = []
    for case, x, y in points:
        group = Group(members=[(case, x, y)])
        group.centre()
        groups.append(group)
    while True:
        pairs = [((a.x - b.x) ** 2 + (a.y - b.y) ** 2, i, j)
                 for i, a in enumerate(groups) for j, b in enumerate(groups[i + 1:], i + 1)]
        close = [p for p in pairs if p[0] < (2 * TARGET) ** 2]
        if not close:
            break
        _, i, j = min(close)
        groups[i].members += groups[j].members
        groups[i].centre()
        del groups[j]
    groups.sort(key=lambda g: (round(g.y / (2 * TARGET)), g.x))
    for number, group in enumerate(groups, start=1):
        group.number = number
    return groups


def _box(x: float, y: float, anchor: str, width: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a label whose baseline starts at (x, y)."""
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    # the line box of the tallest font (Noto CJK: 1.16 em above the baseline, 0.29 below)
    return left, y - LABEL_SIZE * 1.2, left + width, y + LABEL_SIZE * 0.4


def _meets(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(groups: list[Group], names: dict[int, str], width: float, height: float) -> None:
    """Give each group whose name fits a label position (``Group.label``); ``names``: the
    text of each group's label, by number."""
    taken = [(g.x - TARGET, g.y - TARGET, g.x + TARGET, g.y + TARGET) for g in groups]
    for group in groups:
        name = names.get(group.number)
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
            if inside and not any(_meets(box, other) for other in taken if other != mine):
                group.label = (x, y, anchor)
                taken.append(box)
                break
