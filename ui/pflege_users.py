"""Admins assign Stadtbezirke to coordinator accounts (the users file, written atomically)."""

from __future__ import annotations

import streamlit as st

from atlas import texts
from atlas.access.audit import AuditResult
from atlas.access.roles import Role
from atlas.access.users import load_users, save_users, with_bezirke
from atlas.errors import AtlasError
from atlas.upkeep.editing import Editor
from ui import data, page, pflege

T = texts.PFLEGE


def render(editor: Editor) -> None:
    """One line per koordination account: its Stadtbezirke, changeable by an admin."""
    if not editor.is_admin:
        return
    from ui.signin import accounts

    users, problem = accounts()
    if problem:
        st.info(problem)
        return
    names = [d.name for d in data.city().districts([])]
    st.caption(T["users_intro"])
    for user in sorted(users.values(), key=lambda u: u.name):
        if user.role is not Role.KOORDINATION:
            continue
        chosen = st.multiselect(f"{user.label} ({user.name})", names,
                                default=[b for b in user.bezirke if b in names],
                                key=f"pf_user_{user.name}", placeholder=T["users_none"])
        if tuple(chosen) != user.bezirke and st.button(T["users_save"],
                                                       key=f"pf_user_save_{user.name}"):
            _save(editor, user.name, tuple(chosen))


def _save(editor: Editor, name: str, bezirke: tuple[str, ...]) -> None:
    path = data.config().path("USERS_FILE")
    try:
        save_users(path, with_bezirke(load_users(path), name, bezirke))
    except AtlasError as e:
        page.show_error(e)
        return
    pflege.audit(editor, AuditResult.EDIT, f"user:{name}")
    st.success(T["users_saved"].format(name=name, bezirke=", ".join(bezirke) or "—"))
