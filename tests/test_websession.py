"""Server-side sign-in sessions: tickets, expiry, revocation and the signed cookie."""

from __future__ import annotations

import datetime as dt

from atlas.access import websession
from atlas.access.websession import SessionStore

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def test_ticket_is_spent_once_and_expires() -> None:
    store = SessionStore()
    token = store.create("kora", "Kora", "koordination", T0)
    ticket = store.ticket(token, T0)
    assert store.redeem(ticket, T0 + dt.timedelta(seconds=5)) == token
    assert store.redeem(ticket, T0 + dt.timedelta(seconds=6)) is None
    late = store.ticket(token, T0)
    assert store.redeem(late, T0 + dt.timedelta(seconds=websession.TICKET_SECONDS)) is None


def test_revoked_or_idle_sessions_are_gone() -> None:
    store = SessionStore()
    token = store.create("kora", "Kora", "koordination", T0)
    assert store.get(token, T0 + dt.timedelta(minutes=29), 30).user_id == "kora"
    store.touch(token, T0 + dt.timedelta(minutes=29))
    assert store.get(token, T0 + dt.timedelta(minutes=58), 30) is not None
    assert store.get(token, T0 + dt.timedelta(minutes=90), 30) is None
    assert len(store) == 0
    other = store.create("kora", "Kora", "koordination", T0)
    ticket = store.ticket(other, T0)
    store.revoke(other)
    assert store.get(other, T0, 30) is None
    assert store.redeem(ticket, T0) is None


def test_absolute_lifetime_even_when_active() -> None:
    store = SessionStore()
    token = store.create("kora", "Kora", "koordination", T0)
    later = T0 + dt.timedelta(hours=websession.MAX_HOURS)
    store.touch(token, later - dt.timedelta(minutes=1))
    assert store.get(token, later, 30) is None


def test_cookie_value_is_signed() -> None:
    value = websession.sign("abc")
    assert websession.unsign(value) == "abc"
    assert websession.unsign(value[:-1] + ("A" if value[-1] != "A" else "B")) is None
    assert websession.unsign("abc") is None
    assert websession.unsign(None) is None
