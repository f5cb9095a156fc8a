"""Sign-in decisions: credential checks, lockout after failures, idle expiry, SSO roles.

Everything here is plain Python with an injectable clock, so the rules can be
tested without waiting: after ``MAX_FAILURES`` failed attempts for one user
name within ``FAILURE_WINDOW``, that name is locked for ``LOCK_DURATION``. The
:class:`LockoutStore` is shared by all sessions of one server process (the UI
keeps one instance in a ``st.cache_resource``), so a new browser tab does not
reset the count. The lock check and the failure count are one atomic step
around the password hash (:meth:`LockoutStore.begin` / :meth:`LockoutStore.finish`),
so parallel attempts cannot check more than ``MAX_FAILURES`` passwords, and a
right password never lifts an active lock. Attempts per client are rate-limited
and at most ``HASH_CONCURRENCY`` argon2 checks (about 58 MB each) run at once.
Unknown names are counted and locked exactly like known ones, and a wrong
password gives the same answer as an unknown name, so the sign-in form never
reveals which accounts exist.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher

from atlas import texts
from atlas.access.roles import Role
from atlas.access.users import (
    User,
    check_password_input,
    new_hasher,
    normalise_name,
    verify_password,
)
from atlas.errors import AuthError

MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
LOCK_DURATION = dt.timedelta(minutes=15)
MAX_TRACKED_NAMES = 10_000
CLIENT_ATTEMPTS = 10  # sign-in attempts per client (IP address or session) ...
CLIENT_WINDOW = dt.timedelta(minutes=1)  # ... within this window
HASH_CONCURRENCY = 2  # argon2 checks running at once; the others wait
HASH_WAIT_SECONDS = 20.0

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The default clock (timezone-aware UTC)."""
    return dt.datetime.now(dt.UTC)


class AuthMode(StrEnum):
    EMBEDDED = "embedded"
    OIDC = "oidc"
    OFF = "off"


def parse_auth_mode(raw: str) -> AuthMode:
    """The ATLAS_AUTH_MODE value; an unknown value is an :class:`AuthError`."""
    try:
        return AuthMode(str(raw).strip().lower())
    except ValueError as e:
        raise AuthError(texts.AUTH["mode_unknown"].format(mode=raw)) from e


@dataclass(frozen=True)
class AuthSettings:
    """The sign-in settings, parsed once: mode (OFF for an unknown value, with the German
    ``problem``) and the idle limit in minutes."""

    mode: AuthMode
    idle_minutes: int
    problem: str | None = None

    @property
    def signs_in(self) -> bool:
        """Whether anyone can be signed in (embedded or OIDC); otherwise all is public."""
        return self.mode in (AuthMode.EMBEDDED, AuthMode.OIDC)


def auth_settings(config: Any) -> AuthSettings:
    """``ATLAS_AUTH_MODE`` and ``ATLAS_SESSION_IDLE_MINUTES`` of a Config as one value."""
    idle = int(config.session_idle_minutes)
    try:
        return AuthSettings(parse_auth_mode(config.auth_mode), idle)
    except AuthError as e:
        return AuthSettings(AuthMode.OFF, idle, str(e))


