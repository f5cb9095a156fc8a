"""The users file and ``python -m atlas.access.users``: atomic writes, bad files, no echo."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from atlas.access.roles import Role
from atlas.access.users import add_user, load_users, remove_user, save_users, verify_password
from atlas.access.users_cli import run
from atlas.errors import AuthError

ROOT = Path(__file__).resolve().parent.parent
FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
SECRET = "geheim-und-lang-42"


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "users.json"
    users = add_user({}, "anna", SECRET, Role.ADMIN, display_name="Anna", hasher=FAST)
    save_users(path, users)
    loaded = load_users(path)
    assert loaded["anna"].role is Role.ADMIN and loaded["anna"].label == "Anna"
    assert verify_password(loaded["anna"], SECRET, FAST)
    assert SECRET not in path.read_text()
    assert (path.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["users.json"]  # no temp file left


def test_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "users.json"
    save_users(path, add_user({}, "anna", SECRET, Role.KOORDINATION, hasher=FAST))
    before = path.read_bytes()

    def broken_replace(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(AuthError, match="nicht geschrieben"):
        save_users(path, {})
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["users.json"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{nicht json", "beschädigt"),
        ("[]", "beschädigt"),
        ('{"users": {"anna": {"role": "koordination", "hash": "klartext"}}}', "beschädigt"),
        ('{"users": {"anna": {"role": "chef", "hash": "$argon2id$x"}}}', "beschädigt"),
        ('{"users": {"an na": {"role": "admin", "hash": "$argon2id$x"}}}', "beschädigt"),
        (b"\xff\xfe\x00", "nicht lesbar"),
    ],
)
def test_corrupt_files_give_german_messages(tmp_path: Path, content, fragment: str) -> None:
    path = tmp_path / "users.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(AuthError, match=fragment) as info:
        load_users(path)
    assert "users.json" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AuthError, match="fehlt"):
        load_users(tmp_path / "nope.json")


def test_remove_and_duplicates() -> None:
    users = add_user({}, "anna", SECRET, Role.KOORDINATION, hasher=FAST)
    with pytest.raises(AuthError, match="gibt es schon"):
        add_user(users, "ANNA", SECRET, Role.KOORDINATION, hasher=FAST)
    with pytest.raises(AuthError, match="gibt es nicht"):
        remove_user(users, "bert")
    assert remove_user(users, "anna") == {}


def test_short_password_and_public_role_refused() -> None:
    with pytest.raises(AuthError, match="zu kurz"):
        add_user({}, "anna", "kurz", Role.KOORDINATION, hasher=FAST)


def cli(tmp_path: Path, *args: str, stdin: str = "", prompt=None) -> tuple[int, str]:
    out = io.StringIO()
    kwargs = {"prompt": prompt} if prompt else {}
    code = run(["--file", str(tmp_path / "users.json"), *args], stdin=io.StringIO(stdin),
               stdout=out, **kwargs)
    return code, out.getvalue()


def test_cli_add_list_passwd_remove(tmp_path: Path, capsys) -> None:
    code, out = cli(tmp_path, "add", "Anna", "--role", "admin", "--display-name", "Anna B",
                    "--stdin", stdin=SECRET + "\n")
    assert code == 0 and "anna" in out and SECRET not in out
    code, out = cli(tmp_path, "list")
    assert out.split("\t")[:3] == ["anna", "admin", "Anna B"]
    assert "$argon2" not in out and SECRET not in out
    code, _ = cli(tmp_path, "passwd", "anna", prompt=lambda _: "noch-ein-passwort")
    assert code == 0
    user = load_users(tmp_path / "users.json")["anna"]
    assert verify_password(user, "noch-ein-passwort")
    code, _ = cli(tmp_path, "remove", "anna")
    assert code == 0 and load_users(tmp_path / "users.json") == {}
    assert SECRET not in capsys.readouterr().err


def test_cli_refuses_politely(tmp_path: Path, capsys) -> None:
    code, _ = cli(tmp_path, "add", "anna", "--stdin", stdin="")
    assert code == 1 and "Standardeingabe" in capsys.readouterr().err
    answers = iter(["erstes-passwort", "zweites-passwort"])
    code, _ = cli(tmp_path, "add", "anna", prompt=lambda _: next(answers))
    err = capsys.readouterr().err
    assert code == 1 and "stimmen nicht" in err and "erstes-passwort" not in err
    (tmp_path / "users.json").write_text("{kaputt")
    code, _ = cli(tmp_path, "add", "bert", "--stdin", stdin=SECRET + "\n")
    assert code == 1 and "beschädigt" in capsys.readouterr().err
    assert (tmp_path / "users.json").read_text() == "{kaputt"  # never overwritten


def test_cli_has_no_password_argument() -> None:
    from atlas.access.users_cli import build_parser

    assert "--password" not in build_parser().format_help()
    with pytest.raises(SystemExit):
        build_parser().parse_args(["add", "anna", "--password", "x"])


def test_module_runs_as_command(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    env = {**os.environ, "ATLAS_USERS_FILE": str(path)}
    done = subprocess.run(
        [sys.executable, "-m", "atlas.access.users", "add", "carla", "--stdin"],
        input=SECRET + "\n", capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert SECRET not in done.stdout + done.stderr
    assert json.loads(path.read_text())["users"]["carla"]["role"] == "koordination"
