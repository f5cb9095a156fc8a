"""Spreadsheet reading: encodings, delimiters, number and date formats, xlsx, size limit."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from atlas.errors import SchemaError
from atlas.places.tabular import (
    detect_encoding,
    parse_count,
    parse_decimal,
    read_table,
    read_table_bytes,
    sniff_delimiter,
)

ROWS = "id;name;notes\nb1;Bürgerbüro Löbtau;Straße\n"


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252"),
])
def test_encodings_are_detected_and_umlauts_survive(encoding, expected):
    data = ROWS.encode(encoding)
    assert detect_encoding(data) == expected
    table = read_table_bytes(data, "orte.csv")
    assert table.columns == ("id", "name", "notes")  # no BOM glued to "id"
    assert table.rows[0].cells["name"] == "Bürgerbüro Löbtau"
    assert table.rows[0].cells["notes"] == "Straße"


def test_latin1_bytes_undefined_in_cp1252_still_decode():
    data = "id,name\nx,Caf\xe9 \x81\n".encode("latin-1")
    table = read_table_bytes(data, "x.csv")
    assert table.rows[0].cells["name"].startswith("Café")


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_delimiter_is_sniffed_from_the_header(sep):
    text = sep.join(["id", "name", "lat"]) + "\n" + sep.join(["a", "Ort, mit Komma", "51,05"])
    if sep == ",":
        text = 'id,name,lat\na,"Ort, mit Komma","51,05"'
    table = read_table_bytes(text.encode(), "x.csv")
    assert table.delimiter == sep
    assert table.rows[0].cells == {"id": "a", "name": "Ort, mit Komma", "lat": "51,05"}


def test_sniff_delimiter_defaults_to_comma():
    assert sniff_delimiter("single") == ","
    assert sniff_delimiter("a;b;c,d") == ";"


def test_row_numbers_follow_the_file_and_blank_lines_are_skipped():
    table = read_table_bytes(b"id,name\n\na,A\n,\nb,B\n", "x.csv")
    assert [r.number for r in table.rows] == [3, 5]


def test_extra_cells_are_kept_for_the_report():
    table = read_table_bytes(b"id,name\na,A,surplus\n", "x.csv")
    assert table.rows[0].extra == ("surplus",)
    assert "surplus" in table.rows[0].raw()["(zusätzliche Zellen)"]


@pytest.mark.parametrize("data,message", [
    (b"", "leer"),
    (b"\n\n", "leer"),
    (b"id,id\n1,2\n", "doppelt"),
    (b"id,,name\n1,2,3\n", "keine Überschrift"),
])
def test_broken_headers_give_german_messages(data, message):
    with pytest.raises(SchemaError, match=message):
        read_table_bytes(data, "x.csv")


def test_old_xls_is_refused_with_advice():
    with pytest.raises(SchemaError, match=r"\.xlsx"):
        read_table_bytes(b"\xd0\xcf\x11\xe0 binary", "alt.xls")


def test_xlsx_cells_become_text_dates_iso_and_whole_numbers_plain():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "name", "capacity", "lat", "valid_from", "postcode"])
    sheet.append(["a", "Treff", 12.0, 51.05, dt.datetime(2019, 12, 31), 1099])
    sheet.append([None, None, None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table_bytes(buffer.getvalue(), "orte.xlsx")
    assert table.encoding == "xlsx"
    assert table.rows[0].cells == {"id": "a", "name": "Treff", "capacity": "12", "lat": "51.05",
                                   "valid_from": "2019-12-31", "postcode": "1099"}
    assert len(table.rows) == 1


def test_broken_xlsx_is_a_german_error_not_a_crash():
    with pytest.raises(SchemaError, match="keine lesbare Excel-Datei"):
        read_table_bytes(b"PK\x03\x04 not really a zip", "kaputt.xlsx")


def test_a_50_mb_file_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "riesig.csv"
    with big.open("wb") as fh:  # sparse: no 50 MB written to disk
        fh.truncate(50 * 1024 * 1024 + 1)

    def no_read(*args, **kwargs):
        raise AssertionError("file content must not be read")

    monkeypatch.setattr(type(big), "read_bytes", no_read)
    with pytest.raises(SchemaError, match=r"riesig\.csv.*zu groß.*50 MB"):
        read_table(big)


def test_size_limit_is_settable(tmp_path):
    path = tmp_path / "klein.csv"
    path.write_text("id,name\na,A\n", encoding="utf-8")
    assert read_table(path, max_bytes=1000).rows
    with pytest.raises(SchemaError, match="zu groß"):
        read_table(path, max_bytes=5)


def test_missing_file_is_a_german_error(tmp_path):
    with pytest.raises(SchemaError, match="nicht lesbar"):
        read_table(tmp_path / "fehlt.csv")


@pytest.mark.parametrize("text,value", [
    ("51,05", 51.05), ("51.05", 51.05), ("1.234,5", 1234.5), ("-3", -3.0), (" 13,7 ", 13.7),
])
def test_parse_decimal_accepts_german_and_english_forms(text, value):
    assert parse_decimal(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "nan", "inf"])
def test_parse_decimal_rejects_garbage(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


@pytest.mark.parametrize("text,value", [("82", 82), ("1.000", 1000), ("12,0", 12)])
def test_parse_count(text, value):
    assert parse_count(text) == value


@pytest.mark.parametrize("text", ["-1", "12,5", "ca. 80", "82 (65+17)"])
def test_parse_count_rejects_non_counts(text):
    with pytest.raises(ValueError):
        parse_count(text)
