"""The map of a nearby search: start point, radius circle, result markers, "Mein Standort".

Built on :func:`atlas.citymap.basemap.new_map`, so only the app's own Leaflet files
load. Markers are inline SVG symbols (hollow and dashed where the position is
approximate). The "Mein Standort" control asks the browser for its position
and fires a map click there, which the page receives like any other click;
browsers allow this only on HTTPS or localhost.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import folium

from atlas import texts
from atlas.city import City
from atlas.citymap.basemap import AtlasMap, new_map
from atlas.citymap.inert import inert_html, inert_text
from atlas.citymap.symbols import symbol_svg
from atlas.nearby.search import Hit
from atlas.nearby.startpoint import StartPoint
from atlas.numbers import format_distance
from atlas.places.placeinfo import position_label

_START_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="26" height="26" viewBox="0 0 24 24" '
    'aria-hidden="true"><circle cx="12" cy="12" r="9" fill="#c00000" stroke="#ffffff" '
    'stroke-width="3"/><circle cx="12" cy="12" r="3" fill="#ffffff"/></svg>'
)


def _locate_control(m: folium.Map) -> None:
    """A Leaflet button that turns the browser's position into a map click."""
    label = json.dumps(texts.NEARBY["locate_button"])
    failed = json.dumps(texts.NEARBY["locate_failed"])
    js = (
        "{% macro script(this, kwargs) %}"
        "(function(map){var C=L.Control.extend({options:{position:'topleft'},"
        "onAdd:function(){var b=L.DomUtil.create('button','atlas-locate');"
        f"b.type='button';b.textContent={label};b.title={label};"
        "b.style.cssText='background:#fff;border:2px solid rgba(0,0,0,.2);"
        "border-radius:4px;padding:4px 8px;cursor:pointer;font:13px sans-serif;"
        "min-height:44px;min-width:44px';"
        "L.DomEvent.disableClickPropagation(b);"
        "L.DomEvent.on(b,'click',function(){if(!navigator.geolocation){"
        f"b.title={failed};return;}}"
        "navigator.geolocation.getCurrentPosition(function(p){"
        "var ll=L.latLng(p.coords.latitude,p.coords.longitude);"
        "map.fire('click',{latlng:ll});},"
        f"function(){{b.title={failed};b.textContent={label}+' (!)';"
        f"b.setAttribute('aria-label',{label}+': '+{failed});}},{{timeout:10000}});}});"
        "return b;}});new C().addTo(map);})(" + m.get_name() + ");"
        "{% endmacro %}"
    )
    macro = folium.MacroElement()
    macro._template = folium.template.Template(js)  # type: ignore[attr-defined]
    m.add_child(macro)


def _hit_tooltip(hit: Hit) -> str:
    """Name, category, distance and the approximate note, HTML-escaped."""
    record = hit.record
    distance = format_distance(hit.distance_m, approximate=hit.approximate)
    lines = [f"<b>{inert_html(record.name)}</b>",
             inert_html(texts.CATEGORY_LABELS.get(str(record.category), str(record.category))),
             inert_html(texts.NEARBY["distance"].format(distance=distance))]
    lines.append(f"<i>{inert_html(position_label(record))}</i>")
    return "<br>".join(lines)


OUTLINE_STYLE = {"color": "#1f3b57", "weight": 2, "fill": False, "opacity": 0.8}


def build_nearby_map(
    city: City, start: StartPoint | None, hits: Sequence[Hit], *, radius_m: int | None = None,
    tiles: str = "osm", tiles_attribution: str = "", data_attribution: str = "",
    outline: Mapping[str, Any] | None = None,
) -> AtlasMap:
    """A map centred on the start with the radius (if any) and one marker per hit.

    ``outline`` (GeoJSON geometry of the city) is always drawn, so that even
    without tiles or a start the map shows where Dresden is.
    """
    location = (start.lat, start.lon) if start else None
    m = new_map(city, tiles=tiles, tiles_attribution=tiles_attribution,
                data_attribution=data_attribution, location=location,
                zoom=14 if start else None)
    if outline is not None:
        folium.GeoJson({"type": "Feature", "properties": {}, "geometry": dict(outline)},
                       name=texts.NEARBY["map_outline"], interactive=False,
                       style_function=lambda _f: OUTLINE_STYLE).add_to(m)
    _locate_control(m)
    if start is None:
        return m
    folium.Marker(
        (start.lat, start.lon),
        icon=folium.DivIcon(html=_START_SVG, icon_size=(26, 26), icon_anchor=(13, 13),
                            class_name="atlas-start"),
        tooltip=inert_html(f"{texts.NEARBY['map_start']}: {start.label}"),
        title=inert_text(f"{texts.NEARBY['map_start']}: {start.label}"),  # its accessible name
    ).add_to(m)
    points = [(start.lat, start.lon)]
    if radius_m:
        folium.Circle((start.lat, start.lon), radius=radius_m, color="#c00000", weight=2,
                      fill=True, fill_opacity=0.05, interactive=False).add_to(m)
    for hit in hits:
        record = hit.record
        svg = symbol_svg(str(record.category), approximate=hit.approximate)
        folium.Marker(
            (record.lat, record.lon),
            icon=folium.DivIcon(html=svg, icon_size=(22, 22), icon_anchor=(11, 11),
                                class_name="atlas-offer"),
            tooltip=_hit_tooltip(hit),  # no folium.Popup: its template needs jQuery
            title=inert_text(record.name),
        ).add_to(m)
        points.append((record.lat, record.lon))
    if radius_m:  # the circle, and the nearest offers shown instead when none lie inside
        points += _circle_bounds(start.lat, start.lon, radius_m)
    if len(points) > 1:
        m.fit_bounds([(min(p[0] for p in points), min(p[1] for p in points)),
                      (max(p[0] for p in points), max(p[1] for p in points))])
    return m


def _circle_bounds(lat: float, lon: float, radius_m: float) -> list[tuple[float, float]]:
    import math

    dlat = radius_m / 111_320
    dlon = dlat / max(math.cos(math.radians(lat)), 0.1)
    return [(lat - dlat, lon - dlon), (lat + dlat, lon + dlon)]
