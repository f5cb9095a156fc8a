"""The users file of the embedded sign-in: names, roles and argon2 password hashes.

The file lives outside the repository (setting ``ATLAS_USERS_FILE``) and is
managed with ``python -m atlas.access.users add|remove|list|passwd``. Passwords are
read with ``getpass`` (or, with ``--stdin``, as one line from standard input for
scripts); they are never command-line arguments, so they never show up in the
shell history or the process list. Writes are atomic (temporary file in the
same folder, then ``os.replace``), so a crash never leaves half a file.

Format (JSON)::

    {"version": 1,
     "users": {"anna": {"role": "koordination", "display_name": "Anna Beispiel",
                        "hash": "$argon2id$...", "updated": "2026-11-26T22:00:00+00:00",
                 "bezirke": ["Pieschen", "Klotzsche"]}}}

``bezirke`` (optional) lists the Stadtbezirke and Ortschaften whose places a
``koordination`` account may edit on the "Pflege" page; admins edit all.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from atlas import texts
from atlas.access.roles import Role
from atlas.errors import AuthError
from atlas.files import write_atomic

FILE_VERSION = 1
MAX_INPUT_CHARS = 200
MAX_NAME_CHARS = 64
MIN_PASSWORD_CHARS = 10
_NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@-]*")
SIGNIN_ROLES: tuple[Role, ...] = (Role.KOORDINATION, Role.ADMIN)


@dataclass(frozen=True)
class User:
    """One account: normalised name, role, display name and argon2 hash."""

    name: str
    role: Role
    password_hash: str
    display_name: str = ""
    updated: str = ""
    bezirke: tuple[str, ...] = ()  # Stadtbezirke a koordination account maintains

    @property
    def label(self) -> str:
        """The name shown in "Interne Ansicht – <Name>"."""
        return self.display_name or self.name


_DEFAULT_HASHER = PasswordHasher()


def new_hasher() -> PasswordHasher:
    """argon2id with the library's defaults (RFC 9106 low-memory profile), shared."""
    return _DEFAULT_HASHER


def normalise_name(raw: str) -> str:
    """Lower-cased, trimmed user name, or :class:`AuthError` when it is unusable.

    The message never quotes the input: people type passwords into the wrong
    field, and a refused name must not end up on the page or in a log.
    """
    name = (raw or "").strip().lower()
    if not name:
        raise AuthError(texts.AUTH["name_empty"])
    if len(name) > MAX_NAME_CHARS:
        raise AuthError(texts.AUTH["name_too_long"].format(limit=MAX_NAME_CHARS))
    if not _NAME_PATTERN.fullmatch(name):
        raise AuthError(texts.AUTH["name_chars"])
    return name


def check_password_input(password: str) -> None:
    """Refuse an empty or overlong password (before any hashing work is done)."""
    if not password:
        raise AuthError(texts.AUTH["password_empty"])
    if len(password) > MAX_INPUT_CHARS:
        raise AuthError(texts.AUTH["password_too_long"].format(limit=MAX_INPUT_CHARS))


def check_new_password(password: str) -> None:
    """Rules for a password being set: not empty, not overlong, at least 10 characters."""
    check_password_input(password)
    if len(password) < MIN_PASSWORD_CHARS:
        raise AuthError(texts.AUTH["password_too_short"].format(limit=MIN_PASSWORD_CHARS))


def parse_role(raw: str) -> Role:
    """A role that may sign in (koordination or admin)."""
    try:
        role = Role(str(raw).strip().lower())
    except ValueError as e:
        raise AuthError(texts.AUTH["role_unknown"].format(role=raw)) from e
    if role not in SIGNIN_ROLES:
        raise AuthError(texts.AUTH["role_unknown"].format(role=raw))
    return role


