"""District colours for one figure, with "keine Angabe" kept apart from zero.

A figure is a :class:`MetricValues`: values per Stadtbezirk with the date and
source the legend must show. Districts missing from ``values`` are drawn with a
grey hatch and labelled "keine Angabe"; a real zero gets the lightest colour.
The aggregate functions take all records and return numbers only, so counts of
accommodation can be shown publicly without any name or position leaving the server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from atlas import texts
from atlas.city import City
from atlas.dates import parse_partial_date
from atlas.model import Category, Resource
from atlas.numbers import format_decimal

# Sequential palette (light to dark), readable in print.
PALETTE: tuple[str, ...] = ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15")
NO_DATA = "nodata"  # style marker the map script draws as a grey hatch
FILL_OPACITY = 0.65  # classes are drawn this opaque over the basemap
# District outlines in a coloured map: at least 3:1 against every class (WCAG 1.4.11).
CHOROPLETH_OUTLINE = "#111111"


@dataclass(frozen=True)
class MetricValues:
    """Values of one figure per Stadtbezirk, with date and source for the legend."""

    label: str
    values: Mapping[str, float] = field(default_factory=dict)
    date: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class LegendClass:
    colour: str
    low: float
    high: float


def count_offers_by_district(records: Iterable[Resource], city: City, *, day: dt.date,
                             today: dt.date | None = None) -> dict[str, int]:
    """Offers (everything but accommodation) current on ``day`` per Stadtbezirk."""
    counts: dict[str, int] = {}
    for record in records:
        if record.category == Category.UNTERKUNFT or not record.is_current(day, today=today):
            continue
        bezirk = city.stadtbezirk_for(record)
        if bezirk:
            counts[bezirk] = counts.get(bezirk, 0) + 1
    return counts


def _sites_with_capacity(records: Iterable[Resource], city: City, day: dt.date,
                         today: dt.date | None = None) -> dict[str, list[Resource]]:
    """Accommodation current on ``day`` with a known capacity, per Stadtbezirk."""
    groups: dict[str, list[Resource]] = {}
    for record in records:
        if record.category != Category.UNTERKUNFT or record.capacity is None:
            continue
        if not record.is_current(day, today=today):
            continue
        bezirk = city.stadtbezirk_for(record)
        if bezirk:
            groups.setdefault(bezirk, []).append(record)
    return groups


def accommodation_places_by_district(
    records: Iterable[Resource], city: City, *, day: dt.date, today: dt.date | None = None
) -> tuple[dict[str, int], str | None]:
    """Summed capacity of accommodation active on ``day`` per Stadtbezirk, and the latest
    capacity date. Only numbers leave this function; districts with no known capacity
    are absent (so they show "keine Angabe", not zero). Exact: internal use, or
    through ``atlas.access.disclosure`` for the public (:func:`public_accommodation_places`)."""
    groups = _sites_with_capacity(records, city, day, today)
    sums = {b: sum(r.capacity or 0 for r in sites) for b, sites in groups.items()}
    dates = [r.capacity_date for sites in groups.values() for r in sites if r.capacity_date]
    return sums, max(dates) if dates else None


def map_accommodation_places(
    records: Iterable[Resource], city: City, *, day: dt.date, internal: bool, min_sites: int,
) -> tuple[dict[str, int], str | None, frozenset[str]]:
    """(sums, date, held back) for the map: exact for internal sessions, else public."""
    if internal:
        return (*accommodation_places_by_district(records, city, day=day), frozenset())
    return public_accommodation_places(records, city, day=day, min_sites=min_sites)


def public_accommodation_places(
    records: Iterable[Resource], city: City, *, day: dt.date, min_sites: int,
) -> tuple[dict[str, int], str, frozenset[str]]:
    """What the public map may show: sums on the yearly Stichtag before ``day`` from at
    least ``min_sites`` sites, the Stichtag, and the districts held back."""
    from atlas.access.disclosure import protect_series, public_step

    records = [r for r in records if r.category == Category.UNTERKUNFT]
    step = public_step(day)
    starts = [parse_partial_date(r.valid_from).year for r in records if r.valid_from]
    first = min([*starts, step.year])
    series = []
    for year in range(first - 1, step.year + 1):  # every earlier public Stichtag
        groups = _sites_with_capacity(records, city, dt.date(year, 12, 31))
        series.append({b: {r.id: r.capacity or 0 for r in sites} for b, sites in groups.items()})
    shown, hidden = protect_series(series, min_sites)
    return shown, step.isoformat(), hidden


def legend_classes(values: Iterable[float], n: int = len(PALETTE)) -> list[LegendClass]:
    """Equal-interval classes from 0 to the maximum (one class when all values are equal)."""
    numbers = [float(v) for v in values]
    if not numbers:
        return []
    top = max(numbers)
    if top <= 0:
        return [LegendClass(PALETTE[0], 0.0, 0.0)]
    step = top / n
    return [LegendClass(PALETTE[i], step * i, step * (i + 1)) for i in range(n)]


def colour_of(value: float | None, classes: list[LegendClass]) -> str:
    """The fill colour of a value, or :data:`NO_DATA` for a missing one."""
    if value is None or not classes:
        return NO_DATA
    for cls in classes:
        if value <= cls.high:
            return cls.colour
    return classes[-1].colour


def colour_areas(areas: Mapping[str, Any], metric: MetricValues | None) -> dict[str, Any]:
    """A copy of the area collection with ``fill`` and a tooltip line per feature."""
    classes = legend_classes(metric.values.values()) if metric else []
    features = []
    for f in areas.get("features", []):
        props = dict(f.get("properties") or {})
        if metric is not None:
            value = metric.values.get(str(props.get("name")))
            props["fill"] = colour_of(value, classes)
            shown = texts.KEINE_ANGABE if value is None else format_decimal(value)
            props["label"] = f"{props.get('label', '')}: {metric.label} {shown}"
        features.append({**f, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def latest_metric_values(rows: Iterable[Any], metric: str, *, label: str,
                         names: Iterable[str]) -> MetricValues:
    """Values of ``metric`` on the date that covers most of ``names`` (latest on ties).

    ``rows`` are district figures with ``district``, ``date``, ``metric``, ``value``
    and ``source_label``/``source_date`` (``atlas.figures.tables.DistrictFigure``). Only the
    districts in ``names`` count; the others would not be drawn anyway.
    """
    wanted = set(names)
    by_date: dict[str, list[Any]] = {}
    for row in rows:
        if getattr(row, "metric", None) == metric and row.district in wanted:
            by_date.setdefault(str(row.date), []).append(row)
    if not by_date:
        return MetricValues(label=label)
    date = max(by_date, key=lambda d: (len({r.district for r in by_date[d]}), d))
    chosen = by_date[date]
    values = {r.district: float(r.value) for r in chosen}
    sources = sorted({str(getattr(r, "source_label", "") or "") for r in chosen} - {""})
    return MetricValues(label=label, values=values, date=date,
                        source="; ".join(sources) or None)
