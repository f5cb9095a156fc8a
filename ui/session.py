"""Who is using this browser session: role, display name and last activity.

The sign-in itself lives in ``ui/signin.py``; pages ask ``ui.data.session_role()``,
which hands this module the auth settings parsed once (``atlas.access.auth.AuthSettings``).
:func:`current_role` fails closed: with ``ATLAS_AUTH_MODE=off``, an unknown
mode, or a sign-in idle for longer than ``ATLAS_SESSION_IDLE_MINUTES`` it
answers PUBLIC even before the sidebar has signed the session out.
"""

from __future__ import annotations

import datetime as dt
import weakref

import streamlit as st

from atlas.access import auth, websession
from atlas.access.roles import Role, coerce_role

_ROLE_KEY = "atlas_role"
_NAME_KEY = "atlas_user_name"  # display name for "Interne Ansicht – <Name>"
_ID_KEY = "atlas_user_id"  # normalised account name (audit log, users file)
_SEEN_KEY = "atlas_last_seen"
_FLASH_KEY = "atlas_auth_flash"
_TOKEN_KEY = "atlas_web_token"  # server-side session (atlas.access.websession) of this sign-in
_CLIENT_KEY = "atlas_web_client"  # weak reference to the connection that signed in
_COOKIE_KEY = "atlas_cookie_action"  # ("set", ticket) or ("clear", "") for the next render


def current_role(settings: auth.AuthSettings) -> Role:
    """The role of this session; public unless someone signed in and is still active."""
    role = coerce_role(st.session_state.get(_ROLE_KEY, Role.PUBLIC))
    if role is Role.PUBLIC:
        return role
    if not settings.signs_in:
        return Role.PUBLIC
    if auth.is_expired(last_seen(), auth.utc_now(), settings.idle_minutes):
        return Role.PUBLIC
    if settings.mode is auth.AuthMode.EMBEDDED and not is_bound(settings.idle_minutes):
        return Role.PUBLIC
    return role


# --- binding the sign-in to this browser ------------------------------------------
def _client() -> object | None:
    """The connection (WebSocket client) running this script, if there is a server."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not runtime.exists():
        return None
    return runtime.get_instance().get_client(ctx.session_id)


def _has_server() -> bool:
    """Whether this script run belongs to a session the server manages.

    False under AppTest, whose sessions no server (and no browser) knows; every
    run in ``make run`` belongs to a managed session, connected or not.
    """
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not runtime.exists():
        return False
    manager = getattr(runtime.get_instance(), "_session_mgr", None)  # AppTest: a spec'd mock
    return manager is not None and manager.get_session_info(ctx.session_id) is not None


def cookie_token() -> str | None:
    """The token in this connection's sign-in cookie (verified signature), else None."""
    try:
        value = st.context.cookies.get(websession.COOKIE_NAME)
    except Exception:  # noqa: BLE001 - no request context (bare mode)
        return None
    return websession.unsign(value)


def is_bound(idle_minutes: int) -> bool:
    """Whether this connection may use the sign-in recorded in the session.

    A Streamlit session id can be presented by another browser, which then
    shares ``st.session_state``. So the internal view needs, on *this*
    connection, either the signed cookie of a live server session or to be
    the very connection that typed the password (before its cookie exists).
    """
    if not _has_server():
        return True
    token = st.session_state.get(_TOKEN_KEY)
    if websession.STORE.get(token, auth.utc_now(), idle_minutes) is None:
        return False
    if cookie_token() == token:
        return True
    ref = st.session_state.get(_CLIENT_KEY)
    client = _client()
    return client is not None and callable(ref) and ref() is client


def restore_from_cookie(idle_minutes: int) -> bool:
    """Take over the sign-in named by this connection's cookie (after a reload)."""
    token = cookie_token()
    found = websession.STORE.get(token, auth.utc_now(), idle_minutes)
    if found is None or st.session_state.get(_TOKEN_KEY) == token:
        return False
    st.session_state[_TOKEN_KEY] = token
    st.session_state[_NAME_KEY] = found.name
    st.session_state[_ID_KEY] = found.user_id
    st.session_state[_ROLE_KEY] = coerce_role(found.role).value
    touch()
    return True


