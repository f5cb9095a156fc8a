"""Versorgung im Sozialraum: where many immigrants live but few offers exist, by Handlungsfeld.

Two steps. :func:`build_model` does the expensive part once per data version: the
population grid (``atlas.versorgung.grid``), the current offers as arrays, and the
distance from every cell to the nearest offer of each Handlungsfeld (one
``cKDTree`` query per field). :func:`figures_for` then turns one Handlungsfeld and
one distance into figures per Stadtteil and per Stadtbezirk/Ortschaft with plain
numpy: weighted median and 90th percentile of the distance, the share of residents
within the distance, offers per 1,000 foreign residents, and the ranking of gaps.

Only offers at an address point (exact or with a letter suffix) count for reach; offers
at a Stadtteil or Stadtbezirk centroid (street-only too) count in the totals only. Distances are
straight lines ("Luftlinie") in the metric CRS. A missing population or no offer
at all gives ``None`` ("keine Angabe"), never zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.spatial import cKDTree

from atlas.access.roles import Role, filter_for_role
from atlas.city import City, District, fold
from atlas.figures.queries import population_of
from atlas.model import HANDLUNGSFELDER, Precision, Resource
from atlas.nearby.search import current_offers
from atlas.profile.figures import date_key, newest_date
from atlas.versorgung.grid import PopulationGrid, to_metres

ALL_FIELDS = ""  # the "alle Angebote" choice: every current offer, whatever its field
FIELDS: tuple[str, ...] = (ALL_FIELDS, *HANDLUNGSFELDER)
DEFAULT_DISTANCE_M = 1000
# Address points only: "street" also marks a Stadtteil centre where only the street is known.
REACH_PRECISIONS = frozenset({Precision.EXACT, Precision.SUFFIX})


@dataclass(frozen=True)
class PopulationSource:
    """Date and source of the population figures, shown next to every number."""

    date: str | None = None
    title: str | None = None
    url: str | None = None
    attribution: str | None = None


@dataclass(frozen=True)
class OfferSet:
    """Current offers as arrays: position (metres), fields, Stadtteil and districts."""

    x: np.ndarray
    y: np.ndarray
    reach: np.ndarray  # bool: position at an address point (REACH_PRECISIONS)
    fields: np.ndarray  # bool, one column per FIELDS entry
    stadtteil: np.ndarray  # index into the grid's numbers, -1 unknown
    districts: np.ndarray  # bool, one column per district
    as_of: str | None = None

    def __len__(self) -> int:
        return len(self.x)


@dataclass(frozen=True)
class Model:
    """Everything that does not change with the chosen Handlungsfeld or distance."""

    grid: PopulationGrid
    districts: tuple[District, ...]
    population: np.ndarray  # residents per Stadtteil (NaN unknown)
    foreigners: np.ndarray
    district_population: np.ndarray  # per district, from the district rows
    district_foreigners: np.ndarray
    source: PopulationSource
    offers: OfferSet
    distances: dict[str, np.ndarray | None]  # field -> metres per cell (None: no offer)
    stadtbezirke: tuple[str | None, ...] = ()  # Stadtbezirk per Stadtteil index
    district_cells: tuple[np.ndarray, ...] = ()  # see district_cells()
    include_internal: bool = False


@dataclass(frozen=True)
class AreaFigures:
    """The figures of one Stadtteil or district for one field and distance."""

    key: str  # Stadtteil number or district name
    name: str
    level: str  # "stadtteil" | "Stadtbezirk" | "Ortschaft"
    stadtbezirk: str | None
    population: int | None
    foreigners: int | None
    offers: int
    offers_per_1000: float | None
    median_m: float | None
    p90_m: float | None
    share_within: float | None  # 0..1 of residents within the distance
    gap: float | None  # foreign residents farther than the distance (estimate)


@dataclass(frozen=True)
class Result:
    """Figures of every Stadtteil and district for one field and distance."""

    field: str
    distance_m: int
    stadtteile: tuple[AreaFigures, ...]
    districts: tuple[AreaFigures, ...]
    offers_total: int  # current offers of the field
    offers_reach: int  # of those, counted for reach
    source: PopulationSource
    offers_as_of: str | None
    weighting: str
    address_points: int

    @property
    def offers_left_out(self) -> int:
        return self.offers_total - self.offers_reach

    def ranking(self) -> list[AreaFigures]:
        """Stadtteile by gap (most foreign residents beyond the distance first).

        Only Stadtteile with population and reach figures are ranked.
        """
        known = [a for a in self.stadtteile if a.gap is not None]
        return sorted(known, key=lambda a: (-a.gap, -(a.median_m or 0.0), a.key))


# --- population ------------------------------------------------------------------
def stadtteil_population(rows: Iterable[Any], numbers: Sequence[str]
                         ) -> tuple[np.ndarray, np.ndarray, PopulationSource]:
    """Residents and foreigners per Stadtteil number on the latest reference date."""
    rows = [r for r in rows if getattr(r, "level", None) == "stadtteil"]
    population = np.full(len(numbers), np.nan)
    foreigners = np.full(len(numbers), np.nan)
    if not rows:
        return population, foreigners, PopulationSource()
    latest = max((r.reference_date for r in rows), key=date_key)
    index = {n: i for i, n in enumerate(numbers)}
    chosen = [r for r in rows if r.reference_date == latest]
    for r in chosen:
        i = index.get(str(r.stadtteil_nr or "").zfill(2))
        if i is not None:
            population[i], foreigners[i] = r.population, r.foreigners
    first = chosen[0]
    return population, foreigners, PopulationSource(
        latest, first.source_title, first.source_url, first.attribution)


def district_population(rows: Iterable[Any], districts: Sequence[District], city: City,
                        date: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Residents and foreigners per district on ``date`` (the Stadtteile's date)."""
    rows = list(rows)
    population = np.full(len(districts), np.nan)
    foreigners = np.full(len(districts), np.nan)
    for i, district in enumerate(districts):
        row = population_of(rows, district.name, city, reference_date=date) if date else None
        if row is not None:
            population[i], foreigners[i] = row.population, row.foreigners
    return population, foreigners


