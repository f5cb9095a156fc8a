"""A small evaluator for the common subset of OSM ``opening_hours``: is a place open now?

Supported: ``24/7``; rules separated by ``;`` (a later rule replaces earlier
ones for the weekdays it names); weekday ranges and lists (``Mo-Fr``,
``Mo,We``, ``Sa-Mo``); time spans and lists (``09:00-12:00,13:00-17:30``),
spans past midnight (``22:00-02:00``) and ``24:00``; ``off`` / ``closed``;
``PH off`` (public holidays are not known here, so such rules are skipped).
Everything else (months, weeks, ``sunrise``, comments, ``||``) makes the
answer *unknown* (None) rather than wrong: the "jetzt geöffnet" filter keeps
such places and marks them unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Europe/Berlin")
DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_TIME_SPAN = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})\+?$")
_DAY_PART = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")


class UnsupportedHours(ValueError):
    """The text uses opening_hours syntax this evaluator does not understand."""


@dataclass(frozen=True)
class Rule:
    """One ``;``-separated rule: the weekdays it names and their minute spans (empty = off)."""

    days: frozenset[int]
    spans: tuple[tuple[int, int], ...]


def _parse_days(text: str) -> frozenset[int]:
    days: set[int] = set()
    for part in text.split(","):
        match = _DAY_PART.match(part.strip())
        if not match:
            raise UnsupportedHours(text)
        start = DAYS.index(match.group(1))
        end = DAYS.index(match.group(2) or match.group(1))
        length = (end - start) % 7
        days.update((start + i) % 7 for i in range(length + 1))
    return frozenset(days)


def _parse_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for part in text.split(","):
        match = _TIME_SPAN.match(part.strip())
        if not match:
            raise UnsupportedHours(text)
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 24 or h2 > 48 or m1 > 59 or m2 > 59:
            raise UnsupportedHours(text)
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end <= start:  # past midnight
            end += 24 * 60
        spans.append((start, end))
    return tuple(spans)


def parse_rule(text: str) -> Rule | None:
    """One rule, or None for a rule that is deliberately ignored (``PH off``)."""
    text = " ".join(text.split())
    if text in ("24/7", "Mo-Su 00:00-24:00"):
        return Rule(frozenset(range(7)), ((0, 24 * 60),))
    tokens = text.split(" ")
    if tokens[0].startswith("PH"):
        if tokens[1:] in (["off"], ["closed"]):
            return None
        raise UnsupportedHours(text)
    days: frozenset[int] = frozenset(range(7))
    if tokens and _DAY_PART.match(tokens[0].split(",")[0]):
        days = _parse_days(tokens.pop(0))
    if tokens in ([], ["open"]) and days != frozenset(range(7)):
        return Rule(days, ((0, 24 * 60),))
    if tokens in (["off"], ["closed"]):
        return Rule(days, ())
    if len(tokens) == 1:
        return Rule(days, _parse_spans(tokens[0]))
    raise UnsupportedHours(text)


def parse_opening_hours(text: str) -> list[Rule]:
    """All rules of an opening_hours value; raises :class:`UnsupportedHours` otherwise."""
    if not text or not text.strip():
        raise UnsupportedHours(text)
    if "||" in text or '"' in text:
        raise UnsupportedHours(text)
    parts = [p.strip() for p in text.strip().rstrip(";").split(";")]
    return [rule for part in parts if part and (rule := parse_rule(part)) is not None]


def _spans_by_day(rules: list[Rule]) -> dict[int, tuple[tuple[int, int], ...]]:
    by_day: dict[int, tuple[tuple[int, int], ...]] = {}
    for rule in rules:  # later rules replace earlier ones for their days
        for day in rule.days:
            by_day[day] = rule.spans
    return by_day


def is_open(text: str | None, when: dt.datetime) -> bool | None:
    """True/False for a supported value at ``when`` (Europe/Berlin), None when unknown."""
    if not text:
        return None
    try:
        by_day = _spans_by_day(parse_opening_hours(text))
    except UnsupportedHours:
        return None
    local = when.astimezone(TIMEZONE) if when.tzinfo else when.replace(tzinfo=TIMEZONE)
    weekday, minute = local.weekday(), local.hour * 60 + local.minute
    if any(start <= minute < end for start, end in by_day.get(weekday, ())):
        return True
    yesterday = by_day.get((weekday - 1) % 7, ())
    return any(start <= minute + 24 * 60 < end for start, end in yesterday)


def now() -> dt.datetime:
    """The current time in Europe/Berlin."""
    return dt.datetime.now(TIMEZONE)


# --- written out for people ---------------------------------------------------------
_GERMAN_DAYS = dict(zip(DAYS, ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"), strict=True))
_OPEN_END = re.compile(r"^(\d{1,2}):(\d{2})\+$")


def _clock(hours: int, minutes: int) -> str:
    return f"{hours}" if minutes == 0 else f"{hours}:{minutes:02d}"


def _describe_span(part: str) -> str:
    part = part.strip()
    if match := _OPEN_END.match(part):
        return f"ab {_clock(int(match.group(1)), int(match.group(2)))} Uhr"
    match = _TIME_SPAN.match(part)
    if not match:
        raise UnsupportedHours(part)
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    return f"{_clock(h1, m1)}–{_clock(h2, m2)} Uhr"


def _describe_days(text: str) -> str:
    out = []
    for part in text.split(","):
        match = _DAY_PART.match(part.strip())
        if not match:
            raise UnsupportedHours(text)
        first = _GERMAN_DAYS[match.group(1)]
        out.append(first if not match.group(2) else f"{first}–{_GERMAN_DAYS[match.group(2)]}")
    return ", ".join(out)


def _describe_rule(text: str) -> str:
    tokens = " ".join(text.split()).split(" ")
    if " ".join(tokens) == "24/7":
        return "täglich rund um die Uhr"
    if tokens[0] == "PH":
        if tokens[1:] in (["off"], ["closed"]):
            return "an Feiertagen geschlossen"
        raise UnsupportedHours(text)
    days = ""
    if _DAY_PART.match(tokens[0].split(",")[0]):
        days = _describe_days(tokens.pop(0))
    if tokens in (["off"], ["closed"]):
        return f"{days} geschlossen".strip()
    if not tokens or tokens == ["open"]:
        return f"{days} geöffnet".strip()
    if len(tokens) != 1:
        raise UnsupportedHours(text)
    spans = [_describe_span(p) for p in tokens[0].split(",")]
    if len(spans) > 1 and all(s.endswith(" Uhr") and "–" in s for s in spans):
        spans = [s.removesuffix(" Uhr") for s in spans[:-1]] + [spans[-1]]
    return " ".join(p for p in (days, " und ".join(spans)) if p)


def describe_opening_hours(text: str | None) -> str | None:
    """Opening hours written out in German ("Mo ab 17 Uhr", "Mo–Do 8–18 Uhr; Fr 8–14 Uhr").

    Never shows raw OSM syntax: what the describer does not understand is given
    with German day names and dashes, as close to the source as it can.
    """
    if not text or not text.strip():
        return None
    parts = [p.strip() for p in text.strip().rstrip(";").split(";") if p.strip()]
    try:
        return "; ".join(_describe_rule(p) for p in parts)
    except (UnsupportedHours, IndexError):
        plain = text
        for osm, german in _GERMAN_DAYS.items():
            plain = re.sub(rf"\b{osm}\b", german, plain)
        return plain.replace("-", "–").replace("PH", "Feiertage").replace("off", "geschlossen")
