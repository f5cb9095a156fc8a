"""Offline static pictures for the presentation export: district maps and overview charts.

Slides cannot embed a live Leaflet map, and the export must not ask any tile
server, so the district map is drawn with matplotlib straight from the
boundary GeoJSON (Stadtteil outlines plus public resources, no tiles). This is
the only module of the export that imports matplotlib; everything returns
PNG bytes. Rendered maps are kept in a small in-memory cache keyed by
district, data version and the points drawn, so a whole-city export after a
single-district one (or twice in a row) does not draw anything again.
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")  # never a GUI backend: the export runs on a server

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import PathPatch  # noqa: E402
from matplotlib.path import Path as MplPath  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from atlas import slidelayout, texts  # noqa: E402
from atlas.numbers import format_decimal, format_int  # noqa: E402
from atlas.slidelayout import hex_colour  # noqa: E402
from atlas.symbols import SYMBOLS, symbol_for  # noqa: E402

# The web map's symbols (atlas.symbols), so a slide reads like the map on screen.
CATEGORY_COLOURS: dict[str, str] = {c: sym.colour for c, sym in SYMBOLS.items()}
_MARKERS = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^", "hexagon": "h",
            "pentagon": "p", "star": "*", "cross": "P"}


def _marker(category: str) -> str:
    return _MARKERS.get(symbol_for(category).shape, "o")


_DISTRICT_EDGE = hex_colour(slidelayout.DARK)
_STADTTEIL_EDGE = hex_colour(slidelayout.STADTTEIL_EDGE)
_FILL = hex_colour(slidelayout.FILL)
_NO_DATA_FILL = hex_colour(slidelayout.NO_DATA_FILL)
_GREY = hex_colour(slidelayout.GREY)
_INK = hex_colour(slidelayout.INK)
_BAR = hex_colour(slidelayout.BAR)
_LABEL = hex_colour(slidelayout.LABEL)
_LEGEND = hex_colour(slidelayout.LEGEND)


@dataclass(frozen=True)
class MapPoint:
    """One resource drawn on a static map; approximate positions are drawn hollow."""

    lat: float
    lon: float
    category: str
    approximate: bool = False


# --- geometry helpers ---------------------------------------------------------
def _is_projected(features: Iterable[Mapping[str, Any]]) -> bool:
    """Whether coordinates are metric (e.g. EPSG:25833) rather than lon/lat degrees."""
    for feature in features:
        for ring in _rings(feature.get("geometry")):
            if ring:
                return abs(ring[0][0]) > 360
    return False


def _rings(geometry: Mapping[str, Any] | None) -> list[list[Sequence[float]]]:
    """All rings (outer and holes) of a Polygon or MultiPolygon, flat."""
    if not geometry:
        return []
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return [list(r) for r in coords]
    if kind == "MultiPolygon":
        return [list(r) for poly in coords for r in poly]
    return []


def _polygons(geometry: Mapping[str, Any] | None) -> list[list[list[Sequence[float]]]]:
    """Polygons as lists of rings, whatever the geometry type."""
    if not geometry:
        return []
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    return []


class _Projection:
    """Lon/lat to a local plane (equirectangular at the map's latitude); metric stays."""

    def __init__(self, lat0: float, projected: bool) -> None:
        self.kx = 1.0 if projected else math.cos(math.radians(lat0))
        self.projected = projected

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return (x * self.kx, y)


def _path_of(geometry: Mapping[str, Any] | None, proj: _Projection) -> MplPath | None:
    """A compound matplotlib path (holes included) of a (Multi)Polygon."""
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for polygon in _polygons(geometry):
        for ring in polygon:
            if len(ring) < 3:
                continue
            pts = [proj.xy(float(p[0]), float(p[1])) for p in ring]
            vertices.extend(pts + [pts[0]])
            codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(pts) - 1)
                         + [MplPath.CLOSEPOLY])
    if not vertices:
        return None
    return MplPath(vertices, codes)


def _bounds(paths: Iterable[MplPath]) -> tuple[float, float, float, float] | None:
    xs: list[float] = []
    ys: list[float] = []
    for path in paths:
        ext = path.get_extents()
        xs += [ext.x0, ext.x1]
        ys += [ext.y0, ext.y1]
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)


def _mean_lat(features: Sequence[Mapping[str, Any]]) -> float:
    lats = [float(p[1]) for f in features for ring in _rings(f.get("geometry")) for p in ring[:50]]
    return sum(lats) / len(lats) if lats else 51.05


def _png(fig: Figure, dpi: int) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


