"""One filtered selection of places with everything the map page derives from it.

Built once per data version, role and filter state (``ui.data.map_selection``
caches it), so a rerun without a filter change costs no filtering, no payload
and no table building.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from atlas.city import City
from atlas.citymap.details import table_row
from atlas.citymap.filters import FilterState, apply_filters
from atlas.citymap.layers import build_place_payloads, script_json
from atlas.model import Resource


@dataclass(frozen=True)
class Selection:
    """Filtered records, their marker payload (dict and serialised) and the table."""

    records: list[Resource]
    payloads: dict[str, Any]
    payload_json: str
    table: pd.DataFrame


def select_places(records: Iterable[Resource], filters: FilterState, *, city: City,
                  today: dt.date, internal: bool = False) -> Selection:
    """Apply the filters and prepare the map payload and the table rows (capacity
    only for signed-in sessions)."""
    chosen = apply_filters(records, filters, city=city, today=today)
    payloads = build_place_payloads(chosen)
    return Selection(chosen, payloads, script_json(payloads),
                     pd.DataFrame([table_row(r, internal=internal) for r in chosen]))
