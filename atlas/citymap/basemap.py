"""Folium maps that load only the app's own Leaflet files, with configurable tiles.

Folium's defaults pull Leaflet, jQuery, Bootstrap and fonts from CDNs. The map
class here replaces them with the files ``atlas.citymap.assets`` installs, so the only
third-party requests a page can make are basemap tiles, and none with
``ATLAS_TILES=none``.
"""

from __future__ import annotations

import json

import folium

from atlas import texts
from atlas.city import City
from atlas.citymap import assets
from atlas.citymap.inert import inert_html, inert_text

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende'
)


class AtlasMap(folium.Map):
    """A folium map whose scripts and styles are served by the app itself."""

    default_js = assets.js_urls()
    default_css = assets.css_urls()


def tile_options(tiles: str, attribution: str = "") -> tuple[str | None, str | None]:
    """(URL template, attribution) for a tiles setting: osm, none or an XYZ template."""
    choice = (tiles or "").strip()
    if choice.lower() in ("", "none", "off", "keine"):
        return None, None
    if choice.lower() == "osm":
        return OSM_TILES, OSM_ATTRIBUTION
    return choice, attribution or "Kacheln: eigener Dienst"


# Printed maps (profile print view) show no zoom buttons or layer switcher.
PRINT_CSS = ("<style>@media print { .leaflet-control-zoom, .leaflet-control-layers "
             "{ display: none !important; } }</style>")


def new_map(
    city: City,
    *,
    tiles: str = "osm",
    tiles_attribution: str = "",
    data_attribution: str = "",
    location: tuple[float, float] | None = None,
    zoom: int | None = None,
) -> AtlasMap:
    """A map centred on the city, with the chosen basemap and data attributions."""
    url, tile_attr = tile_options(tiles, tiles_attribution)
    m = AtlasMap(
        location=list(location or city.center),
        zoom_start=zoom or city.zoom,
        tiles=None,
        control_scale=False,
        prefer_canvas=False,
    )
    _add_script(m, f"L.control.scale({{imperial: false}}).addTo({m.get_name()});")  # metric only
    m.get_root().header.add_child(folium.Element(PRINT_CSS))
    # Leaflet guesses its marker image folder from the page; state it instead.
    image_path = json.dumps(f"{assets.URL_PREFIX}/leaflet/images/")
    _add_script(m, f"L.Icon.Default.imagePath = {image_path};")
    if url:
        folium.TileLayer(url, attr=tile_attr, name="Grundkarte", max_zoom=19).add_to(m)
    if data_attribution:
        _add_attribution(m, data_attribution)
    # The map is a labelled region: screen readers can jump to it, and its controls
    # (scale, attribution, legend) sit inside a landmark.
    label = json.dumps(inert_text(texts.A11Y["map_label"]))
    _add_script(m, f"{m.get_name()}.getContainer().setAttribute('role', 'region');"
                   f"{m.get_name()}.getContainer().setAttribute('aria-label', {label});")
    # folium's page header forbids zooming (user-scalable=no); people who need large
    # text must be able to zoom (WCAG 1.4.4).
    _add_script(m, "document.querySelectorAll('meta[name=viewport]').forEach(function (v) {"
                   " v.setAttribute('content', 'width=device-width, initial-scale=1'); });")
    # Links in the attribution line must not rely on colour alone (WCAG 1.4.1).
    # Zoom buttons are 44 px touch targets on phones.
    m.get_root().header.add_child(folium.Element(
        "<style>.leaflet-control-attribution a { text-decoration: underline; }"
        "@media (max-width: 640px) { .leaflet-touch .leaflet-bar a { width: 44px;"
        " height: 44px; line-height: 44px; } }</style>"))
    return m


def refit_when_printed(m: folium.Map, bounds: list[list[float]]) -> None:
    """Fit ``bounds`` again when the page is printed (the printed map is narrower than
    the screen's, so the district would otherwise be cut off at the right)."""
    _add_script(m, "(function(){var b=L.latLngBounds(" + json.dumps(bounds) + "),m="
                + m.get_name() + ";function f(){m.invalidateSize({animate:false});"
                "m.fitBounds(b,{animate:false});}var q=window.matchMedia('print');"
                "if(q.addEventListener){q.addEventListener('change',function(e){"
                "if(e.matches){f();}});}window.addEventListener('beforeprint',f);})();")


def _add_attribution(m: folium.Map, text: str) -> None:
    """Add a data attribution line (plain text, shown escaped) to the attribution control."""
    _add_script(m, f"{m.get_name()}.attributionControl.addAttribution("
                   f"{json.dumps(inert_html(text))});")


def _add_script(m: folium.Map, code: str) -> None:
    """Run ``code`` in the map's script block, after the map exists."""
    js = "{% macro script(this, kwargs) %}" + code + "{% endmacro %}"
    macro = folium.MacroElement()
    macro._template = folium.template.Template(js)  # type: ignore[attr-defined]
    m.add_child(macro)
