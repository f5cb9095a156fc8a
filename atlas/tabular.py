"""Read spreadsheets the way users export them: CSV in any common dialect, or .xlsx.

Coordinators save tables from Excel or LibreOffice: semicolons instead of
commas, cp1252 instead of UTF-8, a byte-order mark, decimal commas and German
dates; a GIS exports points as GeoJSON, GeoPackage or zipped Shapefile (read by
``atlas.vector``). This module turns such a file into plain text cells (a :class:`Table`);
interpreting the cells is the job of the schema (``atlas/schema.py``).
Files larger than a settable limit are refused before they are read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from atlas.errors import SchemaError
from atlas.numbers import format_decimal, format_int
from atlas.texts import RESOURCES as T
from atlas.texts import VALIDATION

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
_UTF8_BOM = b"\xef\xbb\xbf"
_XLSX_MAGIC = b"PK\x03\x04"
#: Uploads read as vector data (``atlas.vector``): places as points.
VECTOR_UPLOADS = (".geojson", ".gpkg", ".zip", ".shp")


@dataclass(frozen=True)
class TableRow:
    """One data row: its line number in the file (header = 1) and its cells."""

    number: int
    cells: dict[str, str]
    extra: tuple[str, ...] = ()  # cells beyond the header's columns

    def raw(self) -> dict[str, str]:
        """The row as read, extra cells included, for the data-quality table."""
        out = dict(self.cells)
        if self.extra:
            out[VALIDATION["extra_cells_column"]] = " | ".join(self.extra)
        return out


@dataclass(frozen=True)
class Table:
    """A read table: column names in file order and the non-empty rows."""

    name: str
    columns: tuple[str, ...]
    rows: list[TableRow] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str | None = ","


def check_size(size: int, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse a file larger than ``max_bytes`` with a German message (before reading it)."""
    if size > max_bytes:
        raise SchemaError(T["file_too_large"].format(
            name=name, size=format_decimal(size / 1_048_576),
            limit=format_int(max_bytes / 1_048_576)))


