"""Loading places: every bad-input case is set aside with a German reason; good rows load."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from atlas.city import load_city
from atlas.model import Category, Precision, Visibility
from atlas.resources import (
    check_upload,
    files_version,
    load_resources,
    main,
    summarise,
)
from atlas.settings import ROOT

CITY = load_city(ROOT / "resources" / "city.yaml")
BASE = {"id": "a1", "name": "Treff", "category": "initiative", "stadtbezirk": "Neustadt",
        "source_url": "https://example.org/quelle", "source_date": "2020-05"}


def write_places(folder: Path, rows: list[dict], *, columns=None, encoding="utf-8",
                 delimiter=",", name="places.csv") -> Path:
    columns = columns or list(dict.fromkeys(k for row in rows for k in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=delimiter,
                            lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path = folder / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def load(folder: Path):
    return load_resources(folder, CITY)


def row(**changes) -> dict:
    return {**BASE, **changes}


def test_good_rows_load_and_bad_rows_are_set_aside_with_row_column_reason(tmp_path):
    write_places(tmp_path, [row(), row(id="a2", category="zirkus"), row(id="a3")])
    result = load(tmp_path)
    assert [r.id for r in result.records] == ["a1", "a3"]
    [error] = result.rejected
    assert (error.file, error.row, error.column) == ("places.csv", 3, "category")
    assert "„zirkus“" in error.reason and "Unbekannte Kategorie" in error.reason
    assert error.raw["id"] == "a2"
    assert error.as_dict()["grund"] == error.reason


def test_missing_required_column_sets_every_row_aside(tmp_path):
    write_places(tmp_path, [row()], columns=["id", "name", "source_url", "source_date"])
    result = load(tmp_path)
    assert result.records == []
    assert result.rejected[0].row is None
    assert "„category“" in result.rejected[0].reason
    assert any(e.row == 2 for e in result.rejected)


def test_missing_source_columns_are_reported(tmp_path):
    write_places(tmp_path, [row()], columns=["id", "name", "category", "source_date"])
    result = load(tmp_path)
    assert not result.records
    assert result.rejected[0].column == "source_url"


def test_unknown_column_is_a_warning_and_the_row_still_loads(tmp_path):
    write_places(tmp_path, [{**row(), "lieblingsfarbe": "blau"}])
    result = load(tmp_path)
    assert [r.id for r in result.records] == ["a1"]
    assert any("„lieblingsfarbe“" in w for w in result.warnings)


def test_duplicate_ids_keep_the_first_and_name_its_line(tmp_path):
    write_places(tmp_path, [row(), row(name="Zweiter")])
    result = load(tmp_path)
    assert [r.name for r in result.records] == ["Treff"]
    [error] = result.rejected
    assert error.column == "id" and "zuerst in Zeile 2" in error.reason


def test_coordinates_outside_the_city_are_rejected(tmp_path):
    write_places(tmp_path, [row(lat="52.52", lon="13.40")])  # Berlin
    [error] = load(tmp_path).rejected
    assert error.column == "lat" and "außerhalb von Dresden" in error.reason


def test_swapped_lat_lon_are_swapped_back_with_a_warning(tmp_path):
    write_places(tmp_path, [row(lat="13,7373", lon="51,0504")], delimiter=";")
    result = load(tmp_path)
    [record] = result.records
    assert (record.lat, record.lon) == (51.0504, 13.7373)
    assert record.location_precision == Precision.EXACT
    assert any("vertauscht" in w for w in result.warnings)


def test_only_one_coordinate_is_rejected(tmp_path):
    write_places(tmp_path, [row(lat="51.05", lon="")])
    [error] = load(tmp_path).rejected
    assert error.column == "lon"


@pytest.mark.parametrize("changes,column,needle", [
    ({"handlungsfelder": "M;X"}, "handlungsfelder", "„X“"),
    ({"stadtbezirk": "Atlantis"}, "stadtbezirk", "„Atlantis“"),
    ({"valid_from": "31.02.2019"}, "valid_from", "31.02.2019"),
    ({"source_date": ""}, "source_date", "fehlt"),
    ({"source_url": "javascript:alert(1)"}, "source_url", "kein http(s)-Link"),
    ({"website": "ftp://x"}, "website", "kein http(s)-Link"),
    ({"capacity": "ca. 80"}, "capacity", "„ca. 80“"),
    ({"postcode": "1234567"}, "postcode", "fünf Ziffern"),
    ({"languages": "deutsch"}, "languages", "ISO"),
    ({"status": "offen"}, "status", "„offen“"),
    ({"email": "kein-at"}, "email", "ungültig"),
    ({"valid_from": "2020", "valid_to": "2019"}, "valid_to", "vor valid_from"),
    ({"name": ""}, "name", "leer"),
    ({"name": "x" * 400}, "name", "höchstens 300 Zeichen"),
])
def test_bad_cells_name_column_and_value(tmp_path, changes, column, needle):
    write_places(tmp_path, [row(**changes)])
    [error] = load(tmp_path).rejected
    assert error.column == column
    assert needle in error.reason


def test_html_and_script_are_stored_verbatim_as_text(tmp_path):
    evil = '<script>alert("x")</script><b>fett</b>'
    write_places(tmp_path, [row(name=evil, description="<img src=x onerror=alert(1)>")])
    [record] = load(tmp_path).records
    assert record.name == evil
    assert record.description == "<img src=x onerror=alert(1)>"


def test_formula_cells_load_as_text_and_are_neutralised_on_export(tmp_path):
    from atlas.export.downloads import rows_to_csv

    write_places(tmp_path, [row(id="f1", name="=HYPERLINK(\"http://x\")", notes="@SUM(1)")])
    [record] = load(tmp_path).records
    assert record.name.startswith("=")
    exported = rows_to_csv([record.model_dump()], ["name", "notes"]).decode("utf-8-sig")
    assert "'=HYPERLINK" in exported and "'@SUM" in exported


def test_accommodation_without_visibility_is_internal(tmp_path):
    write_places(tmp_path, [row(id="u1", category="unterkunft", visibility=""),
                            row(id="u2", category="unterkunft", visibility="öffentlich"),
                            row(id="b1", category="beratung", visibility="")])
    records = {r.id: r for r in load(tmp_path).records}
    assert records["u1"].visibility == Visibility.INTERNAL
    assert records["u2"].visibility == Visibility.PUBLIC  # stated explicitly
    assert records["b1"].visibility == Visibility.PUBLIC


def test_spreadsheet_export_semicolon_cp1252_bom_decimal_comma_german_date(tmp_path):
    rows = [row(id="ö1", name="Begegnungscafé Löbtau", stadtbezirk="Cotta", lat="51,0421",
                lon="13,6985", valid_from="31.12.2019", capacity="1.000",
                category="Regelangebot", handlungsfelder="b, s")]
    for encoding in ("cp1252", "utf-8-sig"):
        write_places(tmp_path, rows, delimiter=";", encoding=encoding)
        result = load(tmp_path)
        assert not result.rejected, result.rejected
        [record] = result.records
        assert record.name == "Begegnungscafé Löbtau"
        assert (record.lat, record.lon) == (51.0421, 13.6985)
        assert record.valid_from == "2019-12-31"
        assert record.capacity == 1000
        assert record.category == Category.REGELANGEBOT
        assert record.handlungsfelder == ("B", "S")


def test_xlsx_places_file_loads(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(BASE) + ["postcode", "valid_from"])
    sheet.append(list(BASE.values()) + [1099, "31.12.2019"])
    workbook.save(tmp_path / "places.xlsx")
    [record] = load(tmp_path).records
    assert record.postcode == "01099" and record.valid_from == "2019-12-31"


def test_aliases_resolve_to_the_configured_district(tmp_path):
    write_places(tmp_path, [row(stadtbezirk="Cossebaude"), row(id="a2", stadtbezirk="loebtau")])
    result = load(tmp_path)
    assert [r.stadtbezirk for r in result.records] == ["Cossebaude/Mobschatz/Oberwartha"]
    assert result.rejected[0].column == "stadtbezirk"


def test_a_file_too_large_is_one_file_level_error(tmp_path):
    write_places(tmp_path, [row()])
    result = load_resources(tmp_path, CITY, max_bytes=10)
    assert result.records == []
    assert result.rejected[0].row is None and "zu groß" in result.rejected[0].reason


def test_service_areas_load_and_unknown_districts_are_set_aside(tmp_path):
    write_places(tmp_path, [row(service_area="msa-nord"), row(id="a2", service_area="msa-mond")])
    (tmp_path / "service_areas.csv").write_text(
        "id,name,kind,stadtbezirke,provider,source_url,source_date,notes\n"
        "msa-nord,MSA-Region Nord,msa_region,Neustadt;Langebrück,Afropa e.V.,"
        "https://example.org,2019-02-14,\n"
        "msa-x,Region X,msa_region,Neustadt;Mordor,,https://example.org,2019,\n",
        encoding="utf-8")
    result = load(tmp_path)
    [area] = result.service_areas
    assert area.stadtbezirke == ("Neustadt", "Langebrück/Schönborn")
    assert result.rejected[0].column == "stadtbezirke" and "„Mordor“" in result.rejected[0].reason
    assert any("msa-mond" in w for w in result.warnings)


def test_public_row_at_an_accommodation_address_is_flagged(tmp_path):
    write_places(tmp_path, [
        row(id="u1", category="unterkunft", street="Musterstraße", housenumber="9"),
        row(id="i1", street="Musterstr.", housenumber="9"),
    ])
    warnings = load(tmp_path).warnings
    assert any("„i1“" in w and "Unterkunft" in w for w in warnings)


def test_version_changes_with_the_content(tmp_path):
    path = write_places(tmp_path, [row()])
    first = load(tmp_path).version
    assert first == files_version([path, tmp_path / "service_areas.csv"])
    write_places(tmp_path, [row(name="anders")])
    assert load(tmp_path).version != first


def test_check_upload_reports_without_storing(tmp_path):
    data = "id;name;category;source_url;source_date\nx;Y;msa;https://e.org;2020\nx;Z;msa;;2020\n"
    check = check_upload(data.encode("cp1252"), "meine.csv", CITY)
    assert [r.id for r in check.records] == ["x"]
    assert check.rejected[0].row == 3
    assert not list(tmp_path.iterdir())
    broken = check_upload(b"", "leer.csv", CITY)
    assert broken.rejected[0].row is None and "leer" in broken.rejected[0].reason


def test_summary_and_cli(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    write_places(tmp_path, [row(), row(id="u1", category="unterkunft"), row(id="bad",
                                                                         category="x")])
    result = load(tmp_path)
    text = summarise(result, CITY)
    assert "2 Orte geladen, 1 Zeilen zurückgestellt" in text
    assert "Unterkunft" in text and "Neustadt" in text and "Lage: keine Angabe" in text
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "Zeile 4, Spalte category" in out
    assert main(["kaputt"]) == 2


def test_model_defaults_accommodation_to_internal_and_checks_positions():
    from pydantic import ValidationError

    from atlas.model import Resource

    base = {"id": "x", "name": "X", "source_date": "2020"}
    assert Resource(**base, category="unterkunft").visibility == Visibility.INTERNAL
    assert Resource(**base, category="unterkunft", visibility="public").visibility == "public"
    assert Resource(**base, category="beratung").visibility == Visibility.PUBLIC
    with pytest.raises(ValidationError):
        Resource(**base, category="beratung", lat=51.0)
