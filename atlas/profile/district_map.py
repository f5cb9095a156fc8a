"""The profile's map: one district's Stadtteile and places, zoomed to the district.

Built with :func:`atlas.citymap.basemap.new_map`, so only the app's own Leaflet files
load. Places are drawn from one JSON payload with the category's SVG symbol;
approximate positions are hollow and dashed and say "Lage ungefähr" in their
tooltip.
"""

from __future__ import annotations

from html import escape
from typing import Any

import folium
from folium.template import Template

from atlas import texts
from atlas.city import City
from atlas.citymap.basemap import AtlasMap, new_map, refit_when_printed
from atlas.citymap.inert import inert_properties
from atlas.citymap.layers import script_json
from atlas.citymap.symbols import symbol_svg
from atlas.model import Resource
from atlas.places.placeinfo import position_label
from atlas.profile.model import DistrictProfile

OUTLINE_STYLE = {"color": "#444444", "weight": 1.2, "fillColor": "#b5123e", "fillOpacity": 0.06}
DISTRICT_STYLE = {"color": "#b5123e", "weight": 3, "fillOpacity": 0}
MARKER_SIZE = 22


def district_stadtteile(boundaries: Any, numbers: tuple[str, ...]) -> dict[str, Any]:
    """The display outlines of the given Stadtteile as a FeatureCollection."""
    collection = getattr(boundaries, "stadtteile_display", None) or {}
    wanted = set(numbers)
    features = [
        f for f in collection.get("features", [])
        if str((f.get("properties") or {}).get("nr", "")).zfill(2) in wanted
    ]
    return {"type": "FeatureCollection", "features": features}


def district_outline(boundaries: Any, name: str) -> dict[str, Any] | None:
    """The display outline of the district itself, if cached."""
    collection = getattr(boundaries, "districts_display", None) or {}
    for feature in collection.get("features", []):
        if (feature.get("properties") or {}).get("name") == name:
            return feature
    return None


def marker_tooltip(record: Resource) -> str:
    """Tooltip text (escaped HTML): name, category, "intern" and "Lage ungefähr" where true."""
    parts = [escape(record.name), escape(texts.CATEGORY_LABELS.get(str(record.category), ""))]
    if record.is_internal:
        parts.append(escape(texts.APP["internal_badge"]))
    parts.append(escape(position_label(record)))
    return " · ".join(p for p in parts if p)


class PlaceMarkers(folium.MacroElement):
    """All places as Leaflet div-icon markers from one JSON payload.

    One template for every marker (instead of three folium elements each) keeps
    a rerun's map rendering short. Names reach the page only as escaped text.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var size = {{ this.size }};
  {{ this.payload }}.forEach(function (p) {
    var icon = L.divIcon({html: p.html, className: "atlas-divicon",
                          iconSize: [size, size], iconAnchor: [size / 2, size / 2]});
    L.marker([p.lat, p.lon], {icon: icon}).bindTooltip(p.tip).addTo(map);
  });
})();
{% endmacro %}
""")

    def __init__(self, records: list[Resource], size: int = MARKER_SIZE) -> None:
        super().__init__()
        self._name = "PlaceMarkers"
        self.size = int(size)
        self.payload = script_json([marker_payload(r, size) for r in records if r.has_position])


def marker_payload(record: Resource, size: int = MARKER_SIZE) -> dict[str, Any]:
    """Position, SVG icon and escaped tooltip of one place; approximate ones hollow and dashed."""
    approx = record.is_approximate
    svg = symbol_svg(str(record.category), approximate=approx, size=size)
    css = "atlas-marker atlas-approx" if approx else "atlas-marker"
    return {"lat": record.lat, "lon": record.lon, "tip": marker_tooltip(record),
            "html": f'<div class="{css}" title="{escape(record.name)}">{svg}</div>'}


def build_profile_map(
    profile: DistrictProfile,
    city: City,
    boundaries: Any,
    *,
    tiles: str = "osm",
    tiles_attribution: str = "",
    data_attribution: str = "",
) -> AtlasMap:
    """A map fitted to the district with its Stadtteile outlined and its places marked."""
    m = new_map(city, tiles=tiles, tiles_attribution=tiles_attribution,
                data_attribution=data_attribution)
    outlines = district_stadtteile(boundaries, profile.stadtteil_numbers)
    if outlines["features"]:
        folium.GeoJson(
            inert_properties(outlines), name=texts.PROFILE["stadtteile"],
            style_function=lambda _f: OUTLINE_STYLE,
            tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False),
        ).add_to(m)
    outline = district_outline(boundaries, profile.name)
    if outline is not None:
        folium.GeoJson(outline, name=profile.name, style_function=lambda _f: DISTRICT_STYLE,
                       interactive=False).add_to(m)
    PlaceMarkers(list(profile.records)).add_to(m)
    if profile.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = profile.bbox
        m.fit_bounds([[min_lat, min_lon], [max_lat, max_lon]])
        refit_when_printed(m, [[min_lat, min_lon], [max_lat, max_lon]])
    return m
