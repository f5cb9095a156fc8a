"""AppTest of the "Pflege" page: rights per Stadtbezirk, review, validation, locking, history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from atlas.access.auth import utc_now
from atlas.access.roles import Role
from atlas.access.users import add_user, save_users, with_bezirke
from atlas.settings import ROOT

PAGE = str(ROOT / "pages" / "pflege.py")
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
PLACES = (
    "id,name,category,stadtbezirk,street,housenumber,postcode,source_title,source_date,"
    "visibility\n"
    "cafe-p,Café Pieschen,initiative,Pieschen,Leipziger Str.,1,01127,Test,2026-01,public\n"
    "uewh-p,Heim Pieschen,unterkunft,Pieschen,,,,Test,2026-01,internal\n"
    "treff-a,Treff Altstadt,initiative,Altstadt,,,,Test,2026-01,public\n"
)


@pytest.fixture
def env(tmp_path: Path, monkeypatch):
    resources = tmp_path / "resources"
    resources.mkdir()
    (resources / "places.csv").write_text(PLACES, encoding="utf-8")
    users = add_user({}, "kora", "koordination-geheim-1", Role.KOORDINATION, hasher=FAST)
    users = with_bezirke(users, "kora", ("Pieschen",))
    users = add_user(users, "karl", "koordination-geheim-2", Role.KOORDINATION, hasher=FAST)
    users = with_bezirke(users, "karl", ("Pieschen",))
    users = add_user(users, "adam", "admin-geheim-12", Role.ADMIN, hasher=FAST)
    save_users(tmp_path / "users.json", users)
    monkeypatch.setenv("ATLAS_RESOURCES_DIR", str(resources))
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ATLAS_USERS_FILE", str(tmp_path / "users.json"))
    monkeypatch.setenv("ATLAS_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    return tmp_path


def run_as(user: str | None, role: str = "koordination") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    if user:
        at.session_state["atlas_role"] = role
        at.session_state["atlas_user_name"] = user
        at.session_state["atlas_user_id"] = user
        at.session_state["atlas_last_seen"] = utc_now()
    return at.run()


def store():
    from ui import storage

    return storage.store()


def text_of(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in (*at.info, *at.warning, *at.error, *at.success,
                                            *at.caption, *at.markdown))


def form_input(at: AppTest, field: str, place: str, version: int = 1):
    return at.text_input(key=f"pf_{place}_{version}_{field}")


def test_public_session_is_sent_to_sign_in(env):
    at = run_as(None)
    assert "nur nach der Anmeldung" in text_of(at)
    assert not at.selectbox


def test_coordinator_sees_only_her_bezirk(env):
    at = run_as("kora")
    assert at.selectbox(key="pf_place").options == ["Café Pieschen · Pieschen · cafe-p",
                                       "Heim Pieschen · Pieschen · uewh-p"]


def test_public_change_waits_for_a_second_person(env):
    at = run_as("kora")
    form_input(at, "name", "cafe-p").input("Café Pieschen Nord")
    form_input(at, "reason", "cafe-p").input("Umbenannt laut Aushang")
    save = next(b for b in at.button if b.label == "Änderung speichern")
    at = save.click().run()
    assert "wartet auf die Freigabe" in text_of(at)
    assert store().place("cafe-p")[0].name == "Café Pieschen"
    other = run_as("karl")
    approve = next(b for b in other.button if b.label == "Freigeben")
    other = approve.click().run()
    assert "Freigegeben" in text_of(other)
    record, version = store().place("cafe-p")
    assert (record.name, version) == ("Café Pieschen Nord", 2)
    last = store().history("cafe-p")[-1]
    assert (last.author, last.approved_by, last.reason) == ("kora", "karl",
                                                           "Umbenannt laut Aushang")


def test_own_change_cannot_be_approved_by_oneself(env):
    at = run_as("kora")
    form_input(at, "name", "cafe-p").input("Neu")
    form_input(at, "reason", "cafe-p").input("x")
    at = next(b for b in at.button if b.label == "Änderung speichern").click().run()
    assert not [b for b in at.button if b.label == "Freigeben"]
    assert "Eigener Vorschlag" in text_of(at)


def test_invalid_value_is_shown_at_the_field_and_kept(env):
    at = run_as("kora")
    form_input(at, "postcode", "cafe-p").input("12ab")
    form_input(at, "reason", "cafe-p").input("PLZ")
    at = next(b for b in at.button if b.label == "Änderung speichern").click().run()
    assert any("12ab" in e.value for e in at.error)
    assert form_input(at, "postcode", "cafe-p").value == "12ab"
    assert store().place("cafe-p")[1] == 1 and store().proposals() == []


def test_missing_reason_is_asked_for(env):
    at = run_as("kora")
    form_input(at, "name", "cafe-p").input("Neu")
    at = next(b for b in at.button if b.label == "Änderung speichern").click().run()
    assert any("Grund" in e.value for e in at.error)


def test_internal_place_goes_live_directly_and_checked_sets_only_the_date(env):
    at = run_as("kora")
    at.selectbox(key="pf_place").select("uewh-p").run()
    form_input(at, "capacity", "uewh-p").input("80")
    form_input(at, "reason", "uewh-p").input("Belegung laut Träger")
    at = next(b for b in at.button if b.label == "Änderung speichern").click().run()
    assert store().place("uewh-p")[0].capacity == 80
    at = next(b for b in at.button if b.label == "Geprüft").click().run()
    record, version = store().place("uewh-p")
    assert record.last_checked == dt.date.today().isoformat() and version == 3
    assert [c.field for c in store().history("uewh-p")[-1].changes] == ["last_checked"]


def test_stale_version_shows_the_other_change(env):
    at = run_as("adam", "admin")
    at.selectbox(key="pf_place").select("uewh-p").run()
    form_input(at, "capacity", "uewh-p").input("50")
    form_input(at, "reason", "uewh-p").input("meins")
    record, _ = store().place("uewh-p")
    store().save(record.model_copy(update={"capacity": 99}), base_version=1, action="edit",
                 author="karl", reason="schneller")
    at = next(b for b in at.button if b.label == "Änderung speichern").click().run()
    message = " ".join(e.value for e in at.error)
    assert "karl" in message and "→ 99" in message and "nicht gespeichert" in message
    assert store().place("uewh-p")[0].capacity == 99


def test_history_lists_old_and_new_and_revert_restores(env):
    record, _ = store_seeded()
    store().save(record.model_copy(update={"phone": "0351 1"}), base_version=1,
                 action="edit", author="adam", reason="Telefon")
    at = run_as("adam", "admin")
    at.selectbox(key="pf_place").select("uewh-p").run()
    assert any("Telefon" in e.label for e in at.expander)
    at = next(b for b in at.button if b.label == "Auf Version 1 zurücksetzen").click().run()
    record, version = store().place("uewh-p")
    assert (record.phone, version) == (None, 3)
    assert store().history("uewh-p")[-1].action == "revert"


def store_seeded():
    run_as("adam", "admin")
    return store().place("uewh-p")


def test_unreachable_database_disables_editing(env, monkeypatch):
    monkeypatch.setenv("ATLAS_DATABASE_URL", "postgresql+psycopg://x@127.0.0.1:1/none")
    at = run_as("kora")
    assert "nicht erreichbar" in text_of(at) and "gesperrt" in text_of(at)
    assert not [b for b in at.button if b.label == "Änderung speichern"]


def test_import_tab_previews_then_applies(env):
    at = run_as("adam", "admin")
    payload = (b"id,name,category,stadtbezirk,source_title,source_date\n"
               b"uewh-p,Heim Pieschen,unterkunft,Pieschen,Test,2026-01\n"
               b"neu-1,Neues Heim,unterkunft,Pieschen,Test,2026-02\n"
               b"kaputt,X,zirkus,Pieschen,Test,2026-01\n")
    # AppTest has no file_uploader driver: call the tab's building blocks the same way.
    from atlas.upkeep.editing import Editor
    from atlas.upkeep.importer import apply_import, preview_import
    from ui import data

    current = {r.id: (r, v) for r, v in [(store().place(i)[0], store().place(i)[1])
                                         for i in ("uewh-p", "cafe-p")]}
    preview = preview_import(payload, "neu.csv", data.city(), current,
                             Editor("adam", Role.ADMIN))
    assert preview.counts == {"neu": 1, "geändert": 0, "unverändert": 1, "abgewiesen": 1}
    apply_import(store(), preview, current, Editor("adam", Role.ADMIN), reason="Liste",
                 review_on=True)
    at = run_as("adam", "admin")
    assert "Neues Heim · Pieschen · neu-1" in at.selectbox(key="pf_place").options


def test_open_data_page_public_and_internal(env):
    from ui import storage

    record, version = storage.store().place("treff-a")
    storage.store().save(record.model_copy(update={"valid_to": "2020-01-01"}),
                         base_version=version, action="close", author="adam")
    at = AppTest.from_file(str(ROOT / "pages" / "daten.py"), default_timeout=60).run()
    assert not at.exception and len(at.checkbox) == 1  # closed ones only; no "intern"
    assert "Einträge: 1" in text_of(at)  # treff-a closed in 2020
    at.checkbox[0].check().run()
    assert "Einträge: 2" in text_of(at)
    at = run_as_page("daten.py", "kora")
    at.checkbox[0].check().run()
    assert "Einträge: 2" in text_of(at) and "interne Einträge" in text_of(at)


def run_as_page(name: str, user: str, role: str = "koordination") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=60)
    at.session_state["atlas_role"] = role
    at.session_state["atlas_user_name"] = user
    at.session_state["atlas_user_id"] = user
    at.session_state["atlas_last_seen"] = utc_now()
    return at.run()


def test_untouched_form_follows_a_newer_version_silently(env):
    at = run_as("kora")
    record, _ = store().place("cafe-p")
    store().save(record.model_copy(update={"phone": "0351 7"}), base_version=1, action="edit",
                 author="karl", reason="Telefon")
    at.run()
    assert form_input(at, "phone", "cafe-p", version=2).value == "0351 7"
    assert "während Sie ihn bearbeitet" not in text_of(at)


def test_stichtag_tab_answers_from_history(env):
    at = run_as("adam", "admin")
    record, version = store().place("treff-a")
    store().save(record.model_copy(update={"valid_to": "2026-01-31"}), base_version=version,
                 action="close", author="adam", reason="zu")
    at.run()
    today = dt.date.today().strftime("%d.%m.%Y")
    assert f"2 Orte am {today}." in text_of(at)  # treff-a closed, the other two open
    at.date_input(key="pf_stichtag").set_value(dt.date(2000, 1, 1)).run()
    assert "0 Orte am 01.01.2000." in text_of(at)  # nothing was recorded back then


def test_public_suggestion_is_stored_for_review_only(env):
    at = AppTest.from_file(str(ROOT / "pages" / "daten.py"), default_timeout=60).run()
    place = at.selectbox(key="suggest_place")
    assert "uewh-p" not in place.options and "Heim Pieschen" not in str(place.options)
    place.set_value("cafe-p")
    at.text_area(key="suggest_text").input("Das Café hat jetzt dienstags geschlossen.")
    at = next(b for b in at.button if b.label == "Hinweis senden").click().run()
    assert "Danke" in text_of(at)
    (item,) = store().suggestions()
    assert (item.place_id, item.email) == ("cafe-p", None)
    assert store().place("cafe-p")[1] == 1  # nothing changed by itself
    for _ in range(3):
        at = next(b for b in at.button if b.label == "Hinweis senden").click().run()
    assert "viele Hinweise" in text_of(at) and len(store().suggestions()) == 3
    pflege = run_as("kora")
    assert "Das Café hat jetzt dienstags geschlossen." in [t.value for t in pflege.text]


def test_store_lost_mid_page_gives_a_message_not_a_crash(env, monkeypatch):
    from atlas.errors import StoreUnavailable
    from atlas.store import Store

    at = run_as("kora")

    def gone(self, place_id):
        raise StoreUnavailable("Die Datenbank ist nicht erreichbar.")

    monkeypatch.setattr(Store, "history", gone)
    at.run()
    assert not at.exception
    assert any("nicht erreichbar" in w.value for w in at.warning)


def _by_label(widgets, label: str):
    return next(w for w in widgets if w.label == label)


def test_district_figure_with_source_and_date(env):
    at = run_as("kora")
    form = [w for w in at.text_input if getattr(w, "form_id", None) == "pf_figure"]
    _by_label(form, "Wert").input("zwölf")
    _by_label(form, "Quelle (Titel)").input("Sozialamt, Belegungsliste")
    at = next(b for b in at.button if b.label == "Kennzahl speichern").click().run()
    assert any("zwölf" in e.value for e in at.error)
    form = [w for w in at.text_input if getattr(w, "form_id", None) == "pf_figure"]
    _by_label(form, "Wert").input("42")
    at = next(b for b in at.button if b.label == "Kennzahl speichern").click().run()
    assert any("= 42" in s.value for s in at.success)
    stored = [f for f in store().figures().district_figures if f.value == 42]
    assert stored and stored[0].source_title == "Sozialamt, Belegungsliste"


def test_admin_assigns_bezirke_to_a_coordinator(env):
    from atlas.access.users import load_users

    assert "Konten" not in [t.label for t in run_as("kora").tabs]
    at = run_as("adam", "admin")
    at.multiselect(key="pf_user_kora").set_value(["Pieschen", "Klotzsche"]).run()
    at = next(b for b in at.button if b.key == "pf_user_save_kora").click().run()
    assert load_users(env / "users.json")["kora"].bezirke == ("Pieschen", "Klotzsche")
    assert any("Klotzsche" in s.value for s in at.success)


def test_new_internal_place_gets_an_id_and_goes_live(env):
    at = run_as("kora")
    form_input(at, "name", "neu", version=0).input("Notunterkunft Turnhalle")
    at.selectbox(key="pf_neu_0_category").set_value("unterkunft")
    form_input(at, "source_title", "neu", version=0).input("Sozialamt")
    form_input(at, "source_date", "neu", version=0).input("2026-11")
    form_input(at, "reason", "neu", version=0).input("neu eröffnet")
    at = next(b for b in at.button if b.label == "Ort anlegen").click().run()
    record, version = store().place("notunterkunft-turnhalle")
    assert (record.visibility.value, record.stadtbezirk, version) == ("internal", "Pieschen", 1)
