"""The city map as folium elements: area layer, place layer, legend.

The base map (boundaries, choropleth, legend, attribution) changes rarely; the
places go into a separate FeatureGroup that ``st_folium`` swaps without
rebuilding the map. Both layers are small scripts that build Leaflet objects in
the browser from one compact JSON payload. Every text reaches the page as a
text node (``textContent``), never as HTML, so names with markup stay text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import folium
from branca.element import Element, Figure
from folium.template import Template

from atlas import texts
from atlas.city import City
from atlas.citymap import assets
from atlas.citymap.areas import bounds_of
from atlas.citymap.basemap import new_map
from atlas.citymap.choropleth import (
    CHOROPLETH_OUTLINE,
    FILL_OPACITY,
    NO_DATA,
    MetricValues,
    legend_classes,
)
from atlas.citymap.layers import script_json
from atlas.citymap.symbols import symbol_svg
from atlas.numbers import format_date, format_decimal

MAX_ZOOM = 19
CLUSTER_MARK = "atlas:cluster"  # tooltip value st_folium reports for a cluster click

_HATCH_JS = """
function atlasHatch(renderer) {
  var svg = renderer._container;
  if (!svg || svg.querySelector('#atlas-hatch')) { return; }
  var ns = 'http://www.w3.org/2000/svg';
  var defs = document.createElementNS(ns, 'defs');
  var pat = document.createElementNS(ns, 'pattern');
  pat.setAttribute('id', 'atlas-hatch'); pat.setAttribute('patternUnits', 'userSpaceOnUse');
  pat.setAttribute('width', '8'); pat.setAttribute('height', '8');
  pat.setAttribute('patternTransform', 'rotate(45)');
  var bg = document.createElementNS(ns, 'rect');
  bg.setAttribute('width', '8'); bg.setAttribute('height', '8'); bg.setAttribute('fill', '#ececec');
  var line = document.createElementNS(ns, 'rect');
  line.setAttribute('width', '3'); line.setAttribute('height', '8');
  line.setAttribute('fill', '#a8a8a8');
  pat.appendChild(bg); pat.appendChild(line); defs.appendChild(pat);
  svg.insertBefore(defs, svg.firstChild);
}
"""


class _Text(Element):
    """Already rendered output that is inserted as is, never parsed as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _DataElement(folium.MacroElement):
    """A MacroElement whose rendered script is not compiled again as a Jinja template.

    branca wraps each rendered macro in ``Element(output)``, which parses the output
    as a template: slow for a 1 MB payload, and a name containing ``{{ … }}`` would be
    evaluated on the server. The output goes into the page as plain text instead.
    """

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("Kartenelemente lassen sich nur innerhalb einer Figure rendern.")
        module = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = module.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_Text(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class AreaLayer(_DataElement):
    """Polygons from one GeoJSON payload; ``fill`` per feature, tooltip from ``label``."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  """ + _HATCH_JS + """
  var map = {{ this._parent.get_name() }};
  var renderer = L.svg({padding: 0.5});
  var choro = {{ this.choropleth }};
  var layer = L.geoJSON({{ this.data }}, {
    renderer: renderer,
    style: function (f) {
      var fill = f.properties.fill;
      if (fill === 'nodata') {
        return {color: '#555', weight: 1.2, fillColor: 'url(#atlas-hatch)', fillOpacity: 0.9};
      }
      return {color: choro ? {{ this.choro_outline }} : '#555', weight: choro ? 1.2 : 1.6,
              fillColor: fill || '#4a6fa5', fillOpacity: fill ? {{ this.fill_opacity }} : 0.06};
    },
    onEachFeature: function (f, l) {
      var el = document.createElement('span');
      el.textContent = f.properties.label;
      l.bindTooltip(el, {sticky: true});
      l.on('add', function () {
        if (l._path) { l._path.setAttribute('data-area', f.properties.id); }
      });
    }
  });
  layer.addTo(map);
  atlasHatch(renderer);
  layer.eachLayer(function (l) {
    if (l._path) { l._path.setAttribute('data-area', l.feature.properties.id); }
  });
})();
{% endmacro %}
""")

    def __init__(self, areas: Mapping[str, Any] | str, *, choropleth: bool) -> None:
        super().__init__()
        self._name = "AreaLayer"
        # A str is an already serialised payload (see ui.data.map_area_json).
        self.data = areas if isinstance(areas, str) else script_json(areas)
        self.choropleth = "true" if choropleth else "false"
        self.choro_outline = script_json(CHOROPLETH_OUTLINE)
        self.fill_opacity = script_json(FILL_OPACITY)


