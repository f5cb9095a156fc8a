"""Offline static pictures for the presentation export: district maps and overview charts.

Slides cannot embed a live Leaflet map, and the export must not ask any tile
server, so the district map is drawn with ``GeoDataFrame.plot`` (matplotlib)
straight from the boundary GeoJSON (Stadtteil outlines plus public resources,
no tiles). This is
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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")  # never a GUI backend: the export runs on a server

from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from atlas import texts
from atlas.citymap.symbols import SYMBOLS, symbol_for  # noqa: E402
from atlas.export import slidelayout  # noqa: E402
from atlas.export.slidelayout import hex_colour  # noqa: E402
from atlas.geo.vector import LONLAT, frame  # noqa: E402
from atlas.numbers import format_decimal, format_int  # noqa: E402

if TYPE_CHECKING:
    import geopandas as gpd

# The web map's symbols (atlas.citymap.symbols), so a slide reads like the map on screen.
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
def _frame(features: Sequence[Mapping[str, Any]]) -> gpd.GeoDataFrame:
    """GeoJSON features as a GeoDataFrame: lon/lat (EPSG:4326), or metric without a CRS."""
    gdf = frame({"features": list(features)}, crs=None)
    if gdf.empty:
        return gdf
    west, south, east, north = gdf.total_bounds
    metric = max(abs(west), abs(east)) > 360 or max(abs(south), abs(north)) > 90
    return gdf if metric else gdf.set_crs(LONLAT)


def _x_scale(gdf: gpd.GeoDataFrame) -> float:
    """Ground metres per x unit relative to y: cos(latitude) for lon/lat, 1 for metric."""
    if gdf.crs is None or gdf.empty:
        return 1.0
    south, north = gdf.total_bounds[1], gdf.total_bounds[3]
    return math.cos(math.radians((south + north) / 2))


def _set_frame(ax: Any, bounds: Sequence[float], kx: float) -> None:
    x0, y0, x1, y1 = bounds
    pad = 0.04 * max((x1 - x0) * kx, y1 - y0, 1e-9)  # the same margin on the ground
    ax.set_xlim(x0 - pad / kx, x1 + pad / kx)
    ax.set_ylim(y0 - pad, y1 + pad)


def _new_axes(fig: Figure, box: tuple[float, float, float, float],
              gdf: gpd.GeoDataFrame) -> Any:
    ax = fig.add_axes(box)
    ax.set_axis_off()
    ax.set_aspect(1 / _x_scale(gdf))  # as GeoDataFrame.plot does for lon/lat
    return ax


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
    parts, outline = _frame(stadtteile), _frame([district])
    fig = Figure(figsize=size_in)
    ax = _new_axes(fig, (0, 0.17, 1, 0.83), outline if not outline.empty else parts)
    if not parts.empty:
        parts.plot(ax=ax, facecolor=_FILL, edgecolor=_STADTTEIL_EDGE, linewidth=0.6,
                   aspect=None)
    if not outline.empty:
        outline.plot(ax=ax, facecolor="none", edgecolor=_DISTRICT_EDGE, linewidth=1.6,
                     aspect=None)
    shown = outline if not outline.empty else parts
    kx, spread = _x_scale(shown), 0.0
    if not shown.empty:
        x0, y0, x1, y1 = shown.total_bounds
        _set_frame(ax, (x0, y0, x1, y1), kx)
        spread = 0.025 * max((x1 - x0) * kx, y1 - y0)
    _label_stadtteile(ax, parts)
    _draw_points(ax, points, spread, kx)
    _draw_legend(fig, points)
    if attribution:
        fig.text(0.01, 0.015, attribution, fontsize=6, color=_GREY)
    return _png(fig, dpi)


def _label_stadtteile(ax: Any, parts: gpd.GeoDataFrame) -> None:
    """Stadtteil names at a point inside each Stadtteil."""
    if parts.empty or "name" not in parts:
        return
    for name, point in zip(parts["name"], parts.geometry.representative_point(), strict=True):
        if name and isinstance(name, str):
            ax.text(point.x, point.y, _wrap_label(name), fontsize=6.5, color=_LABEL,
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


def _draw_points(ax: Any, points: Sequence[MapPoint], spread: float, kx: float) -> None:
    """The places, fanned out where they share a position (in a plane true to the ground)."""
    ordered = sorted(points, key=lambda p: (not p.approximate, p.category))
    plane = spread_positions([(p.lon * kx, p.lat) for p in ordered], spread)
    for point, (px, y) in zip(ordered, plane, strict=True):
        x = px / kx
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
    shown = _frame(districts)
    if not shown.empty and "art" in shown:
        shown = shown[shown["art"] != "Ortschaft"]  # inside their Stadtbezirk: would hide it
    known = [v for v in values.values() if v is not None]
    top = max(known) if known else 1.0
    cmap = matplotlib.colormaps["Blues"]
    fig = Figure(figsize=size_in)
    ax = _new_axes(fig, (0, 0.08, 1, 0.84), shown)
    names = [str(n) for n in shown["name"]] if not shown.empty else []
    shares = [None if values.get(n) is None else values[n] / (top or 1) for n in names]
    if names:
        shown.plot(ax=ax, color=[_NO_DATA_FILL if v is None else to_hex(cmap(0.15 + 0.8 * v))
                                 for v in shares], edgecolor="white", linewidth=0.8,
                   aspect=None)
        _set_frame(ax, shown.total_bounds, _x_scale(shown))
    for name, share, box in zip(names, shares, shown.geometry.bounds.itertuples(index=False),
                                strict=True):
        label = name if share is None else f"{name}\n{format_decimal(values[name])}"
        ax.text((box.minx + box.maxx) / 2, (box.miny + box.maxy) / 2, label, fontsize=6,
                ha="center", va="center", color="white" if (share or 0) > 0.6 else _INK)
    fig.suptitle(title, fontsize=9)
    if any(v is None for v in values.values()) or len(values) < len(names):
        fig.text(0.99, 0.015, texts.EXPORT["map_no_data"].format(none=texts.KEINE_ANGABE),
                 fontsize=6, ha="right")
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
