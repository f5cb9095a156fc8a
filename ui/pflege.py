"""Actions of the "Pflege" page: who is editing, save / approve / reject, with audit.

Pages call these; each action is one store transaction, one audit line and a
German message. Store problems come back as AtlasError for ``page.show_error``.
"""

from __future__ import annotations

import streamlit as st

from atlas.access.audit import AuditResult, write_audit
from atlas.access.roles import Role, can_see_internal
from atlas.model import Resource
from atlas.store import SaveResult
from atlas.texts import PFLEGE as T
from atlas.upkeep.editing import (
    CHECKED,
    REVERT,
    Editor,
    check_may_edit,
    may_edit,
    needs_review,
)
from ui import data, session, storage

_AUDIT = {REVERT: AuditResult.REVERT}


def current_editor() -> Editor | None:
    """The signed-in person as an Editor (with the users file's Bezirke), or None."""
    role = data.session_role()
    if not can_see_internal(role):
        return None
    name = session.current_user_id() or data.session_user_name() or "?"
    bezirke: tuple[str, ...] = ()
    if role is Role.KOORDINATION:
        from ui.signin import accounts

        user = accounts()[0].get(name)
        bezirke = user.bezirke if user else ()
    return Editor(name=name, role=role, bezirke=bezirke)


def review_on() -> bool:
    return str(data.config().review) != "off"


def audit(editor: Editor, result: AuditResult, subject: str) -> None:
    write_audit(data.config().path("AUDIT_LOG"), editor.name, result, subject=subject)


def editable_places(editor: Editor) -> list[tuple[Resource, int]]:
    """(raw stored record, version) of every place the editor may change, by name."""
    out = [pair for pair in storage.store().current().values() if may_edit(editor, pair[0])]
    return sorted(out, key=lambda pair: pair[0].name.casefold())


def save(editor: Editor, old: Resource | None, new: Resource, *, base_version: int,
         action: str, reason: str) -> SaveResult:
    """Check the rights, then publish or file for review; audits and flashes the outcome."""
    if old is not None:
        check_may_edit(editor, old)
    check_may_edit(editor, new)
    review = action != CHECKED and needs_review(old, new, review_on=review_on())
    result = storage.store().save(new, base_version=base_version, action=action,
                               author=editor.name, reason=reason, review_needed=review)
    storage.refresh()
    forget(new.id)
    if result.pending:
        audit(editor, AuditResult.PROPOSE, f"{new.id}#{result.proposal_id}")
        st.session_state["pflege_message"] = ("info", T["saved_pending"].format(name=new.name))
    else:
        audit(editor, _AUDIT.get(action, AuditResult.EDIT), f"{new.id}@{result.version}")
        st.session_state["pflege_message"] = ("success", T["saved_live"].format(
            name=new.name, version=result.version))
    return result


def approve(editor: Editor, proposal) -> int:
    """Publish someone else's proposal (the store refuses one's own)."""
    check_may_edit(editor, proposal.resource())
    version = storage.store().approve(proposal.id, editor.name)
    storage.refresh()
    forget(proposal.place_id)
    audit(editor, AuditResult.APPROVE, f"{proposal.place_id}@{version}")
    st.session_state["pflege_message"] = ("success", T["approved"].format(
        name=proposal.data.get("name"), version=version))
    return version


def reject(editor: Editor, proposal, note: str) -> None:
    check_may_edit(editor, proposal.resource())
    storage.store().reject(proposal.id, editor.name, note)
    storage.refresh()
    audit(editor, AuditResult.REJECT, f"{proposal.place_id}#{proposal.id}")
    st.session_state["pflege_message"] = ("info", T["rejected"].format(
        name=proposal.data.get("name")))


def forget(place_id: str) -> None:
    """Drop the form state of a place, so it shows the live version next time."""
    for key in [k for k in st.session_state if str(k).startswith(f"pf_{place_id}_")
                or k == f"pf_base_{place_id}"]:
        del st.session_state[key]


def show_message() -> None:
    """The outcome of the last action, once."""
    pending = st.session_state.pop("pflege_message", None)
    if pending:
        kind, text = pending
        (st.success if kind == "success" else st.info)(text)
