"""Key figures of a district profile from the shipped figure tables, with date and source.

Figure rows are read by field name (``district``, ``date``, ``metric``, ``value``,
``source_url``, ``source_title``, ``notes``), from pydantic models, dataclasses or
dicts alike, so the profile does not depend on how the tables are loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from atlas import texts
from atlas.city import City, District, fold
from atlas.dates import parse_partial_date
from atlas.model import HANDLUNGSFELDER, Category, Resource
from atlas.numbers import format_date, format_decimal
from atlas.profile_model import Figure, FigureTables, Source


def figure_rows(figures: Any, *attrs: str) -> list[Any]:
    """Rows from a list, or from an object or mapping holding them under one of ``attrs``."""
    if figures is None:
        return []
    if isinstance(figures, Mapping):
        for attr in attrs:
            if attr in figures:
                return list(figures[attr] or ())
        return []
    for attr in attrs:
        inner = getattr(figures, attr, None)
        if inner is not None and not callable(inner):
            return list(inner)
    if isinstance(figures, (list, tuple)):
        return list(figures)
    return []


def get_field(row: Any, name: str, default: Any = None) -> Any:
    """A field of a row that may be a mapping, dataclass or pydantic model."""
    if isinstance(row, Mapping):
        return row.get(name, default)
    return getattr(row, name, default)


def row_source(row: Any) -> tuple[str | None, str | None]:
    """(source as shown, URL): the title (or qualifier) if there is one, else the URL."""
    url = get_field(row, "source_url") or None
    title = get_field(row, "source_title") or None
    return (title or url), url


def date_key(date_text: str | None) -> dt.date:
    """Sort key of a partial date (its last day); unknown dates sort first."""
    try:
        return parse_partial_date(str(date_text), end=True)
    except (ValueError, TypeError):
        return dt.date.min


def district_series(rows: Sequence[Any], district_name: str, metric: str,
                    city: City) -> list[Any]:
    """Rows of one metric for one district, oldest first, one per date."""
    by_date: dict[str, Any] = {}
    for r in rows:
        if get_field(r, "metric") != metric or get_field(r, "value") is None:
            continue
        if city.canonical_district(str(get_field(r, "district") or "")) == district_name:
            by_date[str(get_field(r, "date"))] = r
    return sorted(by_date.values(), key=lambda r: date_key(get_field(r, "date")))


def row_figure(row: Any, label: str, key: str, value_field: str = "value") -> Figure:
    """One row as a figure with its date, source and notes."""
    shown, url = row_source(row)
    return Figure(
        label, get_field(row, value_field), str(get_field(row, "date") or "") or None, shown,
        key, url, note=get_field(row, "notes") or None,
        source_date=get_field(row, "source_date") or None,
    )


def latest_figure(rows: Sequence[Any], district_name: str, metric: str, label: str,
                  city: City) -> Figure:
    """Latest value of a metric with its change from the previous value."""
    series = district_series(rows, district_name, metric, city)
    if not series:
        return Figure(label, None, key=metric)
    latest = row_figure(series[-1], label, metric)
    if len(series) < 2:
        return latest
    prev = series[-2]
    return replace(latest, change=get_field(series[-1], "value") - get_field(prev, "value"),
                   previous_date=str(get_field(prev, "date")))


# Which capacity.csv column and segment hold the city total of a district metric.
_CITY_TOTALS = {"persons_housed": ("gesamt", "persons_housed"), "uewh_places": ("gu", "places")}


def city_total(tables: FigureTables, metric: str, date: str,
               city: City) -> tuple[float, Source | None] | None:
    """City total of a metric on exactly that date with its source, or None.

    Taken from the citywide capacity table, else from a row for the whole city,
    else summed when every Stadtbezirk has a value on that date (sources that list
    Ortschaften separately give Stadtbezirk values without them, so parts add up).
    """
    segment, column = _CITY_TOTALS.get(metric, ("", ""))
    for r in tables.capacity:
        if (str(get_field(r, "date")) == date and get_field(r, "segment") == segment
                and get_field(r, column) is not None):
            return float(get_field(r, column)), row_as_source(r)
    same = [r for r in tables.district_figures if get_field(r, "metric") == metric
            and str(get_field(r, "date")) == date and get_field(r, "value") is not None]
    for r in same:
        if fold(str(get_field(r, "district") or "")) in (fold(city.name), "gesamt"):
            return float(get_field(r, "value")), row_as_source(r)
    by_district = {city.canonical_district(str(get_field(r, "district") or "")): r for r in same}
    by_district.pop(None, None)
    if not all(name in by_district for name in city.stadtbezirke.values()):
        return None
    return float(sum(get_field(r, "value") for r in by_district.values())), None


def row_as_source(row: Any) -> Source | None:
    """The source of a table row as a :class:`Source`."""
    shown, url = row_source(row)
    if not shown:
        return None
    return Source(shown, url, get_field(row, "source_date") or get_field(row, "date"))


def share_figure(tables: FigureTables, district_name: str, metric: str, label: str,
                 city: City) -> tuple[Figure, Source | None]:
    """The district's share of the city total on the newest date both are known.

    Returns the figure and the source of the city total (if it is another row).
    """
    key = f"share_{metric}"
    for row in reversed(district_series(tables.district_figures, district_name, metric, city)):
        date = str(get_field(row, "date"))
        found = city_total(tables, metric, date, city)
        if found and found[0]:
            total, total_source = found
            own = row_figure(row, label, key)
            note = texts.PROFILE["share_note"].format(
                value=format_decimal(own.value, digits=2), total=format_decimal(total, digits=2),
                date=format_date(date, missing=""))
            return replace(own, value=round(100.0 * float(own.value) / total, 1), unit="%",
                           note=note), total_source
    return Figure(label, None, key=key, unit="%"), None


def population_figure(tables: FigureTables, district: District, city: City) -> Figure:
    """Latest population of the district from shipped, sourced rows (or None)."""
    label = texts.PROFILE["population"]
    rows = [
        r for r in tables.population
        if city.canonical_district(str(get_field(r, "district") or get_field(r, "code") or ""))
        == district.name and get_field(r, "population") is not None
    ]
    if not rows:
        return Figure(label, None, key="population")
    rows.sort(key=lambda r: date_key(get_field(r, "date") or get_field(r, "reference_date")))
    last = rows[-1]
    fig = row_figure(last, label, "population", "population")
    date = fig.date or get_field(last, "reference_date")
    return replace(fig, date=date, source=fig.source or get_field(last, "licence"),
                   source_date=fig.source_date or date)


def as_tables(figures: Any, population: Any = None) -> FigureTables:
    """Normalise the ``figures`` argument of build_profile to :class:`FigureTables`."""
    if isinstance(figures, FigureTables):
        tables = figures
    else:
        tables = FigureTables(
            tuple(figure_rows(figures, "district_figures", "rows")),
            tuple(figure_rows(figures, "capacity")),
            tuple(figure_rows(figures, "population")) if not isinstance(figures, (list, tuple))
            else (),
        )
    if population is not None:
        tables = replace(tables, population=tuple(figure_rows(population, "population", "rows")))
    return tables


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
