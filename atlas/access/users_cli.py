"""``python -m atlas.access.users add|remove|list|passwd``: manage the users file.

Passwords are asked for with ``getpass`` (twice) or, with ``--stdin``, read as
one line from standard input for scripts. There is deliberately no option
that takes a password on the command line.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from atlas import texts
from atlas.access.users import (
    SIGNIN_ROLES,
    User,
    add_user,
    load_users,
    parse_role,
    remove_user,
    save_users,
    set_password,
    with_bezirke,
)
from atlas.errors import AtlasError, AuthError
from atlas.settings import load_config

A = texts.AUTH


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (German help, no password options)."""
    parser = argparse.ArgumentParser(
        prog="python -m atlas.access.users",
        description=A["cli_description"],
    )
    parser.add_argument("--file", type=Path, default=None, help=A["cli_file"])
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help=A["cli_add"])
    add.add_argument("name")
    add.add_argument("--role", default="koordination",
                     choices=[r.value for r in SIGNIN_ROLES])
    add.add_argument("--display-name", default="", help=A["cli_display_name"])
    add.add_argument("--stdin", action="store_true", help=A["cli_stdin"])
    add.add_argument("--bezirke", default="", help=A["cli_bezirke_option"])
    bezirke = sub.add_parser("bezirke", help=A["cli_bezirke_help"])
    bezirke.add_argument("name")
    bezirke.add_argument("liste", help=A["cli_bezirke_list"])
    remove = sub.add_parser("remove", help=A["cli_remove"])
    remove.add_argument("name")
    sub.add_parser("list", help=A["cli_list"])
    passwd = sub.add_parser("passwd", help=A["cli_passwd_help"])
    passwd.add_argument("name")
    passwd.add_argument("--stdin", action="store_true", help=A["cli_stdin"])
    return parser


def read_password(
    name: str, *, from_stdin: bool, stdin: TextIO,
    prompt: Callable[[str], str] = getpass.getpass,
) -> str:
    """The new password: one stdin line, or typed twice without echo."""
    if from_stdin:
        line = stdin.readline()
        if not line:
            raise AuthError(texts.AUTH["cli_no_stdin"])
        return line.rstrip("\r\n")
    first = prompt(texts.AUTH["cli_password_prompt"].format(name=name))
    second = prompt(texts.AUTH["cli_password_repeat"])
    if first != second:
        raise AuthError(texts.AUTH["cli_password_mismatch"])
    return first


def _load_or_empty(path: Path) -> dict[str, User]:
    """Existing accounts; a missing file starts empty, a corrupt one is never overwritten."""
    if not path.exists():
        return {}
    return load_users(path)


def run(
    argv: Sequence[str] | None = None, *, stdin: TextIO | None = None,
    stdout: TextIO | None = None, prompt: Callable[[str], str] = getpass.getpass,
) -> int:
    """Run one command; returns the exit code (0 ok, 1 refused with a German message)."""
    args = build_parser().parse_args(argv)
    out = stdout or sys.stdout
    try:
        path = args.file or load_config().path("USERS_FILE")
        if args.command == "list":
            users = load_users(path) if path.exists() else {}
            if not users:
                print(texts.AUTH["cli_no_users"].format(path=path), file=out)
            for user in sorted(users.values(), key=lambda u: u.name):
                print(f"{user.name}\t{user.role.value}\t{user.display_name}\t{user.updated}"
                      f"\t{';'.join(user.bezirke)}", file=out)
            return 0
        users = _load_or_empty(path)
        if args.command == "bezirke":
            save_users(path, with_bezirke(users, args.name, _split(args.liste)))
            print(texts.AUTH["cli_bezirke"].format(name=args.name.strip().lower(),
                                                   bezirke=args.liste or "—"), file=out)
            return 0
        if args.command == "remove":
            save_users(path, remove_user(users, args.name))
            print(texts.AUTH["cli_removed"].format(name=args.name.strip().lower()), file=out)
            return 0
        password = read_password(args.name, from_stdin=args.stdin, stdin=stdin or sys.stdin,
                                 prompt=prompt)
        if args.command == "add":
            role = parse_role(args.role)
            users = add_user(users, args.name, password, role, display_name=args.display_name)
            if args.bezirke:
                users = with_bezirke(users, args.name, _split(args.bezirke))
            save_users(path, users)
            print(texts.AUTH["cli_added"].format(name=args.name.strip().lower(), role=role.value,
                                                 path=path), file=out)
        else:
            save_users(path, set_password(users, args.name, password))
            print(texts.AUTH["cli_passwd"].format(name=args.name.strip().lower()), file=out)
        return 0
    except AtlasError as e:
        print(f"Fehler: {e}", file=sys.stderr)
        return 1


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(";") if p.strip())


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