def start_web_session(name: str, role: Role, user_id: str) -> None:
    """Open the server-side session of a fresh sign-in and bind it to this connection."""
    now = auth.utc_now()
    token = websession.STORE.create(user_id, name, role.value, now)
    st.session_state[_TOKEN_KEY] = token
    client = _client()
    st.session_state[_CLIENT_KEY] = weakref.ref(client) if client is not None else None
    st.session_state[_COOKIE_KEY] = ("set", websession.STORE.ticket(token, now))


def refresh_web_session(name: str, role: Role) -> None:
    """Carry a changed display name or role over to the server-side session."""
    websession.STORE.touch(st.session_state.get(_TOKEN_KEY), auth.utc_now(),
                           name=name, role=role.value)


def end_web_session() -> None:
    """Revoke the server-side session: its cookie, wherever copied, opens nothing."""
    token = st.session_state.pop(_TOKEN_KEY, None)
    st.session_state.pop(_CLIENT_KEY, None)
    if token:
        websession.STORE.revoke(token)
        st.session_state[_COOKIE_KEY] = ("clear", "")


def pop_cookie_action() -> tuple[str, str] | None:
    """What the page must ask the cookie route once: set (with ticket) or clear."""
    return st.session_state.pop(_COOKIE_KEY, None)


def stored_role() -> Role:
    """The role recorded in the session, without the expiry check (for the sidebar)."""
    return coerce_role(st.session_state.get(_ROLE_KEY, Role.PUBLIC))


def current_user_name(settings: auth.AuthSettings) -> str | None:
    """Display name of the signed-in person, or None in the public view."""
    if current_role(settings) is Role.PUBLIC:
        return None
    return st.session_state.get(_NAME_KEY)


def current_user_id() -> str | None:
    """Account name of the signed-in person as recorded (None when public)."""
    return st.session_state.get(_ID_KEY)


def last_seen() -> dt.datetime | None:
    value = st.session_state.get(_SEEN_KEY)
    return value if isinstance(value, dt.datetime) else None


def touch(now: dt.datetime | None = None) -> None:
    """Record activity now (called on every rerun of a signed-in session)."""
    st.session_state[_SEEN_KEY] = now or auth.utc_now()
    websession.STORE.touch(st.session_state.get(_TOKEN_KEY), st.session_state[_SEEN_KEY])


def set_user(
    name: str | None, role: Role, *, user_id: str | None = None, now: dt.datetime | None = None,
) -> None:
    """Record a sign-in (or, with ``None``, a sign-out) in the session."""
    if name is None:
        for key in (_NAME_KEY, _ID_KEY, _SEEN_KEY, _TOKEN_KEY, _CLIENT_KEY):
            st.session_state.pop(key, None)
        st.session_state[_ROLE_KEY] = Role.PUBLIC.value
    else:
        st.session_state[_NAME_KEY] = name
        st.session_state[_ID_KEY] = user_id or name
        st.session_state[_ROLE_KEY] = role.value
        touch(now)


def session_id() -> str:
    """This browser session's id (empty outside a script run)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else ""


def drop_downloads() -> None:
    """Make this session's download URLs (``/media/<id>``) unreadable at once.

    Streamlit keeps a download file one extra script run after nothing refers to
    it (two orphan passes: mark, then delete). After a sign-out or an expiry the
    internal PPTX/PDF/CSV files must not outlive the sign-in by even one run, so
    the session's references are dropped and both passes run now. The next run
    registers the public downloads afresh.
    """
    from streamlit import runtime

    if not runtime.exists():
        return
    manager = runtime.get_instance().media_file_mgr
    manager.clear_session_refs(session_id() or None)
    manager.remove_orphaned_files()  # marks downloadable files ...
    manager.remove_orphaned_files()  # ... and deletes them


def flash(message: str, kind: str = "info") -> None:
    """Keep a message for the next sidebar render (survives the rerun after a callback)."""
    st.session_state[_FLASH_KEY] = (kind, message)


def pop_flash() -> tuple[str, str] | None:
    """The pending (kind, message), removed so that it shows once."""
    return st.session_state.pop(_FLASH_KEY, None)
