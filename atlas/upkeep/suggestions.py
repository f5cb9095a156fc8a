"""Public suggestions ("Änderung vorschlagen"): checked, rate-limited, stored for review.

A suggestion is free text about one public place, with an optional e-mail
address for questions back; nothing else about the sender is kept (no name,
no IP address, no session). It changes nothing by itself: a coordinator reads
it on the "Pflege" page and edits the place through the normal review.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from dataclasses import dataclass

import sqlalchemy as sa

from atlas.errors import EditError
from atlas.store.places import utc_now
from atlas.store.tables import suggestions
from atlas.texts import SUGGEST as T

MIN_CHARS, MAX_CHARS = 10, 2000
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


@dataclass(frozen=True)
class Suggestion:
    id: int
    place_id: str | None
    text: str
    email: str | None
    created_at: str
    state: str
    handled_by: str | None


def check_suggestion(text: str, email: str) -> tuple[str, str | None]:
    """(text, e-mail or None) after the checks; EditError (German) names the field."""
    text = (text or "").strip()
    if len(text) < MIN_CHARS:
        raise EditError(T["too_short"].format(limit=MIN_CHARS), field="text")
    if len(text) > MAX_CHARS:
        raise EditError(T["too_long"].format(limit=MAX_CHARS), field="text")
    email = (email or "").strip()
    if email and (len(email) > 254 or not _EMAIL.match(email)):
        raise EditError(T["bad_email"], field="email")
    return text, email or None


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key (and ``total`` for all keys)."""

    def __init__(self, limit: int = 3, window: float = 3600.0, total: int = 60) -> None:
        self.limit, self.window, self.total = limit, window, total
        self._events: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        """Count one event for ``key`` if it is within both limits; False otherwise."""
        now = time.monotonic() if now is None else now
        with self._lock:
            mine = self._events.setdefault(key, deque())
            for queue in (mine, self._all):
                while queue and now - queue[0] > self.window:
                    queue.popleft()
            if len(mine) >= self.limit or len(self._all) >= self.total:
                return False
            mine.append(now)
            self._all.append(now)
            return True


def add_suggestion(conn: sa.Connection, place_id: str | None, text: str,
                   email: str | None) -> int:
    result = conn.execute(suggestions.insert().values(
        place_id=place_id, text=text, email=email, created_at=utc_now(), state="open"))
    return int(result.inserted_primary_key[0])


def list_suggestions(conn: sa.Connection, *, state: str = "open") -> list[Suggestion]:
    rows = conn.execute(sa.select(suggestions).where(suggestions.c.state == state)
                        .order_by(suggestions.c.id.desc())).all()
    return [Suggestion(r.id, r.place_id, r.text, r.email, r.created_at, r.state, r.handled_by)
            for r in rows]


def close_suggestion(conn: sa.Connection, suggestion_id: int, who: str) -> None:
    conn.execute(suggestions.update().where(suggestions.c.id == suggestion_id)
                 .values(state="done", handled_by=who, handled_at=utc_now()))
