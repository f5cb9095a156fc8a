"""Download files (CSV, GeoJSON) that are safe to open in a spreadsheet.

Cells that start with ``=``, ``+``, ``-``, ``@`` (or a tab/carriage return)
would run as formulas in Excel or LibreOffice. They are prefixed with an
apostrophe on export, so the text survives but never executes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    """Return ``value`` with formula-like text made inert; other values unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def rows_to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads umlauts) of the given columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [neutralise_cell(_cell_text(row.get(col))) for col in columns]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ";".join(str(v) for v in value)
    return value


def features_to_geojson(features: Iterable[Mapping[str, Any]]) -> bytes:
    """A GeoJSON FeatureCollection as UTF-8 bytes."""
    collection = {"type": "FeatureCollection", "features": list(features)}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")