# --- district map -------------------------------------------------------------
def render_district_map(
    district: Mapping[str, Any],
    stadtteile: Sequence[Mapping[str, Any]],
    points: Sequence[MapPoint],
    *,
    attribution: str = "",
    size_in: tuple[float, float] = (5.6, 5.0),
    dpi: int = 110,
) -> bytes:
    """PNG of one district: its outline, its Stadtteile with names, and the resources.

    ``district`` and ``stadtteile`` are GeoJSON features (lon/lat or metric);
    points outside the district's frame are clipped by the axes. No tiles, no
    network: the picture is made from the boundary data alone.
    """
    features = [district, *stadtteile]
    projected = _is_projected(features)
    proj = _Projection(_mean_lat(features), projected)
    fig = Figure(figsize=size_in)
    ax = fig.add_axes((0, 0.17, 1, 0.83))
    ax.set_axis_off()
    ax.set_aspect("equal")
    paths = []
    for feature in stadtteile:
        path = _path_of(feature.get("geometry"), proj)
        if path is None:
            continue
        paths.append(path)
        ax.add_patch(PathPatch(path, facecolor=_FILL, edgecolor=_STADTTEIL_EDGE, lw=0.6))
    outline = _path_of(district.get("geometry"), proj)
    if outline is not None:
        paths.append(outline)
        ax.add_patch(PathPatch(outline, facecolor="none", edgecolor=_DISTRICT_EDGE, lw=1.6))
    bounds = _bounds([outline] if outline is not None else paths)
    if bounds:
        _set_frame(ax, bounds)
    _label_stadtteile(ax, stadtteile, proj, bounds)
    spread = 0.025 * max(bounds[2] - bounds[0], bounds[3] - bounds[1]) if bounds else 0.0
    _draw_points(ax, points, proj, spread)
    _draw_legend(fig, points)
    if attribution:
        fig.text(0.01, 0.015, attribution, fontsize=6, color=_GREY)
    return _png(fig, dpi)


def _set_frame(ax: Any, bounds: tuple[float, float, float, float]) -> None:
    x0, y0, x1, y1 = bounds
    pad = 0.04 * max(x1 - x0, y1 - y0, 1e-9)
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad, y1 + pad)


def _label_stadtteile(ax: Any, stadtteile: Sequence[Mapping[str, Any]], proj: _Projection,
                      bounds: tuple[float, float, float, float] | None) -> None:
    """Stadtteil names at the centre of each one's largest ring."""
    for feature in stadtteile:
        name = str((feature.get("properties") or {}).get("name") or "")
        rings = [r for poly in _polygons(feature.get("geometry")) for r in poly[:1]]
        if not name or not rings:
            continue
        ring = max(rings, key=len)
        pts = [proj.xy(float(p[0]), float(p[1])) for p in ring]
        cx = sum(p[0] for p in pts) / len(pts)
        cy = sum(p[1] for p in pts) / len(pts)
        ax.text(cx, cy, _wrap_label(name), fontsize=6.5, color=_LABEL,
                ha="center", va="center", alpha=0.85, clip_on=True)


def _wrap_label(name: str, width: int = 16) -> str:
    """Break long Stadtteil names onto two lines at a space, slash or hyphen."""
    if len(name) <= width:
        return name
    for sep in (" (", " ", "/", "-"):
        cut = name.find(sep, width // 2)
        if 0 < cut < len(name) - 1:
            keep = sep if sep in ("/", "-") else ""
            return name[:cut] + keep + "\n" + name[cut + len(sep) - (1 if sep == " (" else 0):]
    return name


def spread_positions(xy: Sequence[tuple[float, float]], radius: float
                     ) -> list[tuple[float, float]]:
    """Positions with exact duplicates fanned out on a small circle, so none hides another.

    Approximate places often share one centroid; drawn on top of each other
    only the last would show.
    """
    groups: dict[tuple[float, float], list[int]] = {}
    for i, (x, y) in enumerate(xy):
        groups.setdefault((round(x, 9), round(y, 9)), []).append(i)
    out = list(xy)
    for members in groups.values():
        if len(members) < 2 or radius <= 0:
            continue
        ring = max(radius, len(members) * radius / 7)  # large groups get a wider ring
        for k, i in enumerate(members):
            angle = 2 * math.pi * k / len(members)
            x, y = xy[i]
            out[i] = (x + ring * math.cos(angle), y + ring * math.sin(angle))
    return out


def _draw_points(ax: Any, points: Sequence[MapPoint], proj: _Projection,
                 spread: float) -> None:
    ordered = sorted(points, key=lambda p: (not p.approximate, p.category))
    xy = spread_positions([proj.xy(p.lon, p.lat) for p in ordered], spread)
    for point, (x, y) in zip(ordered, xy, strict=True):
        colour = CATEGORY_COLOURS.get(point.category, hex_colour(slidelayout.MARKER))
        ax.scatter([x], [y], s=36, zorder=5, marker=_marker(point.category), edgecolors=colour,
                   facecolors="none" if point.approximate else colour,
                   linewidths=1.6 if point.approximate else 0.6)


def _draw_legend(fig: Any, points: Sequence[MapPoint]) -> None:
    present = [c for c in CATEGORY_COLOURS if any(p.category == c for p in points)]
    handles = [
        Line2D([], [], marker=_marker(c), ls="", color=CATEGORY_COLOURS[c], markersize=6,
               label=texts.CATEGORY_LABELS.get(c, c))
        for c in present
    ]
    if any(p.approximate for p in points):
        if any(not p.approximate for p in points):
            handles.append(Line2D([], [], marker="o", ls="", color=_LEGEND, markersize=6,
                                  label=texts.EXPORT["legend_exact"]))
        handles.append(Line2D([], [], marker="o", ls="", markerfacecolor="none",
                              color=_LEGEND, markersize=6, label=texts.EXPORT["legend_approx"]))
    if handles:
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.045), ncol=2,
                   fontsize=6.5, frameon=False, handletextpad=0.3, columnspacing=1.2)


