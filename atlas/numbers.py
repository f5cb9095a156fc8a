"""German number and date formatting through babel: 1.234 · 12,5 % · 04.10.2015.

Every figure the app shows goes through these functions, so that thousands
separators, decimal commas and percent signs follow German conventions and an
unknown value reads "keine Angabe" instead of "None" or "nan".
"""

from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal
from babel.numbers import format_percent as _babel_percent

from atlas.dates import normalise_partial_date
from atlas.texts import KEINE_ANGABE

LOCALE = "de_DE"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_int(value: int | float | None) -> str:
    """Whole number with German thousands separator: 1234 -> "1.234"."""
    if _missing(value):
        return KEINE_ANGABE
    return _babel_decimal(round(float(value)), format="#,##0", locale=LOCALE)


def format_decimal(value: int | float | None, *, digits: int = 1) -> str:
    """Number with a decimal comma and at most ``digits`` decimals: 12.5 -> "12,5"."""
    if _missing(value):
        return KEINE_ANGABE
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return _babel_decimal(value, format=pattern, locale=LOCALE)


def format_percent(share: float | None, *, digits: int = 1) -> str:
    """A share (0.125) as German percent with a fixed number of decimals: "12,5 %"."""
    if _missing(share):
        return KEINE_ANGABE
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "\u00a0%"  # no line break
    return _babel_percent(share, format=pattern, locale=LOCALE)


def format_change(value: int | float | None) -> str:
    """A signed difference: +12, −1.234 (with a real minus sign), ±0."""
    if _missing(value):
        return KEINE_ANGABE
    if round(float(value)) == 0:
        return "±0"
    text = _babel_decimal(abs(round(float(value))), format="#,##0", locale=LOCALE)
    return ("+" if value > 0 else "\u2212") + text


def format_qualified(value: int | float | None, qualifier: str | None = None) -> str:
    """A figure with the source's own hedge in front: "rund 1.600", "bis zu 2.200"."""
    text = format_int(value)
    if _missing(value) or not qualifier:
        return text
    return f"{qualifier} {text}"


def format_date(text: str | dt.date | None) -> str:
    """A (partial) ISO date the German way: "04.10.2015", "Oktober 2015" or "2015"."""
    if text is None or text == "":
        return KEINE_ANGABE
    if isinstance(text, dt.date):
        return _babel_date(text, "dd.MM.yyyy", locale=LOCALE)
    try:
        iso = normalise_partial_date(str(text))
    except ValueError:
        return str(text)
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return _babel_date(dt.date(*parts), "dd.MM.yyyy", locale=LOCALE)
    if len(parts) == 2:
        return _babel_date(dt.date(parts[0], parts[1], 1), "MMMM yyyy", locale=LOCALE)
    return str(parts[0])
