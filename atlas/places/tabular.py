"""Read spreadsheets the way users export them: CSV in any common dialect, or .xlsx.

Coordinators save tables from Excel or LibreOffice: semicolons instead of
commas, cp1252 instead of UTF-8, a byte-order mark, decimal commas and German
dates; a GIS exports points as GeoJSON, GeoPackage or zipped Shapefile (read by
``atlas.geo.vector``). This module turns such a file into plain text cells (a :class:`Table`);
interpreting the cells is the job of the schema (``atlas/places/schema.py``).
Files larger than a settable limit are refused before they are read; .xlsx goes
through the zip and XML checks of ``atlas/places/xlsx.py``. Nothing is lost silently:
UTF-16 ("Unicode-Text") is read, binary junk and .xls get one German message, a
stray quote cannot swallow the rows after it, and a cell longer than
:data:`MAX_CELL_CHARS` sets only its own row aside.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from atlas.errors import SchemaError
from atlas.numbers import format_decimal, format_int
from atlas.places import xlsx
from atlas.settings import default_value
from atlas.texts import RESOURCES as T
from atlas.texts import VALIDATION

DEFAULT_MAX_BYTES = int(default_value("MAX_UPLOAD_MB")) * 1024 * 1024
MAX_ROWS = xlsx.MAX_ROWS
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
ACCEPTED_SUFFIXES = ("csv", "txt", "tsv", "xlsx", "xlsm", "xls",  # .xls: German refusal
                     "geojson", "gpkg", "zip")
DELIMITERS = (",", ";", "\t")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Uploads read as vector data (``atlas.geo.vector``): places as points.
VECTOR_UPLOADS = (".geojson", ".gpkg", ".zip", ".shp")


@dataclass(frozen=True)
class TableRow:
    """One data row: its line number in the file (header = 1) and its cells."""

    number: int
    cells: dict[str, str]
    extra: tuple[str, ...] = ()  # cells beyond the header's columns
    problem: str | None = None  # German reason the reader sets the row aside (cell too long)

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
    warnings: tuple[str, ...] = ()  # German notes on rows read in a special way


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
    if lowered.endswith(".xls") or data.startswith(_OLE_MAGIC):
        raise SchemaError(T["file_xls"].format(name=name))
    if lowered.endswith((".xlsx", ".xlsm")) or data.startswith(_XLSX_MAGIC):
        return _table_from_rows(xlsx.read_rows(data, name), name, "xlsx", None)
    encoding = detect_encoding(data)
    text = data.decode(encoding, errors="replace")
    if _looks_binary(text):
        raise SchemaError(T["file_binary"].format(name=name))
    return _read_csv_text(text, name, encoding)


def _looks_binary(text: str) -> bool:
    """NUL bytes or more than 1 % control characters: not a text table."""
    sample = text[:65536]
    return "\x00" in sample or len(_CONTROL.findall(sample)) > max(len(sample) // 100, 2)


def detect_encoding(data: bytes) -> str:
    """UTF-16 (with BOM, or every other byte zero), ``utf-8-sig`` with a BOM, ``utf-8`` if
    it decodes, else ``cp1252`` or ``latin-1``."""
    if data.startswith(_UTF16_BOMS):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 4 and head[1::2].count(0) > 0.9 * (len(head) // 2):
        return "utf-16-le"  # Excel's "Unicode-Text" without its BOM
    if len(head) >= 4 and head[0::2].count(0) > 0.9 * (len(head) // 2):
        return "utf-16-be"
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
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first_line = next((line for line in lines if line.strip()), "")
    delimiter = sniff_delimiter(first_line)
    if sum(1 for line in lines if line.strip()) > MAX_ROWS + 1:
        raise SchemaError(T["too_many_rows"].format(name=name, limit=MAX_ROWS))
    width = len(first_line.split(delimiter))
    rows = _csv_records(text, delimiter)
    if not _swallows_rows(rows, delimiter, width):
        return _table_from_rows(rows, name, encoding, delimiter)
    rows, notes = _csv_lines(lines, delimiter, name)
    return _table_from_rows(rows, name, encoding, delimiter, tuple(notes))


def _csv_records(text: str, delimiter: str) -> list[list[str]]:
    """Records as the csv module reads them (quoted cells may span lines)."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # long cells are checked per row later
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    finally:
        csv.field_size_limit(limit)


def _swallows_rows(rows: list[list[str]], delimiter: str, width: int) -> bool:
    """Whether a cell spans lines that look like whole rows (an unmatched quote)."""
    needed = max(width - 1, 1)
    return any("\n" in cell and any(line.count(delimiter) >= needed
                                    for line in cell.split("\n")[1:])
               for row in rows for cell in row)


def _csv_lines(lines: list[str], delimiter: str, name: str) -> tuple[list[list[str]], list[str]]:
    """One record per line; a line with an odd number of quotes is taken literally."""
    rows, notes = [], []
    for number, line in enumerate(lines, start=1):
        if line.count('"') % 2:
            rows.append(line.split(delimiter))
            notes.append(T["stray_quote"].format(name=name, row=number))
        else:
            rows.append(next(csv.reader([line], delimiter=delimiter), []))
    return rows, notes


def _read_vector_points(data: bytes, name: str, known: Sequence[str] = ()) -> Table:
    """Places from a GeoJSON, GeoPackage or zipped Shapefile of points: the attributes as
    columns, the point as ``lat``/``lon`` (rows numbered as if under a header line)."""
    from atlas.errors import GeodataError
    from atlas.geo.vector import read_vector

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
        cells = {c: "" if c not in row or _missing(row[c]) else xlsx.cell_text(row[c])
                 for c in columns}
        point = row[frame.geometry.name]
        if point is not None and not point.is_empty:
            cells["lat"], cells["lon"] = f"{point.y:.7f}", f"{point.x:.7f}"  # not "51.065"
        rows.append(TableRow(number, cells))
    _check_header(columns, name)
    return Table(name, columns, rows, "vector", None)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # NaN



def _table_from_rows(rows: list[list[str]], name: str, encoding: str,
                     delimiter: str | None, notes: tuple[str, ...] = ()) -> Table:
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
        out.append(TableRow(number, dict(zip(columns, values, strict=True)), extra,
                            _cell_problem(columns, cells)))
    return Table(name, columns, out, encoding, delimiter, notes)


def _cell_problem(columns: tuple[str, ...], cells: list[str]) -> str | None:
    for index, cell in enumerate(cells):
        if len(cell) > MAX_CELL_CHARS:
            column = columns[index] if index < len(columns) else f"{index + 1}"
            return T["cell_too_long"].format(column=column, length=len(cell),
                                             limit=format_int(MAX_CELL_CHARS))
    return None


def _check_header(columns: tuple[str, ...], name: str) -> None:
    if len(columns) > xlsx.MAX_COLUMNS:
        raise SchemaError(T["too_many_columns"].format(name=name, limit=xlsx.MAX_COLUMNS))
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
