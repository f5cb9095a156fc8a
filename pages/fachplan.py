"""Fachplan page: allocations, capacity and district figures over time, then the plan itself."""

from __future__ import annotations

import streamlit as st

from atlas import texts
from atlas.errors import AtlasError, SchemaError
from atlas.figures import charts
from atlas.figures.fachplan import count_offers_by_field
from atlas.figures.queries import (
    district_metric_dates,
    district_order,
    missing_allocation_years,
    persons_housed_by_district,
)
from atlas.numbers import format_date
from ui import data, derived, page
from ui.fachplan_view import render_beschluss, render_handlungsfelder, render_leitlinien
from ui.figure_block import figure_block

T = texts.FACHPLAN
PRESENTATION_FIRST_YEAR = 2010  # the seed presentation's series starts here
SOURCES = ("source", "source_url", "source_date", "notes")
SOURCE_TABLE = {"source": T["col_source"], "source_url": "URL",
                "source_date": T["col_source_date"], "notes": T["col_notes"]}
ALLOCATION_CSV = ("year", "kind", "value", "qualifier", "label", "alt_values", *SOURCES)
ALLOCATION_TABLE = {"year": T["col_year"], "kind_label": T["col_kind"],
                    "value_text": T["col_value"], "label": T["col_label"],
                    "alt_values": T["col_alt_values"], **SOURCE_TABLE}
CAPACITY_CSV = ("date", "segment", "measure", "value", "qualifier", *SOURCES)
CAPACITY_TABLE = {"date_text": T["col_date"], "segment_label": T["col_segment"],
                  "measure_label": T["col_measure"], "value_text": T["col_value"],
                  **SOURCE_TABLE}
DISTRICT_CSV = ("date", "district", "value", *SOURCES)
DISTRICT_TABLE = {"date_text": T["col_date"], "district": T["col_district"],
                  "value_text": T["col_value"], **SOURCE_TABLE}

city = data.city()
plan, plan_problem = data.fachplan()
page.header(T["title"], T["caption"])
if plan_problem:
    page.show_error(SchemaError(plan_problem))
figures = data.figures()
for message in figures.errors:
    page.show_error(SchemaError(message))
if plan is not None:
    st.markdown(T["intro"].format(paper=plan.paper))
frames = derived.fachplan_frames()

# --- allocations -----------------------------------------------------------
st.header(T["h_allocations"])
allocations = frames["allocations"]
if not allocations.empty:
    description = T["alt_allocations"].format(first=allocations["year"].min(),
                                              last=allocations["year"].max())
    figure_block("zuweisungen", charts.allocations_chart(allocations), allocations,
                 columns=ALLOCATION_CSV, table=ALLOCATION_TABLE, description=description)
missing = missing_allocation_years(figures.allocations, since=PRESENTATION_FIRST_YEAR)
if missing:
    st.caption(T["missing_years"].format(years=", ".join(map(str, missing))))

# --- capacity ----------------------------------------------------------------
st.header(T["h_capacity"])
capacity = frames["capacity"]
if not capacity.empty:
    figure_block("kapazitaet", charts.capacity_chart(capacity), capacity,
                 columns=CAPACITY_CSV, table=CAPACITY_TABLE, description=T["alt_capacity"])

# --- persons housed per district -------------------------------------------------
st.header(T["h_districts"])
order = district_order(city)
housed = frames["housed"]
if not housed.empty:
    figure_block("bezirke", charts.district_bars_chart(housed, order), housed,
                 columns=DISTRICT_CSV, table=DISTRICT_TABLE, description=T["alt_districts"])
st.caption(T["district_note"])


# --- choropleth -------------------------------------------------------------------
@st.fragment
def render_map() -> None:
    """The choropleth with its date selector; a new date reruns only this part."""
    dates = district_metric_dates(figures.district_figures, "persons_housed")
    bounds = None
    try:
        bounds = data.boundaries()
    except AtlasError as error:
        page.show_error(error)
    if dates and bounds is None:
        st.info(T["map_missing"])
    elif dates:
        date = st.selectbox(T["date_select"], dates, index=len(dates) - 1,
                            format_func=format_date, key="fachplan_stichtag")
        values = persons_housed_by_district(figures.district_figures, date, city)
        features = charts.district_features(bounds.districts_display, values)
        figure_block("karte", charts.choropleth_chart(features), values,
                     columns=DISTRICT_CSV, table=DISTRICT_TABLE,
                     description=T["alt_map"].format(date=format_date(date)))
        st.caption(T["map_grey"])


st.header(T["h_map"])
render_map()

# --- the plan itself -----------------------------------------------------------------
if plan is not None:
    render_leitlinien(plan)
    counts = None
    try:
        counts = count_offers_by_field(data.visible_resources())
    except AtlasError as error:
        page.show_error(error)  # counts then show "keine Angabe"
    render_handlungsfelder(plan, counts)
    render_beschluss(plan)
