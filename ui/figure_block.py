"""One accessible figure block: chart, sources and date, CSV download, table alternative."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from atlas import texts
from atlas.export.downloads import rows_to_csv
from atlas.figures.queries import frame_rows, sources_markdown

T = texts.FACHPLAN


def figure_block(key: str, chart: alt.TopLevelMixin | dict[str, Any], frame: pd.DataFrame, *,
                 columns: Sequence[str], table: Mapping[str, str], description: str) -> None:
    """Draw ``chart`` with the sources of ``frame`` under it, a CSV and a table.

    ``columns`` are the frame's columns in the CSV download (machine-readable
    values); ``table`` maps the columns of the table alternative (German display
    text such as "rund 1.600") to their German headings; ``description`` is the
    chart's text alternative for screen readers.
    """
    if isinstance(chart, dict):  # a ready Vega-Lite spec (atlas.figures.charts)
        st.vega_lite_chart(spec=chart, width="stretch", key=f"chart_{key}", alt=description)
    else:
        st.altair_chart(chart, width="stretch", key=f"chart_{key}", alt=description)
    st.caption(sources_markdown(frame))
    names = list(columns)
    st.download_button(
        T["download"], data=rows_to_csv(frame_rows(frame, names), names),
        file_name=f"{key}.csv", mime="text/csv", key=f"download_{key}", on_click="ignore",
    )
    with st.expander(T["table_alternative"]):
        # st.table is real HTML: screen readers and the browser's search read its values.
        st.table(frame[list(table)].rename(columns=dict(table)), hide_index=True)
