"""Public records must not point to an internal site: the street check and its allow-list.

A public place may share an address with an accommodation site (the
Ausländerbehörde at Lingnerallee 3). Nothing public may connect the two, and a
source URL can do so as easily as an address ("…/katharinenstrasse-9…" next to
the name "K9"). :func:`street_leaks` therefore looks for the street of every
internal site in every text field of every public record. An entry in
``resources/protection.yaml`` (record id, street, reason) clears one finding;
the reason is data, reviewed like any other row. Its ``identifying_words`` (a
former hotel's name, a building's nickname) are looked for like streets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from atlas.access.roles import INTERNAL_FIELDS
from atlas.errors import SchemaError
from atlas.model import Resource
from atlas.texts import RESOURCES as T

ALLOW_FILE = "protection.yaml"
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Fields a public session never receives (atlas.access.roles.INTERNAL_FIELDS) and fixed codes.
_SKIP_FIELDS = frozenset({"id", "visibility", "category", "status", "confidence",
                          "location_precision", "location_method", *INTERNAL_FIELDS})


@dataclass(frozen=True)
class Allowance:
    """One cleared finding: this public record may name this street, for this reason."""

    record_id: str
    street: str
    reason: str


@dataclass(frozen=True)
class Leak:
    """A public record's field that names the street of an internal site."""

    record_id: str
    field: str
    street: str

    def message(self) -> str:
        return T["street_leak"].format(id=self.record_id, field=self.field, street=self.street)


def street_key(text: str) -> str:
    """Letters and digits only, umlauts folded, "straße"/"strasse" -> "str"."""
    folded = unicodedata.normalize("NFC", text or "").lower().translate(_FOLD)
    folded = re.sub(r"[^a-z0-9]+", "", folded)
    return folded.replace("strasse", "str")


def internal_streets(records: Iterable[Resource]) -> dict[str, str]:
    """Street key -> street as written, for every restricted record with a street."""
    return {street_key(r.street): r.street for r in records
            if r.is_internal and r.street and len(street_key(r.street)) >= 5}


def street_leaks(records: Sequence[Resource], allowed: Sequence[Allowance] = (),
                 words: Sequence[str] = ()) -> list[Leak]:
    """Every (public record, field, internal street or identifying word) not allowed."""
    streets = {**internal_streets(records), **{street_key(w): w for w in words}}
    cleared = {(a.record_id, street_key(a.street)) for a in allowed}
    leaks = []
    for record in records:
        if record.is_internal:
            continue
        for name, value in record.model_dump(mode="json").items():
            if name in _SKIP_FIELDS or not value:
                continue
            text = street_key(" ".join(value) if isinstance(value, list) else str(value))
            for key, street in streets.items():
                if key in text and (record.id, key) not in cleared:
                    leaks.append(Leak(record.id, name, street))
    return leaks


@dataclass(frozen=True)
class Rules:
    """``protection.yaml``: the allow-list and the words that identify internal sites."""

    allowed: tuple[Allowance, ...] = ()
    words: tuple[str, ...] = ()

    def leaks(self, records: Sequence[Resource]) -> list[Leak]:
        return street_leaks(records, self.allowed, self.words)


def load_rules(resources_dir: Path | None) -> Rules:
    """The rules of ``protection.yaml`` (empty when the file is absent); SchemaError if bad."""
    path = Path(resources_dir or ".") / ALLOW_FILE
    if resources_dir is None or not path.is_file():
        return Rules()
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        allowed = tuple(Allowance(str(e["id"]), str(e["street"]), str(e["reason"]).strip())
                        for e in data.get("allow") or [])
        words = tuple(str(w) for w in data.get("identifying_words") or [])
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as e:
        raise SchemaError(T["protection_file_bad"].format(path=path, detail=e)) from e
    if any(not a.reason for a in allowed):
        raise SchemaError(T["protection_file_bad"].format(path=path, detail="Grund fehlt"))
    return Rules(allowed, words)
