"""Read an uploaded .xlsx safely: zip checks first, no XML entities, streamed with limits.

An .xlsx file is a zip of XML parts. A few hundred kilobytes can unpack to
gigabytes (a "zip bomb") or declare XML entities that expand on parsing. Before
openpyxl sees the file, every zip entry is read once in chunks: the real
unpacked size (not the size the entry claims) and the compression ratio are
capped, and a ``<!DOCTYPE`` or ``<!ENTITY`` anywhere is refused. The sheet is
then streamed row by row (openpyxl's read-only mode) with limits on rows and
columns, so a huge sheet stops early with a German message. (Cell length is
checked for every format in ``atlas.places.tabular``.)
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator

from atlas.errors import SchemaError
from atlas.texts import RESOURCES as T

MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all XML parts together
MAX_RATIO = 100  # unpacked / packed, per entry larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 200
_CHUNK = 256 * 1024
_FORBIDDEN = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_package(data: bytes, name: str) -> None:
    """Refuse a zip that unpacks too large, compresses suspiciously well or declares entities."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise SchemaError(T["file_not_xlsx"].format(name=name)) from e
    total = 0
    with archive:
        for info in archive.infolist():
            total += _check_entry(archive, info, name, MAX_UNPACKED_BYTES - total)


def _check_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str,
                 budget: int) -> int:
    """Unpack one entry in chunks (without keeping it); returns its real size."""
    if info.file_size > budget:
        raise SchemaError(_too_big(name))
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise SchemaError(T["xlsx_ratio"].format(name=name, ratio=MAX_RATIO))  # as declared
    size, tail = 0, b""
    try:
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                size += len(chunk)
                if size > budget:
                    raise SchemaError(_too_big(name))
                if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
                    raise SchemaError(T["xlsx_ratio"].format(name=name, ratio=MAX_RATIO))
                if _FORBIDDEN.search(tail + chunk):
                    raise SchemaError(T["xlsx_entities"].format(name=name))
                tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
        raise SchemaError(T["file_not_xlsx"].format(name=name)) from e
    return size


def _too_big(name: str) -> str:
    return T["xlsx_unpacked"].format(name=name, limit=MAX_UNPACKED_BYTES // 1_048_576)


def read_rows(data: bytes, name: str) -> list[list[str]]:
    """The first sheet's rows as text cells, after :func:`check_package`."""
    check_package(data, name)  # before openpyxl is even imported
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        raise SchemaError(T["file_not_xlsx"].format(name=name)) from e
    try:
        return list(_limited_rows(workbook.worksheets[0], name))
    except (KeyError, ValueError, IndexError, TypeError) as e:  # broken XML inside the sheet
        raise SchemaError(T["file_not_xlsx"].format(name=name)) from e
    finally:
        workbook.close()


def _limited_rows(sheet, name: str) -> Iterator[list[str]]:
    """Stream rows; stop with a German message past the row, column or cell limit."""
    sheet.reset_dimensions()  # do not trust the declared size (could claim 16384 columns)
    for index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if index > MAX_ROWS + 1:  # header + MAX_ROWS data rows
            raise SchemaError(T["too_many_rows"].format(name=name, limit=MAX_ROWS))
        if len(row) > MAX_COLUMNS and any(v not in (None, "") for v in row[MAX_COLUMNS:]):
            raise SchemaError(T["too_many_columns"].format(name=name, limit=MAX_COLUMNS))
        yield [cell_text(v) for v in row[:MAX_COLUMNS]]


def cell_text(value: object) -> str:
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
