"""``python -m atlas.store init|migrate|seed|dump|restore`` (settings from ATLAS_*)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas.city import load_city
from atlas.errors import AtlasError
from atlas.settings import ROOT, load_config
from atlas.store import Store, database_url
from atlas.store.dump import dump_to, restore_from
from atlas.store.seed import seed_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas.store",
                                     description="Datenbank des Integrationsatlas verwalten.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="Schema anlegen und aus resources/ befüllen")
    sub.add_parser("migrate", help="Schema auf den neuesten Stand bringen")
    sub.add_parser("seed", help="Neue Orte und Kennzahlen aus resources/ übernehmen")
    dump = sub.add_parser("dump", help="Sicherung als JSON-Lines schreiben")
    dump.add_argument("file", nargs="?", help="Zieldatei (Standard: Standardausgabe)")
    restore = sub.add_parser("restore", help="Sicherung zurückspielen (ersetzt den Inhalt)")
    restore.add_argument("file")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except AtlasError as e:
        print(f"Fehler: {e}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    cfg = load_config()
    store = Store(database_url(cfg.database_url, ROOT))
    revision = store.migrate()
    if args.command == "migrate":
        print(f"Schema auf Stand {revision} ({store.label}).")
    if args.command in ("init", "seed"):
        report = seed_store(store, cfg.path("RESOURCES_DIR"), load_city(cfg.path("CITY_FILE")))
        print(f"{store.label}: {report.added} Orte neu, {report.updated} aktualisiert, "
              f"{report.unchanged} unverändert, {report.figures_added} Kennzahlen neu, "
              f"{len(report.load.rejected)} Zeilen abgewiesen.")
    if args.command == "dump":
        if args.file:
            with open(args.file, "w", encoding="utf-8") as out:
                count = dump_to(store, out)
            print(f"{count} Zeilen nach {args.file} gesichert.", file=sys.stderr)
        else:
            dump_to(store, sys.stdout)
    if args.command == "restore":
        count = restore_from(store, Path(args.file))
        print(f"{count} Zeilen aus {args.file} zurückgespielt ({store.label}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

