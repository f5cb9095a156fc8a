"""Text that is safe to hand to folium: escaped HTML that no template engine reads as code.

branca compiles every rendered map element a second time as a Jinja template,
so a place name, a typed address or a boundary name containing ``{{ … }}``
would run as template code on the server. Every string that reaches a folium
element passes through here first (JSON payloads use ``atlas.citymap.layers.script_json``).
"""

from __future__ import annotations

import copy
import html
from typing import Any


def inert_html(text: Any) -> str:
    """HTML-escaped text with braces as character references (renders unchanged)."""
    return html.escape(str(text)).replace("{", "&#123;").replace("}", "&#125;")


def inert_properties(collection: dict[str, Any]) -> dict[str, Any]:
    """A copy of a GeoJSON FeatureCollection whose string properties are inert HTML."""
    out = copy.deepcopy(collection)
    for feature in out.get("features", []):
        props = feature.get("properties") or {}
        for key, value in props.items():
            if isinstance(value, str):
                props[key] = inert_html(value)
    return out


def inert_text(text: Any) -> str:
    """Plain text for a marker's title: braces become parentheses, nothing else changes."""
    return str(text).replace("{", "(").replace("}", ")")
