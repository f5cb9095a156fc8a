"""The sidebar every page shares: language, active view, sign-in and sign-out."""

from __future__ import annotations

import streamlit as st

from atlas import i18n
from atlas.i18n import Language
from atlas.markup import escape_markdown
from ui import language, legal, session, signin, storage
from ui.page import view_label

_FLASH = {"success": st.success, "warning": st.warning, "error": st.error, "info": st.info}


def render(lang: Language | None = None) -> None:
    """Draw the shared part of the sidebar (pages add their own filters below).

    The session is checked first (idle expiry, removed accounts), so the view
    label and the page that follows already show the right view.
    """
    signin.enforce_session()
    with st.sidebar:
        language.switch(lang or i18n.current())
        st.markdown(f"**{view_label()}**")
        pending = session.pop_flash()
        if pending:
            kind, message = pending
            _FLASH.get(kind, st.info)(escape_markdown(message))
        signin.render()
        problem = storage.problem()
        if problem:
            st.warning(problem, icon=":material/warning:")
        _boundary_origin()
        legal.footer()


def _boundary_origin() -> None:
    """ "Grenzen: Stand …, mitgeliefert" or "…, abgerufen am …": the boundaries' origin."""
    from atlas.errors import AtlasError
    from ui import data

    try:
        bounds = data.boundaries()
    except AtlasError:
        return  # the page shows the German error itself
    if bounds is not None:
        st.caption(bounds.origin)
