"""Load the places and service areas in ``resources/``: validate, set bad rows aside, geocode.

``load_resources`` is the single entry point for the app and the CLI
(``python -m atlas.resources check resources/``). Good rows load; every bad
row is kept as a :class:`~atlas.places.validation.RowError` with a German reason, so the
data-quality page can show and export it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from atlas.city import City
from atlas.errors import AtlasError, SchemaError
from atlas.model import Resource, ServiceArea
from atlas.places.schema import PLACE_COLUMNS, REQUIRED_COLUMNS, SOURCE_COLUMNS, convert_place
from atlas.places.tabular import DEFAULT_MAX_BYTES, Table, read_table, read_table_bytes
from atlas.places.validation import RowError, RowProblem, check_header, translate
from atlas.texts import RESOURCES as T

PLACES_FILES = ("places.csv", "places.xlsx")
SERVICE_AREAS_FILE = "service_areas.csv"
SERVICE_AREA_COLUMNS: tuple[str, ...] = tuple(ServiceArea.model_fields)


@dataclass
class LoadResult:
    """What loading produced: records, set-aside rows, service areas, warnings, version."""

    records: list[Resource] = field(default_factory=list)
    rejected: list[RowError] = field(default_factory=list)
    service_areas: list[ServiceArea] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    version: str = ""
    resources_dir: Path | None = None

    def rejected_rows(self) -> list[dict[str, Any]]:
        """Rejected rows as flat dicts for tables and downloads."""
        return [e.as_dict() for e in self.rejected]


@dataclass(frozen=True)
class TableCheck:
    """Result of checking one table: converted records, row errors, warnings."""

    records: list[Resource]
    rejected: list[RowError]
    warnings: list[str]


def files_version(paths: Sequence[Path]) -> str:
    """A short hash over the names and bytes of the input files (the cache key)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def check_places_table(table: Table, city: City) -> TableCheck:
    """Validate a places table: header first, then each row; duplicate ids are set aside."""
    required = REQUIRED_COLUMNS if any(c in table.columns for c in SOURCE_COLUMNS) else (
        *REQUIRED_COLUMNS, "source_url")
    header = check_header(table.name, table.columns, PLACE_COLUMNS, required)
    warnings = [e.reason for e in header.unknown] + list(table.warnings)
    if not table.rows:
        return TableCheck([], [RowError(table.name, None, None,
                                        T["file_header_only"].format(name=table.name))], warnings)
    if header.unusable:
        reason, missing = header.unusable, header.missing
        errors = [RowError(table.name, None, missing[0], reason)]
        errors += [RowError(table.name, r.number, missing[0], reason, r.raw()) for r in table.rows]
        return TableCheck([], errors, warnings)
    records: list[Resource] = []
    errors: list[RowError] = []
    first_seen: dict[str, int] = {}
    for row in table.rows:
        if row.problem:
            errors.append(RowError(table.name, row.number, None, row.problem, row.raw()))
            continue
        if row.extra:
            reason = T["extra_cells"]
            errors.append(RowError(table.name, row.number, None, reason, row.raw()))
            continue
        try:
            converted = convert_place(row, city)
        except RowProblem as p:
            errors.append(RowError(table.name, row.number, p.column, p.reason, row.raw()))
            continue
        rid = converted.resource.id
        if rid in first_seen:
            reason = T["duplicate_id"].format(id=rid, first=first_seen[rid])
            errors.append(RowError(table.name, row.number, "id", reason, row.raw()))
            continue
        first_seen[rid] = row.number
        records.append(converted.resource)
        warnings.extend(converted.warnings)
    return TableCheck(records, errors, warnings)


