"""The map page (``map/index.<lang>.md``): case locations on a static SVG drawn at build time.

Country shapes are Natural Earth's, from the npm package ``world-atlas`` (installed by
``make setup``, pinned in package-lock.json); nothing is fetched when the site is built or
read, no tile server, no script: it works offline from file://. Markers link to the cases;
labels are in the page's language; the same cases follow as a list for screen readers.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

from . import topojson
from .i18n import t
from ..records.load import Casebook
from ..records.model import Case
from .markup import esc, front_matter

ATLAS = Path("node_modules") / "world-atlas" / "countries-50m.json"
WIDTH = 800
MARGIN_DEGREES = 6.0


def find_world_atlas(root: Path) -> Path | None:
    path = root / ATLAS
    return path if path.is_file() else None


@lru_cache(maxsize=2)
def _countries(path: str) -> list[topojson.Feature]:
    return topojson.features(topojson.load(Path(path)), "countries")


def _view(cases: list[Case]) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the markers, at least East and South-East Asia."""
    lons = [c.coordinates.lon for c in cases] + [97.0, 123.0]
    lats = [c.coordinates.lat for c in cases] + [8.0, 42.0]
    return (min(lons) - MARGIN_DEGREES, min(lats) - MARGIN_DEGREES,
            max(lons) + MARGIN_DEGREES, max(lats) + MARGIN_DEGREES)


def _path(rings: list[list[tuple[float, float]]], project: Callable, view: tuple) -> str:
    west, south, east, north = view
    out = []
    for ring in rings:
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
            continue  # an island or part wholly outside the view
        points, last = [], None
        for lon, lat in ring:
            x, y = project(lon, lat)
            # whole pixels, and far-away points pulled to just outside the frame: the SVG
            # stays small and what is outside the view is never seen anyway
            point = f"{min(max(round(x), -20), WIDTH + 20)} {round(y)}"
            if point != last:
                points.append(point)
                last = point
        if len(points) > 2:
            out.append("M" + "L".join(points) + "Z")
    return "".join(out)


def render_svg(book: Casebook, lang: str, atlas: Path, case_href: Callable[[str], str]) -> str:
    placed = [c for c in book.sorted_cases() if c.coordinates]
    west, south, east, north = _view(placed)
    scale = WIDTH / (east - west)
    height = round((north - south) * scale)

    def project(lon: float, lat: float) -> tuple[float, float]:  # equirectangular
        return (lon - west) * scale, (north - lat) * scale

    shapes = []
    for country in _countries(str(atlas)):
        box = country.bbox
        if box is None or box[2] < west or box[0] > east or box[3] < south or box[1] > north:
            continue  # wholly outside the view
        name = esc(str(country.properties.get("name", "")))
        path = _path(country.rings, project, (west, south, east, north))
        if path:
            shapes.append(f'<path class="cb-map__land" d="{path}"><title>{name}</title></path>')
    markers, labels = [], []
    for case in placed:
        x, y = project(case.coordinates.lon, case.coordinates.lat)
        title = esc(case.text_in(lang)[0]["title"])
        label = esc(case.place.locality.get(lang))
        # labels on the right half of the map read leftwards, so they stay inside it
        left = x > WIDTH * 0.55
        side = ' class="cb-map__label--left"' if left else ""
        markers.append(f'<a href="{case_href(case.id)}" class="cb-map__marker"><title>{title}</title>'
                       f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9"/></a>')
        # A label is a link too, but drawn under every marker: a long label must never
        # cover a neighbour's marker and take its clicks. Readers of assistive technology
        # and keyboards get each case once, from the marker (named by the case title).
        labels.append(f'<a href="{case_href(case.id)}" class="cb-map__label" tabindex="-1" aria-hidden="true">'
                      f'<text x="{x - 14 if left else x + 14:.1f}" y="{y + 7:.1f}"{side}>{label}</text></a>')
    return (f'<svg class="cb-map" viewBox="0 0 {WIDTH} {height}" role="group" '
            f'aria-label="{esc(t(lang, "map_title"))}" xmlns="http://www.w3.org/2000/svg">'
            f'<rect class="cb-map__sea" width="{WIDTH}" height="{height}"/>'
            + "".join(shapes) + '<g class="cb-map__labels">' + "".join(labels) + "</g>"
            + "".join(markers) + "</svg>")


def render_map(book: Casebook, lang: str, atlas: Path | None, directory_urls: bool = True) -> str:
    def case_href(case_id: str) -> str:
        return f"../cases/{case_id}/" if directory_urls else f"../cases/{case_id}.html"

    parts = [front_matter({"title": t(lang, "map_title"), "casebook": {"kind": "map", "lang": lang}}),
             f"# {esc(t(lang, 'map_title'))}\n", esc(t(lang, "map_intro")) + "\n"]
    if atlas is None:
        parts.append(f'<p class="cb-map__missing">{esc(t(lang, "map_missing"))}</p>\n')
    else:
        # the map and its lists name every case: out of the search index (cases are found
        # on their own pages)
        parts.append(f'<figure class="cb-map__figure" data-search-exclude>{render_svg(book, lang, atlas, case_href)}</figure>\n')
    placed = [c for c in book.sorted_cases() if c.coordinates]
    unplaced = [c for c in book.sorted_cases() if not c.coordinates]
    for heading, cases in (("map_listed", placed), ("map_unplaced", unplaced)):
        if cases:
            parts.append(f"## {esc(t(lang, heading))} {{ data-search-exclude }}\n")
            parts += [f"- [{esc(c.text_in(lang)[0]['title'])}](../cases/{c.id}.md) — "
                      f"{esc(c.place.locality.get(lang))}" for c in cases]
            parts.append("")
    return "\n".join(parts)
