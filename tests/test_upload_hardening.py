"""Uploads that used to lose rows, garble them, hang the server or speak English (issue 18,
defects 3 and 7): each gets one clear German message, and every good row survives."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from atlas import texts
from atlas.city import load_city
from atlas.errors import SchemaError
from atlas.places import xlsx
from atlas.places.tabular import ACCEPTED_SUFFIXES, MAX_CELL_CHARS, read_table_bytes
from atlas.resources import check_upload

ROOT = Path(__file__).resolve().parent.parent
T = texts.RESOURCES
HEADER = "id;name;category;stadtbezirk;source_url;source_date"
GOOD = [f"ok{i};Treff {i};initiative;Neustadt;https://example.org;2020" for i in range(1, 5)]


@pytest.fixture(scope="module")
def city():
    return load_city(ROOT / "resources" / "city.yaml")


def _ids(check) -> list[str]:
    return [r.id for r in check.records]


# --- XLSX bombs -------------------------------------------------------------------


def _xlsx(sheet_xml: bytes, *, level: int = 9) -> bytes:
    """A minimal workbook whose first sheet is ``sheet_xml``."""
    parts = {
        "[Content_Types].xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            b'.org/package/2006/content-types"><Default Extension="rels" ContentType="applicati'
            b'on/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" Conten'
            b'tType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="appli'
            b'cation/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override'
            b' PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats'
            b'-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxm'
            b'lformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sch'
            b'emas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
            b'"xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            b'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlform'
            b'ats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/offic'
            b'eDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
            b'</sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxm'
            b'lformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://sch'
            b'emas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="work'
            b'sheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def _sheet(rows: list[list[str]] | None = None, *, repeat: int = 0, prolog: bytes = b"") -> bytes:
    """Sheet XML with inline strings; ``repeat`` adds that many copies of one data row."""
    def row(cells: list[str]) -> bytes:  # no r="…": rows follow each other
        inner = "".join(f'<c t="inlineStr"><is><t>{c}</t></is></c>' for c in cells)
        return f"<row>{inner}</row>".encode()

    rows = rows or [HEADER.split(";"), GOOD[0].split(";")]
    body = b"".join(row(r) for r in rows) + row(GOOD[1].split(";")) * repeat
    return (b'<?xml version="1.0" encoding="UTF-8"?>' + prolog +
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData>" + body + b"</sheetData></worksheet>")


def test_a_small_valid_workbook_still_reads(city):
    check = check_upload(_xlsx(_sheet()), "orte.xlsx", city)
    assert _ids(check) == ["ok1"]


def test_generated_bomb_is_refused_quickly_with_a_german_message():
    """400k rows in well under a megabyte: refused from the zip entries, before parsing."""
    bomb = _xlsx(_sheet(repeat=400_000))
    assert len(bomb) < 1_000_000
    started = time.perf_counter()
    with pytest.raises(SchemaError) as e:
        read_table_bytes(bomb, "bombe.xlsx")
    assert time.perf_counter() - started < 10
    assert "bombe.xlsx" in str(e.value) and ("komprimiert" in str(e.value)
                                              or "entpackt" in str(e.value))


def test_unpacked_size_counts_real_bytes_not_the_declared_size(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_UNPACKED_BYTES", 200_000)
    monkeypatch.setattr(xlsx, "MAX_RATIO", 10**9)
    with pytest.raises(SchemaError, match="entpackt größer als"):
        xlsx.check_package(_xlsx(_sheet(repeat=5_000)), "gross.xlsx")


def test_too_many_rows_stop_early(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_RATIO", 10**9)
    with pytest.raises(SchemaError, match="mehr als 10000 Datenzeilen"):
        read_table_bytes(_xlsx(_sheet(repeat=xlsx.MAX_ROWS + 5), level=1), "viele.xlsx")


def test_xml_entities_are_refused():
    laughs = (b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>')
    sheet = _sheet(prolog=laughs).replace(b"Treff 1", b"&lol2;")
    with pytest.raises(SchemaError, match="XML-Entitäten"):
        read_table_bytes(_xlsx(sheet), "entity.xlsx")


def test_too_many_columns_are_refused():
    wide = [[f"c{i}" for i in range(xlsx.MAX_COLUMNS + 5)], ["x"] * (xlsx.MAX_COLUMNS + 5)]
    with pytest.raises(SchemaError, match="mehr als 200 Spalten"):
        read_table_bytes(_xlsx(_sheet(wide)), "breit.xlsx")


# --- CSV that lost or garbled rows ----------------------------------------------------


def test_stray_quote_does_not_swallow_the_following_rows(city):
    rows = [GOOD[0], 'ok2;"Café Eck;initiative;Neustadt;https://example.org;2020', *GOOD[2:]]
    check = check_upload(("\n".join([HEADER, *rows]) + "\n").encode(), "orte.csv", city)
    assert {"ok1", "ok3", "ok4"} <= set(_ids(check))
    assert any("Anführungszeichen" in w and "Zeile 3" in w for w in check.warnings)


def test_quoted_cells_over_several_lines_still_work(city):
    data = (HEADER + ";notes\n" + GOOD[0] + ';"Zeile eins\nZeile zwei"\n' + GOOD[1] + ";\n")
    check = check_upload(data.encode(), "orte.csv", city)
    assert _ids(check) == ["ok1", "ok2"] and not check.warnings


def test_header_only_says_so(city):
    check = check_upload((HEADER + "\n").encode(), "leer.csv", city)
    assert [e.reason for e in check.rejected] == [T["file_header_only"].format(name="leer.csv")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_unicode_text_is_read(city, encoding):
    text = "\n".join([HEADER, *GOOD]).replace(";", "\t").replace("Treff 1", "Treff Löbtau")
    check = check_upload(text.encode(encoding), "unicode.txt", city)
    assert _ids(check) == ["ok1", "ok2", "ok3", "ok4"]
    assert check.records[0].name == "Treff Löbtau"


def test_binary_junk_gives_one_message(city):
    junk = bytes(range(256)) * 200
    check = check_upload(junk, "foto.csv", city)
    assert len(check.rejected) == 1
    assert check.rejected[0].reason == T["file_binary"].format(name="foto.csv")


@pytest.mark.parametrize(("name", "data"), [
    ("alt.xls", b"irgendwas"),
    ("alt.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
])
def test_old_excel_gets_a_german_refusal(city, name, data):
    check = check_upload(data, name, city)
    assert [e.reason for e in check.rejected] == [T["file_xls"].format(name=name)]


def test_uploader_accepts_xls_so_the_german_message_shows():
    assert "xls" in ACCEPTED_SUFFIXES and "xlsx" in ACCEPTED_SUFFIXES
    source = (ROOT / "pages" / "qualitaet.py").read_text()
    assert "type=list(ACCEPTED_SUFFIXES)" in source


def test_overlong_cell_sets_only_its_row_aside(city):
    long_name = "x" * (128 * 1024 + 1)
    rows = [GOOD[0], f"ok2;{long_name};initiative;Neustadt;https://example.org;2020", *GOOD[2:]]
    check = check_upload(("\n".join([HEADER, *rows]) + "\n").encode(), "lang.csv", city)
    assert _ids(check) == ["ok1", "ok3", "ok4"]
    (error,) = check.rejected
    assert error.row == 3 and "zu lang" in error.reason and f"{MAX_CELL_CHARS:,}".replace(
        ",", ".") in error.reason
    assert "field larger" not in error.reason
