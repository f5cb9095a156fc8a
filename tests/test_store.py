"""The store on SQLite and PostgreSQL: schema, seed, versions, locking, review, backup."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from atlas.city import load_city
from atlas.errors import EditError, StaleVersionError, StoreUnavailable
from atlas.figures.tables import DistrictFigure
from atlas.model import Resource
from atlas.settings import ROOT
from atlas.store import Store
from atlas.store.dump import dump_to, restore_from
from atlas.store.seed import seed_store

CITY = load_city(ROOT / "resources" / "city.yaml")


def place(**changes) -> Resource:
    base = {"id": "cafe-1", "name": "Café Eins", "category": "initiative",
            "stadtbezirk": "Pieschen", "source_title": "Test", "source_date": "2026-01"}
    return Resource(**{**base, **changes})


def test_migrate_twice_is_harmless(store):
    assert store.migrate() == "0002"
    assert store.migrate() == "0002"
    assert store.data_version() == 0


def test_seed_is_idempotent_and_keeps_edits(store):
    first = seed_store(store, ROOT / "resources", CITY)
    assert first.added > 50 and first.figures_added > 100
    version = store.data_version()
    again = seed_store(store, ROOT / "resources", CITY)
    assert (again.added, again.updated, again.figures_added) == (0, 0, 0)
    assert len(store.places()) == first.added
    some = store.places()[0]
    edited = some.model_copy(update={"name": some.name + " (neu)"})
    store.save(edited, base_version=1, action="edit", author="anna", reason="umbenannt")
    seed_store(store, ROOT / "resources", CITY)
    assert store.place(some.id)[0].name == edited.name
    assert store.data_version() > version


def test_versions_history_and_revert(store):
    store.save(place(), base_version=0, action="create", author="anna", reason="neu")
    store.save(place(name="Café Zwei"), base_version=1, action="edit", author="bert",
               reason="Name geändert")
    history = store.history("cafe-1")
    assert [v.version for v in history] == [1, 2]
    assert [(c.field, c.old, c.new) for c in history[1].changes] == [
        ("name", "Café Eins", "Café Zwei")]
    assert (history[1].author, history[1].reason) == ("bert", "Name geändert")
    store.save(history[0].resource(), base_version=2, action="revert", author="anna",
               reason="zurück")
    record, version = store.place("cafe-1")
    assert (record.name, version) == ("Café Eins", 3)
    assert len(store.history("cafe-1")) == 3


def test_stale_save_shows_the_other_change_and_writes_nothing(store):
    store.save(place(), base_version=0, action="create", author="anna")
    store.save(place(name="Bert war schneller"), base_version=1, action="edit", author="bert")
    with pytest.raises(StaleVersionError) as caught:
        store.save(place(phone="0351 1"), base_version=1, action="edit", author="anna")
    message = str(caught.value)
    assert "bert" in message and "Café Eins → Bert war schneller" in message
    assert "nicht gespeichert" in message
    assert store.place("cafe-1")[0].phone is None
    assert len(store.history("cafe-1")) == 2


def test_new_place_with_taken_id_is_refused(store):
    store.save(place(), base_version=0, action="create", author="anna")
    with pytest.raises(StaleVersionError, match="andere Kennung"):
        store.save(place(name="Doppelt"), base_version=0, action="create", author="bert")


def test_four_eyes_review(store):
    store.save(place(), base_version=0, action="create", author="anna")
    result = store.save(place(name="Neu"), base_version=1, action="edit", author="anna",
                        review_needed=True)
    assert result.pending and store.place("cafe-1")[0].name == "Café Eins"
    (pending,) = store.proposals()
    assert [c.field for c in store.proposal_changes(pending)] == ["name"]
    with pytest.raises(EditError, match="Vier-Augen"):
        store.approve(pending.id, "anna")
    assert store.approve(pending.id, "bert") == 2
    record, _ = store.place("cafe-1")
    assert record.name == "Neu"
    last = store.history("cafe-1")[-1]
    assert (last.author, last.approved_by) == ("anna", "bert")
    assert store.proposals() == []
    (done,) = store.proposals(state="approved", author="anna")
    assert done.reviewer == "bert"


def test_approving_a_stale_proposal_fails_and_keeps_it_pending(store):
    store.save(place(), base_version=0, action="create", author="anna")
    proposal = store.save(place(name="Vorschlag"), base_version=1, action="edit",
                          author="anna", review_needed=True).proposal_id
    store.save(place(name="Direkt"), base_version=1, action="edit", author="admin")
    with pytest.raises(StaleVersionError):
        store.approve(proposal, "bert")
    assert store.proposals()[0].id == proposal
    store.reject(proposal, "bert", "überholt")
    assert store.proposals() == []


def test_failed_transaction_leaves_the_old_state(store):
    store.save(place(), base_version=0, action="create", author="anna")
    before = store.data_version()
    with pytest.raises(RuntimeError), store.write() as conn:
        from atlas.store.places import write_version

        write_version(conn, place(name="halb"), base_version=1, action="edit", author="x")
        raise RuntimeError("Absturz mitten im Speichern")
    assert store.place("cafe-1")[0].name == "Café Eins"
    assert store.data_version() == before


def test_places_as_of_answers_a_stichtag_from_history(store):
    store.save(place(), base_version=0, action="create", author="anna")
    moment = store.history("cafe-1")[0].created_at
    store.save(place(name="Später"), base_version=1, action="edit", author="anna")
    (then,) = store.places_as_of(moment)
    assert then.name == "Café Eins"
    assert store.places_as_of("2000-01-01") == []


def test_figures_live_in_the_store(store):
    row = DistrictFigure(district="Pieschen", date="2026-06", metric="persons_housed",
                         value=12, source_title="Sozialamt", source_date="2026-06")
    assert store.add_figures("district_figures", [row], author="anna") == 1
    assert store.figures().district_figures == (row,)
    with pytest.raises(EditError, match="gibt es schon"):
        store.add_figures("district_figures", [row], author="anna")


def test_dump_and_restore_round_trip(store, tmp_path: Path):
    store.save(place(), base_version=0, action="create", author="anna")
    store.save(place(name="Zwei"), base_version=1, action="edit", author="anna")
    buffer = io.StringIO()
    dump_to(store, buffer)
    backup = tmp_path / "backup.jsonl"
    backup.write_text(buffer.getvalue())
    store.save(place(name="Drei"), base_version=2, action="edit", author="anna")
    restore_from(store, backup)
    assert store.place("cafe-1") == (place(name="Zwei"), 2)
    store.save(place(name="Nach Restore"), base_version=2, action="edit", author="anna")
    assert len(store.history("cafe-1")) == 3


def test_unreachable_database_is_a_german_message(tmp_path: Path):
    broken = Store("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(StoreUnavailable, match="nicht erreichbar"):
        broken.data_version()
    (tmp_path / "dir.db").mkdir()
    not_a_file = Store(f"sqlite:///{tmp_path / 'dir.db'}")
    with pytest.raises(StoreUnavailable):
        not_a_file.places()


def test_sqlite_uses_wal(tmp_path: Path):
    s = Store(f"sqlite:///{tmp_path / 'w.db'}")
    s.migrate()
    with s.read() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"


def test_a_new_place_lists_only_fields_with_a_value(store):
    store.save(place(), base_version=0, action="create", author="anna")
    fields = {c.field for c in store.history("cafe-1")[0].changes}
    assert "editorial" not in fields and "name" in fields


def test_migration_from_the_first_schema_keeps_data(store_url):
    from importlib import resources

    from alembic import command
    from alembic.config import Config

    old = Store(store_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("atlas.store") / "migrations"))
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(sa.text("INSERT INTO data_state (id, version, changed_at) "
                             "VALUES (1, 0, 'x')"))
    assert old.revision() == "0001"
    old.save(place(), base_version=0, action="create", author="anna")
    assert old.migrate() == "0002"
    assert old.place("cafe-1")[0].name == "Café Eins"
    old.add_suggestion("cafe-1", "Neue Öffnungszeiten seit Mai", None)
    assert [s.text for s in old.suggestions()] == ["Neue Öffnungszeiten seit Mai"]


def test_suggestions_are_checked_limited_and_closed(store):
    from atlas.upkeep.suggestions import RateLimiter, check_suggestion

    with pytest.raises(EditError, match="mindestens"):
        check_suggestion("kurz", "")
    with pytest.raises(EditError, match="E-Mail"):
        check_suggestion("Die Zeiten stimmen nicht mehr", "keine-mail")
    assert check_suggestion("  Die Zeiten stimmen nicht mehr ", "") == (
        "Die Zeiten stimmen nicht mehr", None)
    limiter = RateLimiter(limit=2, window=60, total=3)
    assert [limiter.allow("a", now=t) for t in (0, 1, 2)] == [True, True, False]
    assert limiter.allow("b", now=3) and not limiter.allow("c", now=4)  # total reached
    assert limiter.allow("a", now=100)  # the window moved on
    number = store.add_suggestion(None, "Allgemeiner Hinweis zur Karte", "a@b.de")
    store.close_suggestion(number, "kora")
    assert store.suggestions() == [] and store.suggestions("done")[0].handled_by == "kora"


def test_a_stored_row_the_model_rejects_does_not_hide_the_others(store):
    store.save(place(), base_version=0, action="create", author="anna")
    store.save(place(id="zwei", name="Zwei"), base_version=0, action="create", author="anna")
    with store.engine.begin() as conn:  # e.g. a field another version of the app removed
        conn.execute(sa.text("UPDATE places SET data = :d, version = 9 WHERE id = 'zwei'"),
                     {"d": '{"id": "zwei", "name": "Zwei", "gone": 1}'})
    assert [r.id for r in Store(store.url).places()] == ["cafe-1"]


def test_bulk_reads_pause_the_garbage_collector_and_always_resume_it(store, monkeypatch):
    """Reading thousands of places pauses the cyclic collector (half the read time went
    there); it runs again afterwards, also when a stored row no longer validates."""
    import gc
    import threading

    from atlas.store import places as place_store

    seen = []
    real = place_store.parse_list
    monkeypatch.setattr(place_store, "parse_list",
                        lambda rows: seen.append(gc.isenabled()) or real(rows))
    for i in range(3):
        store.save(place(id=f"ort-{i}", name=f"Ort {i}"), base_version=0, action="create",
                   author="anna")
    assert len(Store(store.url).places()) == 3 and seen == [False]
    assert gc.isenabled()
    with store.write() as conn:
        conn.execute(sa.text("UPDATE places SET data = '{\"id\": 1}' WHERE id = 'ort-1'"))
    assert [p.id for p in Store(store.url).places()] == ["ort-0", "ort-2"]
    assert gc.isenabled()

    def read() -> None:
        Store(store.url).places()

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.isenabled()
    gc.disable()  # a host that switched the collector off keeps it off
    try:
        Store(store.url).places()
        assert not gc.isenabled()
    finally:
        gc.enable()
