"""Page chrome written once: title, active view, and one way to show errors."""

from __future__ import annotations

import streamlit as st

from atlas import texts
from atlas.errors import AtlasError
from atlas.markup import escape_markdown, fill
from ui import data


def view_label() -> str:
    """ "Öffentliche Ansicht" or "Interne Ansicht – <Name>" for this session."""
    from atlas.access import can_see_internal

    if can_see_internal(data.session_role()):
        return fill(texts.APP["view_internal"], name=data.session_user_name() or "")
    return texts.APP["view_public"]


def header(title: str, caption: str | None = None) -> None:
    """Page title with the active view shown beside it."""
    st.title(title)
    st.caption(" · ".join(p for p in (view_label(), caption) if p))


def show_error(error: AtlasError) -> None:
    """Show a German error message once; the page carries on.

    Messages are plain text that may quote user input, so they are escaped.
    """
    st.warning(escape_markdown(error), icon=":material/warning:")


def show_notice(text: str) -> None:
    """A small plain-text note (e.g. an ignored URL value), escaped like every echo."""
    st.caption(f":material/info: {escape_markdown(text)}")


def show_warning(text: str, icon: str | None = ":material/warning:") -> None:
    """A plain-text warning (escaped, as it may quote user input)."""
    st.warning(escape_markdown(text), icon=icon)
