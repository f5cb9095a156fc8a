"""Unit tests of the sign-in rules: hashing, verification, lockout, expiry, SSO roles."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from argon2 import PasswordHasher

from atlas.access import auth
from atlas.access.auth import Attempt, AuthMode, ClaimRoles, LockoutStore, Outcome, authenticate
from atlas.access.roles import Role
from atlas.access.users import User, add_user, set_password, verify_password
from atlas.errors import AuthError

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


# --- races, rate limit, hash slots (issue 18, defect 2) -------------------------------


def _counting_verify(monkeypatch, delay: float = 0.05) -> list[str]:
    """Replace the password check by a slow, counted one, to widen any race window."""
    import time

    checked: list[str] = []
    real = auth.verify_password

    def slow(user, password, hasher):
        checked.append(password)
        time.sleep(delay)
        return real(user, password, hasher)

    monkeypatch.setattr(auth, "verify_password", slow)
    return checked


def _parallel(n: int, attempt) -> list[Attempt]:
    barrier = threading.Barrier(n)
    results: list[Attempt] = []

    def run(i: int) -> None:
        barrier.wait()
        results.append(attempt(i))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.parametrize("n", [10, 20])
def test_parallel_attempts_check_at_most_five_passwords(users, store, monkeypatch, n) -> None:
    auth.set_hash_concurrency(n)  # no queueing: every thread races for the lock check
    try:
        checked = _counting_verify(monkeypatch)
        results = _parallel(n, lambda i: authenticate(users, "anna", f"falsch-{i:04d}", store,
                                                      hasher=FAST))
    finally:
        auth.set_hash_concurrency(auth.HASH_CONCURRENCY)
    assert len(checked) <= 5
    assert sum(r.outcome is Outcome.FAILED for r in results) <= 4
    assert store.is_locked("anna")


def test_right_password_in_a_parallel_burst_does_not_get_through_a_lock(users, store,
                                                                        monkeypatch) -> None:
    auth.set_hash_concurrency(20)
    try:
        _counting_verify(monkeypatch)
        results = _parallel(20, lambda i: authenticate(
            users, "anna", GOOD if i >= 15 else f"falsch-{i:04d}", store, hasher=FAST))
    finally:
        auth.set_hash_concurrency(auth.HASH_CONCURRENCY)
    failed = sum(r.outcome is Outcome.FAILED for r in results)
    ok = sum(r.outcome is Outcome.OK for r in results)
    assert failed + ok <= 5 and (ok == 0 or failed < 5)


def test_success_does_not_clear_an_active_lock(users, store, clock) -> None:
    for _ in range(5):
        authenticate(users, "anna", "falsch-falsch", store, hasher=FAST)
    assert store.is_locked("anna")
    assert authenticate(users, "anna", GOOD, store, hasher=FAST).outcome is Outcome.LOCKED
    assert store.is_locked("anna")
    clock.advance(minutes=16)
    assert authenticate(users, "anna", GOOD, store, hasher=FAST).outcome is Outcome.OK


def test_attempts_per_client_are_rate_limited(users, clock) -> None:
    store = LockoutStore(clock=clock, client_attempts=3)
    names = ["a1", "a2", "a3", "a4"]
    out = [authenticate(users, n, "falsch-falsch", store, hasher=FAST, client="10.0.0.9")
           for n in names]
    assert [a.outcome for a in out] == [Outcome.FAILED] * 3 + [Outcome.THROTTLED]
    assert out[-1].message == auth.texts.AUTH["throttled"]
    other = authenticate(users, "anna", GOOD, store, hasher=FAST, client="10.0.0.10")
    assert other.outcome is Outcome.OK
    clock.advance(minutes=1)
    assert authenticate(users, "anna", GOOD, store, hasher=FAST,
                        client="10.0.0.9").outcome is Outcome.OK


def test_hash_slots_limit_concurrent_checks(users, monkeypatch) -> None:
    import time

    running, peak = [0], [0]
    lock = threading.Lock()
    real = auth.verify_password

    def tracked(user, password, hasher):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return real(user, password, hasher)

    monkeypatch.setattr(auth, "verify_password", tracked)
    auth.set_hash_concurrency(2)
    store = LockoutStore(max_failures=100)
    _parallel(8, lambda i: authenticate(users, f"user{i}", "falsch-falsch", store, hasher=FAST))
    assert peak[0] == 2
