"""AppTest of /qualitaet: public sessions see counts only; coordinators see, download and
check rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from sessions import as_coordinator
from streamlit.testing.v1 import AppTest

from atlas import texts

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "qualitaet.py")
T = texts.RESOURCES
HEADER = "id,name,category,stadtbezirk,source_url,source_date,notes,visibility\n"
PLACES = HEADER + (
    "ok1,Offener Treff,initiative,Neustadt,https://example.org,2020,,\n"
    "geheim1,Geheime Unterkunft XYZ,unterkunft,Pieschen,https://example.org,2020,"
    "Notiz-GEHEIM,\n"
    "bad1,<script>alert(1)</script> Fehlzeile,zirkus,Neustadt,https://example.org,2020,"
    "Inhalt-NUR-INTERN,\n"
)


@pytest.fixture
def app_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import streamlit as st

    resources = tmp_path / "resources"
    resources.mkdir()
    (resources / "places.csv").write_text(PLACES, encoding="utf-8")
    monkeypatch.setenv("ATLAS_RESOURCES_DIR", str(resources))
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield resources
    st.cache_resource.clear()
    st.cache_data.clear()


def run_page(*, coordinator: bool = False) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    if coordinator:
        as_coordinator(at)
    return at.run()


def everything(at: AppTest) -> str:
    """Every value the page sent: text elements, metrics and dataframe cells."""
    parts = [str(e.value) for e in (*at.title, *at.markdown, *at.caption, *at.info,
                                     *at.warning, *at.success, *at.text, *at.header)]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [df.value.to_csv() for df in [*at.dataframe, *at.table]]
    return "\n".join(parts)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_public_session_sees_only_counts(app_env):
    at = run_page()
    assert not at.exception
    assert metric(at, T["loaded"]) == "2"
    assert metric(at, T["rejected"]) == "1"
    assert T["public_note"] in everything(at)
    text = everything(at)
    for secret in ("Fehlzeile", "Inhalt-NUR-INTERN", "Geheime Unterkunft", "Notiz-GEHEIM",
                   "zirkus", "script"):
        assert secret not in text
    assert not at.get("download_button")
    assert not at.file_uploader


def test_coordinator_sees_rows_as_text_and_can_download(app_env):
    at = run_page(coordinator=True)
    assert not at.exception
    columns = [T["col_file"], T["col_row"], T["col_column"], T["col_reason"], T["col_content"]]
    [table] = [d.value for d in at.table if list(d.value.columns) == columns]
    [reason] = table[T["col_reason"]].tolist()
    assert "„zirkus“" in reason
    assert "<script>alert(1)</script>" in table[T["col_content"]].iloc[0]  # text, not markup
    assert not any("<script>" in str(m.value) for m in at.markdown)
    labels = [b.label for b in at.get("download_button")]
    assert labels.count(T["download_rejected"]) == 1


def test_upload_is_checked_and_reported_without_storing(app_env):
    at = run_page(coordinator=True)
    upload = (HEADER + "u1,Neu,beratung,Cotta,https://e.org,31.12.2019,,\n"
              "u1,Doppelt,beratung,Cotta,https://e.org,2019,,\n").encode("cp1252")
    at.file_uploader[0].set_value(("meine.csv", upload, "text/csv"))
    at.run()
    assert not at.exception
    text = everything(at)
    assert T["upload_ok"].format(ok=1, total=2) in text
    assert "Doppelte ID „u1“" in text
    assert sorted(p.name for p in app_env.iterdir()) == ["places.csv"]
    assert metric(at, T["loaded"]) == "2"  # the shipped data did not change


def test_upload_of_an_empty_file_gives_a_message(app_env):
    at = run_page(coordinator=True)
    at.file_uploader[0].set_value(("leer.csv", b"", "text/csv"))
    at.run()
    assert not at.exception
    assert "leer" in everything(at)


def test_previous_good_data_stays_when_the_file_breaks(app_env):
    at = run_page(coordinator=True)
    assert metric(at, T["loaded"]) == "2"
    (app_env / "places.csv").write_text("id;name\nkaputt;ohne Kategorie\n", encoding="utf-8")
    at.run()
    assert not at.exception
    assert metric(at, T["loaded"]) == "2"  # last good records are kept
    assert "Pflichtspalte(n) fehlen" in everything(at)


def test_public_session_sees_to_do_counts_per_district_only(app_env):
    at = run_page()
    assert not at.exception
    F = texts.FRESHNESS
    [counts] = [d.value for d in at.table if F["col_district"] in d.value.columns]
    row = counts.set_index(F["col_district"]).loc["Neustadt"]
    assert row[F["reason_stale"]] == 1 and row[F["reason_position"]] == 1
    assert "Pieschen" not in counts[F["col_district"]].tolist()  # the internal row is not counted
    assert F["download"] not in [b.label for b in at.get("download_button")]


def test_coordinator_downloads_the_to_do_list_per_district(app_env):
    at = run_page(coordinator=True)
    assert not at.exception
    F = texts.FRESHNESS
    [todo] = [d.value for d in at.dataframe if F["columns"]["gruende"] in d.value.columns]
    reasons = dict(zip(todo[F["columns"]["id"]], todo[F["columns"]["gruende"]], strict=True))
    assert F["reason_stale"] in reasons["ok1"] and F["reason_unclear"] in reasons["ok1"]
    assert F["reason_stale"] in reasons["geheim1"]  # coordinators also see internal places
    assert [b.label for b in at.get("download_button")].count(F["download"]) == 1


def test_to_do_reasons_and_csv():
    import datetime as dt

    from atlas.export.downloads import rows_to_csv
    from atlas.model import Resource
    from atlas.places.freshness import TODO_COLUMNS, todo_list

    day = dt.date(2026, 12, 1)
    base = {"category": "initiative", "source_url": "https://e.org", "source_date": "2020",
            "stadtbezirk": "Cotta"}
    records = [
        Resource(id="fresh", name="Frisch", status="aktiv", last_checked="2026-10",
                 location_precision="exact", lat=51.05, lon=13.7, **base),
        Resource(id="old", name="Alt", status="aktiv", last_checked="2025-06",
                 location_precision="exact", lat=51.05, lon=13.7, **base),
        Resource(id="gone", name="Zu", status="geschlossen", **base),
    ]
    [item] = todo_list(records, day)
    assert item.record.id == "old" and item.reasons == ("stale",)
    csv_text = rows_to_csv([item.as_row()], TODO_COLUMNS).decode("utf-8-sig")
    assert "Cotta,old,Alt" in csv_text and texts.FRESHNESS["reason_stale"] in csv_text
