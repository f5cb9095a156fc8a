"""Who is using this browser session: role and display name.

The sign-in itself lives in ``ui/signin.py``; pages only ask for the role.
"""

from __future__ import annotations

import streamlit as st

from atlas.access import Role

_ROLE_KEY = "atlas_role"
_NAME_KEY = "atlas_user_name"


def current_role() -> Role:
    """The role of this session; public unless someone signed in."""
    return Role(st.session_state.get(_ROLE_KEY, Role.PUBLIC))


def current_user_name() -> str | None:
    return st.session_state.get(_NAME_KEY)


def set_user(name: str | None, role: Role) -> None:
    """Record a sign-in (or, with ``None``, a sign-out) in the session."""
    if name is None:
        st.session_state.pop(_NAME_KEY, None)
        st.session_state[_ROLE_KEY] = Role.PUBLIC.value
    else:
        st.session_state[_NAME_KEY] = name
        st.session_state[_ROLE_KEY] = role.value
