"""Import a places table (CSV/XLSX) into the store: a diff preview first, then one transaction.

:func:`preview_import` checks the file with the loader's own rules and sorts
every row into new, changed, unchanged or rejected (with a German reason).
Columns the file does not have keep their stored values, so a table with only
``id`` and ``phone`` updates phone numbers and nothing else.
:func:`apply_import` writes the confirmed preview in one transaction; changes
to public places become proposals when four-eyes review is on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from atlas.city import City
from atlas.errors import SchemaError
from atlas.model import Resource
from atlas.places.tabular import DEFAULT_MAX_BYTES, read_table_bytes
from atlas.places.validation import RowError
from atlas.resources import check_places_table
from atlas.store.places import FieldChange, describe_changes, diff_fields, record_data
from atlas.texts import IMPORT as T
from atlas.upkeep.editing import IMPORT, Editor, may_edit, needs_review

NEW, CHANGED, UNCHANGED, REJECTED = "neu", "geändert", "unverändert", "abgewiesen"


@dataclass(frozen=True)
class ImportRow:
    """One row of the preview."""

    status: str
    place_id: str | None
    name: str | None
    row: int | None
    reason: str = ""
    changes: tuple[FieldChange, ...] = ()
    record: Resource | None = None
    base_version: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "zeile": self.row, "id": self.place_id,
                "name": self.name, "änderungen": describe_changes(self.changes, limit=8)
                if self.status == CHANGED else "", "grund": self.reason}


@dataclass
class ImportPreview:
    """The whole preview: rows in file order and the counts per status."""

    file: str
    rows: list[ImportRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(r.status for r in self.rows)
        return {s: found.get(s, 0) for s in (NEW, CHANGED, UNCHANGED, REJECTED)}

    @property
    def writes(self) -> list[ImportRow]:
        return [r for r in self.rows if r.status in (NEW, CHANGED)]


def preview_import(data: bytes, name: str, city: City, current: dict[str, tuple[Resource, int]],
                   editor: Editor, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportPreview:
    """Sort every row of the file; nothing is stored."""
    preview = ImportPreview(name)
    try:
        table = read_table_bytes(data, name, max_bytes=max_bytes)
    except SchemaError as e:
        preview.rows.append(ImportRow(REJECTED, None, None, None, str(e)))
        return preview
    checked = check_places_table(table, city)
    preview.warnings = list(checked.warnings)
    preview.rows.extend(_rejected(e) for e in checked.rejected)
    rows_by_id = {r.cells.get("id", "").strip(): r.number for r in table.rows}
    present = set(table.columns)
    for record in checked.records:
        number = rows_by_id.get(record.id)
        preview.rows.append(_sort(record, number, current.get(record.id), present, editor))
    preview.rows.sort(key=lambda r: (r.row is not None, r.row or 0))
    return preview


def _rejected(error: RowError) -> ImportRow:
    name = error.raw.get("name") if error.raw else None
    place_id = error.raw.get("id") if error.raw else None
    column = f" ({error.column})" if error.column else ""
    return ImportRow(REJECTED, place_id, name, error.row, f"{error.reason}{column}")


def _sort(record: Resource, number: int | None, stored: tuple[Resource, int] | None,
          present: set[str], editor: Editor) -> ImportRow:
    if stored is None:
        if not may_edit(editor, record):
            return ImportRow(REJECTED, record.id, record.name, number,
                             T["not_allowed"].format(bezirk=record.stadtbezirk or "—"))
        return ImportRow(NEW, record.id, record.name, number, record=record,
                         changes=diff_fields(None, record_data(record)))
    old, version = stored
    merged = old.model_copy(update={k: getattr(record, k) for k in present
                                    if k in Resource.model_fields})
    merged = Resource.model_validate(record_data(merged))
    changes = diff_fields(record_data(old), record_data(merged))
    if not changes:
        return ImportRow(UNCHANGED, record.id, record.name, number, base_version=version)
    if not (may_edit(editor, old) and may_edit(editor, merged)):
        return ImportRow(REJECTED, record.id, record.name, number,
                         T["not_allowed"].format(bezirk=old.stadtbezirk or "—"))
    return ImportRow(CHANGED, record.id, record.name, number, changes=changes, record=merged,
                     base_version=version)


@dataclass(frozen=True)
class ImportOutcome:
    live: int
    pending: int


def apply_import(store, preview: ImportPreview, current: dict[str, tuple[Resource, int]],
                 editor: Editor, *, reason: str, review_on: bool) -> ImportOutcome:
    """Write the preview's new and changed rows in one transaction (all or nothing).

    A row whose place changed since the preview fails the whole import with the
    stale-version message; the preview must then be made again.
    """
    from atlas.store import places as place_store
    from atlas.store import review

    live = pending = 0
    with store.write() as conn:
        for row in preview.writes:
            old = current.get(row.place_id, (None, 0))[0]
            if needs_review(old, row.record, review_on=review_on):
                head = place_store.current_version(conn, row.place_id, lock=True)
                if head != row.base_version:
                    raise place_store.StaleVersionError(place_store.stale_message(
                        conn, row.place_id, row.base_version, head))
                review.propose(conn, row.record, base_version=row.base_version,
                               action=IMPORT, author=editor.name, reason=reason)
                pending += 1
            else:
                place_store.write_version(conn, row.record, base_version=row.base_version,
                                          action=IMPORT, author=editor.name, reason=reason)
                live += 1
    return ImportOutcome(live, pending)
