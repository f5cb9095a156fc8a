"""The official address gazetteer: parse, normalise and look up Dresden addresses offline.

The city's OGC API layer L134 holds every address point. It is downloaded once
(``python -m atlas.geo.addresses fetch``) into ``<CACHE_DIR>/addresses.json`` and
then answers address lookups without any network: exact on normalised
street/house number/postcode keys, fuzzy (RapidFuzz) for typos and
abbreviations such as "Königsbrücker Str 13" or "koenigsbruecker strasse 13".

Assumption (never tried against the live service): ``adresse`` holds
"Straße Hausnummer[Zusatz]" as one text, ``plz_plz`` the postcode and
``plz_ort`` the place name. Explicit street / house-number fields are used
where a feature has them; see :func:`point_from_feature`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from atlas import texts
from atlas.city import City
from atlas.errors import GeocodeError
from atlas.files import write_atomic
from atlas.geo.crs import crs_name, transformer
from atlas.geo.ogcapi import fetch_features
from atlas.settings import Config

CACHE_FILE = "addresses.json"
MANIFEST_FILE = "addresses.manifest.json"
FORMAT_VERSION = 1

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e"})
_STREET_SUFFIX = re.compile(r"(str)(?:asse|ase|\.)?(?=[\s\-.,]|$)")
_POSTCODE = re.compile(r"\b(\d{5})\b")
_HOUSENUMBER = re.compile(
    r"^(?P<street>.*?[^\d\s,])[\s,]+(?P<nr>\d{1,4}\s*[a-zA-Z]?(?:\s*[-/]\s*\d{0,4}\s*[a-zA-Z]?)?)$"
)


class AddressNotFoundError(GeocodeError):
    """An address was not found; ``suggestions`` holds the best near matches."""

    def __init__(self, message: str, suggestions: Sequence[AddressMatch] = ()) -> None:
        super().__init__(message)
        self.suggestions = list(suggestions)


@dataclass(frozen=True)
class AddressPoint:
    """One official address with its position (WGS84) and where it came from."""

    street: str
    housenumber: str
    postcode: str | None
    city: str | None
    lat: float
    lon: float
    source: str

    def label(self) -> str:
        """ "Königsbrücker Str. 13, 01099 Dresden" for lists and messages."""
        place = " ".join(p for p in (self.postcode, self.city) if p)
        street = f"{self.street} {self.housenumber}".strip()
        return ", ".join(p for p in (street, place) if p)


@dataclass(frozen=True)
class AddressMatch:
    """A fuzzy search hit: the address and a score from 0 to 100."""

    point: AddressPoint
    score: float


# --- normalising and parsing --------------------------------------------------
def normalise_street(text: str) -> str:
    """Comparison key for street names: lower-case, umlauts folded, "Straße" == "Str.".

    >>> normalise_street("Königsbrücker Straße") == normalise_street("koenigsbruecker str")
    True
    """
    folded = unicodedata.normalize("NFC", text or "").strip().lower().translate(_FOLD)
    folded = _STREET_SUFFIX.sub(r"\1", folded)
    cleaned = re.sub(r"[^a-z0-9]+", " ", folded)
    return " ".join(cleaned.split())


def normalise_housenumber(text: str | None) -> str:
    """ "13 A" -> "13a", "13 - 15" -> "13-15"; empty where there is none."""
    return "".join((text or "").lower().split())


def parse_address(text: str) -> tuple[str, str, str | None]:
    """Split free text into (street, house number, postcode or None).

    Accepts "Königsbrücker Str. 13", "Königsbrücker Str 13, 01099 Dresden" and
    "01099 Dresden, Königsbrücker Straße 13a". The street keeps its spelling;
    the house number is normalised ("13 a" -> "13a") and is "" when missing.
    """
    rest = unicodedata.normalize("NFC", text or "").strip()
    postcode = None
    found = _POSTCODE.search(rest)
    if found:
        postcode = found.group(1)
        before, after = rest[: found.start()], rest[found.end():]
        # Drop the place name that follows a postcode ("01099 Dresden").
        after = re.sub(r"^\s*[^\d,]*", "", after) if "," not in after else after.split(",", 1)[1]
        rest = f"{before} {after}" if after.strip() else before
    rest = " ".join(rest.replace(",", " , ").split()).strip(" ,")
    head, _, tail = rest.rpartition(",")
    if head and not re.search(r"\d", tail) and _HOUSENUMBER.match(head.strip(" ,")):
        rest = head.strip(" ,")  # "…Str. 13, Dresden": drop the trailing place name
    match = _HOUSENUMBER.match(rest)
    if match:
        street, number = match.group("street"), match.group("nr")
    else:
        street, number = rest, ""
    return street.replace(" , ", ", ").strip(" ,"), normalise_housenumber(number), postcode


def _number_base(housenumber: str) -> int | None:
    digits = re.match(r"\d+", housenumber)
    return int(digits.group()) if digits else None


# --- the index ----------------------------------------------------------------
class AddressIndex:
    """Addresses keyed by normalised street and house number, with a fuzzy street list."""

    def __init__(self, points: Sequence[AddressPoint], *, complete: bool = True) -> None:
        self.points = list(points)
        self.complete = complete  # False for the shipped extract: most addresses are absent
        self._by_key: dict[tuple[str, str], list[AddressPoint]] = defaultdict(list)
        self._by_street: dict[str, list[AddressPoint]] = defaultdict(list)
        keys: dict[str, str] = {}  # many points share a street or number: normalise once
        numbers: dict[str, str] = {}
        for point in self.points:
            street = keys.get(point.street)
            if street is None:
                street = keys[point.street] = normalise_street(point.street)
            number = numbers.get(point.housenumber)
            if number is None:
                number = numbers[point.housenumber] = normalise_housenumber(point.housenumber)
            self._by_key[(street, number)].append(point)
            self._by_street[street].append(point)
        self._by_key, self._by_street = dict(self._by_key), dict(self._by_street)
        self._streets = list(self._by_street)

    @classmethod
    def from_points(cls, points: Iterable[AddressPoint]) -> AddressIndex:
        return cls(list(points))

    def __len__(self) -> int:
        return len(self.points)

    def lookup(
        self, street: str, housenumber: str, postcode: str | None = None
    ) -> AddressPoint | None:
        """The address with exactly these normalised keys (postcode checked if given)."""
        candidates = self._by_key.get(
            (normalise_street(street), normalise_housenumber(housenumber)), []
        )
        if postcode:
            candidates = [p for p in candidates if p.postcode in (None, postcode)]
        return candidates[0] if candidates else None

    def street_points(self, street: str) -> list[AddressPoint]:
        """Every point on the street (normalised name), in register order."""
        return list(self._by_street.get(normalise_street(street), []))

    def search(self, text: str, limit: int = 5) -> list[AddressMatch]:
        """Best fuzzy matches for free text, best first (empty when nothing is close)."""
        street, number, postcode = parse_address(text)
        key = normalise_street(street)
        if not key:
            return []
        hits = process.extract(
            key, self._streets, scorer=fuzz.WRatio, limit=max(limit, 5), score_cutoff=70
        )
        matches: list[AddressMatch] = []
        for street_key, street_score, _ in hits:
            for point, factor in _numbers_on_street(self._by_street[street_key], number):
                if postcode and point.postcode and point.postcode != postcode:
                    factor *= 0.9
                matches.append(AddressMatch(point, round(street_score * factor, 1)))
        matches.sort(key=lambda m: (-m.score, m.point.street, m.point.housenumber))
        return matches[:limit]

    def resolve(self, text: str) -> AddressPoint:
        """One address for free text: exact if possible, else a clear fuzzy winner.

        Raises :class:`AddressNotFoundError` (with suggestions) otherwise.
        """
        if not (text or "").strip():
            raise AddressNotFoundError(texts.NEARBY["address_empty"])
        street, number, postcode = parse_address(text)
        exact = self.lookup(street, number, postcode) if number else None
        if exact:
            return exact
        suggestions = self.search(text)
        if suggestions and suggestions[0].score >= 85 and number and (
            normalise_housenumber(suggestions[0].point.housenumber) == number
        ):  # a clear winner: well ahead of the runner-up, or the runner-up is weak
            second = suggestions[1].score if len(suggestions) > 1 else 0
            if suggestions[0].score - second >= 4 or second < 85:
                return suggestions[0].point
        raise not_found_error(text, suggestions)


def not_found_error(text: str, suggestions: Sequence[AddressMatch]) -> AddressNotFoundError:
    """ "Adresse nicht gefunden" with up to three suggestions quoted."""
    if suggestions:
        named = "; ".join(f"„{m.point.label()}“" for m in suggestions[:3])
        message = texts.NEARBY["address_not_found_suggest"].format(text=text, suggestions=named)
    else:
        message = texts.NEARBY["address_not_found"].format(text=text)
    return AddressNotFoundError(message, suggestions)


def _numbers_on_street(
    points: list[AddressPoint], number: str
) -> list[tuple[AddressPoint, float]]:
    """Points on one street with a factor: exact number 1.0, nearest number less."""
    if not number:
        ranked = sorted(points, key=lambda p: (_number_base(p.housenumber) or 0, p.housenumber))
        return [(ranked[0], 0.95)] if ranked else []
    exact = [p for p in points if normalise_housenumber(p.housenumber) == number]
    if exact:
        return [(p, 1.0) for p in exact[:2]]
    wanted = _number_base(number)
    if wanted is None:
        return []
    numbered = [p for p in points if _number_base(p.housenumber) is not None]
    numbered.sort(key=lambda p: abs(_number_base(p.housenumber) - wanted))  # type: ignore[operator]
    return [(p, 0.85) for p in numbered[:1]]


# --- reading the official layer -------------------------------------------------
_STREET_FIELDS = ("strasse", "str_name", "strassenname", "street")
_NUMBER_FIELDS = ("hausnummer", "hnr", "hsnr", "housenumber")
_SUFFIX_FIELDS = ("hnr_zusatz", "zusatz", "hausnummerzusatz", "adr_zusatz")
_POSTCODE_FIELDS = ("plz_plz", "plz", "postleitzahl", "postcode")
_CITY_FIELDS = ("plz_ort", "ort", "gemeinde", "city")


def _first(props: Mapping[str, Any], names: Sequence[str]) -> str:
    lowered = {str(k).lower(): v for k, v in props.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _lonlat(geometry: Mapping[str, Any] | None, city: City) -> tuple[float, float] | None:
    """(lon, lat) of a Point/MultiPoint; tolerates a ``crs`` member, swapped axes, metres."""
    if not geometry:
        return None
    coords: Any = geometry.get("coordinates")
    if geometry.get("type") == "MultiPoint" and coords:
        coords = coords[0]
    if not isinstance(coords, (list, tuple)) or len(coords) < 2:
        return None
    x, y = float(coords[0]), float(coords[1])
    if abs(x) > 1000 or abs(y) > 1000:  # projected metres (e.g. EPSG:25833)
        epsg = re.search(r"(\d{4,5})$", crs_name(geometry) or "")
        source = f"EPSG:{epsg.group(1)}" if epsg else city.projected_crs
        x, y = transformer(source, "EPSG:4326").transform(x, y)
    west, south, east, north = city.bbox
    if south <= x <= north and west <= y <= east:  # lat/lon order (EPSG:4326 axis order)
        x, y = y, x
    return x, y


def point_from_feature(
    feature: Mapping[str, Any], city: City, source: str
) -> AddressPoint | None:
    """An :class:`AddressPoint` from one L134 feature, or None when unusable.

    Street and number come from explicit fields where present, otherwise from
    ``adresse`` parsed as "Straße Hausnummer".
    """
    props = feature.get("properties") or {}
    position = _lonlat(feature.get("geometry"), city)
    if position is None:
        return None
    street = _first(props, _STREET_FIELDS)
    number = _first(props, _NUMBER_FIELDS)
    if street and number:
        number += _first(props, _SUFFIX_FIELDS)
    else:
        street, number, _ = parse_address(_first(props, ("adresse", "address")))
    if not street:
        return None
    return AddressPoint(
        street=street,
        housenumber=normalise_housenumber(number),
        postcode=_first(props, _POSTCODE_FIELDS) or None,
        city=_first(props, _CITY_FIELDS) or None,
        lat=round(position[1], 7),
        lon=round(position[0], 7),
        source=source,
    )


def fetch_address_points(config: Config, city: City) -> list[AddressPoint]:
    """Download every address point of the city's address layer (L134).

    Paging and the non-standard geometry ``crs`` member are handled by
    :func:`atlas.geo.ogcapi.fetch_features`; its failures are GeodataErrors.
    """
    source_cfg = city.sources["ogcapi"]
    layer = str(source_cfg["address_layer"])
    limit = max(int(source_cfg.get("page_limit", 100)), 1000)
    features = fetch_features(
        source_cfg["base_url"], layer, limit=limit, timeout=float(config.http_timeout)
    )
    today = dt.date.today().isoformat()
    source = f"{source_cfg.get('attribution', layer)}, Layer {layer}, abgerufen {today}"
    points = [p for f in features if (p := point_from_feature(f, city, source))]
    if not points:
        raise GeocodeError(texts.NEARBY["address_none_usable"].format(layer=layer))
    return points


# --- the cache ------------------------------------------------------------------
def save_address_points(
    points: Sequence[AddressPoint], cache_dir: Path, *, url: str = ""
) -> Path:
    """Write the points (compact rows) and a small manifest, each atomically."""
    source = points[0].source if points else ""
    meta = {
        "format": FORMAT_VERSION,
        "source": source,
        "url": url,
        "fetched_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "count": len(points),
    }
    rows = [[p.street, p.housenumber, p.postcode, p.city, p.lat, p.lon] for p in points]
    path = Path(cache_dir) / CACHE_FILE
    write_atomic(path, json.dumps({"meta": meta, "points": rows}, ensure_ascii=False).encode())
    write_atomic(Path(cache_dir) / MANIFEST_FILE, json.dumps(meta, indent=2).encode())
    return path


def read_address_points(cache_dir: Path) -> list[AddressPoint] | None:
    """The cached points, or None when nothing is cached yet."""
    path = Path(cache_dir) / CACHE_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        source = str(data["meta"].get("source", ""))
        return [
            AddressPoint(str(s), str(n), pc, c, float(lat), float(lon), source)
            for s, n, pc, c, lat, lon in data["points"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise GeocodeError(
            texts.NEARBY["address_cache_bad"].format(path=path, reason=e)
        ) from e


def load_address_index(cache_dir: Path) -> AddressIndex | None:
    """The gazetteer from the cache, or None when no address points are cached."""
    points = read_address_points(cache_dir)
    return None if points is None else AddressIndex.from_points(points)


def read_manifest(cache_dir: Path, name: str = MANIFEST_FILE) -> dict[str, Any] | None:
    """A gazetteer manifest (cache or shipped extract), None when absent; GeocodeError if bad."""
    path = Path(cache_dir) / name
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise GeocodeError(texts.NEARBY["address_cache_bad"].format(path=path, reason=e)) from e


if __name__ == "__main__":  # `python -m atlas.geo.addresses fetch|info`, as documented
    import runpy

    # The CLI imports this module; running it by name keeps the import graph one-way.
    runpy.run_module("atlas.geo.addresses_cli", run_name="__main__")
