"""The places table schema: turn one spreadsheet row into a validated Resource.

Every problem becomes a :class:`atlas.places.validation.RowError` with the row number,
the column and a German reason that quotes the bad value, so coordinators can fix their file.
Text is stored verbatim (HTML included); escaping is the job of whoever renders it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from atlas.city import City, fold
from atlas.dates import is_future, normalise_partial_date, parse_partial_date
from atlas.model import (
    HANDLUNGSFELDER,
    Category,
    Confidence,
    Precision,
    Resource,
    Status,
    Visibility,
)
from atlas.places.tabular import TableRow, parse_count, parse_decimal
from atlas.places.validation import RowProblem, shorten, translate
from atlas.texts import CATEGORY_LABELS
from atlas.texts import RESOURCES as T

PLACE_COLUMNS: tuple[str, ...] = tuple(Resource.model_fields)
REQUIRED_COLUMNS: tuple[str, ...] = ("id", "name", "category", "source_date")
SOURCE_COLUMNS: tuple[str, ...] = ("source_url", "source_title")
LIST_COLUMNS = frozenset({"handlungsfelder", "languages", "editorial"})
DATE_COLUMNS = ("capacity_date", "valid_from", "valid_to", "source_date", "last_checked",
                "status_date", "hours_date")
OBSERVED_DATE_COLUMNS = ("capacity_date", "source_date", "last_checked", "status_date",
                         "hours_date")  # when something was observed: never in the future
URL_COLUMNS = ("website", "source_url")
_LIST_SPLIT = re.compile(r"[;,|]\s*|\s+")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_POSTCODE = re.compile(r"^\d{5}$")
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_VISIBILITY_WORDS = {"öffentlich": "public", "oeffentlich": "public", "intern": "internal"}
_STATUS_WORDS = {"unklar": "unbekannt"}
_CONFIDENCE_WORDS = {"hoch": "high", "mittel": "medium", "niedrig": "low", "gering": "low"}


@dataclass(frozen=True)
class Converted:
    """A converted row plus warnings (e.g. swapped lat/lon) to show next to the data."""

    resource: Resource
    warnings: tuple[str, ...] = ()


def convert_place(row: TableRow, city: City) -> Converted:
    """Validate one places row; raises :class:`RowProblem` naming the column at fault."""
    cells = {k: v.strip() for k, v in row.cells.items() if k in PLACE_COLUMNS and v.strip()}
    warnings: list[str] = []
    data: dict[str, Any] = {}
    for column in ("id", "name"):
        if column not in cells:
            raise RowProblem(column, T["required_empty"].format(column=column))
    if not (cells.get("source_url") or cells.get("source_title")):
        raise RowProblem("source_url", T["source_missing"])
    if "source_date" not in cells:
        raise RowProblem("source_date", T["source_date_missing"])
    data["category"] = _parse_category(cells.pop("category", ""))
    for column, text in cells.items():
        data[column] = _parse_cell(column, text, city)
    _check_dates(data)
    _check_source_url(data)
    if "lat" in data or "lon" in data:
        warnings.extend(_check_position(data, city, row.number))
    try:
        return Converted(Resource(**data), tuple(warnings))
    except ValidationError as e:
        raise translate(e) from e


def _parse_category(text: str) -> Category:
    if not text:
        raise RowProblem("category", T["category_missing"])
    key = fold(text)
    for category in Category:
        if key in (fold(category.value), fold(CATEGORY_LABELS.get(category.value, ""))):
            return category
    allowed = ", ".join(c.value for c in Category)
    raise RowProblem("category", T["category_unknown"].format(value=shorten(text), allowed=allowed))


def _parse_cell(column: str, text: str, city: City) -> Any:
    try:
        return _PARSERS.get(column, _as_text)(text, city)
    except RowProblem:
        raise
    except ValueError as e:
        reason = T["cell_invalid"].format(value=shorten(text), column=column)
        raise RowProblem(column, reason) from e


def _as_text(text: str, _city: City) -> str:
    return text


def _parse_handlungsfelder(text: str, _city: City) -> tuple[str, ...]:
    codes = [c.strip().upper() for c in _LIST_SPLIT.split(text) if c.strip()]
    bad = [c for c in codes if c not in HANDLUNGSFELDER]
    if bad:
        raise RowProblem("handlungsfelder", T["handlungsfeld_unknown"].format(
            value=shorten(bad[0]), allowed=" ".join(HANDLUNGSFELDER)))
    return tuple(dict.fromkeys(codes))


def _parse_languages(text: str, _city: City) -> tuple[str, ...]:
    codes = [c.strip().lower() for c in _LIST_SPLIT.split(text) if c.strip()]
    bad = [c for c in codes if not _LANGUAGE.match(c)]
    if bad:
        raise RowProblem("languages", T["language_bad"].format(value=shorten(bad[0])))
    return tuple(dict.fromkeys(codes))


def _parse_list(text: str, _city: City) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[;,]", text) if p.strip())


def _parse_date(column: str):
    def parse(text: str, _city: City) -> str:
        try:
            iso = normalise_partial_date(text)
        except ValueError as e:
            reason = T["date_bad"].format(value=shorten(text), column=column)
            raise RowProblem(column, reason) from e
        if column in OBSERVED_DATE_COLUMNS and is_future(iso):
            raise RowProblem(column, T["date_future"].format(value=shorten(text), column=column))
        return iso
    return parse


def _parse_coordinate(column: str):
    def parse(text: str, _city: City) -> float:
        try:
            return parse_decimal(text)
        except ValueError as e:
            reason = T["coordinate_bad"].format(value=shorten(text), column=column)
            raise RowProblem(column, reason) from e
    return parse


def _parse_capacity(text: str, _city: City) -> int:
    try:
        return parse_count(text)
    except ValueError as e:
        raise RowProblem("capacity", T["capacity_bad"].format(value=shorten(text))) from e


def _parse_postcode(text: str, _city: City) -> str:
    text = text.zfill(5) if text.isdigit() and len(text) == 4 else text  # Excel drops the 0
    if not _POSTCODE.match(text):
        raise RowProblem("postcode", T["postcode_bad"].format(value=shorten(text)))
    return text


def _parse_stadtbezirk(text: str, city: City) -> str:
    name = city.canonical_district(text)
    if name is None:
        raise RowProblem("stadtbezirk", T["district_unknown"].format(value=shorten(text)))
    return name


def _parse_enum(column: str, enum: type, words: dict[str, str] | None = None):
    def parse(text: str, _city: City) -> Any:
        value = (words or {}).get(text.strip().lower(), text.strip().lower())
        try:
            return enum(value)
        except ValueError as e:
            allowed = ", ".join(m.value for m in enum)
            raise RowProblem(column, T["choice_unknown"].format(
                value=shorten(text), column=column, allowed=allowed)) from e
    return parse


def _parse_email(text: str, _city: City) -> str:
    if not _EMAIL.match(text):
        raise RowProblem("email", T["email_bad"].format(value=shorten(text)))
    return text


_PARSERS = {
    "handlungsfelder": _parse_handlungsfelder,
    "languages": _parse_languages,
    "editorial": _parse_list,
    "lat": _parse_coordinate("lat"),
    "lon": _parse_coordinate("lon"),
    "capacity": _parse_capacity,
    "postcode": _parse_postcode,
    "stadtbezirk": _parse_stadtbezirk,
    "status": _parse_enum("status", Status, _STATUS_WORDS),
    "confidence": _parse_enum("confidence", Confidence, _CONFIDENCE_WORDS),
    "visibility": _parse_enum("visibility", Visibility, _VISIBILITY_WORDS),
    "location_precision": _parse_enum("location_precision", Precision),
    "email": _parse_email,
    **{c: _parse_date(c) for c in DATE_COLUMNS},
}


def _check_dates(data: dict[str, Any]) -> None:
    start, end = data.get("valid_from"), data.get("valid_to")
    if start and end and parse_partial_date(end, end=True) < parse_partial_date(start):
        raise RowProblem("valid_to", T["valid_to_before"].format(end=end, start=start))


def _check_source_url(data: dict[str, Any]) -> None:
    for column in URL_COLUMNS:
        url = data.get(column)
        if url and not re.match(r"^https?://\S+$", url, flags=re.IGNORECASE):
            raise RowProblem(column, T["url_bad"].format(value=shorten(url), column=column))


def _check_position(data: dict[str, Any], city: City, number: int) -> list[str]:
    """Both coordinates inside the city box; swapped lat/lon are swapped back with a warning."""
    lat, lon = data.get("lat"), data.get("lon")
    if lat is None or lon is None:
        missing = "lon" if lon is None else "lat"
        raise RowProblem(missing, T["one_coordinate"])
    if inside_bbox(lat, lon, city):
        data.setdefault("location_precision", Precision.EXACT)
        data.setdefault("location_method", "angegeben")
        return []
    if inside_bbox(lon, lat, city):
        data["lat"], data["lon"] = lon, lat
        data.setdefault("location_precision", Precision.EXACT)
        data.setdefault("location_method", "angegeben")
        return [T["swapped"].format(row=number, id=data.get("id"), lat=lat, lon=lon)]
    raise RowProblem("lat", T["outside_city"].format(lat=lat, lon=lon, city=city.name))


def inside_bbox(lat: float, lon: float, city: City) -> bool:
    """Whether a point lies in the city's plausibility box (bbox is lon/lat)."""
    min_lon, min_lat, max_lon, max_lat = city.bbox
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


