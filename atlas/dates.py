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


def is_future(text: str, today: dt.date | None = None) -> bool:
    """Whether a partial date lies wholly after ``today`` (2099, 9999-12-31).

    A source, capacity or check date says when something was observed, so it
    cannot be in the future; "2026" is fine during 2026.
    """
    return parse_partial_date(text) > (today or dt.date.today())

