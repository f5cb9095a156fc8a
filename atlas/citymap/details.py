"""What the map page says about a place: detail lines, table rows, download features.

Every value is plain text; unknown values read "keine Angabe". Pages that
render Markdown pass text through :func:`atlas.markup.escape_markdown`, so names
with markup or script show as typed.
"""

from __future__ import annotations

from typing import Any

from atlas import texts
from atlas.dates import normalise_partial_date
from atlas.model import Resource
from atlas.numbers import format_date, source_label
from atlas.places.placeinfo import position_label, status_note

TABLE_COLUMNS: tuple[str, ...] = (
    "id", "name", "category", "subtype", "provider", "handlungsfelder", "street",
    "housenumber", "postcode", "stadtteil", "stadtbezirk", "lat", "lon",
    "address_detail", "location_precision", "capacity", "capacity_date", "phone", "email",
    "website", "opening_hours", "opening_hours_note", "hours_date", "languages",
    "languages_note", "valid_from", "valid_to", "status", "status_date", "confidence",
    "visibility", "source_url", "source_title", "source_date", "contact_sources",
    "last_checked", "notes",
)


def _or_unknown(value: str | None) -> str:
    return value if value else texts.KEINE_ANGABE


def _capacity(record: Resource) -> str | None:
    if record.capacity is None:
        return None
    date = format_date(record.capacity_date)
    return texts.MAP["field_capacity_value"].format(value=record.capacity, date=date)


def _status(record: Resource, *, with_note: bool = True) -> str:
    """ "aktiv" / "unklar (…)" with the date of the last evidence and an honest note
    (left out where the visitor's facts above already say it)."""
    label = texts.STATUS_LABELS.get(record.status.value, record.status.value)
    if record.status_date:
        as_of = texts.MAP["status_as_of"].format(date=format_date(record.status_date))
        label += f" ({as_of})"
    note = status_note(record) if with_note else None
    return f"{label} – {note}" if note else label


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
    """(label, text) lines for the details panel below the visitor's facts
    (:func:`atlas.places.placeinfo.visit_facts`: address, position, times, contacts), "keine
    Angabe" where unknown."""
    m = texts.MAP
    fields = ", ".join(
        f"{code} {texts.HANDLUNGSFELD_LABELS.get(code, '')}".strip()
        for code in record.handlungsfelder)
    lines = [
        (m["field_category"], texts.CATEGORY_LABELS.get(record.category.value,
                                                         record.category.value)),
        (m["field_provider"], _or_unknown(record.provider)),
        (m["field_handlungsfelder"], _or_unknown(fields)),
        (m["field_stadtteil"], _or_unknown(record.stadtteil)),
        (m["field_stadtbezirk"], _or_unknown(record.stadtbezirk)),
        (m["field_capacity"], _or_unknown(_capacity(record))),
        (m["field_valid"], _or_unknown(_validity(record))),
        (m["field_status"], _status(record, with_note=False)),
        (m["field_source"], _or_unknown(_source(record))),
        (m["field_source_date"], _or_unknown(format_date(record.source_date, missing=""))),
        (m["field_contact_sources"], _or_unknown(record.contact_sources)),
        (m["field_last_checked"], _or_unknown(format_date(record.last_checked, missing=""))),
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
        m["field_position"]: position_label(record),
        m["field_status"]: _status(record),
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
