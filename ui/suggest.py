"""Public suggestions: the form on "Offene Daten" and the inbox on the "Pflege" page."""

from __future__ import annotations

import secrets

import streamlit as st

from atlas import texts
from atlas.errors import AtlasError, EditError
from atlas.upkeep.suggestions import check_suggestion
from ui import page, storage

T = texts.SUGGEST


def render_form(records: list) -> None:
    """A short form; ``records`` are this session's (role-filtered) places."""
    by_id = {r.id: r.name for r in records}
    with st.expander(T["heading"]), st.form("suggest", clear_on_submit=False):
        st.caption(T["intro"])
        place = st.selectbox(T["place"], ["", *sorted(by_id, key=lambda i: by_id[i])],
                             format_func=lambda i: by_id.get(i, T["general"]),
                             key="suggest_place")
        text = st.text_area(T["text"], key="suggest_text", max_chars=2000)
        email = st.text_input(T["email"], key="suggest_email")
        if not st.form_submit_button(T["send"]):
            return
        try:
            text, email = check_suggestion(text, email)
            client = st.session_state.setdefault("suggest_client", secrets.token_hex(8))
            if not storage.suggestion_limiter().allow(client):
                st.warning(T["rate_limited"])
                return
            storage.store().add_suggestion(place or None, text, email)
        except EditError as e:
            st.error(str(e))
            return
        except AtlasError as e:
            page.show_error(e)
            return
        st.success(T["thanks"])


def render_inbox(editor, *, disabled: bool) -> None:
    """Open suggestions for signed-in people; "Erledigt" closes one."""
    open_items = storage.store().suggestions()
    if not open_items:
        return
    st.subheader(T["inbox"])
    for item in open_items:
        with st.container(border=True):
            st.caption(T["inbox_item"].format(id=item.id, when=item.created_at[:16].replace(
                "T", " "), place=item.place_id or "—"))
            st.text(item.text)
            if item.email:
                st.caption(T["inbox_email"].format(email=item.email))
            if st.button(T["done"], key=f"suggest_done_{item.id}", disabled=disabled):
                storage.store().close_suggestion(item.id, editor.name)
                st.rerun()
