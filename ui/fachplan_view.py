"""The text parts of the Fachplan page: guidelines, Handlungsfelder and the decision."""

from __future__ import annotations

import streamlit as st

from atlas import texts
from atlas.figures.fachplan import Fachplan, Handlungsfeld, Item, Source
from atlas.markup import escape_markdown, safe_link
from atlas.numbers import format_date, format_int, source_label

T = texts.FACHPLAN


def source_text(source: Source, date: str = "") -> str:
    """ "Quelle: Titel (Datum)" with the URL linked where there is one."""
    label = source_label(source.source_title, source.source_url)
    when = format_date(source.source_date)
    shown = T["source_item"].format(title=escape_markdown(label), date=when)
    link = safe_link(source.source_url)
    if link:
        shown = f"[{shown}]({link})"
    return T["sources_line"].format(sources=shown)


def render_leitlinien(plan: Fachplan) -> None:
    st.header(T["h_leitlinien"])
    for number, item in enumerate(plan.leitlinien, start=1):
        st.markdown(f"{number}. **{item.text}**")
    if plan.leitlinien:
        st.caption(source_text(plan.leitlinien[0].source))


def _render_item(item: Item, prefix: str = "") -> None:
    """A sourced line with its source as a caption below (no HTML from data)."""
    flag = f" _({T['hf_editorial']})_" if item.editorial else ""
    st.markdown(f"- {prefix}{item.text}{flag}")
    note = f" · {item.source.notes}" if item.source.notes else ""
    st.caption(source_text(item.source) + note)


def render_handlungsfeld(field: Handlungsfeld, offers: int | None) -> None:
    """One field: code, name, description, measures, offers in the data, map link."""
    with st.container(border=True):
        st.markdown(f"### {field.code} – {field.name}")
        st.markdown(f"{field.description}  \n_{T['hf_description_note']}_")
        st.markdown(f"**{T['hf_measures']}**")
        for measure in field.measures:
            _render_item(measure)
        if not field.measures:
            st.markdown(texts.KEINE_ANGABE)
        if offers is None:
            st.markdown(T["hf_offers_unknown"])
        else:
            st.markdown(T["hf_offers"].format(count=format_int(offers)))
        st.page_link("pages/karte.py", label=T["hf_map_link"], icon=":material/map:",
                     query_params={"hf": field.code})
        st.caption(source_text(field.source))


def render_handlungsfelder(plan: Fachplan, counts: dict[str, int] | None) -> None:
    st.header(T["h_handlungsfelder"])
    if plan.measures_total is not None and plan.teilbereiche is not None:
        line = T["massnahmen_total"].format(measures=plan.measures_total,
                                            teilbereiche=plan.teilbereiche)
        st.markdown(line)
        if plan.measures_source:
            st.caption(f"{source_text(plan.measures_source)} · {plan.measures_notes}")
    st.caption(T["offers_note"])
    columns = st.columns(2)
    for index, field in enumerate(plan.handlungsfelder):
        with columns[index % 2]:
            render_handlungsfeld(field, None if counts is None else counts.get(field.code, 0))


def render_beschluss(plan: Fachplan) -> None:
    st.header(T["h_beschluss"])
    st.markdown(T["beschluss_paper"].format(paper=plan.paper))
    for step in plan.beschluss:
        _render_item(step, f"**{format_date(step.date)}:** ")
    for item in plan.content:
        _render_item(item)
    for label, item in ((T["predecessor"], plan.predecessor), (T["successor"], plan.successor)):
        if item is not None:
            _render_item(item, f"**{label}:** ")