# --- offers ------------------------------------------------------------------------
def _stadtteil_index(grid: PopulationGrid, names_by_nr: dict[str, str]) -> dict[str, int]:
    """Folded Stadtteil names, long names and numbers -> grid index."""
    out: dict[str, int] = {}
    for i, nr in enumerate(grid.numbers):
        out[fold(nr)] = i
        for name in (grid.names[i], names_by_nr.get(nr, "")):
            if name:
                out[fold(name)] = i
                out[fold(name.split("(")[0])] = i
    return out


def prepare_offers(records: Iterable[Resource], *, city: City, grid: PopulationGrid,
                   districts: Sequence[District], day: dt.date,
                   include_internal: bool = False,
                   long_names: dict[str, str] | None = None) -> OfferSet:
    """The current offers of ``records`` as arrays (public ones only unless internal).

    Accommodation never counts as an offer (``atlas.nearby.search.current_offers``, which
    asks :meth:`Resource.is_current`). The Stadtteil comes from the record (the
    geocoder sets it from the polygon of an exact position), else from the nearest
    grid cell of a precise position; the districts come from :meth:`City.in_district`.
    """
    visible = records if include_internal else filter_for_role(records, Role.PUBLIC)
    offers = current_offers(visible, day)
    n = len(offers)
    fields = np.zeros((n, len(FIELDS)), dtype=bool)
    fields[:, 0] = True
    column = {code: i for i, code in enumerate(FIELDS)}
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    reach = np.zeros(n, dtype=bool)
    stadtteil = np.full(n, -1, dtype=np.int64)
    by_name = _stadtteil_index(grid, long_names or {})
    for i, r in enumerate(offers):  # one pass over the records; the rest is numpy
        for code in r.handlungsfelder:
            if code in column:
                fields[i, column[code]] = True
        if r.has_position:
            lat[i], lon[i] = r.lat, r.lon
            reach[i] = r.location_precision in REACH_PRECISIONS
        if r.stadtteil:
            stadtteil[i] = by_name.get(fold(r.stadtteil), -1)
    x, y = to_metres(lat, lon, grid.crs) if n else (lat, lon)
    _fill_stadtteil_from_cells(grid, x, y, reach, stadtteil)
    return OfferSet(x=x, y=y, reach=reach, fields=fields, stadtteil=stadtteil,
                    districts=_district_matrix(offers, districts, city),
                    as_of=newest_date({r.source_date for r in offers}))


def _fill_stadtteil_from_cells(grid: PopulationGrid, x: np.ndarray, y: np.ndarray,
                               reach: np.ndarray, stadtteil: np.ndarray) -> None:
    """Give precise offers without a Stadtteil name the Stadtteil of the nearest cell."""
    todo = reach & (stadtteil < 0)
    if todo.any() and len(grid):
        _, nearest = cKDTree(np.column_stack((grid.x, grid.y))).query(
            np.column_stack((x[todo], y[todo])))
        stadtteil[todo] = grid.stadtteil[nearest]