def load_users(path: Path) -> dict[str, User]:
    """Read the users file; a missing or corrupt file is an :class:`AuthError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise AuthError(texts.AUTH["users_missing"].format(path=path)) from e
    except (OSError, UnicodeDecodeError) as e:
        detail = type(e).__name__
        raise AuthError(texts.AUTH["users_unreadable"].format(path=path, detail=detail)) from e
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise AuthError(
            texts.AUTH["users_corrupt"].format(path=path, detail=f"JSON, Zeile {e.lineno}")
        ) from e
    return _users_from_data(data, path)


def _users_from_data(data: Any, path: Path) -> dict[str, User]:
    if not isinstance(data, dict) or not isinstance(data.get("users"), dict):
        raise AuthError(texts.AUTH["users_corrupt"].format(
            path=path, detail=texts.VALIDATION["users_key_missing"]))
    users: dict[str, User] = {}
    for raw_name, entry in data["users"].items():
        try:
            name = normalise_name(str(raw_name))
            if not isinstance(entry, dict) or not str(entry.get("hash", "")).startswith("$argon2"):
                raise AuthError(texts.AUTH["users_corrupt"].format(path=path, detail="hash"))
            users[name] = User(
                name=name,
                role=parse_role(entry.get("role", "")),
                password_hash=str(entry["hash"]),
                display_name=str(entry.get("display_name") or "")[:MAX_INPUT_CHARS],
                updated=str(entry.get("updated") or ""),
                bezirke=_bezirke(entry.get("bezirke")),
            )
        except AuthError as e:
            raise AuthError(
                texts.AUTH["users_corrupt"].format(path=path, detail=f"Eintrag {raw_name!r}")
            ) from e
    return users


def _bezirke(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise AuthError(texts.AUTH["users_corrupt"].format(path="", detail="bezirke"))
    return tuple(str(v).strip()[:MAX_INPUT_CHARS] for v in value if str(v).strip())


def with_bezirke(users: dict[str, User], name: str, bezirke: tuple[str, ...]) -> dict[str, User]:
    """A copy of ``users`` where ``name`` maintains ``bezirke``."""
    key = normalise_name(name)
    if key not in users:
        raise AuthError(texts.AUTH["user_missing"].format(name=key))
    from dataclasses import replace

    return {**users, key: replace(users[key], bezirke=tuple(bezirke), updated=_now_text())}


def save_users(path: Path, users: dict[str, User]) -> None:
    """Write the users file atomically with owner-only permissions (0600)."""
    data = {
        "version": FILE_VERSION,
        "users": {
            u.name: {"role": u.role.value, "display_name": u.display_name,
                     "hash": u.password_hash, "updated": u.updated,
                     **({"bezirke": list(u.bezirke)} if u.bezirke else {})}
            for u in sorted(users.values(), key=lambda u: u.name)
        },
    }
    payload = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomic(path, payload.encode("utf-8"), mode=0o600)  # hashes: owner only
    except OSError as e:
        message = texts.AUTH["users_write_failed"].format(path=path, detail=e.strerror)
        raise AuthError(message) from e


def _now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def add_user(
    users: dict[str, User], name: str, password: str, role: Role, *,
    display_name: str = "", hasher: PasswordHasher | None = None,
) -> dict[str, User]:
    """A copy of ``users`` with a new account; an existing name is refused."""
    key = normalise_name(name)
    if key in users:
        raise AuthError(texts.AUTH["user_exists"].format(name=key))
    check_new_password(password)
    hashed = (hasher or new_hasher()).hash(password)
    user = User(key, role, hashed, display_name.strip()[:MAX_INPUT_CHARS], _now_text())
    return {**users, key: user}


def set_password(
    users: dict[str, User], name: str, password: str, *, hasher: PasswordHasher | None = None,
) -> dict[str, User]:
    """A copy of ``users`` with a new password for an existing account."""
    key = normalise_name(name)
    if key not in users:
        raise AuthError(texts.AUTH["user_missing"].format(name=key))
    check_new_password(password)
    old = users[key]
    hashed = (hasher or new_hasher()).hash(password)
    return {**users, key: User(key, old.role, hashed, old.display_name, _now_text(),
                               old.bezirke)}


def remove_user(users: dict[str, User], name: str) -> dict[str, User]:
    """A copy of ``users`` without the account."""
    key = normalise_name(name)
    if key not in users:
        raise AuthError(texts.AUTH["user_missing"].format(name=key))
    return {k: v for k, v in users.items() if k != key}


def verify_password(user: User, password: str, hasher: PasswordHasher | None = None) -> bool:
    """Whether ``password`` matches the stored argon2 hash (never raises on mismatch)."""
    try:
        return (hasher or new_hasher()).verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


if __name__ == "__main__":  # `python -m atlas.access.users` is the documented command line
    import runpy

    # The CLI imports this module; running it by name keeps the import graph one-way.
    runpy.run_module("atlas.access.users_cli", run_name="__main__")
