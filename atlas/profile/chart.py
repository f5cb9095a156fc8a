"""The time line of a district's accommodation sites (internal profiles only), as Altair.

Each site is one bar from ``valid_from`` to ``valid_to``; a site still open
runs to today and is marked "offen". Sites without a start date cannot be
placed on a time axis and are listed in the table only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import altair as alt

from atlas import texts
from atlas.dates import parse_partial_date
from atlas.numbers import format_date
from atlas.profile.model import Site


def timeline_rows(sites: Sequence[Site], today: dt.date | None = None) -> list[dict[str, Any]]:
    """One row per site with a known start: name, start, end (today if open), labels."""
    today = today or dt.date.today()
    p = texts.PROFILE
    rows = []
    for site in sites:
        if not site.valid_from:
            continue
        try:
            start = parse_partial_date(site.valid_from)
            end = parse_partial_date(site.valid_to, end=True) if site.valid_to else today
        except ValueError:
            continue
        rows.append({
            p["timeline_site"]: site.name,
            p["timeline_address"]: site.address or texts.KEINE_ANGABE,
            "start": start.isoformat(),
            "end": max(end, start).isoformat(),
            p["timeline_from"]: format_date(site.valid_from, missing=""),
            p["timeline_to"]: format_date(site.valid_to, missing="") if site.valid_to
            else p["timeline_open"],
            p["timeline_status"]: texts.STATUS_LABELS.get(site.status, site.status),
            p["timeline_capacity"]: site.capacity if site.capacity is not None
            else texts.KEINE_ANGABE,
        })
    return rows


def timeline_chart(sites: Sequence[Site], today: dt.date | None = None) -> alt.Chart | None:
    """Bars from opening to closing per site, or None if no site has a start date."""
    rows = timeline_rows(sites, today)
    if not rows:
        return None
    p = texts.PROFILE
    tooltip = [alt.Tooltip(f"{p[k]}:N") for k in ("timeline_site", "timeline_from",
                                                  "timeline_to", "timeline_status",
                                                  "timeline_capacity")]
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(height=14)
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format="%Y")),
            x2="end:T",
            y=alt.Y(f"{p['timeline_site']}:N", title=None, sort=None),
            color=alt.Color(f"{p['timeline_status']}:N", title=p["timeline_status"]),
            tooltip=tooltip,
        )
        .properties(height=max(60, 24 * len(rows)))
    )
