"""The review list, a place's history with revert, and the figure form of the "Pflege" page."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from atlas import texts
from atlas.errors import AtlasError
from atlas.figures.tables import SPECS, DistrictFigure
from atlas.model import Resource
from atlas.numbers import format_date
from atlas.store.places import describe_changes
from atlas.upkeep.editing import REVERT, Editor, may_edit
from ui import data, page, pflege, storage

T = texts.PFLEGE


def _when(stamp: str | None) -> str:
    return (stamp or "")[:16].replace("T", " ")


def render_review(editor: Editor, *, disabled: bool) -> None:
    """Pending proposals the editor may decide, and the editor's own proposals' states."""
    store = storage.store()
    pending = [p for p in store.proposals() if may_edit(editor, p.resource())
               or p.author == editor.name]
    if not pending:
        st.info(T["pending_none"])
    for proposal in pending:
        with st.container(border=True):
            st.markdown(T["pending_item"].format(
                name=proposal.data.get("name"), id=proposal.place_id, author=proposal.author,
                when=_when(proposal.created_at), reason=proposal.reason or "—"))
            st.caption(describe_changes(store.proposal_changes(proposal), limit=20))
            if proposal.author == editor.name:
                st.caption(T["own_pending"])
                continue
            cols = st.columns([1, 1, 3])
            if cols[0].button(T["btn_approve"], key=f"approve_{proposal.id}", type="primary",
                              disabled=disabled):
                _run(pflege.approve, editor, proposal)
            note = cols[2].text_input(T["reject_note"], key=f"note_{proposal.id}")
            if cols[1].button(T["btn_reject"], key=f"reject_{proposal.id}", disabled=disabled):
                _run(pflege.reject, editor, proposal, note)
    mine = store.proposals(state=None, author=editor.name)[:20]
    if mine:
        st.subheader(T["my_proposals"])
        for proposal in mine:
            st.markdown(f"- „{proposal.data.get('name')}“ · {_when(proposal.created_at)} · "
                        f"{_state(proposal)}")


def _state(proposal) -> str:
    if proposal.state == "approved":
        return T["state_approved"].format(who=proposal.reviewer)
    if proposal.state == "rejected":
        return T["state_rejected"].format(who=proposal.reviewer, note=proposal.review_note or "—")
    return T["state_pending"]


def _run(action, *args) -> None:
    try:
        action(*args)
    except AtlasError as e:
        page.show_error(e)
        return
    st.rerun()


def render_history(editor: Editor, record: Resource, version: int, *, disabled: bool) -> None:
    """Every version with old → new per field; revert creates a new version."""
    history = storage.store().history(record.id)
    st.subheader(T["history_for"].format(name=record.name))
    for entry in reversed(history):
        approved = T["history_approved"].format(who=entry.approved_by) if entry.approved_by else ""
        with st.expander(T["history_row"].format(
                version=entry.version, when=_when(entry.created_at), author=entry.author,
                approved=approved, action=T["actions"].get(entry.action, entry.action),
                reason=entry.reason or "—"), expanded=entry.version == version):
            st.markdown("\n".join(f"- **{texts.FIELD_LABELS.get(c.field, c.field)}**: "
                                  f"{_shown(c.old)} → {_shown(c.new)}" for c in entry.changes)
                        or T["no_change_listed"])
            if entry.version != version and st.button(
                    T["btn_revert"].format(version=entry.version),
                    key=f"revert_{record.id}_{entry.version}", disabled=disabled):
                _run(_revert, editor, record, entry, version)


def version_record(place_id: str, version: int) -> Resource:
    """The stored record of one version of a place."""
    entry = next(v for v in storage.store().history(place_id) if v.version == version)
    return entry.resource()


def _revert(editor: Editor, record: Resource, entry, version: int) -> None:
    pflege.save(editor, record, entry.resource(), base_version=version, action=REVERT,
                reason=T["reason_revert"].format(version=entry.version))


def _shown(value) -> str:
    if value in (None, "", [], ()):
        return texts.KEINE_ANGABE
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value).replace("\n", " ")


def render_figures(editor: Editor, *, disabled: bool) -> None:
    """Add one district figure with its source and date."""
    st.caption(T["figure_intro"])
    city = data.city()
    metrics = list(DistrictFigure.model_fields["metric"].annotation.__args__)
    with st.form("pf_figure"):
        district = st.selectbox(T["figure_district"], [d.name for d in city.districts([])])
        day = st.text_input(T["figure_date"], value=dt.date.today().isoformat())
        metric = st.selectbox(T["figure_metric"], metrics)
        value = st.text_input(T["figure_value"])
        source_title = st.text_input(texts.FIELD_LABELS["source_title"])
        source_url = st.text_input(texts.FIELD_LABELS["source_url"])
        source_date = st.text_input(texts.FIELD_LABELS["source_date"],
                                    value=dt.date.today().isoformat())
        if not st.form_submit_button(T["btn_figure"], disabled=disabled):
            return
    from atlas.figures.tables import convert_row
    from atlas.places.tabular import TableRow
    from atlas.places.validation import RowProblem

    cells = {"district": district, "date": day, "metric": metric, "value": value,
             "source_title": source_title, "source_url": source_url,
             "source_date": source_date}
    try:
        row = convert_row(TableRow(0, cells), SPECS["district_figures"], city)
        storage.store().add_figures("district_figures", [row], author=editor.name)
    except RowProblem as p:
        st.error(f"{texts.FIELD_LABELS.get(p.column, p.column)}: {p.reason}")
        return
    except AtlasError as e:
        page.show_error(e)
        return
    storage.refresh()
    pflege.audit(editor, pflege.AuditResult.EDIT, f"figure:{row.district}|{row.date}|{row.metric}")
    st.success(T["figure_saved"].format(district=row.district, metric=row.metric,
                                        date=row.date, value=row.value))


def render_stichtag(editor: Editor) -> None:
    """The places as they were recorded and open on a past day, answered from the history."""
    import pandas as pd

    st.caption(T["stichtag_intro"])
    day = st.date_input(T["stichtag_day"], value=dt.date.today(), format="DD.MM.YYYY",
                        min_value=dt.date(2000, 1, 1), max_value=dt.date.today(),
                        key="pf_stichtag")
    then = [r for r in storage.store().places_on(day)
            if r.active_on(day) and may_edit(editor, r)]
    st.markdown(T["stichtag_count"].format(count=len(then), day=format_date(day)))
    rows = [{T["col_name"]: r.name, T["col_bezirk"]: r.stadtbezirk or texts.KEINE_ANGABE,
             T["col_from"]: r.valid_from or "", T["col_to"]: r.valid_to or "",
             T["col_checked"]: r.last_checked or ""} for r in then]
    if rows:
        st.dataframe(pd.DataFrame(rows).astype("string"), hide_index=True)