def _district_matrix(offers: Sequence[Resource], districts: Sequence[District],
                     city: City) -> np.ndarray:
    """Offer × district membership by the one rule (:meth:`City.in_district`), asked once
    per distinct stated district rather than once per offer."""
    groups: dict[str | None, list[int]] = {}
    for i, r in enumerate(offers):
        groups.setdefault(r.stadtbezirk, []).append(i)
    matrix = np.zeros((len(offers), len(districts)), dtype=bool)
    for members in groups.values():
        first = offers[members[0]]
        for j, district in enumerate(districts):
            if city.in_district(first, district.name):
                matrix[members, j] = True
    return matrix


# --- distances and statistics ------------------------------------------------------
def field_distances(grid: PopulationGrid, offers: OfferSet) -> dict[str, np.ndarray | None]:
    """Metres from every cell to the nearest offer of each field with a precise position."""
    cells = np.column_stack((grid.x, grid.y))
    out: dict[str, np.ndarray | None] = {}
    for j, code in enumerate(FIELDS):
        chosen = offers.reach & offers.fields[:, j]
        if not chosen.any() or not len(cells):
            out[code] = None
            continue
        tree = cKDTree(np.column_stack((offers.x[chosen], offers.y[chosen])))
        out[code], _ = tree.query(cells)
    return out


def weighted_quantiles(values: np.ndarray, groups: np.ndarray, weights: np.ndarray,
                       n_groups: int, quantiles: Sequence[float]) -> np.ndarray:
    """Per group, the smallest value whose cumulative weight reaches q of the group's total.

    Returns an array (len(quantiles), n_groups); NaN for groups without weight.
    """
    order = np.lexsort((values, groups))
    v, g, w = values[order], groups[order], weights[order]
    cumulative = np.cumsum(w)
    totals = np.bincount(g, weights=w, minlength=n_groups)
    starts = np.concatenate(([0.0], np.cumsum(totals)[:-1]))
    first = np.searchsorted(g, np.arange(n_groups), side="left")
    last = np.searchsorted(g, np.arange(n_groups), side="right") - 1
    out = np.full((len(quantiles), n_groups), np.nan)
    has = totals > 0
    for k, q in enumerate(quantiles):
        target = starts + q * totals - 1e-9 * totals
        idx = np.clip(np.searchsorted(cumulative, target, side="left"), first, np.maximum(last, 0))
        out[k, has] = v[idx[has]]
    return out


