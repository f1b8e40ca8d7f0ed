"""The map page (``map/index.<lang>.md``): case locations on a static SVG drawn at build time.

Country shapes are Natural Earth's, from the npm package ``world-atlas`` (installed by
``make setup``, pinned in package-lock.json); nothing is fetched when the site is built or
read, no tile server: it works offline from file://. Markers link to the cases; labels are
in the page's language; the same cases follow as a list for screen readers. The markers and
labels of every zoom level are drawn here (``map_layout.LEVELS``), each level's layer in
its own scale; ``docs/assets/map.js`` zooms by changing the viewBox and showing that
level's layer (without script the whole map and level 1 show).
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
from .map_layout import DOT, LEVELS, TARGET, Group, place_labels, zoom_layers
from .markup import esc, front_matter

ATLAS = Path("node_modules") / "world-atlas" / "countries-50m.json"
WIDTH = 800
MARGIN_DEGREES = 6.0
SHAPE_STEPS = 8    # country shapes are drawn in eighths of a map unit (see _path)
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
    """The rings as one path in units of 1/SHAPE_STEPS of the map's (the shapes' group
    scales them back): whole numbers, each point written as the step from the one before.
    Fine enough for the deepest zoom, and smaller than whole map units written out."""
    west, south, east, north = view
    out = []
    for ring in rings:
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
            continue  # an island or part wholly outside the view
        points: list[tuple[int, int]] = []
        for lon, lat in ring:
            x, y = project(lon, lat)
            # far-away points pulled to just outside the frame: the SVG stays small and
            # what is outside the view is never seen anyway
            point = (min(max(round(x * SHAPE_STEPS), -20 * SHAPE_STEPS), (WIDTH + 20) * SHAPE_STEPS),
                     round(y * SHAPE_STEPS))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) > 2:
            steps = "".join(f"{'' if dx < 0 else ' '}{dx}{'' if dy < 0 else ' '}{dy}"
                            for dx, dy in ((b[0] - a[0], b[1] - a[1]) for a, b in zip(points, points[1:])))
            out.append(f"M{points[0][0]} {points[0][1]}l{steps[1:] if steps[0] == ' ' else steps}z")
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


def map_label(case: Case, lang: str) -> str:
    """A place's name on the map: a provincial case's marker stands at its province, so the
    province names it (its locality may be "Province-wide" or list several cities)."""
    if case.level == "provincial":
        return case.place.region.get(lang)
    return case.place.locality.get(lang)


def map_groups(book: Casebook) -> tuple[dict[int, list[Group]], float, Callable]:
    """The markers of every zoom level (grouped where they would touch), the map's height
    and its projection."""
    placed = [c for c in book.sorted_cases() if c.coordinates]
    west, south, east, north = _view(placed)
    scale = WIDTH / (east - west)

    def project(lon: float, lat: float) -> tuple[float, float]:  # equirectangular
        return (lon - west) * scale, (north - lat) * scale

    layers = zoom_layers([(c, *project(c.coordinates.lon, c.coordinates.lat)) for c in placed])
    return layers, round((north - south) * scale), project


def _layer(groups: list[Group], level: int, lang: str, case_href: Callable[[str], str],
           height: float) -> str:
    """One zoom level's labels and markers, in that level's units (``level`` times the
    map's), scaled back so that the viewBox of that level shows them at their size."""
    place_labels(groups, lambda g: map_label(g.members[0][0], lang) if len(g.members) == 1 else None,
                 WIDTH * level, height * level)
    markers, labels = [], []
    for group in groups:
        cases = [m[0] for m in group.members]
        ids = " ".join(c.id for c in cases)
        if len(cases) == 1:
            href, title = case_href(cases[0].id), esc(cases[0].text_in(lang)[0]["title"])
        else:  # a group leads to its cases in the list under the map (map.js zooms in)
            href = f"#{MAP_ITEM}{group.number}"
            title = esc(join_list((c.place.locality.get(lang) for c in cases), lang))
        # the target (transparent, 24 px across at 375 px) takes every tap near the dot
        markers.append(f'<a href="{href}" class="cb-map__marker" data-group="{group.number}" data-cases="{ids}"><title>{title}</title>'
                       f'<circle class="cb-map__target" cx="{group.x:.1f}" cy="{group.y:.1f}" r="{TARGET:g}"/>'
                       f'<circle class="cb-map__dot" cx="{group.x:.1f}" cy="{group.y:.1f}" r="{DOT:g}"/>'
                       f'<text x="{group.x:.1f}" y="{group.y + 7:.1f}">{group.number}</text></a>')
        if group.label:
            x, y, anchor = group.label
            # Not a link: the marker is the one way to the case (for keyboards, screen
            # readers and taps alike); the label only names the place.
            labels.append(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" data-group="{group.number}" '
                          f'data-cases="{ids}">{esc(map_label(cases[0], lang))}</text>')
    on = " cb-map__layer--on" if level == LEVELS[0] else ""
    scale = f' transform="scale({1 / level:g})"' if level != LEVELS[0] else ""
    return (f'<g class="cb-map__layer{on}" data-zoom="{level}"{scale}>'
            '<g class="cb-map__labels" aria-hidden="true">' + "".join(labels) + "</g>"
            + "".join(markers) + "</g>")


def render_svg(book: Casebook, lang: str, atlas: Path, case_href: Callable[[str], str],
               laid_out: tuple[dict[int, list[Group]], float, Callable]) -> str:
    """The map; ``laid_out``: map_groups(book), which the list under the map numbers too."""
    placed = [c for c in book.sorted_cases() if c.coordinates]
    west, south, east, north = _view(placed)
    layers, height, project = laid_out
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
    return (f'<svg class="cb-map" viewBox="0 0 {WIDTH} {height}" role="group" '
            f'aria-label="{esc(t(lang, "map_title"))}" xmlns="http://www.w3.org/2000/svg">'
            f'<rect class="cb-map__sea" width="{WIDTH}" height="{height}"/>'
            f'<g class="cb-map__shapes" transform="scale({1 / SHAPE_STEPS:g})">' + "".join(shapes) + "</g>"
            + "".join(_layer(groups, level, lang, case_href, height) for level, groups in layers.items())
            + "</svg>")


def _zoom_controls(lang: str) -> str:
    """The zoom buttons, shown by map.js (without script they could do nothing)."""
    buttons = "".join(f'<button type="button" class="md-button cb-map__{name}" data-zoom-step="{step}" '
                      f'aria-label="{esc(t(lang, "map_" + name))}">{sign}</button>'
                      for name, step, sign in (("zoom_in", "1", "+"), ("zoom_out", "-1", "−")))
    return (f'<div class="cb-map__zoom" hidden>{buttons}<button type="button" class="md-button cb-map__zoom_all" '
            f'data-zoom-step="0">{esc(t(lang, "map_zoom_all"))}</button>'
            f'<span class="cb-map__zoom-hint">{esc(t(lang, "map_zoom_hint"))}</span></div>\n')


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
        parts.append(_zoom_controls(lang))
        parts.append(f'<figure class="cb-map__figure" data-search-exclude data-text-script="../explore/text.js">{render_svg(book, lang, atlas, case_href, laid_out)}</figure>\n')
    unplaced = [c for c in book.sorted_cases() if not c.coordinates]
    groups = laid_out[0][LEVELS[0]]
    at = {c.id: laid_out[2](c.coordinates.lon, c.coordinates.lat) for c in book.sorted_cases() if c.coordinates}
    if groups:  # numbered as the markers: a place without a label is found by its number
        parts.append(f"## {esc(t(lang, 'map_listed'))} {{ #map-list data-search-exclude }}\n")
        parts.append('<ol class="cb-map__list">')
        for group in groups:
            # data-at: where the case is on the map (its units), which a filtered map frames
            items = "".join(f'<li {facet_attributes(c, lang, book, words=False)} data-at="{at[c.id][0]:.1f} {at[c.id][1]:.1f}"><a href="{case_href(c.id)}">{esc(c.text_in(lang)[0]["title"])}</a> — '
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
