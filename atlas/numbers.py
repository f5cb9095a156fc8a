"""The one output module: numbers, dates, distances and source labels as the app shows them.

Every figure, date, distance and source the app shows (pages, maps, slides, PDF)
goes through these functions, so that thousands separators, decimal commas,
month names and percent signs follow one convention and an unknown value reads
"keine Angabe" instead of "None" or "nan". Dates read "Oktober 2015" for a
month, "31.03.2019" for a day and "2015" for a year.

Formatting goes through babel. The locale is the page language's (atlas.i18n:
``de_DE`` by default, ``en_GB`` for ``?lang=en``) unless a caller passes
``locale=`` or sets one for the current context with :func:`set_locale` (a
context variable, so one Streamlit session cannot change another's).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import math
from typing import Any
from urllib.parse import urlsplit

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal
from babel.numbers import format_percent as _babel_percent

from atlas import i18n, texts
from atlas.dates import normalise_partial_date

LOCALE = "de_DE"
_LOCALE: contextvars.ContextVar[str | None] = contextvars.ContextVar("atlas_locale",
                                                                    default=None)
# Day dates: the German form the sources use; other languages take babel's medium form.
_DAY_PATTERNS = {"de": "dd.MM.yyyy"}
_D3_DATES = {"de": "%d.%m.%Y"}  # the same for chart axes


def set_locale(locale: str) -> None:
    """Format for ``locale`` (a babel code such as "de_DE") in the current context."""
    _LOCALE.set(locale)


def current_locale(locale: str | None = None) -> str:
    """``locale`` if given, else the one set for this context, else the page language's."""
    return locale or _LOCALE.get() or i18n.current().babel


def _day_pattern(locale: str) -> str:
    return _DAY_PATTERNS.get(locale.split("_")[0], "medium")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_int(value: int | float | None, *, locale: str | None = None) -> str:
    """Whole number with German thousands separator: 1234 -> "1.234"."""
    if _missing(value):
        return texts.KEINE_ANGABE
    return _babel_decimal(round(float(value)), format="#,##0", locale=current_locale(locale))


def format_decimal(value: int | float | None, *, digits: int = 1,
                   locale: str | None = None) -> str:
    """Number with a decimal comma and at most ``digits`` decimals: 12.5 -> "12,5"."""
    if _missing(value):
        return texts.KEINE_ANGABE
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return _babel_decimal(value, format=pattern, locale=current_locale(locale))


def format_percent(share: float | None, *, digits: int = 1,
                   locale: str | None = None) -> str:
    """A share (0.125) as German percent with a fixed number of decimals: "12,5 %"."""
    if _missing(share):
        return texts.KEINE_ANGABE
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "\u00a0%"  # no line break
    return _babel_percent(share, format=pattern, locale=current_locale(locale))


def format_change(value: int | float | None, *, locale: str | None = None) -> str:
    """A signed difference: +12, −1.234 (with a real minus sign), ±0."""
    if _missing(value):
        return texts.KEINE_ANGABE
    if round(float(value)) == 0:
        return "±0"
    text = _babel_decimal(abs(round(float(value))), format="#,##0",
                          locale=current_locale(locale))
    return ("+" if value > 0 else "\u2212") + text


def format_qualified(value: int | float | None, qualifier: str | None = None, *,
                     locale: str | None = None) -> str:
    """A figure with the source's own hedge in front: "rund 1.600", "bis zu 2.200"."""
    text = format_int(value, locale=locale)
    if _missing(value) or not qualifier:
        return text
    return f"{qualifier} {text}"


def format_date(text: str | dt.date | None, *, missing: str | None = None,
                locale: str | None = None) -> str:
    """A (partial) ISO date: "04.10.2015" (day), "Oktober 2015" (month) or "2015" (year).

    ``missing`` is returned for an empty date ("keine Angabe" unless the caller
    wants something else, e.g. "" where the date is simply left out). Text that
    is no date comes back unchanged.
    """
    if text is None or text == "":
        return texts.KEINE_ANGABE if missing is None else missing
    loc = current_locale(locale)
    if isinstance(text, dt.date):
        return _babel_date(text, _day_pattern(loc), locale=loc)
    try:
        iso = normalise_partial_date(str(text))
    except ValueError:
        return str(text)
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return _babel_date(dt.date(*parts), _day_pattern(loc), locale=loc)
    if len(parts) == 2:
        return _babel_date(dt.date(parts[0], parts[1], 1), "MMMM yyyy", locale=loc)
    return str(parts[0])


def format_distance(distance_m: float, *, approximate: bool = False,
                    locale: str | None = None) -> str:
    """ "350 m" (to 10 m), "1,2 km" from 1 km on; "ca. " in front for approximate positions."""
    loc = current_locale(locale)
    if distance_m < 1000:
        text = _babel_decimal(int(round(distance_m / 10.0) * 10), format="#,##0", locale=loc) + " m"
    else:
        text = _babel_decimal(round(distance_m / 1000, 1), format="#,##0.#", locale=loc) + " km"
    return texts.A11Y["about"].format(value=text) if approximate else text


def source_label(title: str | None, url: str | None) -> str:
    """The name a source is shown by: its title, else its web host ("dnn.de"), else keine Angabe.

    A title that only repeats the URL counts as no title.
    """
    if title and title != url:
        return title
    if url:
        host = urlsplit(url).netloc.removeprefix("www.")
        return host or url
    return texts.KEINE_ANGABE


def chart_locale(locale: str | None = None) -> dict[str, Any]:
    """The number and time locale of the charts (a d3 locale for Vega-Lite), from babel."""
    loc = Locale.parse(current_locale(locale))
    symbols = loc.number_symbols["latn"]
    days, months = loc.days["format"], loc.months["format"]
    d3_days = (6, 0, 1, 2, 3, 4, 5)  # d3 starts the week on Sunday, babel on Monday
    return {
        "number": {"decimal": symbols["decimal"], "thousands": symbols["group"],
                   "grouping": [3], "currency": ["", "\u00a0€"]},
        "time": {
            "dateTime": "%x, %X", "date": _D3_DATES.get(loc.language, "%Y-%m-%d"),
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [days["wide"][d] for d in d3_days],
            "shortDays": [days["abbreviated"][d] for d in d3_days],
            "months": [months["wide"][m] for m in range(1, 13)],
            "shortMonths": [months["abbreviated"][m] for m in range(1, 13)],
        },
    }


def date_widget_format(locale: str | None = None) -> str:
    """The format of a date picker: "DD.MM.YYYY" in German, ISO "YYYY-MM-DD" otherwise."""
    return "DD.MM.YYYY" if current_locale(locale).startswith("de") else "YYYY-MM-DD"