def _stats(values: np.ndarray | None, groups: np.ndarray, weights: np.ndarray, n: int,
           distance: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Median, P90 and share within ``distance`` per group (NaN where unknown)."""
    if values is None:
        nan = np.full(n, np.nan)
        return nan, nan.copy(), nan.copy()
    median, p90 = weighted_quantiles(values, groups, weights, n, (0.5, 0.9))
    totals = np.bincount(groups, weights=weights, minlength=n)
    near = np.bincount(groups, weights=weights * (values <= distance), minlength=n)
    share = np.divide(near, totals, out=np.full(n, np.nan), where=totals > 0)
    return median, p90, share


# --- the model and its figures ---------------------------------------------------------
def build_model(grid: PopulationGrid, records: Iterable[Resource], *, city: City,
                districts: Sequence[District], population_rows: Iterable[Any],
                day: dt.date, include_internal: bool = False) -> Model:
    """Population, offers and distances for every field (see the module docstring)."""
    rows = list(population_rows)
    population, foreigners, source = stadtteil_population(rows, grid.numbers)
    d_pop, d_foreign = district_population(rows, districts, city, source.date)
    long_names = dict(zip(grid.numbers, grid.names, strict=True))
    offers = prepare_offers(records, city=city, grid=grid, districts=districts, day=day,
                            include_internal=include_internal, long_names=long_names)
    return Model(grid=grid, districts=tuple(districts), population=population,
                 foreigners=foreigners, district_population=d_pop,
                 district_foreigners=d_foreign, source=source, offers=offers,
                 distances=field_distances(grid, offers),
                 stadtbezirke=tuple(city.stadtbezirk_of(nr) for nr in grid.numbers),
                 district_cells=district_cells(grid, districts, foreigners),
                 include_internal=include_internal)


def _plain(values: np.ndarray, kind: type = float) -> list:
    """An array as Python numbers, NaN as None (one conversion per call, not per cell)."""
    return [None if v != v else kind(v) for v in values.tolist()]


def _per_1000(offers: int, foreigners: float | None) -> float | None:
    return None if not foreigners else 1000.0 * offers / foreigners


def _area(key: str, name: str, level: str, bezirk: str | None, population: int | None,
          foreigners: int | None, offers: int, median: float | None, p90: float | None,
          share: float | None, *, needs_population: bool) -> AreaFigures:
    """One row of figures; reach only where the population is known, if asked."""
    if needs_population and not population:
        median = p90 = share = None
    gap = None if share is None or foreigners is None else foreigners * (1.0 - share)
    return AreaFigures(key=key, name=name, level=level, stadtbezirk=bezirk,
                       population=population, foreigners=foreigners, offers=offers,
                       offers_per_1000=_per_1000(offers, foreigners), median_m=median,
                       p90_m=p90, share_within=share, gap=gap)


def figures_for(model: Model, field: str = ALL_FIELDS,
                distance_m: int = DEFAULT_DISTANCE_M) -> Result:
    """Figures per Stadtteil and district for one field and one distance."""
    grid, offers = model.grid, model.offers
    of_field = offers.fields[:, FIELDS.index(field)]
    values = model.distances.get(field)
    n = len(grid.numbers)
    median, p90, share = _stats(values, grid.stadtteil, grid.weight, n, distance_m)
    known = of_field & (offers.stadtteil >= 0)
    counts = np.bincount(offers.stadtteil[known], minlength=n).tolist()
    bezirke = model.stadtbezirke or (None,) * n
    stadtteile = tuple(
        _area(nr, name, "stadtteil", bezirk, pop, foreign, count, med, top, near,
              needs_population=True)
        for nr, name, bezirk, pop, foreign, count, med, top, near in zip(
            grid.numbers, grid.names, bezirke, _plain(model.population, int),
            _plain(model.foreigners, int), counts, _plain(median), _plain(p90),
            _plain(share), strict=True)
    )
    return Result(
        field=field, distance_m=int(distance_m), stadtteile=stadtteile,
        districts=_district_figures(model, values, of_field, distance_m),
        offers_total=int(of_field.sum()), offers_reach=int((of_field & offers.reach).sum()),
        source=model.source, offers_as_of=offers.as_of, weighting=grid.weighting,
        address_points=grid.address_points)


def district_cells(grid: PopulationGrid, districts: Sequence[District],
                   foreigners: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(cell index, district index, weight) of every cell in every district.

    A cell weighs its share of its Stadtteil times the Stadtteil's foreign residents,
    so a district's figures follow where its foreign residents live. A cell can
    belong to a Stadtbezirk and an Ortschaft at once, hence the explicit pairs.
    """
    by_nr = {nr: i for i, nr in enumerate(grid.numbers)}
    order = np.argsort(grid.stadtteil, kind="stable")
    bounds = np.searchsorted(grid.stadtteil[order], np.arange(len(grid.numbers) + 1))
    base = grid.normalised_weight() * np.nan_to_num(foreigners)[grid.stadtteil]
    cells, groups = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
    for j, district in enumerate(districts):
        for nr in district.stadtteile:
            if nr in by_nr:
                i = by_nr[nr]
                cells.append(order[bounds[i]:bounds[i + 1]])
                groups.append(np.full(bounds[i + 1] - bounds[i], j, dtype=np.int64))
    index = np.concatenate(cells)
    return index, np.concatenate(groups), base[index]


def _district_figures(model: Model, values: np.ndarray | None, of_field: np.ndarray,
                      distance_m: float) -> tuple[AreaFigures, ...]:
    """Districts: cells weighted by their Stadtteil's foreign residents (where known)."""
    cells, groups, weights = model.district_cells
    n = len(model.districts)
    median, p90, share = _stats(None if values is None else values[cells], groups, weights,
                                n, distance_m)
    counts = (model.offers.districts & of_field[:, None]).sum(axis=0).tolist()
    return tuple(
        _area(d.name, d.name, d.art, d.parent or d.name, pop, foreign, count, med, top, near,
              needs_population=False)
        for d, pop, foreign, count, med, top, near in zip(
            model.districts, _plain(model.district_population, int),
            _plain(model.district_foreigners, int), counts, _plain(median), _plain(p90),
            _plain(share), strict=True)
    )
