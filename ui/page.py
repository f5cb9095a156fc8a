"""Page chrome written once: title, active view, and one way to show errors."""

from __future__ import annotations

import streamlit as st

from atlas import texts
from atlas.errors import AtlasError
from ui import data


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


def show_error(error: AtlasError) -> None:
    """Show a German error message once; the page carries on."""
    st.warning(str(error), icon=":material/warning:")
