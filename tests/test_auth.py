"""Unit tests of the sign-in rules: hashing, verification, lockout, expiry, SSO roles."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from argon2 import PasswordHasher

from atlas import auth
from atlas.access import Role
from atlas.auth import Attempt, AuthMode, ClaimRoles, LockoutStore, Outcome, authenticate
from atlas.errors import AuthError
from atlas.users import User, add_user, set_password, verify_password

FAST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
GOOD = "richtig-und-lang"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


@pytest.fixture
def users() -> dict[str, User]:
    return add_user({}, "Anna", GOOD, Role.KOORDINATION, display_name="Anna B.", hasher=FAST)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> LockoutStore:
    return LockoutStore(clock=clock)


def test_hash_is_argon2id_and_salted(users: dict[str, User]) -> None:
    again = add_user({}, "anna", GOOD, Role.KOORDINATION, hasher=FAST)
    stored = users["anna"].password_hash
    assert stored.startswith("$argon2id$")
    assert GOOD not in stored
    assert stored != again["anna"].password_hash  # random salt


def test_verify_accepts_right_and_refuses_wrong(users: dict[str, User]) -> None:
    assert verify_password(users["anna"], GOOD, FAST)
    assert not verify_password(users["anna"], GOOD + "x", FAST)
    broken = User("anna", Role.KOORDINATION, "$argon2id$kaputt")
    assert not verify_password(broken, GOOD, FAST)


def test_set_password_replaces_hash(users: dict[str, User]) -> None:
    changed = set_password(users, "anna", "ein-neues-passwort", hasher=FAST)
    assert not verify_password(changed["anna"], GOOD, FAST)
    assert verify_password(changed["anna"], "ein-neues-passwort", FAST)
    assert changed["anna"].role is Role.KOORDINATION


def test_authenticate_ok_returns_user(users, store) -> None:
    attempt = authenticate(users, "  ANNA ", GOOD, store, hasher=FAST)
    assert attempt.outcome is Outcome.OK
    assert attempt.user is not None and attempt.user.label == "Anna B."


def test_wrong_password_and_unknown_user_look_the_same(users, store) -> None:
    wrong = authenticate(users, "anna", "falsch-falsch", store, hasher=FAST)
    unknown = authenticate(users, "niemand", GOOD, store, hasher=FAST)
    assert wrong.outcome is unknown.outcome is Outcome.FAILED
    assert wrong.message == unknown.message
    assert wrong.user is None and unknown.user is None


@pytest.mark.parametrize("name", ["", "   ", "a" * 65, "anna; drop", "<script>", "jürgen", "-x"])
def test_odd_user_names_are_refused_politely(users, store, name: str) -> None:
    with pytest.raises(AuthError) as info:
        authenticate(users, name, GOOD, store, hasher=FAST)
    assert "Benutzername" in str(info.value)
    if name.strip():
        assert name.strip() not in str(info.value)  # never echoes what was typed
    assert store.failures("anna") == 0


@pytest.mark.parametrize("password", ["", "p" * 201])
def test_empty_or_overlong_password_is_refused(users, store, password: str) -> None:
    with pytest.raises(AuthError) as info:
        authenticate(users, "anna", password, store, hasher=FAST)
    assert "Passwort" in str(info.value)
    assert store.failures("anna") == 0


def test_five_failures_lock_the_name_even_for_the_right_password(users, store, clock) -> None:
    results = [authenticate(users, "anna", f"falsch-{i}-xx", store, hasher=FAST).outcome
               for i in range(5)]
    assert results == [Outcome.FAILED] * 4 + [Outcome.LOCKED]
    clock.advance(minutes=14, seconds=59)
    locked = authenticate(users, "anna", GOOD, store, hasher=FAST)
    assert locked.outcome is Outcome.LOCKED and locked.user is None
    assert "15 Minuten" in locked.message
    clock.advance(seconds=1)
    assert authenticate(users, "anna", GOOD, store, hasher=FAST).outcome is Outcome.OK


def test_failures_outside_the_window_do_not_count(users, store, clock) -> None:
    for _ in range(4):
        authenticate(users, "anna", "falsch-falsch", store, hasher=FAST)
    clock.advance(minutes=15, seconds=1)
    again = authenticate(users, "anna", "falsch-falsch", store, hasher=FAST)
    assert again.outcome is Outcome.FAILED
    assert store.failures("anna") == 1


def test_success_resets_the_count(users, store) -> None:
    for _ in range(4):
        authenticate(users, "anna", "falsch-falsch", store, hasher=FAST)
    authenticate(users, "anna", GOOD, store, hasher=FAST)
    assert store.failures("anna") == 0
    assert authenticate(users, "anna", "falsch", store, hasher=FAST).outcome is Outcome.FAILED


def test_unknown_names_lock_too_and_other_names_stay_open(users, store) -> None:
    for _ in range(5):
        last = authenticate(users, "mallory", "egal-egal", store, hasher=FAST)
    assert last.outcome is Outcome.LOCKED
    assert store.is_locked("mallory") and not store.is_locked("anna")
    assert authenticate(users, "anna", GOOD, store, hasher=FAST).outcome is Outcome.OK


def test_store_is_shared_safely_between_threads(clock) -> None:
    store = LockoutStore(clock=clock, max_failures=1000)
    threads = [threading.Thread(target=lambda: [store.record_failure("x") for _ in range(50)])
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.failures("x") == 400


def test_attempt_messages_never_contain_the_password() -> None:
    for outcome in Outcome:
        assert GOOD not in Attempt(outcome, "anna").message


def test_idle_expiry(clock) -> None:
    seen = clock()
    assert not auth.is_expired(seen, seen + dt.timedelta(minutes=29, seconds=59), 30)
    assert auth.is_expired(seen, seen + dt.timedelta(minutes=30), 30)
    assert auth.is_expired(None, seen, 30)  # fail closed


def test_auth_mode_parsing() -> None:
    assert auth.parse_auth_mode(" OIDC ") is AuthMode.OIDC
    with pytest.raises(AuthError, match="„ldap“"):
        auth.parse_auth_mode("ldap")


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (["atlas-admin", "x"], Role.ADMIN),
        (["atlas-koordination"], Role.KOORDINATION),
        ("atlas-koordination other", Role.KOORDINATION),
        ("atlas-koordination,other", Role.KOORDINATION),
        (["unrelated"], Role.PUBLIC),
        (None, Role.PUBLIC),
    ],
)
def test_claims_map_to_roles(claim, expected: Role) -> None:
    mapping = ClaimRoles.from_mapping(
        {"claim": "groups", "admin": ["atlas-admin"], "koordination": "atlas-koordination"}
    )
    assert auth.role_from_claims({"groups": claim}, mapping) is expected


def test_nothing_configured_means_public_and_names_fall_back() -> None:
    mapping = ClaimRoles.from_mapping(None)
    assert auth.role_from_claims({"groups": ["admin"]}, mapping) is Role.PUBLIC
    assert auth.name_from_claims({"email": "a@b.de"}, mapping) == "a@b.de"
    assert auth.name_from_claims({}, mapping)
