"""Where people live: a grid of 200 m cells clipped to each Stadtteil, with a weight per cell.

There are no residents per building, so each Stadtteil's residents are spread over
its cells. With the full address register (L134) the weight of a cell is the number
of address points in it (address points stand in for housing); otherwise it is the
cell's area (residents spread evenly). Everything is in a metric CRS (EPSG:25833)
and vectorised with shapely 2 and numpy; the grid is built once per boundary and
address version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from atlas.geo.crs import transformer

CELL_M = 200.0
WEIGHT_ADDRESSES = "adresspunkte"
WEIGHT_EVEN = "gleichmaessig"
# The address cache counts as the full register when it has points in at least this
# share of the Stadtteile; an extract for a few places (tens of points) does not.
FULL_REGISTER_SHARE = 0.9


@dataclass(frozen=True)
class PopulationGrid:
    """Cells (representative point, Stadtteil, weight) of every Stadtteil, in metres."""

    numbers: tuple[str, ...]  # Stadtteil number per index
    names: tuple[str, ...]
    x: np.ndarray  # cell centroid (clipped cell), metric CRS
    y: np.ndarray
    stadtteil: np.ndarray  # index into ``numbers`` per cell
    weight: np.ndarray  # address points or square metres per cell
    weighting: str  # WEIGHT_ADDRESSES | WEIGHT_EVEN
    address_points: int = 0  # points used for the weights (0 when even)
    cell_m: float = CELL_M
    crs: str = "EPSG:25833"

    def __len__(self) -> int:
        return len(self.x)

    def normalised_weight(self) -> np.ndarray:
        """Cell weights that add up to 1 within each Stadtteil (0 for empty Stadtteile)."""
        totals = np.bincount(self.stadtteil, weights=self.weight, minlength=len(self.numbers))
        per_cell = totals[self.stadtteil]
        return np.divide(self.weight, per_cell, out=np.zeros_like(self.weight),
                         where=per_cell > 0)


def _cells_of(polygon: Any, cell_m: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, Any]:
    """Grid squares (on a global cell_m lattice) that meet ``polygon``, clipped to it.

    Returns square column, row, clipped area and clipped geometries. Squares fully
    inside are kept whole; only squares on the border are intersected.
    """
    minx, miny, maxx, maxy = polygon.bounds
    cols = np.arange(np.floor(minx / cell_m), np.ceil(maxx / cell_m))
    rows = np.arange(np.floor(miny / cell_m), np.ceil(maxy / cell_m))
    cc, rr = (a.ravel() for a in np.meshgrid(cols, rows))
    boxes = shapely.box(cc * cell_m, rr * cell_m, (cc + 1) * cell_m, (rr + 1) * cell_m)
    shapely.prepare(polygon)
    inside = shapely.contains_properly(polygon, boxes)
    border = ~inside & shapely.intersects(polygon, boxes)
    geoms = boxes.copy()
    geoms[border] = shapely.intersection(boxes[border], polygon)
    keep = inside | border
    geoms = geoms[keep]
    area = shapely.area(geoms)
    ok = area > 0
    return cc[keep][ok].astype(np.int64), rr[keep][ok].astype(np.int64), area[ok], geoms[ok]


def _address_counts(polygon: Any, cols: np.ndarray, rows: np.ndarray,
                    ax: np.ndarray, ay: np.ndarray, cell_m: float) -> np.ndarray:
    """Address points of the polygon per cell (cells given by column and row)."""
    counts = np.zeros(len(cols))
    if len(ax) == 0 or len(cols) == 0:
        return counts
    minx, miny, maxx, maxy = polygon.bounds
    near = (ax >= minx) & (ax <= maxx) & (ay >= miny) & (ay <= maxy)
    px, py = ax[near], ay[near]
    inside = shapely.contains_xy(polygon, px, py)
    px, py = px[inside], py[inside]
    c0, r0 = cols.min(), rows.min()
    lookup = np.full((rows.max() - r0 + 1, cols.max() - c0 + 1), -1, dtype=np.int64)
    lookup[rows - r0, cols - c0] = np.arange(len(cols))
    pc = np.floor(px / cell_m).astype(np.int64) - c0
    pr = np.floor(py / cell_m).astype(np.int64) - r0
    valid = (pc >= 0) & (pr >= 0) & (pc < lookup.shape[1]) & (pr < lookup.shape[0])
    ids = lookup[pr[valid], pc[valid]]
    ids = ids[ids >= 0]
    return np.bincount(ids, minlength=len(cols)).astype(float)


def grid_from_polygons(polygons: Sequence[Any], numbers: Sequence[str], names: Sequence[str],
                       *, cell_m: float = CELL_M,
                       address_xy: tuple[np.ndarray, np.ndarray] | None = None,
                       crs: str = "EPSG:25833") -> PopulationGrid:
    """The grid of metric Stadtteil polygons; address points (metric x, y) weight it.

    Address weights are used only when the points cover the Stadtteile (see
    :data:`FULL_REGISTER_SHARE`); a Stadtteil without a single point is then
    spread evenly rather than left empty.
    """
    parts = [_cells_of(p, cell_m) for p in polygons]
    ax, ay = address_xy if address_xy is not None else (np.empty(0), np.empty(0))
    counts = [_address_counts(p, c, r, ax, ay, cell_m)
              for p, (c, r, _, _) in zip(polygons, parts, strict=True)]
    covered = sum(1 for c in counts if c.sum() > 0)
    use_addresses = bool(polygons) and covered >= FULL_REGISTER_SHARE * len(polygons)
    weights = []
    for (_, _, area, _), count in zip(parts, counts, strict=True):
        weights.append(count if use_addresses and count.sum() > 0 else area)
    geoms = np.concatenate([g for *_, g in parts]) if parts else np.empty(0, dtype=object)
    centres = shapely.centroid(geoms)
    return PopulationGrid(
        numbers=tuple(numbers), names=tuple(names),
        x=shapely.get_x(centres), y=shapely.get_y(centres),
        stadtteil=np.concatenate([np.full(len(a), i, dtype=np.int64)
                                  for i, (_, _, a, _) in enumerate(parts)]) if parts
        else np.empty(0, dtype=np.int64),
        weight=np.concatenate(weights) if weights else np.empty(0),
        weighting=WEIGHT_ADDRESSES if use_addresses else WEIGHT_EVEN,
        address_points=int(sum(c.sum() for c in counts)) if use_addresses else 0,
        cell_m=cell_m, crs=crs,
    )


def to_metres(lat: np.ndarray, lon: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 positions as metric x, y in ``crs``."""
    x, y = transformer("EPSG:4326", crs).transform(np.asarray(lon, float),
                                                   np.asarray(lat, float))
    return np.asarray(x), np.asarray(y)


