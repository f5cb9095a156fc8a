"""The audit log: one JSON line per sign-in, failure, lock, sign-out, expiry and data edit.

Each line holds ``time`` (ISO 8601, UTC), ``user`` and ``result``. ``user`` is
the normalised name of an *existing* account only. A name that matches no
account (a typo, or a password typed into the name field) is logged as
"unbekannt" with ``name_hash``: a keyed hash (HMAC-SHA-256 with a server secret)
that links repeated attempts without storing the text. The functions take no
password argument at all, so a password cannot reach the log by mistake.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import secrets
import threading
from enum import StrEnum
from pathlib import Path

logger = logging.getLogger(__name__)
_WRITE_LOCK = threading.Lock()
UNKNOWN_USER = "unbekannt"


class AuditResult(StrEnum):
    SIGNIN_OK = "signin_ok"
    SIGNIN_FAILED = "signin_failed"
    LOCKED = "locked"
    THROTTLED = "throttled"
    SIGNOUT = "signout"
    EXPIRED = "expired"
    # data upkeep on the "Pflege" page; ``subject`` names the place (id@version)
    EDIT = "edit"
    PROPOSE = "propose"
    APPROVE = "approve"
    REJECT = "reject"
    REVERT = "revert"
    IMPORT = "import"
    EXPORT_INTERNAL = "export_intern"  # an internal presentation written by the command line


def name_hash(name: str, key: bytes) -> str:
    """A short keyed hash of a typed name: equal names link, the text cannot be read back."""
    return hmac.new(key, name.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def audit_key(secret: str, key_file: Path) -> bytes:
    """The HMAC key: ``secret`` if set, else a random key kept (0600) in ``key_file``."""
    if secret:
        return secret.encode("utf-8")
    try:
        return bytes.fromhex(key_file.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        pass
    key = secrets.token_bytes(32)
    try:
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, key.hex().encode("ascii"))
        finally:
            os.close(fd)
    except OSError as e:  # the hashes then link attempts only until the next restart
        logger.warning("Schlüssel für das Audit-Protokoll %s nicht schreibbar: %s",
                       key_file, e.strerror)
    return key


def logged_user(name: str | None, known: bool, key: bytes) -> tuple[str | None, str | None]:
    """(user, name_hash) as the log records them: a known name, or "unbekannt" + hash."""
    if name is None:
        return None, None
    if known:
        return name, None
    return UNKNOWN_USER, name_hash(name, key)


def audit_line(user: str | None, result: AuditResult | str, when: dt.datetime,
               subject: str | None = None, hashed: str | None = None) -> str:
    """One log line (without newline) for ``user`` and ``result`` at ``when``."""
    stamp = when.astimezone(dt.UTC).isoformat(timespec="seconds")
    record = {"time": stamp, "user": user, "result": AuditResult(result).value}
    if subject is not None:
        record["subject"] = subject
    if hashed:
        record["name_hash"] = hashed
    return json.dumps(record, ensure_ascii=False)


def write_audit(
    path: Path, user: str | None, result: AuditResult | str, when: dt.datetime | None = None,
    subject: str | None = None, *, hashed: str | None = None,
) -> bool:
    """Append one line to the audit log; returns False (and logs why) if it cannot be written.

    A full disk must not stop coordinators from signing out, so a failed write
    is reported in the server log instead of raising.
    """
    line = audit_line(user, result, when or dt.datetime.now(dt.UTC), subject, hashed) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _WRITE_LOCK:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line.encode("utf-8"))
            finally:
                os.close(fd)
    except OSError as e:
        logger.warning("Audit-Protokoll %s nicht schreibbar: %s", path, e.strerror)
        return False
    return True