class FocusLayer(_DataElement):
    """The outline of the focused district or region: drawn on top, never clickable."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  L.geoJSON({{ this.data }}, {interactive: false, style: function () {
    return {color: '#b5123e', weight: 3.5, opacity: 0.95, fill: false, dashArray: null};
  }}).addTo(map);
})();
{% endmacro %}
""")

    def __init__(self, focus: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "FocusLayer"
        self.data = script_json(focus)


class PlaceLayer(_DataElement):
    """Markers built in the browser from one GeoJSON payload per category, clustered.

    The markercluster plugin is loaded by the base map (:func:`build_base_map`), so
    this element adds no script links of its own.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var parent = {{ this._parent.get_name() }};
  var payloads = {{ this.data }};
  var icons = {{ this.icons }};
  var group = L.markerClusterGroup
    ? L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 40,
                            chunkedLoading: true})
    : L.featureGroup();
  var markers = [];
  Object.keys(payloads).forEach(function (cat) {
    var labels = payloads[cat].labels || [];
    payloads[cat].features.forEach(function (f) {
      var p = f.properties, c = f.geometry.coordinates;
      var text = p.t + ' \u2013 ' + labels[p.l];  // as atlas.citymap.layers.tooltip_text
      var html = p.a ? icons[cat][1] : icons[cat][0];
      if (p.n) { html += '<span class="atlas-count">' + Number(p.n) + '</span>'; }
      if (p.i) { html += '<span class="atlas-intern">i</span>'; }
      var m = L.marker([c[1], c[0]], {
        icon: L.divIcon({html: html, className: 'atlas-marker atlas-cat-' + cat +
                         (p.a ? ' atlas-approx' : ''), iconSize: [22, 22], iconAnchor: [11, 11]}),
        title: text, keyboard: true, riseOnHover: true});
      var tip = document.createElement('span');
      tip.textContent = text;
      m.bindTooltip(tip, {direction: 'top', offset: [0, -10]});
      markers.push(m);
    });
  });
  // st_folium reports a cluster icon like a marker; mark it so the page only zooms
  // (markercluster zooms on its own) and does not select the district below.
  group.on('clusterclick', function () {
    var state = window.__GLOBAL_DATA__;
    if (state) { state.last_object_clicked_tooltip = {{ this.cluster_mark }}; }
  });
  if (group.addLayers) { group.addLayers(markers); }
  else { markers.forEach(function (m) { group.addLayer(m); }); }
  parent.addLayer(group);
})();
{% endmacro %}
""")

    def __init__(self, payloads: Mapping[str, Any], data_json: str | None = None) -> None:
        super().__init__()
        self._name = "PlaceLayer"
        self.cluster_mark = script_json(CLUSTER_MARK)
        self.data = data_json if data_json is not None else script_json(payloads)
        self.icons = script_json({
            cat: [symbol_svg(cat), symbol_svg(cat, approximate=True)] for cat in payloads
        })


class Legend(_DataElement):
    """A collapsible legend control; its HTML is built from escaped text only.

    It never hides data: below 640 px it starts collapsed, and when it starts
    open the city is fitted into the part of the map the legend leaves free.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  if (!{{ this.html }}) { return; }  // the legend is drawn beside the map (ui/map_view.py)
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function () {
    var div = L.DomUtil.create('div', 'atlas-legend');
    div.innerHTML = {{ this.html }};
    if (window.innerWidth < 640) { div.firstChild.removeAttribute('open'); }
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  var map = {{ this._parent.get_name() }};
  legend.addTo(map);
  var open = legend.getContainer().firstChild.open;
  var room = open ? legend.getContainer().offsetWidth + 12 : 0;
  map.fitBounds({{ this.bounds }}, {paddingBottomRight: [room, 0], animate: false});
})();
{% endmacro %}
{% macro header(this, kwargs) %}
<style>
.atlas-legend { background: rgba(255,255,255,.93); padding: 4px 8px; border-radius: 4px;
  font: 12px/1.35 sans-serif; max-width: 240px; box-shadow: 0 0 4px rgba(0,0,0,.3);
  max-height: 70vh; overflow-y: auto; }
.atlas-legend summary { cursor: pointer; font-weight: bold; min-height: 24px; }
@media (max-width: 640px) {
  .atlas-legend summary { min-height: 44px; display: flex; align-items: center; }
  .atlas-legend summary::before { content: "\\25B8\\00a0"; }
  .atlas-legend details[open] summary::before { content: "\\25BE\\00a0"; } }
.atlas-legend .row { display: flex; align-items: center; gap: 4px; margin: 1px 0; }
.atlas-legend .sw { width: 14px; height: 12px; border: 1px solid #555; display: inline-block; }
.atlas-legend .nodata {
  background: repeating-linear-gradient(45deg, #ececec 0 3px, #a8a8a8 3px 5px); }
.atlas-legend .src { color: #444; font-size: 11px; margin-top: 2px; }
.leaflet-control-attribution { font-size: 10px; line-height: 1.3; }
.atlas-marker { background: none; border: none; position: relative; }
.atlas-marker svg { display: block; filter: drop-shadow(0 0 1px rgba(0,0,0,.6)); }
.atlas-count { position: absolute; top: -7px; right: -9px; background: #222; color: #fff;
  border-radius: 8px; font: bold 10px/14px sans-serif; padding: 0 4px; }
.atlas-intern { position: absolute; bottom: -6px; right: -6px; background: #b5123e; color: #fff;
  border-radius: 50%; font: bold 9px/12px sans-serif; width: 12px; text-align: center; }
</style>
{% endmacro %}
""")

    def __init__(self, legend_html: str, bounds: list[list[float]]) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = script_json(legend_html)
        self.bounds = script_json(bounds)


