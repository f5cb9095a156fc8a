"""Tiny, made-up places for the map tests (not real data: names say "Test")."""

from __future__ import annotations

import csv
from pathlib import Path
from types import SimpleNamespace

from atlas.model import Resource

SRC = {"source_url": "https://example.org/quelle", "source_date": "2024-05"}

ROWS: list[dict] = [
    {"id": "t-html", "name": "<script>alert('x')</script> Test-Beratung", "category": "beratung",
     "handlungsfelder": "S;G", "provider": "Träger <b>fett</b>", "street": "Altmarkt",
     "housenumber": "1", "postcode": "01067", "stadtbezirk": "Altstadt",
     "lat": "51.0504", "lon": "13.7373", "location_precision": "exact", "status": "aktiv",
     "opening_hours": "Mo-Fr 09:00-12:00", "languages": "de;ar", **SRC},
    {"id": "t-treff", "name": "Test-Treff Neustadt", "category": "initiative",
     "handlungsfelder": "F", "stadtteil": "Äußere Neustadt (Antonstadt)",
     "stadtbezirk": "Neustadt", "lat": "51.0655", "lon": "13.7560",
     "location_precision": "stadtteil", "status": "aktiv", "notes": "Sprachcafé donnerstags",
     **SRC},
    {"id": "t-buero", "name": "Test-Vorortbüro Nord", "category": "vorortbuero",
     "handlungsfelder": "M;S", "street": "Königsbrücker Straße", "housenumber": "13",
     "postcode": "01099", "stadtbezirk": "Neustadt", "lat": "51.0642", "lon": "13.7487",
     "location_precision": "exact", "status": "aktiv", **SRC},
    {"id": "t-msa", "name": "Test-MSA Nord", "category": "msa", "handlungsfelder": "M",
     "provider": "Test-Verein", "street": "Königsbrücker Straße", "housenumber": "13",
     "postcode": "01099", "stadtbezirk": "Neustadt", "lat": "51.0642", "lon": "13.7487",
     "location_precision": "exact", "status": "aktiv", **SRC},
    {"id": "t-heim", "name": "Test-Heim Geheimweg", "category": "unterkunft",
     "handlungsfelder": "W", "street": "Geheimweg", "housenumber": "7", "stadtbezirk": "Neustadt",
     "lat": "51.0700", "lon": "13.7600", "location_precision": "exact", "capacity": "50",
     "capacity_date": "2024-01", "status": "aktiv", "visibility": "internal", **SRC},
    {"id": "t-intern", "name": "Test-Interne-Beratung Verborgen", "category": "beratung",
     "handlungsfelder": "M", "stadtbezirk": "Prohlis", "lat": "51.0010", "lon": "13.7990",
     "location_precision": "exact", "status": "aktiv", "visibility": "internal", **SRC},
    {"id": "t-alt", "name": "Test-Altcafé geschlossen", "category": "initiative",
     "handlungsfelder": "S", "stadtbezirk": "Prohlis", "lat": "51.0020", "lon": "13.8010",
     "location_precision": "exact", "valid_from": "2015", "valid_to": "2019-06",
     "status": "geschlossen", **SRC},
    {"id": "t-amt", "name": "Test-Amt ohne Lage", "category": "behoerde",
     "handlungsfelder": "R", "stadtbezirk": "Cotta", "status": "aktiv", **SRC},
    {"id": "t-weix", "name": "Test-Dorftreff Weixdorf", "category": "regelangebot",
     "handlungsfelder": "F;P", "stadtbezirk": "Weixdorf", "lat": "51.1480", "lon": "13.7960",
     "location_precision": "exact", "status": "aktiv", **SRC},
]

INTERNAL_NAMES = ("Test-Heim Geheimweg", "Test-Interne-Beratung Verborgen")
PUBLIC_NAMES = tuple(r["name"] for r in ROWS if r["name"] not in INTERNAL_NAMES)


def records() -> list[Resource]:
    """The rows as Resource objects (lists split, empty cells dropped)."""
    out = []
    for row in ROWS:
        data = dict(row)
        for key in ("handlungsfelder", "languages"):
            if key in data:
                data[key] = tuple(data[key].split(";"))
        for key in ("lat", "lon"):
            if key in data:
                data[key] = float(data[key])
        if "capacity" in data:
            data["capacity"] = int(data["capacity"])
        out.append(Resource(**data))
    return out


def fake_result(recs: list[Resource] | None = None, version: str = "test") -> SimpleNamespace:
    """Stands in for atlas.resources.LoadResult in AppTests."""
    return SimpleNamespace(records=recs if recs is not None else records(), service_areas=[],
                           rejected=[], warnings=[], version=version)


def write_resources(folder: Path) -> Path:
    """A resources folder with places.csv (these rows) and two MSA service areas."""
    folder.mkdir(parents=True, exist_ok=True)
    columns = sorted({k for row in ROWS for k in row})
    with (folder / "places.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        writer.writerows(ROWS)
    with (folder / "service_areas.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "name", "kind", "stadtbezirke", "provider", "source_url",
                         "source_date"])
        writer.writerow(["msa-nord", "Region Nord", "msa_region",
                         "Neustadt;Pieschen;Klotzsche;Loschwitz", "Test-Verein",
                         "https://example.org/quelle", "2024"])
        writer.writerow(["msa-sued", "Region Süd", "msa_region", "Leuben;Prohlis", "",
                         "https://example.org/quelle", "2024"])
    return folder