class Outcome(StrEnum):
    """Result of one sign-in attempt; the values are the audit log's ``result``."""

    OK = "signin_ok"
    FAILED = "signin_failed"
    LOCKED = "locked"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class Attempt:
    """What a sign-in attempt produced; ``user`` is set only for ``Outcome.OK``."""

    outcome: Outcome
    name: str | None
    user: User | None = None

    @property
    def message(self) -> str:
        """The German message for the form (identical for unknown name and wrong password)."""
        if self.outcome is Outcome.OK:
            return ""
        if self.outcome is Outcome.LOCKED:
            return texts.AUTH["locked"].format(minutes=int(LOCK_DURATION.total_seconds() // 60))
        if self.outcome is Outcome.THROTTLED:
            return texts.AUTH["throttled"]
        return texts.AUTH["signin_failed"]


@dataclass
class _NameState:
    failures: list[dt.datetime] = field(default_factory=list)
    locked_until: dt.datetime | None = None
    pending: int = 0  # attempts whose password is being checked right now


class LockoutStore:
    """Failed attempts and locks per user name, safe to share between threads.

    An attempt first *reserves* a check (:meth:`begin`): under one lock it is refused
    when the name is locked or when failures plus checks still running would reach
    the limit, so parallel attempts cannot all pass the lock check before any
    failure is counted. :meth:`finish` then records the result under the same lock.
    Attempts per client (an IP address or session) are limited as well.
    """

    def __init__(
        self, *, clock: Clock = utc_now, max_failures: int = MAX_FAILURES,
        window: dt.timedelta = FAILURE_WINDOW, lock_duration: dt.timedelta = LOCK_DURATION,
        client_attempts: int = CLIENT_ATTEMPTS, client_window: dt.timedelta = CLIENT_WINDOW,
    ) -> None:
        self.clock = clock
        self.max_failures = max_failures
        self.window = window
        self.lock_duration = lock_duration
        self.client_attempts = client_attempts
        self.client_window = client_window
        self._states: dict[str, _NameState] = {}
        self._clients: dict[str, list[dt.datetime]] = {}
        self._lock = threading.Lock()

    def is_locked(self, name: str) -> bool:
        """Whether ``name`` is locked right now."""
        with self._lock:
            return self._locked(self._states.get(name), self.clock())

    @staticmethod
    def _locked(state: _NameState | None, now: dt.datetime) -> bool:
        return bool(state and state.locked_until and now < state.locked_until)

    def allow_client(self, client: str | None) -> bool:
        """Count one attempt of ``client``; False when it made too many in the window."""
        if not client:
            return True
        now = self.clock()
        with self._lock:
            if len(self._clients) >= MAX_TRACKED_NAMES:
                self._clients = {k: v for k, v in self._clients.items()
                                 if v and now - v[-1] < self.client_window}
            recent = [t for t in self._clients.get(client, []) if now - t < self.client_window]
            if len(recent) >= self.client_attempts:
                self._clients[client] = recent
                return False
            self._clients[client] = [*recent, now]
            return True

    def begin(self, name: str) -> bool:
        """Reserve one password check for ``name``; False if it is (or would be) locked."""
        now = self.clock()
        with self._lock:
            self._prune(now)
            state = self._states.setdefault(name, _NameState())
            if self._locked(state, now):
                return False
            if state.locked_until:  # an expired lock: start afresh
                state.locked_until = None
                state.failures.clear()
            state.failures = [t for t in state.failures if now - t < self.window]
            if len(state.failures) + state.pending >= self.max_failures:
                return False
            state.pending += 1
            return True

    def finish(self, name: str, ok: bool) -> Outcome:
        """Record the result of a check reserved with :meth:`begin`.

        A right password does not lift an active lock (it reports LOCKED); a wrong
        one counts, and the failure that reaches the limit locks the name.
        """
        now = self.clock()
        with self._lock:
            state = self._states.setdefault(name, _NameState())
            state.pending = max(state.pending - 1, 0)
            if self._locked(state, now):
                return Outcome.LOCKED
            if ok:
                state.failures.clear()
                if not state.pending:
                    self._states.pop(name, None)
                return Outcome.OK
            state.failures = [t for t in state.failures if now - t < self.window] + [now]
            if len(state.failures) >= self.max_failures:
                state.locked_until = now + self.lock_duration
                state.failures.clear()
                return Outcome.LOCKED
            return Outcome.FAILED

    def cancel(self, name: str) -> None:
        """Give back a reserved check that never ran (e.g. no hash slot free in time)."""
        with self._lock:
            state = self._states.get(name)
            if state:
                state.pending = max(state.pending - 1, 0)

    def record_failure(self, name: str) -> bool:
        """Count a failure outside a reserved check; True when it locks the name."""
        if not self.begin(name):
            return self.is_locked(name)
        return self.finish(name, False) is Outcome.LOCKED

    def failures(self, name: str) -> int:
        """Failures of ``name`` still inside the window (for tests and diagnostics)."""
        now = self.clock()
        with self._lock:
            state = self._states.get(name)
            return sum(1 for t in state.failures if now - t < self.window) if state else 0

    def _prune(self, now: dt.datetime) -> None:
        """Drop stale names so that random names cannot grow the store without bound."""
        if len(self._states) < MAX_TRACKED_NAMES:
            return
        for key in list(self._states):
            state = self._states[key]
            fresh = [t for t in state.failures if now - t < self.window]
            if not fresh and not state.pending and not self._locked(state, now):
                del self._states[key]


_HASH_SLOTS = threading.BoundedSemaphore(HASH_CONCURRENCY)


def set_hash_concurrency(slots: int) -> None:
    """How many argon2 checks may run at once in this process (each costs ~58 MB)."""
    global _HASH_SLOTS
    _HASH_SLOTS = threading.BoundedSemaphore(max(int(slots), 1))


_DUMMY_HASHES: dict[tuple[int, int, int], str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash with the hasher's cost to verify against for unknown names, so that
    an unknown name takes as long as a wrong password."""
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = hasher.hash("integrationsatlas-placeholder")
    return _DUMMY_HASHES[key]


def authenticate(
    users: Mapping[str, User], raw_name: str, password: str, store: LockoutStore, *,
    hasher: PasswordHasher | None = None, client: str | None = None,
) -> Attempt:
    """Check one sign-in attempt against ``users`` with lockout.

    Empty, overlong or oddly formed input raises :class:`AuthError` with a polite
    German message (not counted as a failure, nothing is hashed). Otherwise the
    result is OK, FAILED (unknown name or wrong password, same message), LOCKED
    (also while checks already running would reach the limit) or THROTTLED (too
    many attempts from ``client``). At most ``HASH_CONCURRENCY`` checks run at once.
    """
    name = normalise_name(raw_name)
    check_password_input(password)
    if not store.allow_client(client):
        return Attempt(Outcome.THROTTLED, name)
    if not store.begin(name):
        return Attempt(Outcome.LOCKED, name)
    try:
        ok = _check_password(users.get(name), name, password, hasher or new_hasher())
    except BaseException:
        store.cancel(name)
        raise
    outcome = store.finish(name, ok)
    return Attempt(outcome, name, users.get(name) if outcome is Outcome.OK else None)


def _check_password(user: User | None, name: str, password: str,
                    hasher: PasswordHasher) -> bool:
    """One argon2 check inside the process-wide hash slots (an unknown name costs the same)."""
    if not _HASH_SLOTS.acquire(timeout=HASH_WAIT_SECONDS):
        raise AuthError(texts.AUTH["busy"])
    try:
        if user is None:
            verify_password(User(name, Role.KOORDINATION, _dummy_hash(hasher)), password, hasher)
            return False
        return verify_password(user, password, hasher)
    finally:
        _HASH_SLOTS.release()


def is_expired(last_seen: dt.datetime | None, now: dt.datetime, idle_minutes: int) -> bool:
    """Whether a sign-in last active at ``last_seen`` has been idle too long.

    A missing timestamp counts as expired (fail closed); ``idle_minutes <= 0``
    also expires at once.
    """
    if last_seen is None:
        return True
    return now - last_seen >= dt.timedelta(minutes=max(idle_minutes, 0))


@dataclass(frozen=True)
class ClaimRoles:
    """How an OIDC identity's claims map to roles (from ``[atlas_roles]`` in secrets.toml)."""

    claim: str = "groups"
    admin: tuple[str, ...] = ()
    koordination: tuple[str, ...] = ()
    name_claims: tuple[str, ...] = ("name", "preferred_username", "email")

    @classmethod
    def from_mapping(cls, section: Mapping[str, Any] | None) -> ClaimRoles:
        """Read the secrets section; strings and lists of strings are both accepted."""
        section = section or {}
        return cls(
            claim=str(section.get("claim", "groups")),
            admin=_strings(section.get("admin")),
            koordination=_strings(section.get("koordination")),
            name_claims=_strings(section.get("name_claims")) or cls.name_claims,
        )


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(p.strip() for p in value.split(",") if p.strip())
    if isinstance(value, Iterable):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return (str(value),)


def role_from_claims(claims: Mapping[str, Any], mapping: ClaimRoles) -> Role:
    """The highest role whose configured values occur in the claim; otherwise public.

    The claim may be a string, a space- or comma-separated string, or a list
    (Keycloak/Entra ``groups``, ``roles``). Nothing configured means public.
    """
    values = set(_strings(claims.get(mapping.claim)))
    raw = claims.get(mapping.claim)
    if isinstance(raw, str):
        values |= set(raw.split())
    if values & set(mapping.admin):
        return Role.ADMIN
    if values & set(mapping.koordination):
        return Role.KOORDINATION
    return Role.PUBLIC


def name_from_claims(claims: Mapping[str, Any], mapping: ClaimRoles) -> str:
    """The display name of an OIDC identity (first configured claim that is set)."""
    for key in mapping.name_claims:
        value = claims.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()[:200]
    return texts.AUTH["sso_unnamed"]
