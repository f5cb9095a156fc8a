"""Pflege: signed-in coordinators change places and figures, with review and history."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from atlas import texts
from atlas.errors import AtlasError
from atlas.upkeep.editing import CHECKED, CLOSE, REOPEN, checked, closed, reopened
from ui import (
    page,
    pflege,
    pflege_form,
    pflege_import,
    pflege_users,
    pflege_views,
    storage,
    suggest,
)

T = texts.PFLEGE

page.header(T["title"], T["caption"])
editor = pflege.current_editor()
if editor is None:
    st.info(T["signin_needed"])
    st.stop()
problem = storage.problem()
read_only = problem is not None
if read_only:
    st.warning(f"{problem} {T['read_only']}")
    st.stop()
pflege.show_message()

labels = [T["tab_edit"], T["tab_new"], T["tab_review"], T["tab_figures"], T["tab_import"],
          T["tab_stichtag"], *([T["tab_users"]] if editor.is_admin else [])]
tab_edit, tab_new, tab_review, tab_figures, tab_import, tab_day, *tab_users = st.tabs(labels)


def _quick(action: str, record, version: int, reason: str) -> None:
    today = dt.date.today()
    try:
        changed = {CHECKED: lambda: checked(record, today), CLOSE: lambda: closed(record, today),
                   REOPEN: lambda: reopened(record)}[action]()
        pflege.save(editor, record, changed, base_version=version, action=action, reason=reason)
    except AtlasError as e:
        page.show_error(e)
        return
    st.rerun()


def _edit_tab() -> None:
    places = pflege.editable_places(editor)
    if not places:
        st.info(T["no_places"] if editor.bezirke or editor.is_admin else T["no_bezirke"])
        return
    ids = [r.id for r, _ in places]
    by_id = {r.id: (r, v) for r, v in places}
    wanted = st.query_params.get("ort")
    chosen = st.selectbox(
        T["pick_place"], ids, key="pf_place", index=ids.index(wanted) if wanted in ids else 0,
        format_func=lambda i: f"{by_id[i][0].name} · {by_id[i][0].stadtbezirk or '—'} · {i}")
    record, version = by_id[chosen]
    state = (T["state_closed"].format(day=record.valid_to) if record.valid_to
             else T["state_open"])
    st.caption(T["version_info"].format(version=version, state=state,
                                        checked=record.last_checked or texts.KEINE_ANGABE))
    for proposal in storage.store().proposals(place_id=record.id):
        st.info(T["pending_here"].format(author=proposal.author,
                                         when=proposal.created_at[:16].replace("T", " ")))
    cols = st.columns(3)
    if cols[0].button(T["btn_checked"], help=T["btn_checked_help"]):
        _quick(CHECKED, record, version, T["reason_checked"])
    if record.valid_to and cols[1].button(T["btn_reopen"]):
        _quick(REOPEN, record, version, T["reason_reopen"])
    if not record.valid_to and cols[1].button(T["btn_close"]):
        _quick(CLOSE, record, version, T["reason_close"])
    # The form stays on the version the person started from, so a concurrent change
    # ends in the stale-version message with everything typed still there.
    base = st.session_state.setdefault(f"pf_base_{record.id}", version)
    if base != version and not pflege_form.has_edits(
            pflege_views.version_record(record.id, base), base):
        pflege.forget(record.id)  # nothing typed yet: simply show the new version
        base = st.session_state.setdefault(f"pf_base_{record.id}", version)
    if base != version:
        st.warning(T["changed_meanwhile"].format(version=version))
        if st.button(T["btn_reload"]):
            pflege.forget(record.id)
            st.rerun()
    start = record if base == version else pflege_views.version_record(record.id, base)
    pflege_form.render(editor, start, base)
    pflege_views.render_history(editor, record, version, disabled=read_only)


def _safely(render, *args, **kwargs) -> None:
    """Draw one tab; a store that goes away mid-page gives its German message, once."""
    try:
        render(*args, **kwargs)
    except AtlasError as e:
        page.show_error(e)


with tab_edit:
    _safely(_edit_tab)
with tab_new:
    _safely(pflege_form.render, editor, None, 0)
with tab_review:
    _safely(pflege_views.render_review, editor, disabled=read_only)
    _safely(suggest.render_inbox, editor, disabled=read_only)
with tab_figures:
    _safely(pflege_views.render_figures, editor, disabled=read_only)
with tab_import:
    _safely(pflege_import.render, editor, disabled=read_only)
with tab_day:
    _safely(pflege_views.render_stichtag, editor)
for tab in tab_users:
    with tab:
        pflege_users.render(editor)
