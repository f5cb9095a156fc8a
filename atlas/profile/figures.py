"""Key figures of a district profile from the typed figure tables, with date and source.

The rows come from :mod:`atlas.figures.tables` (``Figures``); the questions asked of them
(newest value, population, series) are those of :mod:`atlas.figures.queries`, so
the profile, the Fachplan page and the map answer them the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from atlas import texts
from atlas.city import City, District
from atlas.dates import parse_partial_date
from atlas.figures.queries import district_series, latest_district_figure, population_of
from atlas.model import HANDLUNGSFELDER, Category, Resource
from atlas.numbers import format_date, format_decimal
from atlas.profile.model import Figure, Source

if TYPE_CHECKING:
    from atlas.figures.tables import CapacityFigure, DistrictFigure, Figures


def date_key(date_text: str | None) -> dt.date:
    """Sort key of a partial date (its last day); unknown dates sort first."""
    try:
        return parse_partial_date(str(date_text), end=True)
    except (ValueError, TypeError):
        return dt.date.min


def row_as_source(row: CapacityFigure | DistrictFigure, date: str | None = None) -> Source:
    """The source of a figure row as a :class:`Source`."""
    return Source(row.source_label, row.source_url, row.source_date or date)


def latest_figure(figures: Figures | None, district_name: str, metric: str,
                  label: str) -> Figure:
    """Latest value of a metric with its change from the previous value."""
    latest = latest_district_figure(figures.district_figures if figures else (),
                                    district_name, metric)
    if latest is None:
        return Figure(label, None, key=metric)
    return Figure(label, latest.value, latest.date, latest.source, metric,
                  latest.source_url or None, change=latest.change,
                  previous_date=latest.previous_date, note=latest.notes or None,
                  source_date=latest.source_date or None)


# Which capacity.csv column and segment hold the city total of a district metric.
_CITY_TOTALS = {"persons_housed": ("gesamt", "persons_housed"), "uewh_places": ("gu", "places")}


def city_total(figures: Figures, metric: str, date: str,
               city: City) -> tuple[float, Source | None] | None:
    """City total of a metric on exactly that date with its source, or None.

    Taken from the citywide capacity table, else summed when every Stadtbezirk
    has a value on that date (sources that list Ortschaften separately give
    Stadtbezirk values without them, so parts add up).
    """
    segment, column = _CITY_TOTALS.get(metric, ("", ""))
    for r in figures.capacity:
        if r.date == date and r.segment == segment and getattr(r, column) is not None:
            return float(getattr(r, column)), row_as_source(r, r.date)
    by_district = {r.district: r for r in figures.district_figures
                   if r.metric == metric and r.date == date}
    if not all(name in by_district for name in city.stadtbezirke.values()):
        return None
    return float(sum(by_district[n].value for n in city.stadtbezirke.values())), None


def share_figure(figures: Figures | None, district_name: str, metric: str, label: str,
                 city: City) -> tuple[Figure, Source | None]:
    """The district's share of the city total on the newest date both are known.

    Returns the figure and the source of the city total (if it is another row).
    """
    key = f"share_{metric}"
    rows = figures.district_figures if figures else ()
    for row in reversed(district_series(rows, district_name, metric)):
        found = city_total(figures, metric, row.date, city) if figures else None
        if found and found[0]:
            total, total_source = found
            note = texts.PROFILE["share_note"].format(
                value=format_decimal(row.value, digits=2), total=format_decimal(total, digits=2),
                date=format_date(row.date, missing=""))
            return Figure(label, round(100.0 * row.value / total, 1), row.date,
                          row.source_label, key, row.source_url, unit="%", note=note,
                          source_date=row.source_date), total_source
    return Figure(label, None, key=key, unit="%"), None


def population_figure(figures: Figures | None, district: District, city: City) -> Figure:
    """Latest population of the district from shipped, sourced rows (or None)."""
    label = texts.PROFILE["population"]
    row = population_of(figures.population, district.name, city) if figures else None
    if row is None:
        return Figure(label, None, key="population")
    return Figure(label, row.population, row.reference_date, row.source_label, "population",
                  row.source_url, note=row.notes, source_date=row.source_date or row.reference_date)


def newest_date(dates: Iterable[str | None]) -> str | None:
    known = [d for d in dates if d]
    return max(known, key=date_key) if known else None


def count_offers(records: Sequence[Resource],
                 day: dt.date | None = None) -> tuple[Figure, tuple[Figure, ...]]:
    """Offers (everything but accommodation) current on ``day`` (default today), in total
    and per Handlungsfeld."""
    offers = [r for r in records if r.category != Category.UNTERKUNFT and r.is_current(day)]
    source = texts.PROFILE["offers_source"]
    total = Figure(texts.PROFILE["offers_total"], len(offers),
                   newest_date(r.source_date for r in offers), source, "offers",
                   source_date=newest_date(r.source_date for r in offers))
    per_field = []
    for code in HANDLUNGSFELDER:
        serving = [r for r in offers if code in r.handlungsfelder]
        per_field.append(Figure(
            texts.HANDLUNGSFELD_LABELS.get(code, code), len(serving),
            newest_date(r.source_date for r in serving), source, code,
        ))
    return total, tuple(per_field)
