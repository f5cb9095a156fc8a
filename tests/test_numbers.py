"""German number and date formatting (babel)."""

from __future__ import annotations

import datetime as dt
import math

from atlas.numbers import (
    format_change,
    format_date,
    format_decimal,
    format_distance,
    format_int,
    format_percent,
    format_qualified,
    set_locale,
    source_label,
)
from atlas.texts import KEINE_ANGABE

NBSP = "\u00a0"


def test_thousands_use_a_dot():
    assert format_int(1234) == "1.234"
    assert format_int(4828) == "4.828"
    assert format_int(1234567) == "1.234.567"
    assert format_int(724) == "724"
    assert format_int(12.6) == "13"


def test_decimals_use_a_comma():
    assert format_decimal(12.5) == "12,5"
    assert format_decimal(1234.25, digits=2) == "1.234,25"
    assert format_decimal(3.0) == "3"


def test_percent_has_comma_and_spaced_sign():
    assert format_percent(0.125) == f"12,5{NBSP}%"
    assert format_percent(0.2524, digits=2) == f"25,24{NBSP}%"
    assert format_percent(1) == f"100,0{NBSP}%"


def test_unknown_values_read_keine_angabe():
    for fn in (format_int, format_decimal, format_percent, format_change):
        assert fn(None) == KEINE_ANGABE
        assert fn(math.nan) == KEINE_ANGABE
    assert format_date(None) == KEINE_ANGABE
    assert format_qualified(None, "rund") == KEINE_ANGABE


def test_changes_are_signed():
    assert format_change(12) == "+12"
    assert format_change(-1234) == "\u22121.234"
    assert format_change(0) == "±0"


def test_qualifier_is_kept_in_front():
    assert format_qualified(1600, "rund") == "rund 1.600"
    assert format_qualified(5365, "mindestens") == "mindestens 5.365"
    assert format_qualified(2125, "") == "2.125"


def test_partial_dates_are_german():
    assert format_date("2015-10-04") == "04.10.2015"
    assert format_date("2015-10") == "Oktober 2015"
    assert format_date("2016-03") == "März 2016"
    assert format_date("2019") == "2019"
    assert format_date(dt.date(2019, 7, 5)) == "05.07.2019"
    assert format_date("31.12.2019") == "31.12.2019"
    assert format_date("irgendwann") == "irgendwann"


def test_a_missing_date_reads_what_the_caller_asks_for():
    assert format_date("", missing="") == ""
    assert format_date(None, missing="ohne Datum") == "ohne Datum"


def test_distances_round_to_ten_metres_then_kilometres():
    assert format_distance(349) == "350 m"
    assert format_distance(1000) == "1 km"
    assert format_distance(1234) == "1,2 km"
    assert format_distance(12_345) == "12,3 km"
    assert format_distance(80, approximate=True) == "ca. 80 m"


def test_a_source_is_labelled_by_title_else_by_its_host():
    assert source_label("Sächsische Zeitung", "https://www.saechsische.de/x") == (
        "Sächsische Zeitung")
    assert source_label("https://www.dnn.de/a", "https://www.dnn.de/a") == "dnn.de"
    assert source_label(None, "https://www.dresden.de/b") == "dresden.de"
    assert source_label(None, None) == KEINE_ANGABE


def test_locale_can_be_passed_or_set_for_the_context():
    import contextvars

    assert format_int(1234, locale="en_US") == "1,234"
    assert format_date("2015-10", locale="en_US") == "October 2015"

    def in_english() -> str:
        set_locale("en_US")
        return format_decimal(12.5)

    assert contextvars.copy_context().run(in_english) == "12.5"
    assert format_decimal(12.5) == "12,5"  # the outer context keeps German


def test_no_module_formats_numbers_or_dates_by_hand():
    """Thousands separators and dates are built only in atlas/numbers.py."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    # numbers for people (not coordinates with 5 or 6 decimals) go through atlas.numbers
    by_hand = re.compile(r':,[.0-9]*f?\}|strftime\(|%m/%Y|\{\w+:(\.[0-2])?[fg]\}')
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for folder in ("atlas", "ui", "pages")
        for path in sorted((root / folder).rglob("*.py"))
        if path.relative_to(root).as_posix() != "atlas/numbers.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if by_hand.search(line)
    ]
    assert offenders == []


def test_charts_get_their_locale_from_the_output_module():
    from atlas.numbers import chart_locale

    german = chart_locale()
    assert german["number"]["decimal"] == "," and german["number"]["thousands"] == "."
    assert german["time"]["months"][9] == "Oktober"
    assert german["time"]["days"][0] == "Sonntag"  # d3 weeks start on Sunday
    assert chart_locale("en_US")["time"]["months"][9] == "October"


def test_chart_axes_follow_the_page_language():
    from atlas import i18n
    from atlas.numbers import chart_locale

    assert chart_locale()["number"]["thousands"] == "."
    with i18n.use("en"):
        english = chart_locale()
    assert english["number"] == {**english["number"], "decimal": ".", "thousands": ","}
    assert english["time"]["months"][9] == "October"
    assert english["time"]["days"][0] == "Sunday"  # d3 counts from Sunday
