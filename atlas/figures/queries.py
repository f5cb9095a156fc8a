"""Questions pages and charts ask of the figure tables, answered as plain data.

Functions take the loaded rows (see :mod:`atlas.figures.tables`) and return pandas
DataFrames or small dataclasses with German display text already attached, so
charts, tables and CSV downloads show exactly the same numbers. Unknown values
stay missing (never zero).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from atlas import texts
from atlas.dates import parse_partial_date
from atlas.markup import escape_markdown, safe_link
from atlas.numbers import format_date, format_int, format_qualified, source_label

if TYPE_CHECKING:
    from atlas.city import City
    from atlas.figures.tables import Allocation, CapacityFigure, DistrictFigure, PopulationFigure

T = texts.FACHPLAN
KIND_ORDER = ("actual", "forecast", "planning")
SEGMENT_ORDER = ("gu", "wohnungen", "gesamt")
MEASURES = ("places", "occupied", "persons_housed")
SOURCE_COLUMNS = ("source", "source_url", "source_date", "notes")


def date_key(text: str) -> tuple[dt.date, int]:
    """Sort key of a partial ISO date: its first day, then the more specific form last."""
    return parse_partial_date(text), len(text)


def _source(row: Any) -> dict[str, Any]:
    return {"source": source_label(row.source_title, row.source_url),
            "source_url": row.source_url or "", "source_date": row.source_date,
            "notes": row.notes or ""}


def allocations_series(rows: Iterable[Allocation]) -> pd.DataFrame:
    """Every allocation figure by year and kind, with German labels and display text."""
    records = [{
        "year": r.year, "value": r.value, "kind": r.kind, "kind_label": T[f"kind_{r.kind}"],
        "qualifier": r.qualifier or "", "value_text": format_qualified(r.value, r.qualifier),
        "label": r.label or "", "alt_values": r.alt_values or "", **_source(r),
    } for r in rows]
    columns = ["year", "value", "kind", "kind_label", "qualifier", "value_text", "label",
               "alt_values", *SOURCE_COLUMNS]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["kind_order"] = frame["kind"].map(KIND_ORDER.index)
    frame = frame.sort_values(["year", "kind_order", "value"], kind="stable")
    return frame.drop(columns="kind_order").reset_index(drop=True)


def missing_allocation_years(rows: Iterable[Allocation], *, since: int | None = None) -> list[int]:
    """Years from ``since`` (or the first actual year) to the last one without an actual figure."""
    actual = {r.year for r in rows if r.kind == "actual"}
    if not actual:
        return []
    start = min(actual) if since is None else since
    return [y for y in range(start, max(actual) + 1) if y not in actual]


def capacity_series(rows: Iterable[CapacityFigure]) -> pd.DataFrame:
    """Long table: one row per date, segment and measure that the sources give."""
    records = []
    for r in sorted(rows, key=lambda r: (date_key(r.date), SEGMENT_ORDER.index(r.segment))):
        for measure in MEASURES:
            value = getattr(r, measure)
            if value is None:
                continue
            records.append({
                "date": r.date, "day": pd.Timestamp(parse_partial_date(r.date)),
                "date_text": format_date(r.date), "segment": r.segment,
                "segment_label": T[f"segment_{r.segment}"], "measure": measure,
                "measure_label": T[f"measure_{measure}"], "value": value,
                "qualifier": r.qualifier or "", "value_text": format_qualified(value, r.qualifier),
                **_source(r),
            })
    columns = ["date", "day", "date_text", "segment", "segment_label", "measure",
               "measure_label", "value", "qualifier", "value_text", *SOURCE_COLUMNS]
    return pd.DataFrame.from_records(records, columns=columns)


def district_metric_dates(rows: Iterable[DistrictFigure], metric: str) -> list[str]:
    """Dates (partial ISO, oldest first) on which any district has a value of ``metric``."""
    return sorted({r.date for r in rows if r.metric == metric}, key=date_key)


def district_order(city: City | None) -> list[str]:
    """Stadtbezirke in their configured order, then the Ortschaft units."""
    if city is None:
        return []
    return [*(city.stadtbezirke[k] for k in sorted(city.stadtbezirke)), *city.ortschaften]


def persons_housed_by_district(rows: Iterable[DistrictFigure], date: str,
                               city: City | None = None) -> pd.DataFrame:
    """Persons housed per district on ``date``: only districts the source names."""
    return district_metric_table(rows, "persons_housed", city, dates=[date])


def district_metric_table(rows: Iterable[DistrictFigure], metric: str, city: City | None = None,
                          *, dates: Sequence[str] | None = None) -> pd.DataFrame:
    """Long table of one metric: date, district, value and source, in district order."""
    order = district_order(city)
    chosen = [r for r in rows if r.metric == metric and (dates is None or r.date in dates)]
    chosen.sort(key=lambda r: (date_key(r.date),
                               order.index(r.district) if r.district in order else len(order),
                               r.district))
    records = [{"date": r.date, "date_text": format_date(r.date), "district": r.district,
                "value": r.value, "value_text": format_int(r.value), **_source(r)}
               for r in chosen]
    columns = ["date", "date_text", "district", "value", "value_text", *SOURCE_COLUMNS]
    return pd.DataFrame.from_records(records, columns=columns)


@dataclass(frozen=True)
class LatestFigure:
    """The newest value of a district metric with its source and the one before it."""

    value: int
    date: str
    source: str
    source_url: str
    source_date: str
    notes: str
    previous_value: int | None = None
    previous_date: str | None = None

    @property
    def change(self) -> int | None:
        """Difference to the previous value (None when there is none)."""
        return None if self.previous_value is None else self.value - self.previous_value


def district_series(rows: Iterable[DistrictFigure], district: str, metric: str,
                    city: City | None = None) -> list[DistrictFigure]:
    """Rows of ``metric`` for ``district`` (name, slug or alias), oldest first."""
    name = (city.canonical_district(district) if city else district) or district
    return sorted((r for r in rows if r.district == name and r.metric == metric),
                  key=lambda r: date_key(r.date))


def latest_district_figure(rows: Iterable[DistrictFigure], district: str, metric: str,
                           city: City | None = None) -> LatestFigure | None:
    """Newest value of ``metric`` for ``district`` (name, slug or alias), or None."""
    series = district_series(rows, district, metric, city)
    if not series:
        return None
    last = series[-1]
    previous = series[-2] if len(series) > 1 else None
    src = _source(last)
    return LatestFigure(
        value=last.value, date=last.date, source=src["source"], source_url=src["source_url"],
        source_date=last.source_date, notes=src["notes"],
        previous_value=previous.value if previous else None,
        previous_date=previous.date if previous else None,
    )


def population_of(rows: Iterable[PopulationFigure], district: str, city: City | None = None,
                  *, reference_date: str | None = None) -> PopulationFigure | None:
    """Population row of a Stadtbezirk or Ortschaft: the newest, or on ``reference_date``."""
    name = (city.canonical_district(district) if city else district) or district
    found = [r for r in rows if r.level != "stadtteil" and r.district == name
             and (reference_date is None or r.reference_date == reference_date)]
    return max(found, key=lambda r: date_key(r.reference_date)) if found else None


def source_list(frame: pd.DataFrame) -> list[tuple[str, str, str]]:
    """Distinct (source, url, source date) of a table's rows, in first-seen order."""
    seen: dict[tuple[str, str, str], None] = {}
    for row in frame[["source", "source_url", "source_date"]].itertuples(index=False):
        seen.setdefault((str(row[0]), str(row[1]), str(row[2])), None)
    return list(seen)


def frame_rows(frame: pd.DataFrame, columns: Sequence[str]) -> list[dict[str, Any]]:
    """Rows of ``frame`` as dicts (for CSV downloads), NaN turned into empty cells."""
    subset = frame[list(columns)].astype(object).where(frame[list(columns)].notna(), None)
    return subset.to_dict("records")


def sources_markdown(frame: pd.DataFrame) -> str:
    """ "Quellen: dnn.de (17.01.2018), …" with each URL linked, for a chart caption."""
    items = []
    for source, url, date in source_list(frame):
        label = source_label(source, url)
        shown = T["source_item"].format(title=escape_markdown(label), date=format_date(date))
        link = safe_link(url)
        items.append(f"[{shown}]({link})" if link else shown)
    return T["sources_line"].format(sources="; ".join(items) or texts.KEINE_ANGABE)
