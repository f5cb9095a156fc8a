"""What a visitor needs to know about a place, written once for popup, table, profile and nearby.

- :func:`position_label`: how exact the marker is ("Lage: Adresspunkt (amtlich)",
  "Lage ungefähr: Mitte des Stadtteils", …); the ONE wording every view uses.
- :func:`status_note`: an honest line where the status is unclear, the research
  trusts it little, or the place is closed ("letzter Beleg 2016 – ob das
  Angebot noch besteht, ist nicht bestätigt").
- :func:`hours_text` and :func:`open_state`: opening times as the source words
  them, and whether the place is open now, never certain on old times.
- :func:`visit_facts`: address, times, languages, phone, e-mail, website and
  route as (label, text, link) for the volunteer's view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from atlas import texts
from atlas.dates import parse_partial_date
from atlas.markup import safe_link
from atlas.model import Confidence, Precision, Resource, Status
from atlas.numbers import format_date, source_label
from atlas.places.opening_hours import describe_opening_hours, is_open

T = texts.PLACE
# Opening times older than this are shown, but "jetzt geöffnet" is never claimed from them.
HOURS_FRESH_DAYS = 365


@dataclass(frozen=True)
class Fact:
    """One line of the visitor's view: label ("" when the text names itself), plain text
    and an optional safe link."""

    label: str
    text: str
    url: str | None = None


def position_label(record: Resource) -> str:
    """How exact the position is, in the words every view shows."""
    if not record.has_position:
        return T["position_none"]
    precision = record.location_precision or Precision.EXACT
    if precision is Precision.EXACT and record.location_method == "adresspunkte_l134":
        return T["position_address_point"]
    key = {Precision.EXACT: "position_exact", Precision.SUFFIX: "position_suffix",
           Precision.STREET: "position_street", Precision.STADTTEIL: "position_stadtteil",
           Precision.STADTBEZIRK: "position_stadtbezirk"}[precision]
    if precision is Precision.STREET and record.location_method == "nominatim":
        key = "position_street_nominatim"
    return T[key]


def _year(value: str | None) -> str | None:
    return value[:4] if value else None


def status_note(record: Resource) -> str | None:
    """An honest sentence about whether the offer still exists, or None when it is confirmed."""
    last = format_date(record.status_date) if record.status_date else None
    if record.status is Status.GESCHLOSSEN:
        end = format_date(record.valid_to) if record.valid_to else last
        return T["closed_since"].format(date=end) if end else T["closed"]
    if record.status in (Status.UNBEKANNT, Status.BEREITSCHAFT) or (
            record.confidence is Confidence.LOW):
        evidence = _year(record.status_date) or _year(record.source_date)
        return T["unconfirmed"].format(year=evidence) if evidence else T["unconfirmed_no_date"]
    if record.confidence is Confidence.MEDIUM and record.status_date:
        return T["secondary"].format(date=last)
    return None


def hours_are_fresh(record: Resource, today: dt.date) -> bool:
    """Whether the opening times were stated within the last year."""
    stated = record.hours_date or record.status_date
    if not stated:
        return False
    day = parse_partial_date(stated, end=True)
    return (today - day).days <= HOURS_FRESH_DAYS


def open_state(record: Resource, now: dt.datetime) -> bool | None:
    """True/False only for machine-readable, current times; None (unknown) otherwise."""
    if not record.opening_hours or not hours_are_fresh(record, now.date()):
        return None
    return is_open(record.opening_hours, now)


def hours_text(record: Resource, now: dt.datetime, *, with_state: bool = True) -> str:
    """Times as the source words them, with their age and the open/closed state where sure.

    ``with_state=False`` leaves out "jetzt geöffnet" (for views cached beyond a minute).
    """
    words = record.opening_hours_note or describe_opening_hours(record.opening_hours)
    if not words:
        return texts.KEINE_ANGABE
    state = open_state(record, now) if with_state else None
    if state is not None:
        return f"{words} ({T['open_yes'] if state else T['open_no']})"
    stated = record.hours_date or record.status_date
    if stated and not hours_are_fresh(record, now.date()):
        return f"{words} ({T['hours_old'].format(year=_year(stated))})"
    return words


def address_text(record: Resource) -> str:
    """Street, number, postcode and the entrance or room where known."""
    parts = [p for p in (record.address(), record.address_detail) if p]
    return " – ".join(parts) or texts.KEINE_ANGABE


def languages_text(record: Resource) -> str:
    """German language names ("Arabisch, Deutsch") or the source's words."""
    from atlas.nearby.search import language_label

    names = ", ".join(language_label(c) for c in record.languages)
    return names or record.languages_note or texts.KEINE_ANGABE


def visit_facts(record: Resource, now: dt.datetime, *,
                start: tuple[float, float] | None = None,
                with_position: bool = True) -> list[Fact]:
    """Everything a volunteer needs to go there: address, times, languages, contacts, route.

    ``with_position=False`` leaves out the position line for views that show it elsewhere
    (the nearby results put it next to the distance).
    """
    facts = [Fact(T["address"], address_text(record))]
    if with_position:
        facts.append(Fact("", position_label(record)))  # the label says "Lage" itself
    facts += [Fact(T["hours"], hours_text(record, now)),
             Fact(T["languages"], languages_text(record)),
             Fact(T["phone"], record.phone or texts.KEINE_ANGABE),
             Fact(T["email"], record.email or texts.KEINE_ANGABE,
                  f"mailto:{record.email}" if record.email else None)]
    website = safe_link(record.website)  # links are checked in one place: atlas.markup
    facts.append(Fact(T["website"], source_label(None, website), website))
    if record.has_position:
        from atlas.nearby.search import route_url

        origin = start or (None, None)
        facts.append(Fact(T["route"], T["route_text"],
                          route_url(*origin, record.lat, record.lon)))  # type: ignore[arg-type]
    note = status_note(record)
    if note:
        facts.append(Fact(T["status"], note))
    return facts
