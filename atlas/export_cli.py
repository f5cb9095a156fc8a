"""``python -m atlas.export``: write the council presentations in one go.

The same files as the app's buttons: one PPTX and one PDF per ``--bezirk``
(as on the profile page) and, with ``--stadt``, the whole-city deck with the
overview (as in "Präsentation für die ganze Stadt"). The command line asks no
one who is exporting, so an internal deck needs an explicit ``--intern`` and
is written to the audit log (user ``cli:<login name>``, result ``export_intern``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from atlas import texts
from atlas.audit import AuditResult, write_audit
from atlas.errors import AtlasError
from atlas.settings import load_config

T = texts.EXPORT
logger = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m atlas.export", description=T["cli_help"])
    parser.add_argument("--bezirk", action="append", default=[], metavar="KÜRZEL",
                        help=T["cli_bezirk"])
    parser.add_argument("--stadt", action="store_true", help=T["cli_stadt"])
    parser.add_argument("--intern", action="store_true", help=T["cli_intern"])
    parser.add_argument("--out", type=Path, required=True, metavar="ORDNER", help=T["cli_out"])
    return parser


def _operator() -> str:
    try:
        return "cli:" + getpass.getuser()
    except (KeyError, OSError):
        return "cli:unbekannt"


def run(args: argparse.Namespace, out: TextIO = sys.stdout,
        today: dt.date | None = None) -> list[Path]:
    """Write the files; returns their paths. Raises AtlasError with a German message."""
    from atlas.export import build_export_profiles, build_overview, export_files, load_export_data

    config = load_config()
    data = load_export_data(config)
    names = []
    for slug in args.bezirk:
        name = data.city.canonical_district(slug)
        if name is None:
            raise AtlasError(T["cli_unknown"].format(value=slug[:60]))
        names.append(name)
    if args.intern:
        write_audit(config.path("AUDIT_LOG"), _operator(), AuditResult.EXPORT_INTERNAL)
        logger.warning("Interne Präsentation über die Kommandozeile von %s", _operator())
        print(T["cli_intern_logged"], file=out)
    jobs = [([name], False) for name in names] + ([(None, True)] if args.stadt else [])
    args.out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for chosen, overview in jobs:
        profiles = build_export_profiles(data, chosen, internal=args.intern, today=today)
        extra = build_overview(data.figures, data.boundaries, data.city) if overview else None
        files = export_files(profiles, internal=args.intern, boundaries=data.boundaries,
                             version=data.version, overview=extra, today=today)
        for suffix, content in (("pptx", files.pptx), ("pdf", files.pdf)):
            path = args.out / f"{files.stem}.{suffix}"
            path.write_bytes(content)
            written.append(path)
        print(T["cli_written"].format(stem=files.stem, slides=files.slides,
                                      seconds=files.seconds), file=out)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.bezirk and not args.stadt:
        parser.error(T["cli_nothing"])
    try:
        run(args)
    except AtlasError as e:
        print(str(e), file=sys.stderr)
        return 1
    return 0
