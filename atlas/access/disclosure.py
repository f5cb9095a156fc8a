"""The small-number rule for public figures derived from the internal site register.

Accommodation sites are internal; the public sees them only as counts per district.
A count of one or two sites, or a sum of places over so few sites, would still
identify a single site (its capacity, its opening month). So, as the statistics
offices of Leipzig and Hamburg do for small cells:

- a count below ``min_sites`` (``ATLAS_MIN_PUBLIC_SITES``, default 3) is shown as
  "weniger als 3", and no places are shown for it;
- places are shown only when at least ``min_sites`` active sites with a known
  capacity add up to them;
- the public time view moves in yearly steps (Stichtag 31 December), no finer
  than the published district figures, so stepping a date cannot reveal when a
  single site opened or closed.

Internal sessions see exact figures; every public figure goes through here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from atlas import texts
from atlas.profile.model import AccommodationSummary
from atlas.settings import default_value

DEFAULT_MIN_SITES = int(default_value("MIN_PUBLIC_SITES"))


def public_step(day: dt.date) -> dt.date:
    """The public Stichtag for ``day``: the last 31 December on or before it."""
    year_end = dt.date(day.year, 12, 31)
    return year_end if day >= year_end else dt.date(day.year - 1, 12, 31)


def protect_summary(summary: AccommodationSummary, min_sites: int = DEFAULT_MIN_SITES, *,
                    step: dt.date | None = None) -> AccommodationSummary:
    """What a public profile may show of a district's accommodation summary (counted on
    the public Stichtag ``step``, which becomes its date)."""
    def count(n: int | None) -> int | None:
        return n if n is None or n == 0 or n >= min_sites else None

    enough = (summary.sites_active or 0) >= min_sites and \
        summary.sites_with_capacity >= min_sites
    running = summary.running_with_capacity >= min_sites
    return replace(summary, sites_total=count(summary.sites_total),
                   sites_active=count(summary.sites_active),
                   sites_planned=count(summary.sites_planned),
                   sites_standby=count(summary.sites_standby),
                   sites_unknown=count(summary.sites_unknown),
                   places_active=summary.places_active if enough else None,
                   places_running=summary.places_running if running else None,
                   sites_with_capacity=0, running_with_capacity=0,
                   min_sites=max(min_sites, 1),
                   as_of=step.isoformat() if step else None,
                   day=step.isoformat() if step else summary.day)

def count_text(n: int | None, min_sites: int) -> str:
    """A site count as shown: the number, or "weniger als 3" for a protected one."""
    return str(n) if n is not None else fewer_than(min_sites)


def fewer_than(min_sites: int) -> str:
    return texts.PROFILE["fewer_than"].format(n=min_sites)


def summary_sentence(summary: AccommodationSummary) -> str:
    """The accommodation line of a profile: exact, or worded for protected counts."""
    p = texts.PROFILE
    n = summary.min_sites
    if n and summary.sites_total is None:
        return p["counts_few"].format(n=n)
    active, total = count_text(summary.sites_active, n), count_text(summary.sites_total, n)
    if n and summary.places_running is None and summary.sites_active != 0:
        return p["counts_no_places"].format(active=active, total=total)
    return p["timeline_counts"].format(active=active, total=total,
                                       places=places_text(summary))


def places_text(summary: AccommodationSummary) -> str:
    """The places "in Betrieb" of a summary as shown; a protected sum says why it is missing."""
    from atlas.numbers import format_int

    if summary.places_running is not None:
        return format_int(summary.places_running)
    if summary.min_sites and summary.sites_active != 0:
        return texts.PROFILE["places_protected"].format(n=summary.min_sites)
    return texts.KEINE_ANGABE


def protect_series(steps: list[dict[str, dict[str, int]]],
                   min_sites: int = DEFAULT_MIN_SITES) -> tuple[dict[str, int], frozenset[str]]:
    """The public sums of the last step of a yearly series, and the districts held back.

    ``steps`` holds, per Stichtag in order, district -> {site id: places}. A district's
    sum is shown only if it comes from at least ``min_sites`` sites and its set of
    sites differs from every set shown before by none or by at least two sites, so
    no two public values of a district differ by exactly one site (no differencing).
    """
    shown_sets: dict[str, list[frozenset[str]]] = {}
    sums: dict[str, int] = {}
    hidden: set[str] = set()
    for groups in steps:
        sums, hidden = {}, set()
        for district, sites in groups.items():
            ids = frozenset(sites)
            earlier = shown_sets.setdefault(district, [])
            if len(ids) < min_sites or any(len(ids ^ old) == 1 for old in earlier):
                hidden.add(district)
                continue
            sums[district] = sum(sites.values())
            if ids not in earlier:
                earlier.append(ids)
    return sums, frozenset(hidden)
