"""The shipped figure tables: allocations, capacity, district figures and population.

Each CSV in ``resources/`` is read with :mod:`atlas.places.tabular` (so spreadsheet
exports work too), every row is checked against a pydantic model, and bad rows
are set aside as :class:`atlas.places.validation.RowError` with a German reason while the
good rows load. A missing or unusable file leaves its table empty and adds a
German message; the other tables still load. Query functions for pages and
charts live in :mod:`atlas.figures.queries`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from atlas import texts
from atlas.city import City
from atlas.dates import is_future, normalise_partial_date
from atlas.errors import SchemaError
from atlas.numbers import source_label
from atlas.places.tabular import TableRow, parse_count, read_table
from atlas.places.validation import RowError, RowProblem, check_header, translate

T = texts.FACHPLAN
MAX_BYTES = 5 * 1024 * 1024

Kind = Literal["actual", "forecast", "planning"]
Segment = Literal["gu", "wohnungen", "gesamt"]
Metric = Literal[
    "persons_housed", "persons_housed_wohnungen", "persons_housed_heime",
    "persons_housed_uewh", "persons_housed_interim", "uewh_places", "gww_places",
    "apartment_places",
]
Level = Literal["stadtbezirk", "ortschaft", "stadtteil"]


class SourcedRow(BaseModel):
    """Provenance every figure row carries: a URL or a title, a date, and notes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source_url: str | None = None
    source_title: str | None = None
    source_date: str
    notes: str | None = None

    @model_validator(mode="after")
    def _has_source(self) -> SourcedRow:
        if not (self.source_url or self.source_title):
            raise ValueError(T["err_no_source"])
        return self

    @property
    def source_label(self) -> str:
        """What a caption shows for this row's source (:func:`atlas.numbers.source_label`)."""
        return source_label(self.source_title, self.source_url)


class Allocation(SourcedRow):
    """Refugees allocated to the city in one year: an actual, forecast or planning figure."""

    year: int
    value: int
    kind: Kind
    qualifier: str | None = None  # the source's own hedge: rund, bis zu, mindestens
    label: str | None = None
    alt_values: str | None = None  # what other sources give for the same figure


class CapacityFigure(SourcedRow):
    """Places, occupied places and persons housed on one date in one segment."""

    date: str
    segment: Segment
    places: int | None = None
    occupied: int | None = None
    persons_housed: int | None = None
    qualifier: str | None = None

    @model_validator(mode="after")
    def _has_value(self) -> CapacityFigure:
        if self.places is None and self.occupied is None and self.persons_housed is None:
            raise ValueError(T["err_no_value"])
        return self


class DistrictFigure(SourcedRow):
    """One figure for one Stadtbezirk or Ortschaft on one date (long format)."""

    district: str  # configured name (aliases resolved on load)
    date: str
    metric: Metric
    value: int


class PopulationFigure(SourcedRow):
    """Residents and foreigners of a Stadtbezirk, Ortschaft or Stadtteil on a reference date."""

    level: Level
    district: str
    stadtteil_nr: str | None = None
    name: str
    reference_date: str
    population: int
    foreigners: int
    scope: str | None = None
    licence: str | None = None
    attribution: str | None = None

    @model_validator(mode="after")
    def _plausible(self) -> PopulationFigure:
        if self.foreigners > self.population:
            raise ValueError(T["err_foreigners"].format(
                foreigners=self.foreigners, population=self.population))
        return self

    @property
    def foreigners_share(self) -> float | None:
        """Foreigners as a share of residents (0..1), computed here, not in the source."""
        return self.foreigners / self.population if self.population else None


@dataclass(frozen=True)
class Figures:
    """All figure tables as loaded, plus the rows and files that were set aside."""

    allocations: tuple[Allocation, ...] = ()
    capacity: tuple[CapacityFigure, ...] = ()
    district_figures: tuple[DistrictFigure, ...] = ()
    population: tuple[PopulationFigure, ...] = ()  # Stadtbezirke and Ortschaften only
    stadtteil_population: tuple[PopulationFigure, ...] = ()
    problems: tuple[RowError, ...] = ()
    errors: tuple[str, ...] = ()  # whole files that could not be used
    failed_tables: tuple[str, ...] = ()  # names (keys of SPECS) of those files


# --- cell parsers: text in, value out, RowProblem with a German reason -------
Parser = Callable[[str, str, City], Any]


def _text(column: str, text: str, _city: City) -> str:
    if not text.strip():
        raise RowProblem(column, T["err_required"].format(column=column))
    return text.strip()


def _count(column: str, text: str, _city: City) -> int:
    try:
        return parse_count(text)
    except ValueError as e:
        raise RowProblem(column, T["err_number"].format(value=text, column=column)) from e


def _year(column: str, text: str, city: City) -> int:
    year = _count(column, text, city)
    if not 1990 <= year <= 2100:
        raise RowProblem(column, T["err_year"].format(value=text, column=column))
    return year


def _date(column: str, text: str, _city: City) -> str:
    try:
        return normalise_partial_date(text)
    except ValueError as e:
        raise RowProblem(column, T["err_date"].format(value=text, column=column)) from e


