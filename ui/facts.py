"""Render the visitor's facts of a place (atlas.places.placeinfo.visit_facts) as Markdown lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from atlas.markup import escape_markdown, safe_link
from atlas.model import Resource
from atlas.places.opening_hours import TIMEZONE
from atlas.places.placeinfo import Fact, visit_facts


def facts_markdown(facts: Sequence[Fact]) -> str:
    """ "**Label:** text" per fact; links only for safe URLs, every text escaped."""
    lines = []
    for fact in facts:
        text = escape_markdown(fact.text)
        url = safe_link(fact.url, mailto=True)
        label = f"**{escape_markdown(fact.label)}:** " if fact.label else ""
        lines.append(label + (f"[{text}]({url})" if url else text))
    return "  \n".join(lines)


def visit_markdown(record: Resource, *, start: tuple[float, float] | None = None,
                   now: dt.datetime | None = None, with_position: bool = True) -> str:
    """Address, position, times, languages, phone, e-mail, website, route and status note."""
    return facts_markdown(visit_facts(record, now or dt.datetime.now(TIMEZONE), start=start,
                                      with_position=with_position))
