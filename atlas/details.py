"""What the map page says about a place: detail lines, table rows, download features.

Every value is plain text; unknown values read "keine Angabe". Pages that
render Markdown pass text through :func:`escape_markdown`, so names with
markup or script show as typed.
"""

from __future__ import annotations

import re
from typing import Any

from atlas import texts
from atlas.dates import normalise_partial_date
from atlas.layers import approximate_label
from atlas.model import Resource
from atlas.numbers import format_date, source_label
from atlas.opening_hours import describe_opening_hours

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&$:\"'=])")

TABLE_COLUMNS: tuple[str, ...] = (
    "id", "name", "category", "subtype", "provider", "handlungsfelder", "street",
    "housenumber", "postcode", "stadtteil", "stadtbezirk", "lat", "lon",
    "location_precision", "capacity", "capacity_date", "phone", "email", "website",
    "opening_hours", "languages", "valid_from", "valid_to", "status", "visibility",
    "source_url", "source_title", "source_date", "notes",
)


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown and HTML punctuation so the text renders literally."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def _or_unknown(value: str | None) -> str:
    return value if value else texts.KEINE_ANGABE


def _contact(record: Resource) -> str | None:
    parts = [p for p in (record.phone, record.email, record.website) if p]
    return " · ".join(parts) or None


def _capacity(record: Resource) -> str | None:
    if record.capacity is None:
        return None
    date = format_date(record.capacity_date)
    return texts.MAP["field_capacity_value"].format(value=record.capacity, date=date)


def _position(record: Resource) -> str:
    if not record.has_position:
        return texts.KEINE_ANGABE
    precision = record.location_precision.value if record.location_precision else "exact"
    label = texts.PRECISION_LABELS.get(precision, precision)
    return approximate_label(record) if record.is_approximate else label


def _validity(record: Resource) -> str | None:
    if not record.valid_from and not record.valid_to:
        return None
    return texts.MAP["valid_range"].format(
        start=format_date(record.valid_from, missing="") or "…",
        end=format_date(record.valid_to, missing="") or "…")


def _source(record: Resource) -> str | None:
    if not (record.source_title or record.source_url):
        return None
    label = source_label(record.source_title, record.source_url)
    return f"{label} – {record.source_url}" if record.source_url else label


def place_details(record: Resource) -> list[tuple[str, str]]:
    """(label, text) lines for the details panel, "keine Angabe" where unknown."""
    m = texts.MAP
    fields = ", ".join(
        f"{code} {texts.HANDLUNGSFELD_LABELS.get(code, '')}".strip()
        for code in record.handlungsfelder)
    lines = [
        (m["field_category"], texts.CATEGORY_LABELS.get(record.category.value,
                                                         record.category.value)),
        (m["field_provider"], _or_unknown(record.provider)),
        (m["field_handlungsfelder"], _or_unknown(fields)),
        (m["field_address"], _or_unknown(record.address())),
        (m["field_stadtteil"], _or_unknown(record.stadtteil)),
        (m["field_stadtbezirk"], _or_unknown(record.stadtbezirk)),
        (m["field_position"], _position(record)),
        (m["field_contact"], _or_unknown(_contact(record))),
        (m["field_opening_hours"], _or_unknown(describe_opening_hours(record.opening_hours))),
        (m["field_languages"], _or_unknown(", ".join(record.languages))),
        (m["field_capacity"], _or_unknown(_capacity(record))),
        (m["field_valid"], _or_unknown(_validity(record))),
        (m["field_status"], texts.STATUS_LABELS.get(record.status.value, record.status.value)),
        (m["field_source"], _or_unknown(_source(record))),
        (m["field_source_date"], _or_unknown(format_date(record.source_date, missing=""))),
    ]
    if record.is_internal:
        lines.append((m["field_visibility"], m["internal_mark"]))
    if record.notes:
        lines.append((m["field_notes"], record.notes))
    return lines


def sortable_date(text: str | None) -> str:
    """A partial date as ISO text ("2015-10", "2020-03-28"; DIN 5008 allows this form):
    it sorts as a date in a table column and keeps its precision."""
    if not text:
        return ""
    try:
        return normalise_partial_date(text)
    except ValueError:
        return ""


def table_row(record: Resource, *, internal: bool = False) -> dict[str, Any]:
    """One row of the on-page table (German column names, plain text; capacity only
    for signed-in sessions; dates as sortable ISO text)."""
    m = texts.MAP
    row = {
        m["field_name"]: record.name,
        m["field_category"]: texts.CATEGORY_LABELS.get(record.category.value,
                                                        record.category.value),
        m["field_provider"]: record.provider or "",
        m["field_handlungsfelder"]: ", ".join(
            texts.HANDLUNGSFELD_LABELS.get(code, code) for code in record.handlungsfelder),
        m["field_status"]: texts.STATUS_LABELS.get(record.status.value, record.status.value),
        m["field_address"]: record.address() or "",
        m["field_stadtteil"]: record.stadtteil or "",
        m["field_stadtbezirk"]: record.stadtbezirk or "",
        m["field_position"]: _position(record),
        m["field_visibility"]: m["internal_mark"] if record.is_internal
        else m["visibility_public"],
        m["field_source"]: _source(record) or "",
        m["field_source_date"]: sortable_date(record.source_date),
        m["field_checked"]: sortable_date(record.last_checked),
    }
    if internal:
        row[m["field_capacity"]] = record.capacity  # a number: sorts as a number
    return row


def export_row(record: Resource) -> dict[str, Any]:
    """All columns of a record for the CSV download (lists joined by ``;`` later)."""
    data = record.model_dump(mode="json")
    return {col: data.get(col) for col in TABLE_COLUMNS}


def export_feature(record: Resource) -> dict[str, Any]:
    """A GeoJSON feature of a record (geometry null where the position is unknown)."""
    props = export_row(record)
    props.pop("lat", None)
    props.pop("lon", None)
    geometry = None
    if record.has_position:
        geometry = {"type": "Point", "coordinates": [record.lon, record.lat]}
    return {"type": "Feature", "geometry": geometry, "properties": props}