def legend_html(categories: list[str], metric: MetricValues | None) -> str:
    """Legend content: symbols per category, approximate marker, choropleth classes."""
    e = html.escape
    rows = [f"<details open><summary>{e(texts.MAP['legend_categories'])}</summary>"]
    for cat in categories:
        label = texts.CATEGORY_LABELS.get(cat, cat)
        rows.append(f'<div class="row">{symbol_svg(cat, size=16)}<span>{e(label)}</span></div>')
    if categories:
        rows.append(f'<div class="row">{symbol_svg(categories[0], approximate=True, size=16)}'
                    f"<span>{e(texts.MAP['legend_approx'])}</span></div>")
    if metric is not None:
        rows.append(f"<div><b>{e(metric.label)}</b></div>")
        for cls in legend_classes(metric.values.values()):
            text = f"{format_decimal(round(cls.low))} – {format_decimal(round(cls.high))}"
            rows.append(f'<div class="row"><span class="sw" style="background:{cls.colour}">'
                        f"</span><span>{e(text)}</span></div>")
        rows.append(f'<div class="row"><span class="sw {NO_DATA}"></span>'
                    f"<span>{e(texts.MAP['legend_no_data'])}</span></div>")
        source = texts.MAP["legend_source"].format(
            source=metric.source or texts.KEINE_ANGABE,
            date=format_date(metric.date))
        rows.append(f'<div class="src">{e(source)}</div>')
    rows.append("</details>")
    return "".join(rows)


def build_base_map(
    city: City,
    *,
    tiles: str,
    tiles_attribution: str,
    areas: Mapping[str, Any] | str | None,
    metric: MetricValues | None,
    categories: list[str],
    data_attribution: str,
    focus: Mapping[str, Any] | None = None,
) -> folium.Map:
    """The map without places: basemap, areas coloured by ``metric``, legend, and the
    view fitted to the focused district or region (outlined), else the whole city."""
    m = new_map(city, tiles=tiles, tiles_attribution=tiles_attribution,
                data_attribution=data_attribution)
    m.options["max_zoom"] = MAX_ZOOM  # clustering needs it even without a tile layer
    # The map itself loads the self-hosted markercluster plugin (folium's plugin classes
    # would point at a CDN); st_folium collects these links from the map.
    m.default_js = assets.js_urls(cluster=True)
    m.default_css = assets.css_urls(cluster=True)
    if areas is not None:
        AreaLayer(areas, choropleth=metric is not None).add_to(m)
    west, south, east, north = city.bbox
    bounds = bounds_of(focus) if focus else [[south, west], [north, east]]
    Legend(legend_html(categories, metric), bounds).add_to(m)  # fits the view, beside itself
    if focus:
        FocusLayer(focus).add_to(m)
    return m


def build_place_group(payloads: Mapping[str, Any],
                      data_json: str | None = None) -> folium.FeatureGroup:
    """The FeatureGroup holding every place marker (swapped by st_folium on filter changes).

    ``data_json`` is ``script_json(payloads)`` when the caller has it cached already.
    """
    group = folium.FeatureGroup(name=texts.MAP["legend_categories"], control=False)
    PlaceLayer(payloads, data_json).add_to(group)
    return group
