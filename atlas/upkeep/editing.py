"""Editing rules for the "Pflege" page: who may change which place, and how.

The form speaks text cells, like a row of ``places.csv``, so every edit is
checked by the loader's own :func:`atlas.places.schema.convert_place` and a problem
comes back as :class:`~atlas.errors.EditError` naming the field. Whether a
change needs a second person (four eyes) is decided here, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from atlas.access.roles import Role, coerce_role
from atlas.city import City
from atlas.errors import EditError
from atlas.model import Resource
from atlas.places.schema import PLACE_COLUMNS, convert_place
from atlas.places.tabular import TableRow
from atlas.places.validation import RowProblem
from atlas.texts import PFLEGE as T

# What a version records as its action.
CREATE, EDIT, CLOSE, REOPEN, CHECKED, REVERT, IMPORT = (
    "create", "edit", "close", "reopen", "checked", "revert", "import")


@dataclass(frozen=True)
class Editor:
    """The signed-in person making a change: account name, role and own Stadtbezirke."""

    name: str
    role: Role
    bezirke: tuple[str, ...] = ()

    @property
    def is_admin(self) -> bool:
        return coerce_role(self.role) is Role.ADMIN


def may_edit(editor: Editor, record: Resource | None) -> bool:
    """Admins edit everything; koordination edits places of its own Stadtbezirke."""
    if editor.is_admin:
        return True
    if coerce_role(editor.role) is not Role.KOORDINATION or record is None:
        return False
    return record.stadtbezirk is not None and record.stadtbezirk in editor.bezirke


def check_may_edit(editor: Editor, record: Resource) -> None:
    """Raise a German EditError if ``editor`` may not change ``record``."""
    if may_edit(editor, record):
        return
    if coerce_role(editor.role) is Role.KOORDINATION and not editor.bezirke:
        raise EditError(T["no_bezirke"])
    raise EditError(T["not_your_bezirk"].format(
        bezirk=record.stadtbezirk or T["no_bezirk"], own=", ".join(editor.bezirke) or "—"),
        field="stadtbezirk")


def needs_review(old: Resource | None, new: Resource, *, review_on: bool) -> bool:
    """Four eyes for any change that touches a public place (before or after the change)."""
    if not review_on:
        return False
    return not new.is_internal or (old is not None and not old.is_internal)


def record_cells(record: Resource | None) -> dict[str, str]:
    """A record as text cells (the form's and the import's common language)."""
    if record is None:
        return {c: "" for c in PLACE_COLUMNS}
    data = record.model_dump(mode="json")
    return {c: _cell(data.get(c)) for c in PLACE_COLUMNS}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):  # "51.148" would read as a German thousands separator
        return f"{value:.6f}"
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return str(value)


def validate_cells(cells: dict[str, str], city: City) -> Resource:
    """The record the cells describe, checked by the loader; EditError names the field."""
    row = TableRow(0, {k: str(v or "") for k, v in cells.items() if k in PLACE_COLUMNS})
    try:
        return convert_place(row, city).resource
    except RowProblem as p:
        raise EditError(p.reason, field=p.column) from p


def closed(record: Resource, day: dt.date) -> Resource:
    """The record with ``valid_to`` = day (the place closed)."""
    if record.valid_from and record.valid_from > day.isoformat():
        raise EditError(T["close_before_start"].format(start=record.valid_from), "valid_to")
    return record.model_copy(update={"valid_to": day.isoformat()})


def reopened(record: Resource) -> Resource:
    """The record without ``valid_to`` (open again)."""
    return record.model_copy(update={"valid_to": None})


def checked(record: Resource, day: dt.date) -> Resource:
    """The record with ``last_checked`` = day and nothing else changed ("Geprüft")."""
    return record.model_copy(update={"last_checked": day.isoformat()})


EXACT_CLICK_ZOOM = 17  # from this zoom a click can hit the building; below: street level


def position_from_click(lat: float, lon: float, zoom: int | None) -> dict[str, str]:
    """Form cells for a map click: the point, how precise it is, and how it was set."""
    close = zoom is not None and zoom >= EXACT_CLICK_ZOOM
    return {"lat": f"{lat:.6f}", "lon": f"{lon:.6f}",
            "location_precision": "exact" if close else "street",
            "location_method": T["method_click"].format(zoom=zoom if zoom is not None else "?")}


def new_place_id(name: str, taken: set[str] | frozenset[str]) -> str:
    """A readable, unused id from the name: "Café am Markt" -> "cafe-am-markt" (-2, -3 …)."""
    import unicodedata

    from atlas.city import slugify

    ascii_name = unicodedata.normalize("NFKD", slugify(name or "", transliterate=True))
    base = ascii_name.encode("ascii", "ignore").decode()[:80].strip("-") or "ort"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def check_reason(reason: str, *, required: bool = True) -> str:
    text = (reason or "").strip()
    if required and not text:
        raise EditError(T["reason_missing"], field="reason")
    return text[:1000]


def bezirk_choices(editor: Editor, all_names: Sequence[str]) -> list[str]:
    """Stadtbezirke the editor may assign a place to."""
    return list(all_names) if editor.is_admin else [n for n in all_names if n in editor.bezirke]
