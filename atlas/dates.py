"""Partial ISO dates as sources give them: "2015", "2015-10" or "2015-10-04".

Sources often state only a year or a month. Comparisons need a concrete day,
so a partial date is read as its first day (for starts) or last day (for ends).
German spreadsheet dates ("31.12.2019") are accepted too.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def normalise_partial_date(text: str) -> str:
    """Return the ISO form ("2015", "2015-10", "2015-10-04") or raise ValueError."""
    text = text.strip()
    german = _GERMAN.match(text)
    if german:
        day, month, year = (int(g) for g in german.groups())
        return dt.date(year, month, day).isoformat()
    iso = _ISO.match(text)
    if not iso:
        raise ValueError(text)
    year, month, day = iso.groups()
    if day:
        return dt.date(int(year), int(month), int(day)).isoformat()
    if month:
        if not 1 <= int(month) <= 12:
            raise ValueError(text)
        return f"{int(year):04d}-{int(month):02d}"
    return f"{int(year):04d}"


def parse_partial_date(text: str, *, end: bool = False) -> dt.date:
    """The first (or, with ``end``, last) day a partial date can mean."""
    iso = normalise_partial_date(text)
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


def format_german_date(text: str | None) -> str:
    """Show a partial ISO date the German way: 2015, 10/2015 or 04.10.2015."""
    if not text:
        return ""
    try:
        iso = normalise_partial_date(text)
    except ValueError:
        return text
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2:
        return f"{parts[1]}/{parts[0]}"
    return parts[0]


_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember")


def format_date_words(text: str | None) -> str:
    """A partial date for cards: "2015", "Oktober 2015" or "28.03.2020" ("" if unknown)."""
    if not text:
        return ""
    try:
        iso = normalise_partial_date(text)
    except ValueError:
        return text
    parts = iso.split("-")
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return format_german_date(iso)
