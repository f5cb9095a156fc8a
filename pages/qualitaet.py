"""Data quality: what loading set aside. Coordinators see and download the rows and can
check their own table; public sessions see only aggregate counts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas import texts
from atlas.access.roles import can_see_internal
from atlas.errors import AtlasError
from atlas.export.downloads import rows_to_csv
from atlas.places.freshness import TODO_COLUMNS, counts_by_district, todo_list
from atlas.places.opening_hours import now
from atlas.places.tabular import ACCEPTED_SUFFIXES, check_size
from atlas.resources import quality_counts
from ui import data, page
from ui.style import HTML_TABLE_MAX_ROWS

T = texts.RESOURCES
F = texts.FRESHNESS
REJECTED_COLUMNS = ("datei", "zeile", "spalte", "grund", "inhalt")
COLUMN_LABELS = {"datei": T["col_file"], "zeile": T["col_row"], "spalte": T["col_column"],
                 "grund": T["col_reason"], "inhalt": T["col_content"]}


def rejected_table(rows: list[dict]) -> pd.DataFrame:
    """Rejected rows as a table with German headers (cells are shown as plain text)."""
    frame = pd.DataFrame(rows, columns=list(REJECTED_COLUMNS)).astype("string")
    return frame.rename(columns=COLUMN_LABELS)


page.header(T["quality_title"], T["quality_caption"])
try:
    result = data.load_result()
except AtlasError as e:
    page.show_error(e)
    st.stop()
counts = quality_counts(result)

# --- numbers everybody may see ---------------------------------------------------
cols = st.columns(4)
cols[0].metric(T["loaded"], counts["loaded"])
cols[1].metric(T["rejected"], counts["rejected"])
cols[2].metric(T["warnings"], counts["warnings"])
cols[3].metric(T["service_areas"], counts["service_areas"])

left, right = st.columns(2)
precision_rows = [{T["col_precision"]: k, T["col_count"]: v}
                  for k, v in sorted(counts["by_precision"].items(), key=lambda kv: -kv[1])]
left.markdown(f"**{T['by_precision']}**")
left.dataframe(pd.DataFrame(precision_rows), hide_index=True)
if counts["by_column"]:
    right.markdown(f"**{T['by_column']}**")
    right.dataframe(pd.DataFrame([{T["col_column"]: k or T["whole_file"], T["col_count"]: v}
                                  for k, v in counts["by_column"].items()]), hide_index=True)

# --- freshness: numbers per Stadtbezirk for everybody, the list for coordinators ----
todo = todo_list(data.visible_resources(), now().date())
st.header(F["heading"])
st.caption(F["help"])
if todo:
    st.table(pd.DataFrame(counts_by_district(todo)), hide_index=True)
else:
    st.success(F["none"])

if not can_see_internal(data.session_role()):
    st.info(T["public_note"])
    st.stop()

if todo:
    districts = list(dict.fromkeys(item.district for item in todo))
    chosen = st.selectbox(F["district_filter"], [F["all_districts"], *districts],
                          key="qualitaet_todo_bezirk")
    rows = [item.as_row() for item in todo
            if chosen == F["all_districts"] or item.district == chosen]
    todo_table = pd.DataFrame(rows, columns=list(TODO_COLUMNS)).rename(columns=F["columns"])
    st.dataframe(todo_table, hide_index=True)  # sortable; the same rows as HTML below
    if len(rows) <= HTML_TABLE_MAX_ROWS:
        with st.expander(texts.A11Y["table_html"]):
            st.table(todo_table, hide_index=True)
    st.download_button(F["download"], rows_to_csv(rows, TODO_COLUMNS),
                       file_name="zu_pruefen.csv", mime="text/csv", on_click="ignore")

# --- coordinators: the rows themselves, downloads, warnings, own-table check -------
st.caption(T["version"].format(version=result.version))
st.header(T["rejected_heading"])
if result.rejected:
    st.caption(T["rejected_help"])
    rows = result.rejected_rows()
    st.table(rejected_table(rows), hide_index=True)
    st.download_button(T["download_rejected"], rows_to_csv(rows, REJECTED_COLUMNS),
                       file_name="zurueckgestellte_zeilen.csv", mime="text/csv",
                       on_click="ignore")
else:
    st.success(T["none_rejected"])
if result.warnings:
    with st.expander(T["warnings_heading"].format(count=len(result.warnings))):
        st.text("\n".join(result.warnings))

st.header(T["upload_heading"])
max_bytes = int(data.config().max_upload_mb) * 1024 * 1024
st.caption(T["upload_help"].format(limit=data.config().max_upload_mb))
upload = st.file_uploader(T["upload_label"], type=list(ACCEPTED_SUFFIXES),
                          max_upload_size=int(data.config().max_upload_mb))
if upload is not None:
    try:
        check_size(upload.size, upload.name, max_bytes)
        check = data.checked_upload(upload.getvalue(), upload.name, max_bytes)
    except AtlasError as e:
        page.show_error(e)
        st.stop()
    total = len(check.records) + len([e for e in check.rejected if e.row is not None])
    if check.records or total:
        st.write(T["upload_ok"].format(ok=len(check.records), total=total))
    if check.rejected:
        st.warning(T["upload_rejected"].format(count=len(check.rejected)))
        rows = [e.as_dict() for e in check.rejected]
        st.table(rejected_table(rows), hide_index=True)
        st.download_button(T["download_upload_rejected"], rows_to_csv(rows, REJECTED_COLUMNS),
                           file_name="pruefergebnis.csv", mime="text/csv", on_click="ignore")
    if check.warnings:
        st.text("\n".join(check.warnings))
