"""The Fachplan text (guidelines, Handlungsfelder, measures, decision) from ``fachplan.yaml``.

The YAML names its sources once under ``sources`` and refers to them by key;
loading resolves every key, so each item on the page carries its own source
and date. Unknown content stays empty (the page shows "keine Angabe").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from atlas import texts
from atlas.errors import SchemaError
from atlas.model import HANDLUNGSFELDER, Category, Resource
from atlas.places.validation import translate
from atlas.texts import VALIDATION as V

T = texts.FACHPLAN


class Source(BaseModel):
    """Where an item comes from: URL or title, and the source's date (may be unknown)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source_url: str = ""
    source_title: str = ""
    source_date: str = ""
    notes: str = ""


class Item(BaseModel):
    """A sourced piece of text: a guideline, a measure, a content point or a decision step."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    source: Source
    date: str = ""
    editorial: bool = False  # assigned or worded by the editors, not by the source


class Handlungsfeld(BaseModel):
    """One of the ten fields of action with its measures as far as sources name them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    description: str
    source: Source
    measures: tuple[Item, ...] = ()

    @field_validator("code")
    @classmethod
    def _known_code(cls, code: str) -> str:
        if code not in HANDLUNGSFELDER:
            raise ValueError(T["err_choice"].format(value=code, column="code",
                                                    allowed=", ".join(HANDLUNGSFELDER)))
        return code


class Fachplan(BaseModel):
    """The plan as the app shows it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    paper: str
    valid_until: str = ""
    leitlinien: tuple[Item, ...]
    handlungsfelder: tuple[Handlungsfeld, ...]
    measures_total: int | None = None
    teilbereiche: int | None = None
    measures_source: Source | None = None
    measures_notes: str = ""
    content: tuple[Item, ...] = ()
    beschluss: tuple[Item, ...] = ()
    predecessor: Item | None = None
    successor: Item | None = None


def load_fachplan(path: str | Path) -> Fachplan:
    """Read and check ``fachplan.yaml``; a German SchemaError if it cannot be used."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise SchemaError(T["err_yaml"].format(file=path.name, reason=e)) from e
    if not isinstance(data, dict):
        raise SchemaError(T["err_yaml_shape"].format(file=path.name,
                                                     reason=V["not_an_object"]))
    try:
        return _build(data)
    except (KeyError, TypeError, ValueError, ValidationError) as e:
        raise SchemaError(T["err_yaml_shape"].format(file=path.name, reason=_reason(e))) from e


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return translate(error).reason
    if isinstance(error, KeyError):
        return V["key_missing"].format(key=error)
    return str(error)


def _build(data: dict[str, Any]) -> Fachplan:
    sources = {k: Source(**v) for k, v in (data.get("sources") or {}).items()}

    def source(key: str) -> Source:
        if key not in sources:
            raise ValueError(T["err_unknown_source"].format(key=key))
        return sources[key]

    def item(entry: dict[str, Any], text_key: str = "text") -> Item:
        return Item(text=entry[text_key], source=source(entry["source"]),
                    date=str(entry.get("date", "")), editorial=bool(entry.get("editorial")))

    def inline(entry: dict[str, Any] | None) -> Item | None:
        if not entry:
            return None
        own = Source(**{k: str(entry.get(k) or "") for k in
                        ("source_url", "source_title", "source_date", "notes")})
        return Item(text=entry["text"], source=own)

    fields = tuple(
        Handlungsfeld(code=f["code"], name=f["name"], description=f["description"],
                      source=source(f["source"]),
                      measures=tuple(item(m) for m in f.get("measures") or ()))
        for f in data["handlungsfelder"]
    )
    plan = data.get("massnahmenplan") or {}
    decision = data.get("beschluss") or {}
    return Fachplan(
        title=data["title"], paper=data["paper"], valid_until=str(data.get("valid_until", "")),
        leitlinien=tuple(item(e, "name") for e in data["leitlinien"]),
        handlungsfelder=fields,
        measures_total=plan.get("measures"), teilbereiche=plan.get("teilbereiche"),
        measures_source=source(plan["source"]) if plan.get("source") else None,
        measures_notes=str(plan.get("notes") or ""),
        content=tuple(item(e) for e in data.get("content") or ()),
        beschluss=tuple(item(e) for e in decision.get("steps") or ()),
        predecessor=inline(decision.get("predecessor")),
        successor=inline(decision.get("successor")),
    )


def count_offers_by_field(records: Iterable[Resource],
                          day: dt.date | None = None) -> dict[str, int]:
    """Offers (not accommodation) current on ``day`` (default today) per Handlungsfeld.

    Callers pass the role-filtered records, so a public session never counts an
    internal record.
    """
    counts = dict.fromkeys(HANDLUNGSFELDER, 0)
    for record in records:
        if record.category == Category.UNTERKUNFT or not record.is_current(day):
            continue
        for code in set(record.handlungsfelder):
            if code in counts:
                counts[code] += 1
    return counts
