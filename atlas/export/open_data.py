"""Exports of the current places: CSV, GeoJSON and an Open Referral HSDS data package.

Callers pass records that already went through the role filter
(:func:`atlas.access.roles.filter_for_role`), so a public export can only hold
public records. When a signed-in person includes internal records, every row
says so in the column ``intern`` (HSDS: ``x_intern``), so nobody republishes
them by mistake. No licence is claimed: the sources differ per record.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from typing import Any

from atlas.export.downloads import features_to_geojson, neutralise_cell, rows_to_csv
from atlas.model import Resource, Status
from atlas.places.schema import PLACE_COLUMNS

HSDS_VERSION = "3.0"
_HSDS_TABLES: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name", "description", "website"),
    "service": ("id", "organization_id", "name", "description", "url", "email", "status",
                "languages", "x_category", "x_handlungsfelder", "x_source", "x_source_date",
                "x_last_checked", "x_intern"),
    "location": ("id", "name", "latitude", "longitude", "x_location_precision",
                 "x_stadtbezirk"),
    "address": ("id", "location_id", "address_1", "city", "postal_code", "country",
                "address_type"),
    "phone": ("id", "service_id", "number"),
    "service_at_location": ("id", "service_id", "location_id"),
    "schedule": ("id", "service_id", "description"),
}


def _row(record: Resource, with_marker: bool) -> dict[str, Any]:
    data = record.model_dump(mode="json")
    if with_marker:
        data["intern"] = "ja" if record.is_internal else "nein"
    return data


def places_csv(records: Sequence[Resource], *, with_marker: bool = False) -> bytes:
    """All model fields as CSV (formula-safe); ``intern`` column when internal may be present."""
    columns = [*PLACE_COLUMNS, *(["intern"] if with_marker else [])]
    return rows_to_csv((_row(r, with_marker) for r in records), columns)


def places_geojson(records: Sequence[Resource], *, with_marker: bool = False) -> bytes:
    """Places with a position as GeoJSON points (properties: every model field)."""
    features = [{"type": "Feature",
                 "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                 "properties": _row(r, with_marker)}
                for r in records if r.has_position]
    return features_to_geojson(features)


def _uid(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def hsds_tables(records: Sequence[Resource], city_name: str) -> dict[str, list[dict[str, Any]]]:
    """The HSDS tables (organization, service, location, …) of the records."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in _HSDS_TABLES}
    organisations: dict[str, str] = {}
    for r in records:
        org_name = r.provider or r.name
        org_id = organisations.get(org_name)
        if org_id is None:
            org_id = organisations[org_name] = _uid("org", org_name)
            tables["organization"].append({"id": org_id, "name": org_name})
        tables["service"].append({
            "id": r.id, "organization_id": org_id, "name": r.name,
            "description": r.description, "url": r.website, "email": r.email,
            "status": "inactive" if r.valid_to or r.status == Status.GESCHLOSSEN else "active",
            "languages": ";".join(r.languages), "x_category": r.category.value,
            "x_handlungsfelder": ";".join(r.handlungsfelder),
            "x_source": r.source_url or r.source_title, "x_source_date": r.source_date,
            "x_last_checked": r.last_checked,
            "x_intern": "ja" if r.is_internal else "nein"})
        if r.phone:
            tables["phone"].append({"id": _uid("phone", r.id), "service_id": r.id,
                                    "number": r.phone})
        if r.opening_hours:
            tables["schedule"].append({"id": _uid("schedule", r.id), "service_id": r.id,
                                       "description": r.opening_hours})
        if r.has_position or r.address():
            _add_location(tables, r, city_name)
    return tables


def _add_location(tables: dict[str, list[dict[str, Any]]], r: Resource, city_name: str) -> None:
    location_id = _uid("loc", r.id)
    tables["location"].append({
        "id": location_id, "name": r.name, "latitude": r.lat, "longitude": r.lon,
        "x_location_precision": r.location_precision.value if r.location_precision else None,
        "x_stadtbezirk": r.stadtbezirk})
    tables["service_at_location"].append({"id": _uid("sal", r.id), "service_id": r.id,
                                          "location_id": location_id})
    if r.street:
        tables["address"].append({
            "id": _uid("addr", r.id), "location_id": location_id,
            "address_1": " ".join(p for p in (r.street, r.housenumber) if p),
            "city": city_name, "postal_code": r.postcode, "country": "DE",
            "address_type": "physical"})


def hsds_package(records: Sequence[Resource], city_name: str, *, title: str) -> bytes:
    """A zip with ``datapackage.json`` and one CSV per HSDS table (Frictionless format)."""
    tables = hsds_tables(records, city_name)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        resources = []
        for name, columns in _HSDS_TABLES.items():
            archive.writestr(f"{name}.csv", _csv(tables[name], columns))
            resources.append({"name": name, "path": f"{name}.csv", "format": "csv",
                              "mediatype": "text/csv", "encoding": "utf-8",
                              "schema": {"fields": [{"name": c, "type": "string"}
                                                    for c in columns]}})
        package = {"name": "integrationsatlas-hsds", "title": title,
                   "profile": "tabular-data-package",
                   "x_hsds_version": HSDS_VERSION,
                   "resources": resources}
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def _csv(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise_cell("" if row.get(c) is None else row.get(c))
                         for c in columns])
    return out.getvalue()
