"""Editing rules: rights per Stadtbezirk, four eyes, quick actions, users file Bezirke, audit."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from argon2 import PasswordHasher

from atlas.access.audit import AuditResult, write_audit
from atlas.access.roles import Role
from atlas.access.users import add_user, load_users, save_users, with_bezirke
from atlas.city import load_city
from atlas.errors import EditError
from atlas.model import Resource
from atlas.settings import ROOT, load_config
from atlas.upkeep.editing import (
    Editor,
    check_may_edit,
    closed,
    needs_review,
    reopened,
    validate_cells,
)

CITY = load_city(ROOT / "resources" / "city.yaml")
PUBLIC = Resource(id="p", name="P", category="initiative", stadtbezirk="Pieschen",
                  source_title="T", source_date="2026-01", valid_from="2020")
HEIM = Resource(id="h", name="H", category="unterkunft", stadtbezirk="Pieschen",
                source_title="T", source_date="2026-01")


def test_rights_follow_the_users_bezirke():
    kora = Editor("kora", Role.KOORDINATION, ("Pieschen",))
    check_may_edit(kora, PUBLIC)
    with pytest.raises(EditError, match="Altstadt"):
        check_may_edit(kora, PUBLIC.model_copy(update={"stadtbezirk": "Altstadt"}))
    with pytest.raises(EditError, match="keine Stadtbezirke"):
        check_may_edit(Editor("neu", Role.KOORDINATION), PUBLIC)
    check_may_edit(Editor("adam", Role.ADMIN), PUBLIC.model_copy(update={"stadtbezirk": None}))
    with pytest.raises(EditError):
        check_may_edit(Editor("x", Role.PUBLIC, ("Pieschen",)), PUBLIC)


def test_four_eyes_for_anything_touching_a_public_place():
    assert needs_review(PUBLIC, PUBLIC, review_on=True)
    assert needs_review(None, PUBLIC, review_on=True)
    assert not needs_review(HEIM, HEIM, review_on=True)
    internal = PUBLIC.model_copy(update={"visibility": "internal"})
    assert needs_review(PUBLIC, internal, review_on=True)  # hiding a public place
    assert needs_review(internal, PUBLIC, review_on=True)  # publishing an internal one
    assert not needs_review(PUBLIC, PUBLIC, review_on=False)


def test_close_and_reopen():
    day = dt.date(2026, 12, 1)
    assert closed(PUBLIC, day).valid_to == "2026-12-01"
    assert reopened(closed(PUBLIC, day)).valid_to is None
    with pytest.raises(EditError, match="vor dem Beginn"):
        closed(PUBLIC.model_copy(update={"valid_from": "2027"}), day)


def test_form_validation_names_the_field():
    with pytest.raises(EditError) as caught:
        validate_cells({"id": "x", "name": "X", "category": "initiative",
                        "source_title": "T", "source_date": "gestern"}, CITY)
    assert caught.value.field == "source_date" and "gestern" in str(caught.value)


def test_users_file_keeps_bezirke(tmp_path):
    fast = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    users = add_user({}, "kora", "geheim-geheim-1", Role.KOORDINATION, hasher=fast)
    users = with_bezirke(users, "kora", ("Pieschen", "Klotzsche"))
    save_users(tmp_path / "u.json", users)
    assert load_users(tmp_path / "u.json")["kora"].bezirke == ("Pieschen", "Klotzsche")
    raw = json.loads((tmp_path / "u.json").read_text())
    assert raw["users"]["kora"]["bezirke"] == ["Pieschen", "Klotzsche"]


def test_audit_records_edit_events_with_subject(tmp_path):
    log = tmp_path / "audit.jsonl"
    write_audit(log, "kora", AuditResult.PROPOSE, subject="cafe#3")
    write_audit(log, "karl", AuditResult.APPROVE, subject="cafe@2")
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    assert [(x["user"], x["result"], x["subject"]) for x in lines] == [
        ("kora", "propose", "cafe#3"), ("karl", "approve", "cafe@2")]


def test_review_setting_is_on_by_default_and_checked():
    assert load_config({"ATLAS_CONFIG": "/none.toml"}).review == "on"
    from atlas.errors import SettingsError

    with pytest.raises(SettingsError):
        load_config({"ATLAS_CONFIG": "/none.toml", "ATLAS_REVIEW": "vielleicht"})


def test_map_click_records_position_and_precision():
    from atlas.upkeep.editing import position_from_click

    near = position_from_click(51.0504, 13.7373, 18)
    assert near == {"lat": "51.050400", "lon": "13.737300", "location_precision": "exact",
                    "location_method": "Kartenklick (Zoomstufe 18)"}
    assert position_from_click(51.05, 13.73, 12)["location_precision"] == "street"
    cells = {"id": "x", "name": "X", "category": "initiative", "source_title": "T",
             "source_date": "2026-01", **near}
    record = validate_cells(cells, CITY)
    assert (record.lat, record.location_precision.value) == (51.0504, "exact")


def test_new_place_id_is_readable_and_unused():
    from atlas.upkeep.editing import new_place_id

    assert new_place_id("Café am Markt", set()) == "cafe-am-markt"
    assert new_place_id("Café am Markt", {"cafe-am-markt"}) == "cafe-am-markt-2"
    assert new_place_id("!!!", set()) == "ort"


def test_every_shipped_place_round_trips_through_the_form():
    """Saving an untouched form must not change a field (the form speaks the loader's cells)."""
    from atlas.resources import load_resources
    from atlas.upkeep.editing import record_cells

    records = load_resources(ROOT / "resources", CITY).records
    changed = [r.id for r in records if validate_cells(record_cells(r), CITY) != r]
    assert records and changed == []
