"""Who is using this browser session: role, display name and last activity.

The sign-in itself lives in ``ui/signin.py``; pages ask ``ui.data.session_role()``,
which hands this module the auth settings parsed once (``atlas.auth.AuthSettings``).
:func:`current_role` fails closed: with ``ATLAS_AUTH_MODE=off``, an unknown
mode, or a sign-in idle for longer than ``ATLAS_SESSION_IDLE_MINUTES`` it
answers PUBLIC even before the sidebar has signed the session out.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from atlas import auth
from atlas.access import Role, coerce_role

_ROLE_KEY = "atlas_role"
_NAME_KEY = "atlas_user_name"  # display name for "Interne Ansicht – <Name>"
_ID_KEY = "atlas_user_id"  # normalised account name (audit log, users file)
_SEEN_KEY = "atlas_last_seen"
_FLASH_KEY = "atlas_auth_flash"


def current_role(settings: auth.AuthSettings) -> Role:
    """The role of this session; public unless someone signed in and is still active."""
    role = coerce_role(st.session_state.get(_ROLE_KEY, Role.PUBLIC))
    if role is Role.PUBLIC:
        return role
    if not settings.signs_in:
        return Role.PUBLIC
    if auth.is_expired(last_seen(), auth.utc_now(), settings.idle_minutes):
        return Role.PUBLIC
    return role


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


def set_user(
    name: str | None, role: Role, *, user_id: str | None = None, now: dt.datetime | None = None,
) -> None:
    """Record a sign-in (or, with ``None``, a sign-out) in the session."""
    if name is None:
        for key in (_NAME_KEY, _ID_KEY, _SEEN_KEY):
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
