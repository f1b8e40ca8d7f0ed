"""A small TopoJSON decoder: polygons of a topology object as rings of (lon, lat).

Only what the map page needs, with no dependency: the topology's shared ``arcs``
(quantized and delta-encoded when the topology has a ``transform``, absolute otherwise),
and ``Polygon`` / ``MultiPolygon`` geometries, also inside ``GeometryCollection``\\ s.
Other geometry types (points, lines, null geometries) yield no rings.

Format: https://github.com/topojson/topojson-specification
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

Point = tuple[float, float]  # (lon, lat)
Ring = list[Point]
Polygon = list[Ring]  # exterior ring first, then holes


@dataclass(frozen=True)
class Feature:
    id: str | None
    properties: dict[str, Any]
    polygons: list[Polygon] = field(default_factory=list)

    @property
    def rings(self) -> list[Ring]:
        """Every ring of every polygon (exterior rings and holes alike)."""
        return [ring for polygon in self.polygons for ring in polygon]

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        """(min lon, min lat, max lon, max lat), or None for an empty feature."""
        points = [p for ring in self.rings for p in ring]
        if not points:
            return None
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        return min(lons), min(lats), max(lons), max(lats)


def load(path: Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc as absolute (lon, lat) points.

    With a ``transform`` the positions are integers, each one a delta from the previous
    position of the same arc (the first from 0, 0), scaled and translated afterwards.
    """
    transform = topology.get("transform")
    arcs = topology.get("arcs") or []
    if not transform:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in arcs]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    decoded = []
    for arc in arcs:
        x = y = 0
        points = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring(indexes: list[int], arcs: list[list[Point]]) -> Ring:
    """Stitch arcs into one ring. A negative index ``~i`` means arc ``i`` reversed; each
    arc after the first starts where the previous ended, so its first point is dropped."""
    points: Ring = []
    for index in indexes:
        arc = arcs[~index][::-1] if index < 0 else arcs[index]
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry: dict[str, Any], arcs: list[list[Point]]) -> list[Polygon]:
    """The polygons of one geometry (none for other geometry types)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        parts = [geometry.get("arcs") or []]
    elif kind == "MultiPolygon":
        parts = geometry.get("arcs") or []
    else:
        return []
    return [[ring(indexes, arcs) for indexes in polygon] for polygon in parts]


def _geometries(geometry: dict[str, Any]) -> Iterator[dict[str, Any]]:
    if geometry.get("type") == "GeometryCollection":
        for member in geometry.get("geometries") or []:
            yield from _geometries(member)
    else:
        yield geometry


def features(topology: dict[str, Any], name: str) -> list[Feature]:
    """The geometries of ``topology["objects"][name]`` as features with polygons."""
    if topology.get("type") != "Topology":
        raise ValueError("not a TopoJSON topology (type is not 'Topology')")
    try:
        target = topology["objects"][name]
    except KeyError:
        raise ValueError(f"the topology has no object {name!r}; it has: "
                         + ", ".join(sorted(topology.get("objects") or {}))) from None
    arcs = decode_arcs(topology)
    found = []
    for geometry in _geometries(target):
        ident = geometry.get("id")
        found.append(Feature(id=None if ident is None else str(ident),
                             properties=dict(geometry.get("properties") or {}),
                             polygons=polygons(geometry, arcs)))
    return found
