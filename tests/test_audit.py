"""Audit log lines: time, user, result; never a password."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from atlas.access.audit import AuditResult, audit_line, write_audit


def test_lines_are_json_with_time_user_result(tmp_path: Path) -> None:
    log = tmp_path / "logs" / "audit.jsonl"
    when = dt.datetime(2026, 11, 26, 13, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    for result in AuditResult:
        assert write_audit(log, "anna", result, when)
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [line["result"] for line in lines] == [
        "signin_ok", "signin_failed", "locked", "throttled", "signout", "expired",
        "edit", "propose", "approve", "reject", "revert", "import",
        "export_intern"]
    assert lines[0] == {"time": "2026-11-26T12:05:00+00:00", "user": "anna",
                        "result": "signin_ok"}
    assert (log.stat().st_mode & 0o777) == 0o600


def test_unknown_result_is_refused() -> None:
    with pytest.raises(ValueError):
        audit_line("anna", "password=hunter2", dt.datetime.now(dt.UTC))


def test_unwritable_log_does_not_raise(tmp_path: Path, caplog) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not write_audit(blocker / "audit.jsonl", "anna", AuditResult.SIGNOUT)
    assert "Audit" in caplog.text
