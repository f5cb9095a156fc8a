"""Server-side sign-in sessions and the signed cookie that names one.

The browser holds only a signed, HttpOnly, SameSite=Strict cookie with a random
token; role, name and activity live here, in the server process. Signing out
revokes the token, so a copied cookie gets nothing afterwards. A new page load
(F5) presents the cookie on the WebSocket handshake and finds its session again.

How the cookie reaches the browser: the Streamlit script cannot set HttpOnly
cookies, so a sign-in issues a one-time *ticket* (valid 60 s); the page then
loads ``/api/sitzung?t=<ticket>`` (see ``ui/server.py``), whose answer sets the
cookie. Sessions live in memory: a server restart signs everyone out.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from dataclasses import dataclass, replace

from itsdangerous import BadSignature, TimestampSigner

COOKIE_NAME = "atlas_sitzung"
TICKET_SECONDS = 60
MAX_HOURS = 12  # absolute lifetime of a sign-in, however active
_SIGNER = TimestampSigner(secrets.token_bytes(32), salt="atlas-sitzung")


@dataclass(frozen=True)
class WebSession:
    token: str
    user_id: str
    name: str
    role: str
    created: dt.datetime
    last_seen: dt.datetime


def sign(token: str) -> str:
    """The cookie value for ``token``."""
    return _SIGNER.sign(token).decode("ascii")


def unsign(value: str | None) -> str | None:
    """The token in a cookie value, or None if it is missing, forged or too old."""
    if not value:
        return None
    try:
        return _SIGNER.unsign(value, max_age=MAX_HOURS * 3600).decode("ascii")
    except (BadSignature, UnicodeError):
        return None


class SessionStore:
    """Thread-safe in-memory sessions and one-time tickets."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, WebSession] = {}
        self._tickets: dict[str, tuple[str, dt.datetime]] = {}

    def create(self, user_id: str, name: str, role: str, now: dt.datetime) -> str:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[token] = WebSession(token, user_id, name, role, now, now)
        return token

    def ticket(self, token: str, now: dt.datetime) -> str:
        """A one-time ticket that the cookie route exchanges for ``token``."""
        ticket = secrets.token_urlsafe(24)
        with self._lock:
            self._tickets = {k: v for k, v in self._tickets.items()
                             if now - v[1] < dt.timedelta(seconds=TICKET_SECONDS)}
            self._tickets[ticket] = (token, now)
        return ticket

    def redeem(self, ticket: str, now: dt.datetime) -> str | None:
        """The token for a fresh, unused ticket of a live session; the ticket is spent."""
        with self._lock:
            entry = self._tickets.pop(ticket, None)
            if entry is None or now - entry[1] >= dt.timedelta(seconds=TICKET_SECONDS):
                return None
            return entry[0] if entry[0] in self._sessions else None

    def get(self, token: str | None, now: dt.datetime, idle_minutes: int) -> WebSession | None:
        """The live session for ``token``; idle or too old ones are removed."""
        if not token:
            return None
        with self._lock:
            found = self._sessions.get(token)
            if found is None:
                return None
            idle = now - found.last_seen >= dt.timedelta(minutes=max(idle_minutes, 0))
            if idle or now - found.created >= dt.timedelta(hours=MAX_HOURS):
                del self._sessions[token]
                return None
            return found

    def touch(self, token: str | None, now: dt.datetime, **changes: str) -> None:
        """Record activity (and optionally a changed name or role)."""
        with self._lock:
            found = self._sessions.get(token or "")
            if found is not None:
                self._sessions[found.token] = replace(found, last_seen=now, **changes)

    def revoke(self, token: str | None) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)
            self._tickets = {k: v for k, v in self._tickets.items() if v[0] != token}

    def __len__(self) -> int:
        return len(self._sessions)


STORE = SessionStore()