def build_grid(stadtteile: Mapping[str, Any], *, crs: str = "EPSG:25833",
               cell_m: float = CELL_M,
               address_points: Sequence[Any] | None = None) -> PopulationGrid:
    """The grid of a Stadtteil FeatureCollection (EPSG:4326, properties ``nr``, ``name``).

    ``address_points`` are objects with ``lat``/``lon`` (``atlas.geo.addresses.AddressPoint``).
    """
    features = sorted(stadtteile.get("features", []),
                      key=lambda f: str((f.get("properties") or {}).get("nr", "")))
    geoms = np.array([shape(f["geometry"]) for f in features], dtype=object)
    project = transformer("EPSG:4326", crs)
    metric = shapely.transform(geoms, lambda xy: np.column_stack(
        project.transform(xy[:, 0], xy[:, 1]))) if len(geoms) else geoms
    props = [f.get("properties") or {} for f in features]
    address_xy = None
    if address_points:
        lat = np.fromiter((p.lat for p in address_points), float)
        lon = np.fromiter((p.lon for p in address_points), float)
        address_xy = to_metres(lat, lon, crs)
    return grid_from_polygons(
        list(metric), [str(p.get("nr", "")).zfill(2) for p in props],
        [str(p.get("name") or p.get("nr")) for p in props],
        cell_m=cell_m, address_xy=address_xy, crs=crs)
