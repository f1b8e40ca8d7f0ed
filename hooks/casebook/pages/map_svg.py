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

import pycountry

from . import topojson
from .i18n import join_list, t
from ..records.load import Casebook
from ..records.model import Case
from .explore import facet_attributes
from .map_layout import DOT, TARGET, Group, group_markers, place_labels
from .markup import esc, front_matter

ATLAS = Path("node_modules") / "world-atlas" / "countries-50m.json"
WIDTH = 800
MARGIN_DEGREES = 6.0
MAP_ITEM = "map-"  # ids of the list's items, which the markers of groups link


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


def _country_names(book: Casebook, lang: str) -> dict[str, str]:
    """The shapes to name (ISO 3166 numeric, as world-atlas keys them): only countries
    with cases, in the page's language. (Natural Earth's English names would put English
    on every page and name territories as if they were countries.)"""
    names = {}
    for code in {c.country for c in book.sorted_cases()}:
        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            names[country.numeric] = book.vocabulary.country(code, lang)
    return names


def map_groups(book: Casebook) -> tuple[list[Group], float, Callable]:
    """The markers (grouped where they would touch), the map's height and its projection."""
    placed = [c for c in book.sorted_cases() if c.coordinates]
    west, south, east, north = _view(placed)
    scale = WIDTH / (east - west)

    def project(lon: float, lat: float) -> tuple[float, float]:  # equirectangular
        return (lon - west) * scale, (north - lat) * scale

    groups = group_markers([(c, *project(c.coordinates.lon, c.coordinates.lat)) for c in placed])
    return groups, round((north - south) * scale), project


def render_svg(book: Casebook, lang: str, atlas: Path, case_href: Callable[[str], str],
               laid_out: tuple[list[Group], float, Callable]) -> str:
    """The map; ``laid_out``: map_groups(book), which the list under the map numbers too."""
    placed = [c for c in book.sorted_cases() if c.coordinates]
    west, south, east, north = _view(placed)
    groups, height, project = laid_out
    named = _country_names(book, lang)
    shapes = []
    for country in _countries(str(atlas)):
        box = country.bbox
        if box is None or box[2] < west or box[0] > east or box[3] < south or box[1] > north:
            continue  # wholly outside the view
        path = _path(country.rings, project, (west, south, east, north))
        if path:
            name = named.get(str(country.id).zfill(3)) if country.id is not None else None
            title = f"<title>{esc(name)}</title>" if name else ""
            shapes.append(f'<path class="cb-map__land" d="{path}">{title}</path>')
    place_labels(groups, {g.number: g.members[0][0].place.locality.get(lang) for g in groups if len(g.members) == 1},
                 WIDTH, height)
    markers, labels = [], []
    for group in groups:
        cases = [m[0] for m in group.members]
        if len(cases) == 1:
            href, title = case_href(cases[0].id), esc(cases[0].text_in(lang)[0]["title"])
        else:  # a group leads to its cases in the list under the map
            href = f"#{MAP_ITEM}{group.number}"
            title = esc(join_list((c.place.locality.get(lang) for c in cases), lang))
        # the target (transparent, 24 px across at 375 px) takes every tap near the dot
        markers.append(f'<a href="{href}" class="cb-map__marker" data-group="{group.number}"><title>{title}</title>'
                       f'<circle class="cb-map__target" cx="{group.x:.1f}" cy="{group.y:.1f}" r="{TARGET:g}"/>'
                       f'<circle class="cb-map__dot" cx="{group.x:.1f}" cy="{group.y:.1f}" r="{DOT:g}"/>'
                       f'<text x="{group.x:.1f}" y="{group.y + 7:.1f}">{group.number}</text></a>')
        if group.label:
            x, y, anchor = group.label
            # Not a link: the marker is the one way to the case (for keyboards, screen
            # readers and taps alike); the label only names the place.
            labels.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" data-group="{group.number}">'
                          f'{esc(cases[0].place.locality.get(lang))}</text>')
    return (f'<svg class="cb-map" viewBox="0 0 {WIDTH} {height}" role="group" '
            f'aria-label="{esc(t(lang, "map_title"))}" xmlns="http://www.w3.org/2000/svg">'
            f'<rect class="cb-map__sea" width="{WIDTH}" height="{height}"/>'
            + "".join(shapes) + '<g class="cb-map__labels" aria-hidden="true">' + "".join(labels) + "</g>"
            + "".join(markers) + "</svg>")


def render_map(book: Casebook, lang: str, atlas: Path | None, directory_urls: bool = True) -> str:
    def case_href(case_id: str) -> str:
        return f"../cases/{case_id}/" if directory_urls else f"../cases/{case_id}.html"

    explore = "../explore/" if directory_urls else "../explore/index.html"
    parts = [front_matter({"title": t(lang, "map_title"), "casebook": {"kind": "map", "lang": lang}}),
             f"# {esc(t(lang, 'map_title'))}\n", esc(t(lang, "map_intro")) + "\n",
             # Opened from the explore page with its filters in the address, the map shows
             # only the cases they choose (explore.js) and says so here.
             f'<p class="cb-map__filtered" hidden data-template="{esc(t(lang, "map_filtered"))}">'
             f'<span></span> <a href="{explore}" class="cb-map__change">{esc(t(lang, "map_change_filters"))}</a> · '
             f'<a href="{"./" if directory_urls else "index.html"}">{esc(t(lang, "map_show_all"))}</a></p>\n']
    laid_out = map_groups(book)
    if atlas is None:
        parts.append(f'<p class="cb-map__missing">{esc(t(lang, "map_missing"))}</p>\n')
    else:
        # the map and its lists name every case: out of the search index (cases are found
        # on their own pages)
        parts.append(f'<figure class="cb-map__figure" data-search-exclude data-text-script="../explore/text.js">{render_svg(book, lang, atlas, case_href, laid_out)}</figure>\n')
    unplaced = [c for c in book.sorted_cases() if not c.coordinates]
    groups = laid_out[0]
    if groups:  # numbered as the markers: a place without a label is found by its number
        parts.append(f"## {esc(t(lang, 'map_listed'))} {{ #map-list data-search-exclude }}\n")
        parts.append('<ol class="cb-map__list">')
        for group in groups:
            items = "".join(f'<li {facet_attributes(c, lang, book, words=False)}><a href="{case_href(c.id)}">{esc(c.text_in(lang)[0]["title"])}</a> — '
                            f'{esc(c.place.locality.get(lang))}</li>' for c, _, _ in group.members)
            parts.append(f'<li id="{MAP_ITEM}{group.number}" value="{group.number}" data-group="{group.number}">'
                         f'<ul>{items}</ul></li>')
        parts.append("</ol>\n")
    if unplaced:
        parts.append(f"## {esc(t(lang, 'map_unplaced'))} {{ data-search-exclude }}\n")
        parts.append('<ul class="cb-map__unplaced">' + "".join(
            f'<li {facet_attributes(c, lang, book, words=False)}><a href="{case_href(c.id)}">{esc(c.text_in(lang)[0]["title"])}</a> — '
            f'{esc(c.place.locality.get(lang))}</li>' for c in unplaced) + "</ul>\n")
    return "\n".join(parts)