def read_table(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Table:
    """Read a CSV or .xlsx file from disk; the size is checked before reading."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise SchemaError(T["file_unreadable"].format(name=path, reason=e.strerror)) from e
    check_size(size, path.name, max_bytes)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SchemaError(T["file_unreadable"].format(name=path, reason=e.strerror)) from e
    return read_table_bytes(data, path.name, max_bytes=max_bytes)


def read_table_bytes(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
                     columns: Sequence[str] = ()) -> Table:
    """Read CSV, .xlsx or vector content (e.g. an upload); the format is told by name and
    content. ``columns`` are the schema's names, to undo a Shapefile's 10-character cut."""
    check_size(len(data), name, max_bytes)
    if not data.strip():
        raise SchemaError(T["file_empty"].format(name=name))
    lowered = name.lower()
    if lowered.endswith(VECTOR_UPLOADS):
        return _read_vector_points(data, name, columns)
    if lowered.endswith(".xls"):
        raise SchemaError(T["file_xls"].format(name=name))
    if lowered.endswith((".xlsx", ".xlsm")) or data.startswith(_XLSX_MAGIC):
        return _read_xlsx(data, name)
    encoding = detect_encoding(data)
    text = data.decode(encoding)
    return _read_csv_text(text, name, encoding)


def detect_encoding(data: bytes) -> str:
    """``utf-8-sig`` with a BOM, ``utf-8`` if it decodes, else ``cp1252`` or ``latin-1``."""
    if data.startswith(_UTF8_BOM):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"  # decodes every byte


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that splits the header line into the most cells (``,`` on a tie)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def _read_csv_text(text: str, name: str, encoding: str) -> Table:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = sniff_delimiter(first_line)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as e:
        raise SchemaError(T["file_not_csv"].format(name=name, reason=e)) from e
    return _table_from_rows(rows, name, encoding, delimiter)


def _read_xlsx(data: bytes, name: str) -> Table:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise SchemaError(T["file_not_xlsx"].format(name=name)) from e
    try:
        sheet = workbook.worksheets[0]
        rows = [[_xlsx_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _table_from_rows(rows, name, "xlsx", None)


def _read_vector_points(data: bytes, name: str, known: Sequence[str] = ()) -> Table:
    """Places from a GeoJSON, GeoPackage or zipped Shapefile of points: the attributes as
    columns, the point as ``lat``/``lon`` (rows numbered as if under a header line)."""
    from atlas.errors import GeodataError
    from atlas.vector import read_vector

    try:
        frame = read_vector(data, name=name, label=name)
    except GeodataError as e:
        raise SchemaError(T["file_not_vector"].format(name=name)) from e
    kinds = set(frame.geometry.dropna().geom_type)
    if kinds - {"Point"}:
        raise SchemaError(T["vector_not_points"].format(name=name, kinds=", ".join(sorted(kinds))))
    full = {k[:10]: k for k in known if len(k) > 10}  # dBase field names have 10 characters
    frame = frame.rename(columns={c: full[c] for c in frame.columns
                                  if c in full and full[c] not in frame.columns})
    columns = tuple(c for c in frame.columns if c != frame.geometry.name)
    columns += tuple(c for c in ("lat", "lon") if c not in columns)
    rows = []
    for number, (_, row) in enumerate(frame.iterrows(), start=2):
        cells = {c: "" if c not in row or _missing(row[c]) else _xlsx_cell_text(row[c])
                 for c in columns}
        point = row[frame.geometry.name]
        if point is not None and not point.is_empty:
            cells["lat"], cells["lon"] = f"{point.y:.7f}", f"{point.x:.7f}"  # not "51.065"
        rows.append(TableRow(number, cells))
    _check_header(columns, name)
    return Table(name, columns, rows, "vector", None)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # NaN


def _xlsx_cell_text(value: object) -> str:
    """Spreadsheet cell as text: whole numbers without ``.0``, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table_from_rows(rows: list[list[str]], name: str, encoding: str,
                     delimiter: str | None) -> Table:
    numbered = [(i + 1, [c.strip() for c in row]) for i, row in enumerate(rows)]
    numbered = [(n, cells) for n, cells in numbered if any(cells)]
    if not numbered:
        raise SchemaError(T["file_empty"].format(name=name))
    _, header = numbered[0]
    while header and not header[-1]:
        header = header[:-1]
    columns = tuple(header)
    _check_header(columns, name)
    out = []
    for number, cells in numbered[1:]:
        values = cells[: len(columns)] + [""] * (len(columns) - len(cells))
        extra = tuple(c for c in cells[len(columns):] if c)
        out.append(TableRow(number, dict(zip(columns, values, strict=True)), extra))
    return Table(name, columns, out, encoding, delimiter)


def _check_header(columns: tuple[str, ...], name: str) -> None:
    if any(not c for c in columns):
        position = columns.index("") + 1
        raise SchemaError(T["header_blank"].format(name=name, position=position))
    seen: set[str] = set()
    for column in columns:
        if column in seen:
            raise SchemaError(T["header_duplicate"].format(name=name, column=column))
        seen.add(column)


_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")


def parse_decimal(text: str) -> float:
    """A number written the German or the English way: ``51,05``, ``1.234,5``, ``51.05``.

    Raises ValueError for anything else (also for ambiguous ``1,234,5``).
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        raise ValueError(text)
    if _THOUSANDS_DOT.match(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if "," in cleaned:
        raise ValueError(text)
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


def parse_count(text: str) -> int:
    """A whole, non-negative number; German thousands separators allowed (``1.000``)."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    if re.fullmatch(r"\d+(\.0+|,0+)?", cleaned):
        return int(re.split(r"[.,]", cleaned)[0])
    raise ValueError(text)
