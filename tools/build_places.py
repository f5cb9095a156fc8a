"""Build ``resources/places.csv`` from the shared research tables and our curation overlay.

Reproducible: ``python -m tools.build_places [--shared PATH] [--contacts PATH] [--check]``.
Inputs are ``../shared/facts/dresden_resources.csv`` and
``../shared/facts/dresden_places_contacts.csv`` (read only, never copied) plus
``resources/curation.yaml`` (ids, categories, Stadtteile, validity, German
names and descriptions, extra rows from the Fachplan presentation, and the
``contacts`` section: per-id corrections and the new offers). Every shared row
must have a curation entry, every entry must match a row, every contacts row
must match a place or a curated new offer, no public field may name the street
of an internal site unless ``resources/protection.yaml`` allows it, and the
result must load through the places schema with no errors; otherwise the
script stops with a German message and writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas.city import City, load_city, slugify  # noqa: E402
from atlas.errors import SchemaError  # noqa: E402
from atlas.places.protection import load_rules  # noqa: E402
from atlas.places.schema import PLACE_COLUMNS, RowProblem, convert_place  # noqa: E402
from atlas.places.tabular import TableRow  # noqa: E402
from tools.contacts import merge_contacts, read_contacts  # noqa: E402

SHARED_CSV = ROOT.parent / "shared" / "facts" / "dresden_resources.csv"
CONTACTS_CSV = ROOT.parent / "shared" / "facts" / "dresden_places_contacts.csv"
CURATION = ROOT / "resources" / "curation.yaml"
OUTPUT = ROOT / "resources" / "places.csv"

CATEGORY_MAP = {
    "accommodation": "unterkunft",
    "vorortbuero": "vorortbuero",
    "migration_social_work": "msa",
    "counselling": "beratung",
    "authority": "behoerde",
    "network": "netzwerk",
    "initiative": "initiative",
}
CATEGORY_PREFIX = {
    "unterkunft": "unterkunft", "vorortbuero": "vorortbuero", "msa": "msa",
    "beratung": "beratung", "behoerde": "behoerde", "netzwerk": "netzwerk",
    "initiative": "initiative", "regelangebot": "regelangebot",
}
_ADDRESS = re.compile(
    r"^(?P<street>.*?\D)\s+(?P<nr>\d+\s*[a-zA-Z]?(?:\s*[-/–]\s*\d+\s*[a-zA-Z]?)?)"
    r"(?:\s*\((?P<extra>.*)\))?$"
)
_STREETLIKE = re.compile(r"(straße|str\.|platz|ring|weg|allee|gasse|ufer|höhenweg)$|^zur? ",
                         re.IGNORECASE)


class BuildError(Exception):
    """The overlay and the shared table do not fit together."""


def subtype_from_name(name: str) -> str | None:
    """ÜWH, GU, Notunterkunft, Wohncontainer or Erstaufnahme (Land), read from the site name."""
    checks = (("EAE", "Erstaufnahme (Land)"), ("Container", "Wohncontainer"),
              ("Notunterkunft", "Notunterkunft"), ("Notquartier", "Notunterkunft"),
              ("ÜWH", "ÜWH"), ("GU ", "GU"), ("Wohnheim", "Wohnheim"))
    for needle, subtype in checks:
        if needle in name:
            return subtype
    return None


def split_address(text: str) -> tuple[str | None, str | None, str | None]:
    """(street, house number, remark) from "Fiedlerstraße 25 (Haus 28)"; unknown parts None."""
    text = (text or "").strip()
    if not text:
        return None, None, None
    match = _ADDRESS.match(text)
    if match:
        number = re.sub(r"\s+", "", match.group("nr")).replace("–", "-")
        return match.group("street").strip(), number, match.group("extra")
    if _STREETLIKE.search(text.split("(")[0].strip()):
        street, _, extra = text.partition("(")
        return street.strip(), None, extra.rstrip(")").strip() or None
    return None, None, text


def normalise_source_date(text: str) -> tuple[str | None, bool]:
    """ "2024-12 (inferred)" -> ("2024-12", True); "undated" -> (None, False)."""
    text = (text or "").strip()
    inferred = "inferred" in text or text.startswith("undated (c.")
    match = re.search(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text)
    return (match.group(0) if match else None), inferred


def district_of(text: str, city: City) -> str | None:
    if not text.strip():
        return None
    name = city.canonical_district(text)
    if name is None:
        raise BuildError(f"Stadtbezirk „{text}“ ist in der Stadtkonfiguration unbekannt.")
    return name


def build_row(shared: dict[str, str], cur: dict[str, Any], city: City) -> dict[str, Any]:
    """One places row: mechanical mapping of the shared row, then the curated overlay."""
    category = cur.get("category") or CATEGORY_MAP[shared["category"]]
    street, number, remark = split_address(shared["street_address"])
    source_date, inferred = normalise_source_date(shared["source_date"])
    editorial = ["handlungsfelder"]
    if re.search(r"district inferred|inferred from stadtteil", shared["notes"], re.IGNORECASE):
        editorial.append("stadtbezirk")
    if inferred:
        editorial.append("source_date")
    if cur.get("category") and cur["category"] != CATEGORY_MAP[shared["category"]]:
        editorial.append("category")
    row: dict[str, Any] = {
        "name": shared["name"],
        "category": category,
        "subtype": subtype_from_name(shared["name"]) if category == "unterkunft" else None,
        "handlungsfelder": shared["action_fields"],
        "street": street,
        "housenumber": number,
        "postcode": shared["postal_code"] or None,
        "stadtbezirk": district_of(shared["district"], city),
        "source_url": shared["source_url"],
        "source_date": source_date,
        "visibility": "internal" if category == "unterkunft" else "public",
    }
    notes = [cur.get("note")]
    if remark and "address_note" not in cur:
        notes.append(f"Ortsangabe der Quelle: {remark}")
    if shared["capacity"] and category == "unterkunft":
        notes.append(f"Kapazitätsangaben der Quellen: {shared['capacity']}")
    elif shared["capacity"]:
        notes.append(f"Umfang laut Quelle: {shared['capacity']}")
    if shared["source_date"] and source_date != shared["source_date"]:
        notes.append(f"Quellendatum laut Recherche: {shared['source_date']}")
    notes.append(f"Recherchenotiz: {shared['notes']}" if shared["notes"] else None)
    row["notes"] = " | ".join(n for n in notes if n)
    return _apply_overlay(row, cur, editorial)


def _apply_overlay(row: dict[str, Any], cur: dict[str, Any],
                   editorial: list[str]) -> dict[str, Any]:
    for key, value in cur.items():
        if key in ("match", "note", "editorial", "address_note"):
            continue
        if key not in PLACE_COLUMNS:
            raise BuildError(f"Unbekannter Schlüssel „{key}“ in curation.yaml "
                             f"({cur.get('match')}).")
        row[key] = value
    if cur.get("address_note"):
        row["notes"] = " | ".join(p for p in (f"Ortsangabe: {cur['address_note']}", row["notes"])
                                  if p)
    if cur.get("stadtteil"):
        editorial.append("stadtteil")
    editorial.extend(cur.get("editorial") or [])
    row["editorial"] = ";".join(dict.fromkeys(editorial))
    return row


def assign_ids(rows: list[dict[str, Any]]) -> None:
    """Stable ids: category prefix + slug of the name, unless curated; must be unique."""
    seen: set[str] = set()
    for row in rows:
        if not row.get("id"):
            slug = slugify(re.sub(r"[„“\"()]", " ", row["name"]), transliterate=True)
            if len(slug) > 48:
                slug = slug[:49].rsplit("-", 1)[0]
            row["id"] = f"{CATEGORY_PREFIX[row['category']]}-{slug}".rstrip("-")
        if row["id"] in seen:
            raise BuildError(f"ID „{row['id']}“ entsteht doppelt; bitte in curation.yaml setzen.")
        seen.add(row["id"])


def check_protection(records: list[Any]) -> None:
    """No public field may name the street of an internal site (protection.yaml may allow)."""
    leaks = load_rules(ROOT / "resources").leaks(records)
    if leaks:
        raise BuildError(" ".join(leak.message() for leak in leaks))


def build(shared_csv: Path, curation_path: Path, city: City,
          contacts_csv: Path | None = None) -> list[dict[str, Any]]:
    """All rows, validated; raises BuildError naming the first problem."""
    shared_rows = list(csv.DictReader(io.StringIO(shared_csv.read_text(encoding="utf-8"))))
    curation = yaml.safe_load(curation_path.read_text(encoding="utf-8"))
    by_name = {c["match"]: c for c in curation["rows"]}
    unused = set(by_name)
    rows = []
    for shared in shared_rows:
        cur = by_name.get(shared["name"])
        if cur is None:
            raise BuildError(f"Keine Kuratierung für „{shared['name']}“ in curation.yaml.")
        unused.discard(shared["name"])
        rows.append(build_row(shared, cur, city))
    if unused:
        raise BuildError(f"Kuratierung ohne Zeile in der Recherche: {sorted(unused)}")
    for extra in curation.get("extra_rows") or []:
        rows.append(_extra_row(extra, curation.get("seed_source") or {}))
    assign_ids(rows)
    if contacts_csv is not None:
        try:
            rows = merge_contacts(rows, read_contacts(contacts_csv),
                                  curation.get("contacts") or {})
        except ValueError as e:
            raise BuildError(str(e)) from e
        assign_ids(rows)
    records = []
    for number, row in enumerate(rows, start=2):
        cells = {k: "" if row.get(k) is None else str(row[k]) for k in PLACE_COLUMNS}
        try:
            records.append(convert_place(TableRow(number, cells), city).resource)
        except RowProblem as e:
            raise BuildError(f"Zeile {number} („{row.get('id')}“), {e.column}: {e.reason}") from e
    check_protection(records)
    return rows


def _extra_row(extra: dict[str, Any], seed: dict[str, Any]) -> dict[str, Any]:
    row = {**{k: v for k, v in seed.items() if k in PLACE_COLUMNS}, **extra}
    if isinstance(row.get("editorial"), list):
        row["editorial"] = ";".join(row["editorial"])
    return row


def to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(PLACE_COLUMNS), lineterminator="\n",
                            extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in PLACE_COLUMNS})
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Baut resources/places.csv")
    parser.add_argument("--shared", type=Path, default=SHARED_CSV)
    parser.add_argument("--contacts", type=Path, default=CONTACTS_CSV)
    parser.add_argument("--curation", type=Path, default=CURATION)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true",
                        help="nur prüfen, ob die Ausgabe aktuell ist (Exit 1 sonst)")
    args = parser.parse_args(argv)
    city = load_city(ROOT / "resources" / "city.yaml")
    try:
        rows = build(args.shared, args.curation, city, args.contacts)
    except (BuildError, OSError, KeyError, yaml.YAMLError, SchemaError) as e:
        print(f"Abbruch: {e}", file=sys.stderr)
        return 1
    text = to_csv(rows)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        print("aktuell" if current == text else "veraltet: bitte neu bauen")
        return 0 if current == text else 1
    args.output.write_text(text, encoding="utf-8")
    no_district = [r["id"] for r in rows if not r.get("stadtbezirk")]
    print(f"{len(rows)} Zeilen nach {args.output} geschrieben.")
    print(f"Ohne Stadtbezirk ({len(no_district)}): " + ", ".join(no_district))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
