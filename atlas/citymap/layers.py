"""The marker payload: one small GeoJSON FeatureCollection per category.

The browser builds the markers from these payloads, so the page ships data, not
one folium object per place. Places at the same position within a category
share one feature whose tooltip lists them all; the details come from the
server after a click (:func:`places_at`). Names are plain text in the payload;
the map script puts them into the page as text nodes, never as HTML.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from atlas import texts
from atlas.model import Resource
from atlas.places.placeinfo import position_label

COORD_DIGITS = 5  # about 1 m; clicks are matched on these rounded positions
_TOOLTIP_NAMES = 3
_TEMPLATE_START = re.compile(r"\{(?=[{%#])")


def position_key(lat: float, lon: float) -> tuple[float, float]:
    """Rounded (lat, lon) under which places count as being at the same position."""
    return round(lat, COORD_DIGITS), round(lon, COORD_DIGITS)


def group_by_position(records: Iterable[Resource]) -> dict[tuple[float, float], list[Resource]]:
    """Records with a position, grouped by their rounded position (order kept)."""
    groups: dict[tuple[float, float], list[Resource]] = {}
    for record in records:
        if record.lat is None or record.lon is None:
            continue
        groups.setdefault(position_key(record.lat, record.lon), []).append(record)
    return groups


def tooltip_names(group: list[Resource]) -> str:
    """Plain tooltip names with their "intern" marks; the position label comes separately."""
    names = []
    for record in group[:_TOOLTIP_NAMES]:
        mark = f" [{texts.MAP['internal_mark']}]" if record.is_internal else ""
        names.append(record.name + mark)
    if len(group) > _TOOLTIP_NAMES:
        names.append(texts.MAP["several_places"].format(count=len(group)))
    return "; ".join(names)


def group_feature(key: tuple[float, float], group: list[Resource],
                  labels: list[str]) -> dict[str, Any]:
    """One GeoJSON point for all places of a category at one position.

    ``t`` holds the names; ``l`` indexes the collection's ``labels`` (the position's
    precision, "Lage ungefähr" where it applies), sent once per category instead of
    once per marker: at 10,000 places that keeps the payload well under 1.5 MB.
    """
    shown = next((r for r in group if r.is_approximate), group[0])
    label = position_label(shown)
    if label not in labels:
        labels.append(label)
    props: dict[str, Any] = {"t": tooltip_names(group), "l": labels.index(label)}
    if all(r.is_approximate for r in group):
        props["a"] = 1
    if any(r.is_internal for r in group):
        props["i"] = 1
    if len(group) > 1:
        props["n"] = len(group)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [key[1], key[0]]},
        "properties": props,
    }


def tooltip_text(collection: Mapping[str, Any], feature: Mapping[str, Any]) -> str:
    """The tooltip a marker shows (the browser joins them the same way): names – label."""
    props = feature["properties"]
    return f"{props['t']} – {collection['labels'][props['l']]}"


def build_place_payloads(records: Iterable[Resource]) -> dict[str, dict[str, Any]]:
    """Category value -> FeatureCollection of grouped points (with its ``labels``)."""
    by_category: dict[str, list[Resource]] = {}
    for record in records:
        by_category.setdefault(record.category.value, []).append(record)
    payloads = {}
    for category, members in by_category.items():
        labels: list[str] = []
        features = [group_feature(k, g, labels) for k, g in group_by_position(members).items()]
        if features:
            payloads[category] = {"type": "FeatureCollection", "features": features,
                                  "labels": labels}
    return payloads


def places_at(records: Iterable[Resource], lat: float, lon: float,
              *, tolerance: float = 2e-5) -> list[Resource]:
    """Records whose (rounded) position is the clicked marker position."""
    out = []
    for record in records:
        if record.lat is None or record.lon is None:
            continue
        rlat, rlon = position_key(record.lat, record.lon)
        if abs(rlat - lat) <= tolerance and abs(rlon - lon) <= tolerance:
            out.append(record)
    return out


def script_json(data: Any) -> str:
    """Compact JSON that is safe inside a <script> element and inert for Jinja.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes, so no "</script>" can occur. A ``{``
    followed by ``{``, ``%`` or ``#`` can only stand inside a JSON string; it is escaped
    too, so text like ``{{ … }}`` never reaches a template engine as syntax.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _TEMPLATE_START.sub(r"\\u007b", text)
