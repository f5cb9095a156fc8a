"""Which places the map and its table show: category, Handlungsfeld, district, text, date.

The filter works on records the role filter has already cleared; it never widens
what a session may see, it only narrows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from atlas.city import City
from atlas.model import Resource


@dataclass(frozen=True)
class FilterState:
    """What the user asked for; empty tuples mean "all"."""

    categories: tuple[str, ...] = ()
    handlungsfelder: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()  # configured Stadtbezirk / Ortschaft names
    text: str = ""
    day: dt.date | None = None  # None: "nur aktuell gültige" (today)
    history: bool = False  # with a day: the places as stored that day (signed-in only)

    def is_default(self) -> bool:
        return self == FilterState()


def matches_text(record: Resource, text: str) -> bool:
    """Case-insensitive search over name, provider and notes (all words must occur)."""
    words = text.casefold().split()
    if not words:
        return True
    haystack = " ".join(
        part for part in (record.name, record.provider, record.notes) if part
    ).casefold()
    return all(word in haystack for word in words)


def apply_filters(
    records: Iterable[Resource], state: FilterState, *, city: City, today: dt.date
) -> list[Resource]:
    """Records matching every active filter, in their original order."""
    day = state.day or today
    categories = set(state.categories)
    fields = set(state.handlungsfelder)
    wanted = [city.canonical_district(n) or n for n in state.districts]
    out = []
    for record in records:
        if categories and record.category.value not in categories:
            continue
        if fields and not fields.intersection(record.handlungsfelder):
            continue
        if wanted and not any(city.in_district(record, name) for name in wanted):
            continue
        if not record.is_current(day, today=today):
            continue
        if not matches_text(record, state.text):
            continue
        out.append(record)
    return out
