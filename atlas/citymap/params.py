"""The map view as URL query parameters, so a coordinator can share or cite it.

``to_query_params`` writes only what differs from the default view, and
``parse_query_params`` reads it back. Unknown values are dropped with a short
German notice; the rest of the view still applies.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from atlas import texts
from atlas.city import City, slugify
from atlas.citymap.filters import FilterState
from atlas.dates import parse_partial_date
from atlas.model import HANDLUNGSFELDER, Category

LEVELS: tuple[str, ...] = ("stadtbezirke", "stadtteile", "msa")
METRICS: tuple[str, ...] = ("none", "persons_housed", "places", "offers")
DEFAULT_LEVEL = "stadtbezirke"
DEFAULT_METRIC = "none"

# Query parameter names (short, German, stable: they end up on slides).
P_CATEGORY, P_FIELD, P_DISTRICT, P_TEXT, P_DATE = "kat", "hf", "bezirk", "q", "datum"
P_LEVEL, P_METRIC, P_AREA, P_FOCUS = "ebene", "farbe", "gebiet", "fokus"
P_HISTORY = "verlauf"  # "1": the Stichtag answered from the store's history
_AREA_ID = re.compile(r"^[\w./-]{1,80}$")
_MAX_TEXT = 200


@dataclass(frozen=True)
class ViewState:
    """Everything a shared map URL restores."""

    filters: FilterState = field(default_factory=FilterState)
    level: str = DEFAULT_LEVEL
    metric: str = DEFAULT_METRIC
    area: str | None = None  # id of the selected area at the current level
    focus: str | None = None  # district slug or MSA region id the map zooms to and outlines


def _values(params: Mapping[str, str | list[str]], key: str) -> list[str]:
    """All comma-separated values of a parameter, stripped, empty ones dropped."""
    raw = params.get(key)
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def _notice(param: str, value: str) -> str:
    return texts.MAP["unknown_param"].format(param=param, value=value[:60])


def _pick(values: list[str], known: dict[str, str], param: str, notices: list[str]) -> tuple:
    """Values found in ``known`` (matched case-insensitively), in order, without repeats."""
    out: list[str] = []
    for value in values:
        hit = known.get(value.casefold())
        if hit is None:
            notices.append(_notice(param, value))
        elif hit not in out:
            out.append(hit)
    return tuple(out)


def _parse_day(values: list[str], notices: list[str]) -> dt.date | None:
    if not values:
        return None
    try:
        return parse_partial_date(values[0])
    except ValueError:
        notices.append(_notice(P_DATE, values[0]))
        return None


def _parse_districts(values: list[str], city: City, notices: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        name = city.canonical_district(value)
        if name is None:
            notices.append(_notice(P_DISTRICT, value))
        elif name not in out:
            out.append(name)
    return tuple(out)


def _parse_choice(values: list[str], choices: tuple[str, ...], default: str, param: str,
                  notices: list[str]) -> str:
    if not values:
        return default
    if values[0].lower() in choices:
        return values[0].lower()
    notices.append(_notice(param, values[0]))
    return default


def _parse_id(values: list[str], param: str, notices: list[str]) -> str | None:
    """An area or focus id (letters, digits, ``._/-``), or None with a notice for anything else."""
    if not values:
        return None
    if _AREA_ID.match(values[0]):
        return values[0]
    notices.append(_notice(param, values[0]))
    return None


def parse_query_params(
    params: Mapping[str, str | list[str]], *, city: City
) -> tuple[ViewState, list[str]]:
    """The view a URL describes, and German notices for every value that was ignored."""
    notices: list[str] = []
    categories = _pick(_values(params, P_CATEGORY), {c.value: c.value for c in Category},
                       P_CATEGORY, notices)
    fields = _pick(_values(params, P_FIELD), {h.casefold(): h for h in HANDLUNGSFELDER},
                   P_FIELD, notices)
    text = " ".join(_values(params, P_TEXT))[:_MAX_TEXT]
    filters = FilterState(
        categories=categories,
        handlungsfelder=fields,
        districts=_parse_districts(_values(params, P_DISTRICT), city, notices),
        text=text,
        day=_parse_day(_values(params, P_DATE), notices),
    )
    history = _values(params, P_HISTORY)
    if history and history[0] != "1":
        notices.append(_notice(P_HISTORY, history[0]))
    elif history and filters.day is not None:
        filters = replace(filters, history=True)
    level = _parse_choice(_values(params, P_LEVEL), LEVELS, DEFAULT_LEVEL, P_LEVEL, notices)
    metric = _parse_choice(_values(params, P_METRIC), METRICS, DEFAULT_METRIC, P_METRIC,
                           notices)
    area = _parse_id(_values(params, P_AREA), P_AREA, notices)
    focus = _parse_id(_values(params, P_FOCUS), P_FOCUS, notices)
    return ViewState(filters, level, metric, area, focus), notices


def to_query_params(state: ViewState) -> dict[str, str]:
    """Query parameters for a view; defaults are left out so URLs stay short."""
    f = state.filters
    out: dict[str, str] = {}
    if f.categories:
        out[P_CATEGORY] = ",".join(f.categories)
    if f.handlungsfelder:
        out[P_FIELD] = ",".join(f.handlungsfelder)
    if f.districts:
        out[P_DISTRICT] = ",".join(slugify(name) for name in f.districts)
    if f.text.strip():
        out[P_TEXT] = f.text.strip()
    if f.day is not None:
        out[P_DATE] = f.day.isoformat()
        if f.history:
            out[P_HISTORY] = "1"
    if state.level != DEFAULT_LEVEL:
        out[P_LEVEL] = state.level
    if state.metric != DEFAULT_METRIC:
        out[P_METRIC] = state.metric
    if state.area:
        out[P_AREA] = state.area
    if state.focus:
        out[P_FOCUS] = state.focus
    return out