def _source_date(column: str, text: str, city: City) -> str:
    iso = _date(column, text, city)
    if is_future(iso):
        raise RowProblem(column, texts.RESOURCES["date_future"].format(value=text, column=column))
    return iso


def _district(column: str, text: str, city: City) -> str:
    name = city.canonical_district(text)
    if name is None:
        raise RowProblem(column, T["err_district"].format(value=text, column=column))
    return name


def _stadtteil(column: str, text: str, _city: City) -> str:
    return text.strip().zfill(2)


@dataclass(frozen=True)
class TableSpec:
    """How to read one figure file: model, column parsers, required columns, row key."""

    file: str
    model: type[SourcedRow]
    parsers: dict[str, Parser]
    required: tuple[str, ...]
    key: tuple[str, ...]  # columns that identify a row; repeats are set aside


_SOURCE = {"source_url": _text, "source_title": _text, "source_date": _source_date,
           "notes": _text}
SPECS: dict[str, TableSpec] = {
    "allocations": TableSpec(
        "allocations.csv", Allocation,
        {"year": _year, "value": _count, "kind": _text, "qualifier": _text, "label": _text,
         "alt_values": _text, **_SOURCE},
        ("year", "value", "kind", "source_date"), ("year", "kind", "label")),
    "capacity": TableSpec(
        "capacity.csv", CapacityFigure,
        {"date": _date, "segment": _text, "places": _count, "occupied": _count,
         "persons_housed": _count, "qualifier": _text, **_SOURCE},
        ("date", "segment", "source_date"), ("date", "segment")),
    "district_figures": TableSpec(
        "district_figures.csv", DistrictFigure,
        {"district": _district, "date": _date, "metric": _text, "value": _count, **_SOURCE},
        ("district", "date", "metric", "value", "source_date"), ("district", "date", "metric")),
    "population": TableSpec(
        "population.csv", PopulationFigure,
        {"level": _text, "district": _district, "stadtteil_nr": _stadtteil, "name": _text,
         "reference_date": _date, "population": _count, "foreigners": _count, "scope": _text,
         "licence": _text, "attribution": _text, **_SOURCE},
        ("level", "district", "name", "reference_date", "population", "foreigners",
         "source_date"), ("level", "name", "reference_date")),
}


def convert_row(row: TableRow, spec: TableSpec, city: City) -> SourcedRow:
    """One table row as a validated model; raises RowProblem with a German reason."""
    data: dict[str, Any] = {}
    for column, parse in spec.parsers.items():
        text = (row.cells.get(column) or "").strip()
        if text:
            data[column] = parse(column, text, city)
    try:
        return spec.model(**data)
    except ValidationError as e:
        raise translate(e) from e


def load_table(path: Path, spec: TableSpec, city: City) -> tuple[list[Any], list[RowError]]:
    """Good rows and set-aside rows of one figure file; SchemaError if the file is unusable."""
    table = read_table(path, max_bytes=MAX_BYTES)
    header = check_header(path.name, table.columns, tuple(spec.parsers), spec.required)
    if header.unusable:
        raise SchemaError(header.unusable)
    problems = list(header.unknown)
    rows: list[Any] = []
    seen: dict[tuple[Any, ...], int] = {}
    for row in table.rows:
        try:
            record = convert_row(row, spec, city)
        except RowProblem as e:
            problems.append(RowError(path.name, row.number, e.column, e.reason, row.raw()))
            continue
        key = tuple(getattr(record, k) for k in spec.key)
        if key in seen:
            reason = T["err_duplicate"].format(key=" / ".join(map(str, key)), first=seen[key])
            problems.append(RowError(path.name, row.number, spec.key[0], reason, row.raw()))
            continue
        seen[key] = row.number
        rows.append(record)
    return rows, problems


def load_figures(resources_dir: str | Path, city: City) -> Figures:
    """Every figure table from ``resources_dir``; unusable files become messages."""
    loaded: dict[str, list[Any]] = {}
    problems: list[RowError] = []
    errors: list[str] = []
    failed: list[str] = []
    for name, spec in SPECS.items():
        path = Path(resources_dir) / spec.file
        try:
            loaded[name], bad = load_table(path, spec, city)
        except SchemaError as e:
            loaded[name], bad = [], []
            errors.append(T["err_file"].format(file=spec.file, reason=e))
            failed.append(name)
        problems.extend(bad)
    population = loaded["population"]
    return Figures(
        allocations=tuple(loaded["allocations"]),
        capacity=tuple(loaded["capacity"]),
        district_figures=tuple(loaded["district_figures"]),
        population=tuple(p for p in population if p.level != "stadtteil"),
        stadtteil_population=tuple(p for p in population if p.level == "stadtteil"),
        problems=tuple(problems),
        errors=tuple(errors),
        failed_tables=tuple(failed),
    )


def keep_good_tables(new: Figures, previous: Figures | None) -> Figures:
    """``new``, but tables whose file failed to load keep their ``previous`` good rows."""
    if previous is None or not new.failed_tables:
        return new
    kept: dict[str, Any] = {}
    for name in new.failed_tables:
        kept[name] = getattr(previous, name)
        if name == "population":
            kept["stadtteil_population"] = previous.stadtteil_population
    return replace(new, **kept)

