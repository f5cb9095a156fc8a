"""How current the data is: the coordinators' to-do list per Stadtbezirk.

A current place (not closed) is on the list for each of three reasons:
not checked for more than twelve months (or never), its status is unclear,
or it has no exact position (no address point). Closed places are history and
need no visit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from atlas import texts
from atlas.dates import parse_partial_date
from atlas.model import Precision, Resource, Status
from atlas.numbers import format_date

T = texts.FRESHNESS
STALE_DAYS = 365
REASONS = ("stale", "unclear", "position")
TODO_COLUMNS = ("stadtbezirk", "id", "name", "kategorie", "gruende", "zuletzt_geprueft",
                "status", "letzter_beleg", "lage")


@dataclass(frozen=True)
class TodoItem:
    """One place and why it needs a look."""

    record: Resource
    reasons: tuple[str, ...]

    @property
    def district(self) -> str:
        return self.record.stadtbezirk or texts.KEINE_ANGABE

    def as_row(self) -> dict[str, str]:
        """Flat row for the table and the CSV to-do download (German values)."""
        from atlas.places.placeinfo import position_label

        r = self.record
        return {
            "stadtbezirk": self.district, "id": r.id, "name": r.name,
            "kategorie": texts.CATEGORY_LABELS.get(r.category.value, r.category.value),
            "gruende": "; ".join(T[f"reason_{k}"] for k in self.reasons),
            "zuletzt_geprueft": format_date(r.last_checked, missing=T["never"]),
            "status": texts.STATUS_LABELS.get(r.status.value, r.status.value),
            "letzter_beleg": format_date(r.status_date),
            "lage": position_label(r),
        }


def is_stale(record: Resource, today: dt.date) -> bool:
    """Never checked, or last checked more than :data:`STALE_DAYS` ago."""
    if not record.last_checked:
        return True
    return (today - parse_partial_date(record.last_checked, end=True)).days > STALE_DAYS


def reasons_for(record: Resource, today: dt.date) -> tuple[str, ...]:
    """Which of stale / unclear / position apply to a record."""
    found = []
    if is_stale(record, today):
        found.append("stale")
    if record.status in (Status.UNBEKANNT, Status.BEREITSCHAFT):
        found.append("unclear")
    if record.location_precision not in (Precision.EXACT, Precision.SUFFIX):
        found.append("position")
    return tuple(found)


def todo_list(records: Iterable[Resource], today: dt.date) -> list[TodoItem]:
    """Current places with at least one reason, sorted by Stadtbezirk and name."""
    items = []
    for record in records:
        if not record.is_current(today, today=today):
            continue
        reasons = reasons_for(record, today)
        if reasons:
            items.append(TodoItem(record, reasons))
    return sorted(items, key=lambda i: (i.district == texts.KEINE_ANGABE, i.district,
                                        i.record.name))


def counts_by_district(items: Iterable[TodoItem]) -> list[dict[str, object]]:
    """Per Stadtbezirk: how many places for each reason (numbers only)."""
    per: dict[str, Counter] = {}
    for item in items:
        per.setdefault(item.district, Counter()).update(item.reasons)
    return [{T["col_district"]: district,
             **{T[f"reason_{k}"]: counts.get(k, 0) for k in REASONS}}
            for district, counts in per.items()]
