"""Build ``resources/population.csv`` from the research copy of the city's statistics.

The shared research file lists residents and foreigners per Stadtteil and per
Stadtbezirk ("mit zugeordneten Ortschaften") for three reference dates. This
script keeps those counts, adds one row per Ortschaft unit of the city
configuration (the sum of its Stadtteile), checks that every Stadtbezirk total
equals the sum of its Stadtteile, and writes our own table with source,
licence and notes. It runs once by hand, not at app start::

    python -m tools.build_figures ../shared/facts/dresden_population.csv
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

from atlas.city import City, load_city
from atlas.errors import SchemaError

ROOT = Path(__file__).resolve().parent.parent
REPO_URL = (
    "https://github.com/kiliankoe/opendata-dresden/blob/"
    "08924fe38246e02b425fa65426f893924c5d52c4/"
)
SOURCE_TITLE = (
    "Landeshauptstadt Dresden, opendata.dresden.de: Einwohner (Hauptwohner) nach Stadtteil, "
    "Geschlecht und Deutsche/Ausländer; unveränderte Kopie im Repository kiliankoe/opendata-dresden"
)
LICENCE = "dl-de/by-2-0"
ATTRIBUTION = "Landeshauptstadt Dresden, opendata.dresden.de (dl-de/by-2-0)"
COLUMNS = (
    "level", "district", "stadtteil_nr", "name", "reference_date", "population", "foreigners",
    "scope", "source_url", "source_title", "source_date", "licence", "attribution", "notes",
)
_COMBINED = {"31": "umfasst auch 33 und 34", "42": "umfasst auch 44"}


def read_research_rows(path: Path) -> list[dict[str, str]]:
    """Rows of the research population CSV, or a German error naming the file."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError as e:
        raise SchemaError(f"Bevölkerungstabelle {path} ist nicht lesbar: {e}") from e


def build_population_rows(research: list[dict[str, str]], city: City) -> list[dict[str, object]]:
    """Our population rows: Stadtbezirke, Ortschaft units (summed) and Stadtteile."""
    out: list[dict[str, object]] = []
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in research:
        date = row["reference_date"]
        base = _base_row(row)
        if row["level"] == "stadtbezirk":
            name = city.canonical_district(row["code"])
            if name is None:
                raise SchemaError(
                    f"Unbekannter Stadtbezirk „{row['code']}“ in der Bevölkerungstabelle.")
            out.append({**base, "level": "stadtbezirk", "district": name,
                        "scope": "mit zugeordneten Ortschaften",
                        "notes": "Summe der Stadtteile; die Quelltabelle hat keine Bezirkssummen"})
            continue
        nr = row["code"].zfill(2)
        unit = city.ortschaft_of(nr) or city.stadtbezirk_of(nr)
        out.append({**base, "level": "stadtteil", "district": unit, "stadtteil_nr": nr,
                    "scope": "Stadtteil", "notes": _COMBINED.get(nr, "")})
        for key in ((date, city.stadtbezirk_of(nr)), (date, city.ortschaft_of(nr))):
            if key[1]:
                sums[key][0] += int(row["population"])
                sums[key][1] += int(row["foreigners"])
    _check_totals(out, sums)
    out.extend(_ortschaft_rows(research, city, sums))
    return out


def _base_row(row: dict[str, str]) -> dict[str, object]:
    source_file = row["source_file"]
    return {
        "level": row["level"], "district": "", "stadtteil_nr": "", "name": row["name"],
        "reference_date": row["reference_date"], "population": int(row["population"]),
        "foreigners": int(row["foreigners"]), "scope": "",
        "source_url": REPO_URL + source_file, "source_title": SOURCE_TITLE,
        "source_date": row["reference_date"], "licence": LICENCE, "attribution": ATTRIBUTION,
        "notes": "",
    }


def _check_totals(rows: list[dict[str, object]], sums: dict[tuple[str, str], list[int]]) -> None:
    for row in rows:
        if row["level"] != "stadtbezirk":
            continue
        expected = sums[(str(row["reference_date"]), str(row["district"]))]
        if [row["population"], row["foreigners"]] != expected:
            raise SchemaError(
                f"Stadtbezirk „{row['district']}“ ({row['reference_date']}): Summe der Stadtteile "
                f"{expected} passt nicht zu {row['population']}/{row['foreigners']}."
            )


def _ortschaft_rows(research: list[dict[str, str]], city: City,
                    sums: dict[tuple[str, str], list[int]]) -> list[dict[str, object]]:
    dates = sorted({r["reference_date"] for r in research})
    template = next(r for r in research if r["level"] == "stadtteil")
    out: list[dict[str, object]] = []
    for date in dates:
        source = next(r for r in research if r["reference_date"] == date)
        for name, numbers in city.ortschaften.items():
            population, foreigners = sums[(date, name)]
            base = _base_row({**template, **source, "name": name, "population": str(population),
                              "foreigners": str(foreigners)})
            out.append({**base, "level": "ortschaft", "district": name, "scope": "Ortschaft",
                        "notes": "Summe der Stadtteile " + ", ".join(numbers) + " (berechnet)"})
    return out


def write_rows(rows: list[dict[str, object]], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("population_csv", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "population.csv")
    parser.add_argument("--city", type=Path, default=ROOT / "resources" / "city.yaml")
    args = parser.parse_args(argv)
    rows = build_population_rows(read_research_rows(args.population_csv), load_city(args.city))
    write_rows(rows, args.out)
    print(f"{len(rows)} Zeilen nach {args.out} geschrieben.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
