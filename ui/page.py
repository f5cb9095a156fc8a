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
from atlas.markup import escape_markdown, fill
from ui import data

logger = logging.getLogger("atlas.ui")


def view_label() -> str:
    """ "Öffentliche Ansicht" or "Interne Ansicht – <Name>" for this session."""
    from atlas.access.roles import can_see_internal

    if can_see_internal(data.session_role()):
        return fill(texts.APP["view_internal"], name=data.session_user_name() or "")
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
    """The short public sentence for an operational error, or None for bad input
    (and for a message already worded for the public, ``AtlasError.public``)."""
    if error.public:
        return None
    for kind, key in _OPERATIONAL.items():
        if isinstance(error, kind):
            return texts.APP[key]
    return None


def show_error(error: AtlasError) -> None:
    """Show a German error message once; the page carries on.

    Messages are plain text that may quote user input, so they are escaped.
    Signed-in coordinators see the full message; a public session sees only a
    short sentence for operational problems while the detail goes to the log.
    """
    from atlas.access.roles import can_see_internal

    short = public_message(error)
    if short is not None and not can_see_internal(data.session_role()):
        logger.warning("%s: %s", type(error).__name__, error)
        st.warning(short, icon=":material/warning:")
        return
    st.warning(escape_markdown(error), icon=":material/warning:")


def operator_notice(public: str, detail: str, *, icon: str = ":material/info:") -> None:
    """A notice whose public wording differs from what the operator needs to know."""
    from atlas.access.roles import can_see_internal

    logger.warning("%s", detail)
    shown = detail if can_see_internal(data.session_role()) else public
    st.info(escape_markdown(shown), icon=icon)


def show_notice(text: str) -> None:
    """A small plain-text note (e.g. an ignored URL value), escaped like every echo."""
    st.caption(f":material/info: {escape_markdown(text)}")


def show_warning(text: str, icon: str | None = ":material/warning:") -> None:
    """A plain-text warning (escaped, as it may quote user input)."""
    st.warning(escape_markdown(text), icon=icon)
