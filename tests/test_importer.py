"""Import with diff preview (one transaction) and the open-data exports."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from openpyxl import Workbook

from atlas.access.roles import Role, filter_for_role
from atlas.city import load_city
from atlas.errors import StaleVersionError
from atlas.export.open_data import hsds_package, places_csv, places_geojson
from atlas.model import Resource
from atlas.settings import ROOT
from atlas.upkeep.editing import Editor
from atlas.upkeep.importer import CHANGED, NEW, REJECTED, UNCHANGED, apply_import, preview_import

CITY = load_city(ROOT / "resources" / "city.yaml")
KORA = Editor("kora", Role.KOORDINATION, ("Pieschen",))
ADMIN = Editor("adam", Role.ADMIN)


def res(**kw) -> Resource:
    base = {"category": "initiative", "stadtbezirk": "Pieschen", "source_title": "T",
            "source_date": "2026-01"}
    return Resource(**{**base, **kw})


def seeded(store) -> dict:
    for record in (res(id="a", name="A", phone="1"), res(id="b", name="B"),
                   res(id="h", name="Heim", category="unterkunft"),
                   res(id="x", name="X", stadtbezirk="Altstadt")):
        store.save(record, base_version=0, action="seed", author="seed")
    with store.read() as conn:
        from atlas.store.places import current_version

        return {r.id: (r, current_version(conn, r.id)) for r in store.places()}


CSV = ("id,name,category,stadtbezirk,source_title,source_date,phone\n"
       "a,A,initiative,Pieschen,T,2026-01,0351 2\n"
       "b,B,initiative,Pieschen,T,2026-01,\n"
       "n,Neu,initiative,Pieschen,T,2026-02,\n"
       "x,X neu,initiative,Altstadt,T,2026-01,\n"
       "bad,Kaputt,zirkus,Pieschen,T,2026-01,\n")


def test_preview_sorts_every_row_with_reasons(store):
    current = seeded(store)
    preview = preview_import(CSV.encode(), "orte.csv", CITY, current, KORA)
    status = {r.place_id: r.status for r in preview.rows}
    assert status == {"a": CHANGED, "b": UNCHANGED, "n": NEW, "x": REJECTED, "bad": REJECTED}
    reasons = {r.place_id: r.reason for r in preview.rows if r.status == REJECTED}
    assert "Altstadt" in reasons["x"] and "zirkus" in reasons["bad"]
    (changed,) = [r for r in preview.rows if r.status == CHANGED]
    assert [(c.field, c.old, c.new) for c in changed.changes] == [("phone", "1", "0351 2")]
    assert store.place("a")[0].phone == "1"  # the preview stores nothing


def test_absent_columns_keep_stored_values(store):
    current = seeded(store)
    payload = b"id,name,category,source_title,source_date\nh,Heim,unterkunft,T,2026-01\n"
    preview = preview_import(payload, "h.csv", CITY, current, ADMIN)
    assert [r.status for r in preview.rows] == [UNCHANGED]


def test_apply_writes_in_one_transaction_and_reviews_public(store):
    current = seeded(store)
    preview = preview_import(CSV.encode(), "orte.csv", CITY, current, KORA)
    outcome = apply_import(store, preview, current, KORA, reason="Liste 2026", review_on=True)
    assert (outcome.live, outcome.pending) == (0, 2)
    assert len(store.proposals()) == 2
    outcome = apply_import(store, preview, current, KORA, reason="Liste 2026", review_on=False)
    assert (outcome.live, outcome.pending) == (2, 0)
    assert store.place("a")[0].phone == "0351 2" and store.place("n")[1] == 1
    assert store.history("a")[-1].action == "import"


def test_stale_row_rolls_back_the_whole_import(store):
    current = seeded(store)
    preview = preview_import(CSV.encode(), "orte.csv", CITY, current, KORA)
    store.save(res(id="a", name="A", phone="9"), base_version=1, action="edit", author="karl")
    with pytest.raises(StaleVersionError):
        apply_import(store, preview, current, KORA, reason="x", review_on=False)
    assert store.place("n") is None and store.place("a")[0].phone == "9"


def test_broken_and_xlsx_files(store):
    current = seeded(store)
    broken = preview_import(b"\x00\x01kaputt", "orte.xlsx", CITY, current, KORA)
    assert broken.rows[0].status == REJECTED and broken.rows[0].reason
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "name", "category", "stadtbezirk", "source_title", "source_date"])
    sheet.append(["n2", "Neu zwei", "initiative", "Pieschen", "T", "2026-03"])
    buffer = io.BytesIO()
    book.save(buffer)
    preview = preview_import(buffer.getvalue(), "orte.xlsx", CITY, current, KORA)
    assert [r.status for r in preview.rows] == [NEW]


RECORDS = [res(id="p", name="Öffentlich", lat=51.07, lon=13.73, phone="0351",
               provider="Träger e.V.", street="Str.", housenumber="1", notes="geheim"),
           res(id="h", name="Heim Geheim", category="unterkunft", lat=51.0, lon=13.7)]


def test_public_exports_hold_no_internal_record():
    public = filter_for_role(RECORDS, Role.PUBLIC)
    for payload in (places_csv(public), places_geojson(public),
                    hsds_package(public, "Dresden", title="t")):
        assert b"Heim Geheim" not in payload and b"geheim" not in payload


def test_internal_export_marks_internal_rows():
    rows = list(csv.DictReader(io.StringIO(places_csv(RECORDS, with_marker=True)
                                           .decode("utf-8-sig"))))
    assert {r["id"]: r["intern"] for r in rows} == {"p": "nein", "h": "ja"}
    features = json.loads(places_geojson(RECORDS, with_marker=True))["features"]
    assert {f["properties"]["intern"] for f in features} == {"ja", "nein"}


def test_hsds_package_is_a_tabular_data_package():
    archive = zipfile.ZipFile(io.BytesIO(hsds_package(RECORDS[:1], "Dresden", title="t")))
    package = json.loads(archive.read("datapackage.json"))
    assert package["profile"] == "tabular-data-package"
    names = {r["name"] for r in package["resources"]}
    assert {"organization", "service", "location", "address", "phone"} <= names
    service = list(csv.DictReader(io.StringIO(archive.read("service.csv").decode())))
    organization = list(csv.DictReader(io.StringIO(archive.read("organization.csv").decode())))
    assert service[0]["organization_id"] == organization[0]["id"]
    assert organization[0]["name"] == "Träger e.V."
    location = list(csv.DictReader(io.StringIO(archive.read("location.csv").decode())))
    assert location[0]["latitude"] == "51.07"


def test_form_cells_round_trip_through_the_loader():
    from atlas.upkeep.editing import record_cells, validate_cells

    record = res(id="r", name="R", lat=51.148, lon=13.796, handlungsfelder=("F", "P"),
                 capacity=5, location_precision="exact", location_method="angegeben")
    assert validate_cells(record_cells(record), CITY) == record
