"""Fetching boundaries from the configured sources, the atomic cache and the CLI."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from conftest import Route
from geodata_samples import (
    dumps,
    grid_collection,
    l139_from,
    paged,
    sample_city,
    with_geometry_crs,
)
from shapely.geometry import shape

from atlas.errors import GeodataError
from atlas.geo import geodata
from atlas.geo.geocache import FILES, MANIFEST
from atlas.geo.geodata import ensure_boundaries, fetch_boundaries, load_cached_boundaries
from atlas.geo.stadtteile import normalise_stadtteile
from atlas.settings import load_config

L137 = "/ogcapi/collections/L137/items"
L139 = "/ogcapi/collections/L139/items"


def make_config(tmp_path: Path, **settings: str):
    env = {"ATLAS_CONFIG": str(tmp_path / "none.toml"), "ATLAS_CACHE_DIR": str(tmp_path / "cache"),
           "ATLAS_HTTP_TIMEOUT": "3"}
    env.update({f"ATLAS_{k.upper()}": v for k, v in settings.items()})
    return load_config(env)


def local_city(server, **kwargs):
    """The configured city with both official sources moved to the local server."""
    city = sample_city(**kwargs)
    sources = {
        "ogcapi": {**city.sources["ogcapi"], "base_url": server.url("/ogcapi/collections"),
                   "page_limit": 5},
        "osm": {**city.sources["osm"], "url": server.url("/osm.geojson")},
    }
    return dataclasses.replace(city, sources=sources)


def cache_bytes(cache_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(cache_dir.iterdir())}


def l139_layer() -> dict:
    """Districts like L139 for the grid: Stadtbezirke plus Ortschaft units."""
    city = sample_city()
    stadtteile, _ = normalise_stadtteile(grid_collection(), city, source="x")
    return l139_from(stadtteile, city)


def test_ogcapi_source_pages_l137_and_derives_districts_when_l139_fails(http_server, tmp_path):
    http_server.routes[L137] = paged(http_server, with_geometry_crs(grid_collection()["features"]))
    http_server.routes[L139] = Route(b"{}", status=503)
    config = make_config(tmp_path, geodata_sources="ogcapi")

    result = fetch_boundaries(config, local_city(http_server))

    assert len(result.stadtteile["features"]) == 12
    assert result.manifest["source"] == "ogcapi"
    assert result.manifest["attribution"].startswith("Landeshauptstadt Dresden")
    assert result.manifest["licence"] == "dl-de/by-2-0"
    assert "abgeleitet" in result.manifest["districts_source"]
    assert any("HTTP 503" in w and "L139" in w for w in result.manifest["warnings"])
    assert any("offset=5" in p for p in http_server.requests)


def test_ogcapi_source_uses_l139_when_it_works(http_server, tmp_path):
    http_server.routes[L137] = paged(http_server, grid_collection()["features"])
    http_server.routes[L139] = Route(dumps(l139_layer()))
    city = local_city(http_server)
    # the grid has 5 of the 10 Stadtbezirke; a city with just those makes L139 complete
    city = dataclasses.replace(city, stadtbezirke={
        k: v for k, v in city.stadtbezirke.items() if k in {"0", "1", "3", "4", "9"}})
    config = make_config(tmp_path, geodata_sources="ogcapi")

    result = fetch_boundaries(config, city)

    assert result.manifest["warnings"] == []
    assert result.manifest["districts_source"].endswith("/L139/items")
    assert result.manifest["warnings"] == []
    assert "Langebrück/Schönborn" in result.district_names()


def test_falls_back_to_osm_and_keeps_the_reason(http_server, tmp_path):
    http_server.routes[L137] = Route(b'{"type": "FeatureCollection", "features": [', status=200)
    http_server.routes["/osm.geojson"] = Route(dumps(grid_collection("osm")))
    config = make_config(tmp_path)  # default order: ogcapi, osm

    result = fetch_boundaries(config, local_city(http_server))

    assert result.manifest["source"] == "osm"
    assert "OpenStreetMap" in result.manifest["attribution"]
    assert result.manifest["licence"] == "ODbL-1.0"
    assert "abgeschnitten" in result.manifest["warnings"][0]


def test_all_sources_failing_lists_every_reason(http_server, tmp_path):
    http_server.routes[L137] = Route(b"{}", status=500)
    http_server.routes["/osm.geojson"] = Route(dumps({"type": "FeatureCollection",
                                                      "features": []}))
    config = make_config(tmp_path)

    with pytest.raises(GeodataError) as info:
        fetch_boundaries(config, local_city(http_server))

    message = str(info.value)
    assert "HTTP 500" in message and "OGC API L137" in message
    assert "keine Objekte" in message and "OpenStreetMap" in message


def test_unknown_source_name_is_reported(tmp_path):
    config = make_config(tmp_path, geodata_sources="wfs")

    with pytest.raises(GeodataError, match="„wfs“"):
        fetch_boundaries(config, sample_city())


def test_geodata_url_overrides_the_official_sources(http_server, tmp_path):
    path = tmp_path / "teile.geojson"
    path.write_bytes(dumps(grid_collection("plain")))
    config = make_config(tmp_path, geodata_url=str(path))

    result = fetch_boundaries(config, local_city(http_server))

    assert http_server.requests == []
    assert result.manifest["source"] == "url"
    assert result.manifest["source_url"] == str(path)
    assert result.manifest["attribution"] == "keine Angabe"  # unknown origin is not invented


def test_geodata_url_over_http_with_l137_fields_credits_the_city(http_server, tmp_path):
    http_server.routes["/teile.json"] = Route(dumps(grid_collection("l137")))
    config = make_config(tmp_path, geodata_url=http_server.url("/teile.json"))

    result = fetch_boundaries(config, sample_city())

    assert result.manifest["schema"] == "ogcapi"
    assert result.manifest["licence"] == "dl-de/by-2-0"


def test_missing_file_is_a_german_message(tmp_path):
    config = make_config(tmp_path, geodata_url=str(tmp_path / "fehlt.geojson"))

    with pytest.raises(GeodataError, match="fehlt.geojson.*nicht lesbar"):
        fetch_boundaries(config, sample_city())


# --- cache -------------------------------------------------------------------------
def test_ensure_writes_every_file_and_a_manifest(tmp_path):
    path = tmp_path / "teile.geojson"
    path.write_bytes(dumps(grid_collection()))
    config = make_config(tmp_path, geodata_url=str(path))

    report = ensure_boundaries(config, sample_city())

    cache_dir = tmp_path / "cache"
    assert report.status == "fetched"
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted([*FILES.values(), MANIFEST])
    manifest = json.loads((cache_dir / MANIFEST).read_text())
    assert manifest["counts"] == {"stadtteile": 12, "stadtbezirke": 5, "ortschaften": 3}
    assert manifest["missing_districts"] == ["Pieschen", "Blasewitz", "Leuben", "Prohlis",
                                             "Plauen", "Cossebaude/Mobschatz/Oberwartha",
                                             "Altfranken/Gompitz"]
    assert manifest["retrieved_at"].startswith("20")
    for name in FILES.values():
        assert manifest["files"][name]["bytes"] == (cache_dir / name).stat().st_size
    loaded = load_cached_boundaries(cache_dir)
    assert loaded.stadtteile == report.boundaries.stadtteile


def test_ensure_with_a_cache_makes_no_request(http_server, tmp_path):
    path = tmp_path / "teile.geojson"
    path.write_bytes(dumps(grid_collection()))
    ensure_boundaries(make_config(tmp_path, geodata_url=str(path)), sample_city())
    http_server.routes[L137] = paged(http_server, grid_collection()["features"])

    report = ensure_boundaries(make_config(tmp_path), local_city(http_server))

    assert report.status == "cached"
    assert http_server.requests == []


def test_failed_fetch_keeps_the_previous_cache_byte_identical(http_server, tmp_path):
    path = tmp_path / "teile.geojson"
    path.write_bytes(dumps(grid_collection()))
    ensure_boundaries(make_config(tmp_path, geodata_url=str(path)), sample_city())
    before = cache_bytes(tmp_path / "cache")
    http_server.routes["/teile.json"] = Route(b'{"type": "FeatureCollection", "feat', 200)

    report = ensure_boundaries(make_config(tmp_path, geodata_url=http_server.url("/teile.json")),
                               sample_city(), force=True)

    assert report.status == "failed"
    assert "abgeschnitten" in "\n".join(report.messages)
    assert report.boundaries is not None  # the previous data stays usable
    assert cache_bytes(tmp_path / "cache") == before


def test_a_write_error_midway_leaves_no_temporary_files(tmp_path, monkeypatch):
    path = tmp_path / "teile.geojson"
    path.write_bytes(dumps(grid_collection()))
    config = make_config(tmp_path, geodata_url=str(path))
    ensure_boundaries(config, sample_city())
    before = cache_bytes(tmp_path / "cache")
    real_replace = os.replace

    def failing_replace(src, dst):
        if str(dst).endswith("districts.geojson"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    report = ensure_boundaries(config, sample_city(), force=True)

    assert report.status == "failed"
    assert "konnte nicht geschrieben werden" in "\n".join(report.messages)
    after = cache_bytes(tmp_path / "cache")
    assert set(after) == set(before)  # no temporary files left behind
    assert after[MANIFEST] == before[MANIFEST]  # the manifest (written last) is untouched


def test_a_corrupt_cache_is_reported_and_refetched(tmp_path):
    path = tmp_path / "teile.geojson"
    path.write_bytes(dumps(grid_collection()))
    config = make_config(tmp_path, geodata_url=str(path))
    ensure_boundaries(config, sample_city())
    (tmp_path / "cache" / "districts.geojson").write_text("{kaputt")

    with pytest.raises(GeodataError, match="beschädigt"):
        load_cached_boundaries(tmp_path / "cache")
    assert ensure_boundaries(config, sample_city()).status == "fetched"
    assert load_cached_boundaries(tmp_path / "cache") is not None


def test_no_cache_folder_means_none(tmp_path):
    assert load_cached_boundaries(tmp_path / "nichts") is None


# --- CLI -----------------------------------------------------------------------------
def set_env(monkeypatch, tmp_path, **settings):
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ATLAS_HTTP_TIMEOUT", "2")
    for key, value in settings.items():
        monkeypatch.setenv(f"ATLAS_{key.upper()}", value)


def test_cli_ensure_without_data_prints_the_reason_and_exits_0(monkeypatch, tmp_path, capsys):
    set_env(monkeypatch, tmp_path, geodata_url=str(tmp_path / "fehlt.geojson"))

    assert geodata.main(["ensure"]) == 0

    err = capsys.readouterr().err
    assert "fehlt.geojson" in err and "App startet trotzdem" in err
    assert not (tmp_path / "cache" / MANIFEST).exists()


def test_cli_fetch_fails_with_exit_1(monkeypatch, tmp_path, capsys):
    set_env(monkeypatch, tmp_path, geodata_url=str(tmp_path / "fehlt.geojson"))

    assert geodata.main(["fetch"]) == 1


def test_cli_ensure_then_info_prints_the_manifest(monkeypatch, tmp_path, capsys):
    path = tmp_path / "teile.geojson"
    path.write_bytes(dumps(grid_collection()))
    set_env(monkeypatch, tmp_path, geodata_url=str(path))
    monkeypatch.setattr(geodata, "load_city", lambda _path: sample_city())

    assert geodata.main(["ensure"]) == 0
    assert "12 Stadtteile" in capsys.readouterr().out
    assert geodata.main(["info"]) == 0

    info = json.loads(capsys.readouterr().out)
    assert info["counts"]["stadtteile"] == 12
    assert info["source_url"] == str(path)


def test_cli_info_without_cache(monkeypatch, tmp_path, capsys):
    set_env(monkeypatch, tmp_path)

    assert geodata.main(["info"]) == 0  # the shipped snapshot is what the app starts with
    out = capsys.readouterr()
    assert json.loads(out.out)["origin"] == "shipped" and "mitgeliefert" in out.err
    monkeypatch.setenv("ATLAS_SNAPSHOT_DIR", "")
    assert geodata.main(["info"]) == 1
    assert "noch kein Grenzen-Cache" in capsys.readouterr().out


def test_a_repaired_self_intersection_is_reported_in_output_and_manifest(tmp_path):
    """Issue 18, defect 10: the repair is no longer silent."""
    data = grid_collection()
    ring = data["features"][0]["geometry"]["coordinates"][0]
    ring[5], ring[6] = ring[6], ring[5]  # a tiny twist: the ring crosses itself
    assert not shape(data["features"][0]["geometry"]).is_valid
    path = tmp_path / "teile.geojson"
    path.write_bytes(dumps(data))

    report = ensure_boundaries(make_config(tmp_path, geodata_url=str(path)), sample_city())

    assert report.status == "fetched", report.messages
    name = data["features"][0]["properties"]["bez"]
    notes = [m for m in report.messages if "repariert" in m]
    assert len(notes) == 1 and f"„{name}“" in notes[0] and "Self-intersection" in notes[0]
    manifest = json.loads((tmp_path / "cache" / MANIFEST).read_text())
    assert notes[0] in manifest["warnings"]
