"""The audit log: one JSON line per sign-in, failure, lock, sign-out, expiry and data edit.

Each line holds ``time`` (ISO 8601, UTC), ``user`` (the normalised user name,
or null when the input was refused before a name could be read) and
``result``. The function takes no password argument at all, so a password
cannot reach the log by mistake.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
from enum import StrEnum
from pathlib import Path

logger = logging.getLogger(__name__)
_WRITE_LOCK = threading.Lock()


class AuditResult(StrEnum):
    SIGNIN_OK = "signin_ok"
    SIGNIN_FAILED = "signin_failed"
    LOCKED = "locked"
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


def audit_line(user: str | None, result: AuditResult | str, when: dt.datetime,
               subject: str | None = None) -> str:
    """One log line (without newline) for ``user`` and ``result`` at ``when``."""
    stamp = when.astimezone(dt.UTC).isoformat(timespec="seconds")
    record = {"time": stamp, "user": user, "result": AuditResult(result).value}
    if subject is not None:
        record["subject"] = subject
    return json.dumps(record, ensure_ascii=False)


def write_audit(
    path: Path, user: str | None, result: AuditResult | str, when: dt.datetime | None = None,
    subject: str | None = None,
) -> bool:
    """Append one line to the audit log; returns False (and logs why) if it cannot be written.

    A full disk must not stop coordinators from signing out, so a failed write
    is reported in the server log instead of raising.
    """
    line = audit_line(user, result, when or dt.datetime.now(dt.UTC), subject) + "\n"
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
