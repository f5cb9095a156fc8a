"""The nearby search as URL query parameters, so a search can be shared and restored.

Parameters: ``adresse`` | ``stadtteil`` | ``lat`` + ``lon`` (the start, in that
priority), ``radius`` (metres) or ``k`` (nearest k; ``radius`` wins when both
are given), and the filters ``kat``, ``hf``, ``sprache`` (comma-separated)
and ``offen=1``. Bad values become German notices and fall back to defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from atlas.errors import AtlasError
from atlas.model import HANDLUNGSFELDER, Category
from atlas.nearby.search import OfferFilter, validate_k, validate_radius

DEFAULT_RADIUS_M = 1500
DEFAULT_K = 10
MODE_RADIUS = "umkreis"
MODE_NEAREST = "naechste"
_CATEGORIES = tuple(c.value for c in Category if c != Category.UNTERKUNFT)


@dataclass(frozen=True)
class NearbyQuery:
    """Everything that defines one nearby search."""

    address: str = ""
    stadtteil: str = ""
    lat: str = ""
    lon: str = ""
    mode: str = MODE_RADIUS
    radius_m: int = DEFAULT_RADIUS_M
    k: int = DEFAULT_K
    categories: tuple[str, ...] = ()
    handlungsfelder: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    open_now: bool = False
    notices: tuple[str, ...] = field(default=(), compare=False)

    @property
    def has_start(self) -> bool:
        return bool(self.address or self.stadtteil or (self.lat and self.lon))

    def offer_filter(self) -> OfferFilter:
        return OfferFilter(frozenset(self.categories), frozenset(self.handlungsfelder),
                           frozenset(self.languages), self.open_now)

    def with_start(self, *, address: str = "", stadtteil: str = "", lat: str = "",
                   lon: str = "") -> NearbyQuery:
        """The same search from a new start (the other start kinds are cleared)."""
        return replace(self, address=address, stadtteil=stadtteil, lat=lat, lon=lon)


def _one(params: Mapping[str, str | list[str]], key: str) -> str:
    value = params.get(key, "")
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value).strip()


def _many(params: Mapping[str, str | list[str]], key: str, known: tuple[str, ...]) -> tuple:
    raw = _one(params, key)
    wanted = [part.strip() for part in raw.split(",") if part.strip()]
    lookup = {k.lower(): k for k in known} if known else {}
    if not lookup:
        return tuple(dict.fromkeys(w.lower() for w in wanted))
    return tuple(dict.fromkeys(lookup[w.lower()] for w in wanted if w.lower() in lookup))


def parse_params(params: Mapping[str, str | list[str]]) -> NearbyQuery:
    """A query from URL parameters; unusable radius/k values are reported and replaced."""
    notices: list[str] = []
    radius, k = DEFAULT_RADIUS_M, DEFAULT_K
    mode = MODE_NEAREST if _one(params, "k") and not _one(params, "radius") else MODE_RADIUS
    try:
        if _one(params, "radius"):
            radius = validate_radius(_one(params, "radius"))
        if _one(params, "k"):
            k = validate_k(_one(params, "k"))
    except AtlasError as e:
        notices.append(str(e))
    return NearbyQuery(
        address=_one(params, "adresse"), stadtteil=_one(params, "stadtteil"),
        lat=_one(params, "lat"), lon=_one(params, "lon"), mode=mode, radius_m=radius, k=k,
        categories=_many(params, "kat", _CATEGORIES),
        handlungsfelder=_many(params, "hf", HANDLUNGSFELDER),
        languages=_many(params, "sprache", ()),
        open_now=_one(params, "offen").lower() in ("1", "ja", "true"),
        notices=tuple(notices),
    )


def to_params(query: NearbyQuery) -> dict[str, str]:
    """URL parameters for a query (only the ones that differ from "nothing chosen")."""
    out: dict[str, str] = {}
    if query.address:
        out["adresse"] = query.address
    elif query.stadtteil:
        out["stadtteil"] = query.stadtteil
    elif query.lat and query.lon:
        out["lat"], out["lon"] = query.lat, query.lon
    if query.mode == MODE_NEAREST:
        out["k"] = str(query.k)
    else:
        out["radius"] = str(query.radius_m)
    for key, values in (("kat", query.categories), ("hf", query.handlungsfelder),
                        ("sprache", query.languages)):
        if values:
            out[key] = ",".join(values)
    if query.open_now:
        out["offen"] = "1"
    return out
