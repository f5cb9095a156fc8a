"""The small opening_hours evaluator: common patterns, Europe/Berlin time, unknowns."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from atlas.places.opening_hours import is_open

BERLIN = ZoneInfo("Europe/Berlin")
# 2026-11-23 is a Monday.
MON = dt.date(2026, 11, 23)


def at(day_offset: int, hh: int, mm: int = 0) -> dt.datetime:
    day = MON + dt.timedelta(days=day_offset)
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=BERLIN)


WEEK = "Mo-Fr 09:00-17:00; Sa 10:00-12:00"


@pytest.mark.parametrize("when, expected", [
    (at(0, 9), True), (at(0, 8, 59), False), (at(0, 16, 59), True), (at(0, 17), False),
    (at(4, 12), True), (at(5, 11), True), (at(5, 12), False), (at(6, 11), False),
])
def test_weekdays_and_saturday(when, expected):
    assert is_open(WEEK, when) is expected


def test_single_day_short_span():
    assert is_open("Mo 15:00-17:30", at(0, 15, 30)) is True
    assert is_open("Mo 15:00-17:30", at(1, 15, 30)) is False


def test_always_and_never():
    assert is_open("24/7", at(6, 3)) is True
    assert is_open("off", at(2, 12)) is False
    assert is_open("Mo-Su off", at(2, 12)) is False


def test_later_rule_overrides_earlier_days_and_lists_of_spans():
    text = "Mo-Fr 09:00-12:00,13:00-16:00; We off; PH off"
    assert is_open(text, at(0, 12, 30)) is False
    assert is_open(text, at(0, 13, 30)) is True
    assert is_open(text, at(2, 10)) is False
    assert is_open("Mo,Th 10:00-11:00", at(3, 10, 30)) is True
    assert is_open("Mo,Th 10:00-11:00", at(2, 10, 30)) is False


def test_span_past_midnight_and_wrapping_day_range():
    assert is_open("Fr 22:00-02:00", at(4, 23)) is True
    assert is_open("Fr 22:00-02:00", at(5, 1, 30)) is True
    assert is_open("Fr 22:00-02:00", at(5, 2, 30)) is False
    assert is_open("Sa-Mo 10:00-11:00", at(6, 10, 30)) is True
    assert is_open("Sa-Mo 10:00-11:00", at(1, 10, 30)) is False


def test_time_is_taken_in_europe_berlin():
    utc = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)  # 09:30 in Berlin (CET)
    assert is_open("Mo 09:00-10:00", utc) is True
    summer_utc = dt.datetime(2026, 7, 6, 7, 30, tzinfo=dt.UTC)  # Monday 09:30 CEST
    assert is_open("Mo 09:00-10:00", summer_utc) is True


@pytest.mark.parametrize("text", [
    None, "", "nach Vereinbarung", '"nach Absprache"', "Jan-Mar Mo 10:00-12:00",
    "Mo sunrise-sunset", "Mo-Fr 09:00-17:00 || \"Termin\"", "Mo 25:00-26:00", "Tu[1] 10:00-12:00",
])
def test_unknown_or_unsupported_is_none(text):
    assert is_open(text, at(0, 10)) is None


@pytest.mark.parametrize(("osm", "written"), [
    ("Mo 17:00+", "Mo ab 17 Uhr"),
    ("Mo-Th 08:00-18:00; Fr 08:00-14:00", "Mo–Do 8–18 Uhr; Fr 8–14 Uhr"),
    ("Tu 09:30-11:30", "Di 9:30–11:30 Uhr"),
    ("Mo-Fr 09:00-12:00,13:00-17:30", "Mo–Fr 9–12 und 13–17:30 Uhr"),
    ("Mo,We 10:00-12:00; PH off", "Mo, Mi 10–12 Uhr; an Feiertagen geschlossen"),
    ("24/7", "täglich rund um die Uhr"),
    ("Sa off", "Sa geschlossen"),
])
def test_opening_hours_are_written_out(osm, written):
    from atlas.places.opening_hours import describe_opening_hours

    assert describe_opening_hours(osm) == written


def test_unknown_opening_hours_syntax_is_still_not_raw():
    from atlas.places.opening_hours import describe_opening_hours

    text = describe_opening_hours("Jan-Mar Tu 10:00-12:00")
    assert "Tu" not in text and "Di" in text
    assert describe_opening_hours("") is None


def test_card_dates_are_german_words():
    from atlas.numbers import format_date

    assert format_date("2015-10") == "Oktober 2015"
    assert format_date("2020-03-28") == "28.03.2020"
    assert format_date("2015") == "2015"