# --- city overview ----------------------------------------------------------------
def render_choropleth(
    districts: Sequence[Mapping[str, Any]],
    values: Mapping[str, float | None],
    *,
    title: str,
    attribution: str = "",
    size_in: tuple[float, float] = (5.6, 5.0),
    dpi: int = 110,
) -> bytes:
    """PNG of the districts shaded by ``values`` (by name); missing values are grey."""
    proj = _Projection(_mean_lat(districts), _is_projected(districts))
    known = [v for v in values.values() if v is not None]
    top = max(known) if known else 1.0
    cmap = matplotlib.colormaps["Blues"]
    fig = Figure(figsize=size_in)
    ax = fig.add_axes((0, 0.08, 1, 0.84))
    ax.set_axis_off()
    ax.set_aspect("equal")
    paths = []
    for feature in districts:
        props = feature.get("properties") or {}
        path = _path_of(feature.get("geometry"), proj)
        if path is None or props.get("art") == "Ortschaft":
            continue  # Ortschaften lie inside their Stadtbezirk: drawing them twice hides it
        value = values.get(str(props.get("name")))
        share = 0.0 if value is None else value / (top or 1)
        colour = _NO_DATA_FILL if value is None else cmap(0.15 + 0.8 * share)
        ax.add_patch(PathPatch(path, facecolor=colour, edgecolor="white", lw=0.8))
        paths.append(path)
        ext = path.get_extents()
        label = props.get("name", "")
        if value is not None:
            label = f"{label}\n{format_decimal(value)}"
        ax.text((ext.x0 + ext.x1) / 2, (ext.y0 + ext.y1) / 2, label, fontsize=6, ha="center",
                va="center", color="white" if share > 0.6 else _INK)
    bounds = _bounds(paths)
    if bounds:
        _set_frame(ax, bounds)
    fig.suptitle(title, fontsize=9)
    if any(v is None for v in values.values()) or len(values) < len(paths):
        fig.text(0.99, 0.015, f"grau: {texts.KEINE_ANGABE}", fontsize=6, ha="right")
    if attribution:
        fig.text(0.01, 0.015, attribution, fontsize=6, color=_GREY)
    return _png(fig, dpi)


def render_bar_chart(
    rows: Sequence[tuple[str, float, bool]],
    *,
    title: str,
    size_in: tuple[float, float] = (5.6, 4.2),
    dpi: int = 110,
) -> bytes:
    """PNG bar chart of (label, value, is_forecast) rows; forecasts are drawn hollow."""
    fig = Figure(figsize=size_in)
    ax = fig.add_axes((0.12, 0.14, 0.85, 0.76))
    # years stand at their own position, so a year without a figure leaves a gap
    numeric = all(label.isdigit() for label, _, _ in rows)
    xs = [int(label) if numeric else i for i, (label, _, _) in enumerate(rows)]
    for x, (_label, value, forecast) in zip(xs, rows, strict=True):
        ax.bar(x, value, color="none" if forecast else _BAR, edgecolor=_BAR,
               hatch="//" if forecast else None, lw=1)
    ax.set_xticks(xs, [r[0] for r in rows], rotation=60, fontsize=7)
    ax.tick_params(axis="y", labelsize=7)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_int(v)))
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(title, fontsize=9)
    return _png(fig, dpi)


# --- cache ------------------------------------------------------------------------
class MapCache:
    """Thread-safe LRU of rendered PNGs keyed by (district, data version, points)."""

    def __init__(self, max_items: int = 64) -> None:
        self._items: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.max_items = max_items
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(district: str, version: str, points: Sequence[MapPoint]) -> tuple[str, str, str]:
        digest = hashlib.sha1(repr(sorted(
            (round(p.lat, 6), round(p.lon, 6), p.category, p.approximate) for p in points
        )).encode()).hexdigest()
        return (district, version, digest)

    def get(self, key: tuple[str, str, str]) -> bytes | None:
        with self._lock:
            png = self._items.get(key)
            if png is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return png

    def put(self, key: tuple[str, str, str], png: bytes) -> None:
        with self._lock:
            self._items[key] = png
            self._items.move_to_end(key)
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0


MAP_CACHE = MapCache()


def cached_district_map(
    district: Mapping[str, Any],
    stadtteile: Sequence[Mapping[str, Any]],
    points: Sequence[MapPoint],
    *,
    version: str,
    attribution: str = "",
    cache: MapCache | None = None,
) -> bytes:
    """:func:`render_district_map`, reusing a PNG already drawn for the same data version."""
    cache = MAP_CACHE if cache is None else cache
    name = str((district.get("properties") or {}).get("name", ""))
    key = cache.key(f"{name}|{attribution}", version, points)
    png = cache.get(key)
    if png is None:
        png = render_district_map(district, stadtteile, points, attribution=attribution)
        cache.put(key, png)
    return png
