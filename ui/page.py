"""Page chrome written once: title, active view, and one way to show errors."""

from __future__ import annotations

import logging

import streamlit as st

from atlas import texts
from atlas.errors import (
    AtlasError,
    AuthError,
    CityConfigError,
    GeodataError,
    SchemaError,
    SettingsError,
)
from ui import data

logger = logging.getLogger("atlas.ui")


def view_label() -> str:
    """ "Öffentliche Ansicht" or "Interne Ansicht – <Name>" for this session."""
    from atlas.access import can_see_internal

    if can_see_internal(data.session_role()):
        return texts.APP["view_internal"].format(name=data.session_user_name() or "")
    return texts.APP["view_public"]


def header(title: str, caption: str | None = None) -> None:
    """Page title with the active view shown beside it."""
    st.title(title)
    st.caption(" · ".join(p for p in (view_label(), caption) if p))


# Errors about the server's own files and settings: the public gets a short German
# sentence, the operator the detail in the server log (never paths or commands publicly).
_OPERATIONAL = {
    GeodataError: "unavailable_boundaries",
    SettingsError: "unavailable_settings",
    CityConfigError: "unavailable_settings",
    SchemaError: "unavailable_data",
    AuthError: "unavailable_signin",
}


def public_message(error: AtlasError) -> str | None:
    """The short public sentence for an operational error, or None for bad input."""
    for kind, key in _OPERATIONAL.items():
        if isinstance(error, kind):
            return texts.APP[key]
    return None


def show_error(error: AtlasError) -> None:
    """Show a German error message once; the page carries on.

    Signed-in coordinators see the full message; a public session sees only a
    short sentence for operational problems while the detail goes to the log.
    """
    from atlas.access import can_see_internal

    short = public_message(error)
    if short is not None and not can_see_internal(data.session_role()):
        logger.warning("%s: %s", type(error).__name__, error)
        st.warning(short, icon=":material/warning:")
        return
    st.warning(str(error), icon=":material/warning:")


def operator_notice(public: str, detail: str, *, icon: str = ":material/info:") -> None:
    """A notice whose public wording differs from what the operator needs to know."""
    from atlas.access import can_see_internal

    logger.warning("%s", detail)
    st.info(detail if can_see_internal(data.session_role()) else public, icon=icon)
