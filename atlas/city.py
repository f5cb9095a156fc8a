"""The city configuration: map centre, open-data sources and district hierarchy.

Everything that makes this app a Dresden app is read from ``resources/city.yaml``
(or the file named by ``ATLAS_CITY_FILE``); code only knows the shape.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from atlas.errors import CityConfigError
from atlas.texts import VALIDATION

_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def slugify(name: str, *, transliterate: bool = False) -> str:
    """Lower-case URL slug of a district name, umlauts kept unless transliterated.

    >>> slugify("Schönfeld-Weißig")
    'schönfeld-weißig'
    >>> slugify("Schönfeld-Weißig", transliterate=True)
    'schoenfeld-weissig'
    """
    text = unicodedata.normalize("NFC", name).strip().lower()
    if transliterate:
        text = text.translate(_TRANSLIT)
    out = []
    for ch in text:
        out.append(ch if ch.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)


def fold(name: str) -> str:
    """Comparison key for names: transliterated slug, so "Löbtau" == "loebtau"."""
    return slugify(name, transliterate=True)


@dataclass(frozen=True)
class District:
    """A Stadtbezirk or an Ortschaft unit, with the Stadtteil numbers it covers."""

    name: str
    art: str  # "Stadtbezirk" | "Ortschaft"
    stadtteile: tuple[str, ...]
    parent: str | None = None  # for an Ortschaft: its assigned Stadtbezirk

    @property
    def slug(self) -> str:
        return slugify(self.name)


@dataclass(frozen=True)
class City:
    """Parsed city configuration."""

    name: str
    app_title: str
    center: tuple[float, float]
    zoom: int
    bbox: tuple[float, float, float, float]
    outside_margin_m: float
    projected_crs: str
    sources: dict[str, Any]
    min_stadtteile: int
    stadtbezirke: dict[str, str]  # first digit -> name
    ortschaften: dict[str, tuple[str, ...]]
    aliases: dict[str, str] = field(default_factory=dict)

    def stadtbezirk_of(self, number: str) -> str | None:
        """Name of the Stadtbezirk a Stadtteil number belongs to."""
        return self.stadtbezirke.get(str(number).zfill(2)[0])

    def ortschaft_of(self, number: str) -> str | None:
        """Name of the Ortschaft unit a Stadtteil number belongs to, if any."""
        number = str(number).zfill(2)
        for name, numbers in self.ortschaften.items():
            if number in numbers:
                return name
        return None

    def stadtbezirk_for(self, record: Any) -> str | None:
        """The Stadtbezirk a record belongs to; the one rule for map, profile and export.

        Reads the loaded record's ``stadtbezirk``, which the loader has already
        canonicalised and, where an exact address point exists, set from the
        polygon holding that point (``atlas.geo.geocode``). An Ortschaft counts for
        its Stadtbezirk.
        """
        name = self._record_district(record)
        members = self.ortschaften.get(name or "")
        return self.stadtbezirk_of(members[0]) if members else name

    def in_district(self, record: Any, name: str) -> bool:
        """Whether a record lies in the Stadtbezirk or Ortschaft unit called ``name``."""
        own = self._record_district(record)
        return own is not None and (own == name or self.stadtbezirk_for(record) == name)

    def _record_district(self, record: Any) -> str | None:
        name = getattr(record, "stadtbezirk", None)
        if name in self.ortschaften or name in self.stadtbezirke.values():
            return name  # canonical already (the loader's work): skip the folding
        return self.canonical_district(name or "")

    def districts(self, stadtteil_numbers: list[str]) -> list[District]:
        """All Stadtbezirke, then all Ortschaften, for the given Stadtteil numbers."""
        numbers = sorted({str(n).zfill(2) for n in stadtteil_numbers})
        out = [
            District(name, "Stadtbezirk", tuple(n for n in numbers if n[0] == digit))
            for digit, name in sorted(self.stadtbezirke.items())
        ]
        for name, members in self.ortschaften.items():
            present = tuple(n for n in members if n in numbers)
            out.append(District(name, "Ortschaft", present, self.stadtbezirk_of(members[0])))
        return out

    def canonical_districts(self, names: Iterable[str]) -> tuple[str, ...]:
        """The configured names of ``names`` in order, without repeats (aliases and slugs
        resolved; an unknown name stays as given): the districts a service area covers."""
        return tuple(dict.fromkeys(self.canonical_district(str(n)) or str(n) for n in names))

    def canonical_district(self, name: str) -> str | None:
        """Resolve a district name, slug (either form) or alias to its configured name."""
        if not name or not name.strip():
            return None
        key = fold(name)
        known = list(self.stadtbezirke.values()) + list(self.ortschaften)
        for candidate in known:
            if fold(candidate) == key:
                return candidate
        for alias, target in self.aliases.items():
            if fold(alias) == key:
                return target
        return None


def _require(data: dict[str, Any], key: str, path: Path) -> Any:
    if key not in data:
        raise CityConfigError(VALIDATION["city_key_missing"].format(path=path, key=key))
    return data[key]


def load_city(path: str | Path) -> City:
    """Read and check the city configuration file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise CityConfigError(VALIDATION["city_unreadable"].format(path=path, detail=e)) from e
    if not isinstance(data, dict):
        raise CityConfigError(VALIDATION["city_not_an_object"].format(path=path))
    map_cfg = _require(data, "map", path)
    stadtbezirke = {str(k): str(v) for k, v in _require(data, "stadtbezirke", path).items()}
    ortschaften = {
        str(k): tuple(str(n).zfill(2) for n in v)
        for k, v in (data.get("ortschaften") or {}).items()
    }
    return City(
        name=str(_require(data, "name", path)),
        app_title=str(data.get("app_title", data["name"])),
        center=(float(map_cfg["center"][0]), float(map_cfg["center"][1])),
        zoom=int(map_cfg.get("zoom", 11)),
        bbox=tuple(float(v) for v in map_cfg["bbox"]),  # type: ignore[arg-type]
        outside_margin_m=float(map_cfg.get("outside_margin_m", 0)),
        projected_crs=str(data.get("projected_crs", "EPSG:3857")),
        sources=dict(_require(data, "sources", path)),
        min_stadtteile=int(data.get("min_stadtteile", 1)),
        stadtbezirke=stadtbezirke,
        ortschaften=ortschaften,
        aliases={str(k): str(v) for k, v in (data.get("district_aliases") or {}).items()},
    )
