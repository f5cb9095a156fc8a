"""AppTest of /fachplan: every chart and download carries exactly the shipped figures."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pyarrow as pa
import pytest
from sessions import shown
from streamlit.testing.v1 import AppTest

from atlas import texts
from atlas.access.auth import utc_now
from atlas.city import load_city
from atlas.model import Resource

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
T = texts.FACHPLAN


def resource(rid: str, fields: tuple[str, ...], **extra) -> Resource:
    return Resource(id=rid, name=rid, handlungsfelder=fields, source_url="https://example.org",
                    source_date="2024", **{"category": "beratung", **extra})


RECORDS = [
    resource("offen", ("M", "S")),
    resource("intern", ("M",), visibility="internal"),
    resource("heim", ("W",), category="unterkunft", visibility="public"),
]


def prepare_env(mp: pytest.MonkeyPatch, cache_dir: Path) -> dict[str, bytes]:
    """No boundaries, three known records, downloads recorded; caches emptied."""
    import streamlit as st

    import ui.data

    mp.setenv("ATLAS_CACHE_DIR", str(cache_dir))
    mp.setenv("ATLAS_SNAPSHOT_DIR", "")  # no shipped snapshot either
    mp.setattr(ui.data, "load_result", lambda: SimpleNamespace(
        records=RECORDS, version="test", service_areas=(), problems=()))
    downloads: dict[str, bytes] = {}
    original = st.download_button

    def recording_download(label, data, file_name=None, *args, **kwargs):
        downloads[file_name] = data
        return original(label, data, file_name, *args, **kwargs)

    mp.setattr(st, "download_button", recording_download)
    st.cache_resource.clear()
    return downloads


@pytest.fixture
def app_env(monkeypatch, tmp_path):
    import streamlit as st

    yield prepare_env(monkeypatch, tmp_path / "no-boundaries")
    st.cache_resource.clear()


@pytest.fixture(scope="module")
def public_page(tmp_path_factory):
    """One public run of the page (and its downloads), shared by the read-only tests."""
    import streamlit as st

    with pytest.MonkeyPatch.context() as mp:
        downloads = prepare_env(mp, tmp_path_factory.mktemp("no-boundaries"))
        yield run_page(), downloads
    st.cache_resource.clear()


def run_page(*, coordinator: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if coordinator:
        at.session_state["atlas_role"] = "koordination"
        at.session_state["atlas_user_name"] = "Kora K."
        at.session_state["atlas_user_id"] = "kora"
        at.session_state["atlas_last_seen"] = utc_now()
    at.switch_page("pages/fachplan.py")
    return at.run()


def chart_frames(at: AppTest) -> list:
    """The data of each Vega-Lite chart on the page, as sent to the browser."""
    frames = []
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        if element.proto.datasets:
            raw = element.proto.datasets[0].data.data
            frames.append(pa.ipc.open_stream(raw).read_all().to_pandas())
        else:
            frames.append(spec["data"]["values"])
    return frames


def shipped(name: str) -> list[dict[str, str]]:
    with (RESOURCES / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def download_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_charts_and_downloads_equal_the_shipped_tables(public_page):
    at, downloads = public_page
    assert not at.exception
    allocations, capacity, districts = chart_frames(at)

    expected = sorted((int(r["year"]), int(r["value"]), r["kind"]) for r in shipped(
        "allocations.csv"))
    assert sorted(zip(allocations["year"], allocations["value"], allocations["kind"],
                      strict=True)) == expected
    downloaded = download_rows(downloads["zuweisungen.csv"])
    assert sorted((int(r["year"]), int(r["value"]), r["kind"]) for r in downloaded) == expected

    expected = sorted((r["date"], r["segment"], m, int(r[m])) for r in shipped("capacity.csv")
                      for m in ("places", "occupied", "persons_housed") if r[m])
    got = zip(capacity["date"], capacity["segment"], capacity["measure"], capacity["value"],
              strict=True)
    assert sorted(got) == expected
    downloaded = download_rows(downloads["kapazitaet.csv"])
    assert sorted((r["date"], r["segment"], r["measure"], int(r["value"]))
                  for r in downloaded) == expected

    city = load_city(RESOURCES / "city.yaml")
    expected = sorted((r["date"], city.canonical_district(r["district"]), int(r["value"]))
                      for r in shipped("district_figures.csv") if r["metric"] == "persons_housed")
    assert sorted(zip(districts["date"], districts["district"], districts["value"],
                      strict=True)) == expected
    assert sorted((r["date"], r["district"], int(r["value"]))
                  for r in download_rows(downloads["bezirke.csv"])) == expected


def test_every_chart_has_sources_table_and_text_alternative(public_page):
    at, _ = public_page
    captions = [shown(c.value) for c in at.caption]
    assert sum(c.startswith("Quellen: [") for c in captions) >= 3
    assert any("[dnn.de (17.01.2018)](http://www.dnn.de/" in c for c in captions)
    assert len(at.get("download_button")) == 3
    assert [e.label for e in at.expander][:3] == [T["table_alternative"]] * 3
    alts = [e.proto.alt for e in at.get("vega_lite_chart")]
    assert alts[0].startswith("Balkendiagramm") and "2013 bis 2025" in alts[0]
    assert T["missing_years"].format(years="2010, 2011, 2012, 2019") in captions
    assert T["map_missing"] in [shown(i.value) for i in at.info]  # no boundaries: a note, no map


def test_tables_show_german_numbers(public_page):
    at, _ = public_page
    table = at.table[0].value
    rows = table[table[T["col_year"]] == 2015].set_index(T["col_kind"])
    assert rows.loc[T["kind_actual"], T["col_value"]] == "4.177"
    assert "4.172" in rows.loc[T["kind_actual"], T["col_alt_values"]]
    assert "mindestens 5.365" in set(table[T["col_value"]])
    capacity = at.table[1].value
    assert "31.12.2017" in set(capacity[T["col_date"]])
    assert "rund 5.600" in set(capacity[T["col_value"]])
    markdown = "\n".join(shown(m.value) for m in at.markdown)
    assert "### M – Migrationssozialarbeit" in markdown


def offers_by_field(at: AppTest) -> dict[str, str]:
    texts_ = [shown(m.value) for m in at.markdown]
    out, code = {}, None
    for text in texts_:
        if text.startswith("### "):
            code = text[4]
        elif text.startswith(T["hf_offers"].split("{")[0]) and code:
            out[code] = text.rsplit(" ", 1)[-1]
    return out


def test_offer_counts_follow_the_role_and_link_to_the_map(public_page, app_env, monkeypatch,
                                                          tmp_path):
    from argon2 import PasswordHasher

    from atlas.access.roles import Role
    from atlas.access.users import add_user, save_users

    # app.py's sidebar checks the signed-in account against the users file.
    users = add_user({}, "kora", "fachplan-test-geheim", Role.KOORDINATION,
                     display_name="Kora K.",
                     hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    save_users(tmp_path / "users.json", users)
    monkeypatch.setenv("ATLAS_USERS_FILE", str(tmp_path / "users.json"))
    monkeypatch.setenv("ATLAS_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    at, _ = public_page
    public = offers_by_field(at)
    assert public["M"] == "1" and public["S"] == "1" and public["W"] == "0"
    links = at.get("page_link")
    assert sorted(link.proto.query_string for link in links) == sorted(
        f"hf={c}" for c in "MRBWSFGPQC")
    assert {link.proto.page for link in links} == {"karte"}
    internal = offers_by_field(run_page(coordinator=True))
    assert internal["M"] == "2" and internal["W"] == "0"  # accommodation is no offer


def test_guidelines_fields_and_decision_are_shown(public_page):
    at, _ = public_page
    text = "\n".join(shown(e.value) for e in (*at.markdown, *at.caption, *at.header))
    for expected in ("Integration von Anfang an", "Teilhabe durch Beteiligung",
                     "Zusammenhalt unterstützen – Stadtteile im Blick",
                     "66 Maßnahmen in 12 Teilbereichen", "05.07.2019", "18.06.2019",
                     "Vorlage V2927/19", texts.KEINE_ANGABE, T["hf_editorial"]):
        assert expected in text, expected


def test_choropleth_with_date_selector(app_env, boundaries_cache, monkeypatch):
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(boundaries_cache))
    at = run_page()
    assert not at.exception
    features = chart_frames(at)[3]
    values = {f["properties"]["name"]: f["properties"]["value"] for f in features}
    assert len(values) == 15
    assert at.selectbox(key="fachplan_stichtag").value == "2019-03-31"
    assert values["Neustadt"] == 251 and values["Klotzsche"] is None
    shown = {f["properties"]["name"]: f["properties"]["value_text"] for f in features}
    assert shown["Klotzsche"] == texts.KEINE_ANGABE
    at.selectbox(key="fachplan_stichtag").set_value("2016-05-06").run()
    features = chart_frames(at)[3]
    values = {f["properties"]["name"]: f["properties"]["value"] for f in features}
    assert values["Neustadt"] == 510 and values["Cossebaude/Mobschatz/Oberwartha"] == 21
    assert values["Langebrück/Schönborn"] is None
    assert sum(v for v in values.values() if v is not None) == 4612


def test_broken_files_give_german_messages_and_keep_the_rest(app_env, tmp_path, monkeypatch,
                                                             caplog):
    folder = tmp_path / "resources"
    shutil.copytree(RESOURCES, folder)
    (folder / "fachplan.yaml").write_text("title: [\n", encoding="utf-8")
    (folder / "capacity.csv").write_text("datum;wert\n", encoding="utf-8")
    monkeypatch.setenv("ATLAS_RESOURCES_DIR", str(folder))
    at = run_page()
    assert not at.exception
    warnings = "\n".join(shown(w.value) for w in at.warning)
    assert texts.APP["unavailable_data"] in warnings  # the public: no file names
    assert "fachplan.yaml" not in warnings and "capacity.csv" not in warnings
    assert "Fachplan-Datei „fachplan.yaml“ ist nicht lesbar" in caplog.text  # the operator
    assert "capacity.csv" in caplog.text and "Pflichtspalte(n) fehlen" in caplog.text
    assert len(at.get("vega_lite_chart")) == 2  # allocations and districts still drawn


def test_offers_read_keine_angabe_when_the_places_cannot_load(app_env, monkeypatch, caplog):
    import ui.data
    from atlas.errors import SchemaError

    def broken():
        raise SchemaError("Die Datei „places.csv“ ist leer.")

    monkeypatch.setattr(ui.data, "load_result", broken)
    at = run_page()
    assert not at.exception
    assert texts.APP["unavailable_data"] in [shown(w.value) for w in at.warning]
    assert "Die Datei „places.csv“ ist leer." in caplog.text
    lines = [shown(m.value) for m in at.markdown if m.value.startswith("Angebote in den Daten")]
    assert lines == [T["hf_offers_unknown"]] * 10
