"""The import tab of the "Pflege" page: upload, diff preview, confirm, one transaction."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from atlas import texts
from atlas.errors import AtlasError
from atlas.upkeep.editing import Editor, check_reason
from atlas.upkeep.importer import apply_import, preview_import
from ui import data, page, pflege, storage

T = texts.IMPORT


def render(editor: Editor, *, disabled: bool) -> None:
    st.caption(T["intro"])
    upload = st.file_uploader(T["upload"], type=["csv", "xlsx"], key="pf_import_file")
    if upload is None:
        return
    payload = upload.getvalue()
    store = storage.store()
    current = store.current()
    preview = preview_import(payload, upload.name, data.city(), current, editor)
    st.markdown(T["counts"].format(**preview.counts))
    st.dataframe(pd.DataFrame([r.as_dict() for r in preview.rows]).astype("string"),
                 hide_index=True, width="stretch")
    for warning in preview.warnings[:10]:
        st.caption(warning)
    if not preview.writes:
        st.info(T["nothing"])
        return
    digest = hashlib.sha256(payload).hexdigest()[:12]
    reason = st.text_input(T["reason"], key=f"pf_import_reason_{digest}")
    if st.button(T["btn_apply"].format(count=len(preview.writes)), type="primary",
                 disabled=disabled, key=f"pf_import_apply_{digest}"):
        try:
            outcome = apply_import(store, preview, current, editor,
                                   reason=check_reason(reason), review_on=pflege.review_on())
        except AtlasError as e:
            page.show_error(AtlasError(T["failed"].format(error=e)))
            return
        storage.refresh()
        pflege.audit(editor, pflege.AuditResult.IMPORT,
                     f"{upload.name}:{outcome.live}+{outcome.pending}")
        st.success(T["applied"].format(live=outcome.live, pending=outcome.pending))