def check_upload(data: bytes, name: str, city: City, *,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> TableCheck:
    """Check an uploaded CSV/XLSX against the places schema; it only reports, never stores."""
    try:
        table = read_table_bytes(data, name, max_bytes=max_bytes, columns=PLACE_COLUMNS)
    except SchemaError as e:
        return TableCheck([], [RowError(name, None, None, str(e))], [])
    return check_places_table(table, city)


def load_service_areas(path: Path, city: City) -> tuple[list[ServiceArea], list[RowError]]:
    """Service areas from ``service_areas.csv``; districts must resolve via the city."""
    table = read_table(path)
    header = check_header(table.name, table.columns, SERVICE_AREA_COLUMNS,
                          ("id", "name", "kind", "stadtbezirke", "source_date"))
    if header.unusable:
        return [], [RowError(table.name, None, header.missing[0], header.unusable)]
    areas: list[ServiceArea] = []
    errors: list[RowError] = list(header.unknown)
    for row in table.rows:
        cells = {k: v for k, v in row.cells.items() if k in SERVICE_AREA_COLUMNS and v}
        names = [n.strip() for n in cells.get("stadtbezirke", "").split(";") if n.strip()]
        resolved = [city.canonical_district(n) for n in names]
        bad = [n for n, r in zip(names, resolved, strict=True) if r is None]
        if bad or not names:
            reason = (T["district_unknown"].format(value=bad[0]) if bad
                      else T["area_no_districts"])
            errors.append(RowError(table.name, row.number, "stadtbezirke", reason, row.raw()))
            continue
        try:
            areas.append(ServiceArea(**{**cells, "stadtbezirke": tuple(resolved)}))
        except ValidationError as e:
            problem = translate(e)
            errors.append(RowError(table.name, row.number, problem.column, problem.reason,
                                   row.raw()))
    return areas, errors


def load_resources(resources_dir: Path, city: City, boundaries: Any = None,
                   address_index: Any = None, *, nominatim: Any = None,
                   max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Load, validate and geocode the places and service areas of ``resources_dir``.

    Bad rows are set aside in ``rejected``; a file that cannot be read at all
    becomes one file-level entry there. Positions are filled by
    :func:`atlas.geo.geocode.geocode_records` (address points, optional Nominatim,
    else centroids from ``boundaries``).
    """
    from atlas.geo.geocode import geocode_records

    resources_dir = Path(resources_dir)
    place_paths = [resources_dir / n for n in PLACES_FILES if (resources_dir / n).is_file()]
    area_path = resources_dir / SERVICE_AREAS_FILE
    result = LoadResult(version=files_version([*place_paths, area_path]),
                        resources_dir=resources_dir)
    if area_path.is_file():
        try:
            result.service_areas, area_errors = load_service_areas(area_path, city)
            result.rejected.extend(area_errors)
        except SchemaError as e:
            result.rejected.append(RowError(area_path.name, None, None, str(e)))
    if not place_paths:
        result.warnings.append(T["no_places_file"].format(folder=resources_dir))
    for path in place_paths:
        try:
            table = read_table(path, max_bytes=max_bytes)
        except SchemaError as e:
            result.rejected.append(RowError(path.name, None, None, str(e)))
            continue
        checked = check_places_table(table, city)
        result.records.extend(checked.records)
        result.rejected.extend(checked.rejected)
        result.warnings.extend(checked.warnings)
    _drop_cross_file_duplicates(result)
    _check_service_area_refs(result)
    result.warnings.extend(protection_warnings(result.records, resources_dir))
    geocoded = geocode_records(result.records, city, boundaries=boundaries,
                               address_index=address_index, nominatim=nominatim)
    result.records = geocoded.records
    result.warnings.extend(geocoded.warnings)
    return result


def _drop_cross_file_duplicates(result: LoadResult) -> None:
    seen: set[str] = set()
    kept = []
    for record in result.records:
        if record.id in seen:
            result.rejected.append(RowError("places", None, "id",
                                            T["duplicate_id_files"].format(id=record.id)))
            continue
        seen.add(record.id)
        kept.append(record)
    result.records = kept


def _check_service_area_refs(result: LoadResult) -> None:
    known = {a.id for a in result.service_areas}
    for record in result.records:
        if record.service_area and record.service_area not in known:
            result.warnings.append(T["service_area_unknown"].format(id=record.id,
                                                                    area=record.service_area))


def protection_warnings(records: Sequence[Resource], resources_dir: Path) -> list[str]:
    """Public fields naming the street of an internal site, minus the allow-list's entries."""
    from atlas.places.protection import load_rules

    try:
        rules = load_rules(resources_dir)
    except SchemaError as e:
        return [str(e)]
    return [leak.message() for leak in rules.leaks(records)]


def quality_counts(result: LoadResult) -> dict[str, Any]:
    """Aggregate numbers only (safe for public sessions): totals, per precision, per column."""
    from atlas.places.placeinfo import position_label

    precision = Counter(position_label(r) for r in result.records)
    columns = Counter(e.column for e in result.rejected)
    return {"loaded": len(result.records), "rejected": len(result.rejected),
            "warnings": len(result.warnings), "service_areas": len(result.service_areas),
            "by_precision": dict(precision), "by_column": dict(columns)}


# --- summary and CLI ------------------------------------------------------------
def summarise(result: LoadResult, city: City) -> str:
    """The German text the check command prints: counts per category, district, precision."""
    from atlas.geo.geocode import address_point_coverage
    from atlas.places.placeinfo import position_label
    from atlas.texts import CATEGORY_LABELS, KEINE_ANGABE

    records = result.records
    lines = [T["summary"].format(loaded=len(records), rejected=len(result.rejected),
                                 areas=len(result.service_areas), version=result.version)]
    lines += _counter_block(T["by_category"],
                            Counter(CATEGORY_LABELS.get(r.category.value, r.category.value)
                                    for r in records))
    by_district = Counter(r.stadtbezirk or KEINE_ANGABE for r in records)
    lines += _counter_block(T["by_district"], by_district)
    unknown = sorted({d for d in by_district if d != KEINE_ANGABE
                      and city.canonical_district(d) is None})
    if unknown:
        lines.append(T["unknown_districts"].format(names=", ".join(unknown)))
    lines += _counter_block(T["by_precision"], Counter(position_label(r) for r in records))
    coverage = address_point_coverage(records, dt.date.today())
    lines.append(T["coverage"].format(placed=coverage.with_point, total=coverage.house_numbered,
                                      share=f"{coverage.share:.0%}".replace("%", " %")))
    lines += _protection_block(records, result.resources_dir)
    lines.append("")
    lines.append(T["rejected_count"].format(count=len(result.rejected)))
    for error in result.rejected:
        where = T["where_row"].format(row=error.row) if error.row else T["where_file"]
        lines.append(T["rejected_line"].format(file=error.file, where=where,
                                               column=error.column or "–", reason=error.reason))
    if result.warnings:
        lines.append("")
        lines.append(T["notes_count"].format(count=len(result.warnings)))
        lines += [f"  {w}" for w in result.warnings]
    return "\n".join(lines)


def _protection_block(records: Sequence[Resource], resources_dir: Path | None) -> list[str]:
    """Findings of the street check and the allow-list entries that cleared one, with reasons."""
    from atlas.places.protection import Rules, load_rules

    try:
        rules = load_rules(resources_dir)
    except SchemaError as e:
        return ["", str(e)]
    lines = ["", f"{T['leaks_heading']}:"]
    lines += [f"  {leak.message()}" for leak in rules.leaks(records)] or [T["leaks_none"]]
    flagged = {leak.record_id for leak in Rules(words=rules.words).leaks(records)}
    cleared = [a for a in rules.allowed if a.record_id in flagged]
    if cleared:
        lines.append(f"{T['allowed_heading']}:")
        lines += [T["allowed_line"].format(id=a.record_id, street=a.street, reason=a.reason)
                  for a in cleared]
    return lines


def _counter_block(title: str, counts: Counter) -> list[str]:
    lines = ["", f"{title}:"]
    width = max((len(str(k)) for k in counts), default=0)
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        lines.append(f"  {str(key):<{width}}  {count:>4}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m atlas.resources check [DIR]``: load and print the summary; exit 1 on errors."""
    from atlas.city import load_city
    from atlas.settings import load_config

    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "check" or len(args) > 2:
        print(T["cli_usage"], file=sys.stderr)
        return 2
    try:
        config = load_config()
        city = load_city(config.path("CITY_FILE"))
        folder = Path(args[1]) if len(args) == 2 else config.path("RESOURCES_DIR")
        boundaries, address_index = startup_geodata(config)
        result = load_resources(folder, city, boundaries, address_index)
    except AtlasError as e:
        print(str(e), file=sys.stderr)
        return 1
    print(summarise(result, city))
    return 1 if result.rejected else 0


def startup_geodata(config: Any) -> tuple[Any, Any]:
    """Boundaries and gazetteer as the app starts: cache first, else the shipped snapshot.

    Never downloads (see :func:`atlas.geo.geodata.load_boundaries` and
    :func:`atlas.geo.snapshot.load_gazetteer`).
    """
    from atlas.geo.geodata import load_boundaries
    from atlas.geo.snapshot import load_gazetteer, snapshot_dir

    boundaries = load_boundaries(config)
    address_index, _origin = load_gazetteer(config.path("CACHE_DIR"), snapshot_dir(config))
    return boundaries, address_index


if __name__ == "__main__":
    raise SystemExit(main())
