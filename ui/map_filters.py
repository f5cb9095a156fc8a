"""The map page's sidebar filters, kept in sync with the URL query parameters.

The URL seeds the widgets when the page opens (or when someone follows a link
such as ``/karte?hf=S``); afterwards the widgets write the view back into the
URL, so the address bar always holds a shareable view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from atlas import texts
from atlas.city import City
from atlas.citymap.filters import FilterState
from atlas.citymap.params import (
    DEFAULT_LEVEL,
    DEFAULT_METRIC,
    LEVELS,
    METRICS,
    P_AREA,
    P_CATEGORY,
    P_DATE,
    P_HISTORY,
    ViewState,
    parse_query_params,
    to_query_params,
)
from atlas.model import HANDLUNGSFELDER, Category
from atlas.numbers import date_widget_format
from ui import language

M = texts.MAP
K_CAT, K_HF, K_BEZIRK, K_TEXT = "karte_kat", "karte_hf", "karte_bezirk", "karte_q"
K_CURRENT, K_DAY, K_LEVEL, K_METRIC = "karte_aktuell", "karte_datum", "karte_ebene", "karte_farbe"
K_AREA, K_WRITTEN, K_NOTICES = "karte_gebiet", "karte_url", "karte_hinweise"
K_LEVEL_SHOWN = "karte_ebene_gezeigt"
K_FOCUS = "karte_fokus"
K_HISTORY = "karte_verlauf"
K_HISTORY_PENDING = "karte_verlauf_nach_anmeldung"  # a link's verlauf=1, kept for sign-in
K_PENDING = "karte_kat_nach_anmeldung"  # restricted categories of a link, kept for sign-in
_LEVEL_KEYS = {"stadtbezirke": "level_stadtbezirke", "stadtteile": "level_stadtteile",
               "msa": "level_msa"}
_METRIC_KEYS = {"none": "metric_none", "persons_housed": "metric_persons_housed",
                "places": "metric_places", "offers": "metric_offers"}


def _level_label(level: str) -> str:
    return texts.GEODATA[_LEVEL_KEYS[level]]


def _metric_label(metric: str) -> str:
    return M[_METRIC_KEYS[metric]]


MIN_DAY = dt.date(2000, 1, 1)


def _max_day(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=5 * 366)


def category_options(internal: bool) -> list[str]:
    """Categories a session may filter by; accommodation only for coordinators."""
    return [c.value for c in Category if internal or c != Category.UNTERKUNFT]


def district_options(city: City) -> list[str]:
    return list(city.stadtbezirke.values()) + list(city.ortschaften)


def focus_options(city: City) -> dict[str, str]:
    """Map sections to zoom to: id (district slug or MSA region id) -> label."""
    from atlas.city import slugify
    from ui import data

    out = {slugify(n): n for n in district_options(city)}
    try:
        regions = data.load_result().service_areas
    except Exception:  # noqa: BLE001 - without resources the districts still work
        regions = ()
    for region in regions:
        if getattr(region, "kind", "") == "msa_region":
            out[str(region.id)] = str(region.name)
    return out


def _seed(state: ViewState, *, internal: bool, city: City, today: dt.date) -> list[str]:
    """Put a parsed view into the widgets; returns notices for values they cannot hold."""
    notices = []
    allowed = category_options(internal)
    pending = [c for c in state.filters.categories if c not in allowed]
    for cat in pending:  # parse_query_params already dropped unknown values
        notices.append(M["restricted_param"].format(label=texts.CATEGORY_LABELS.get(cat, cat)))
    focus = state.focus
    if focus is not None and focus not in focus_options(city):
        notices.append(M["unknown_param"].format(param="fokus", value=focus))
        focus = None
    day = state.filters.day
    if day is not None and not MIN_DAY <= day <= _max_day(today):
        notices.append(M["unknown_param"].format(param="datum", value=day.isoformat()))
        day = None
    history_pending = (state.filters.history and not internal and day is not None
                       and day <= today)
    if history_pending:
        notices.append(M["restricted_param"].format(label=M["history"]))
    ss = st.session_state
    ss[K_PENDING] = pending
    ss[K_HISTORY_PENDING] = history_pending
    ss[K_HISTORY] = state.filters.history and internal and day is not None and day <= today
    ss[K_CAT] = [c for c in state.filters.categories if c in allowed]
    ss[K_HF] = list(state.filters.handlungsfelder)
    ss[K_BEZIRK] = [d for d in state.filters.districts if d in district_options(city)]
    ss[K_TEXT] = state.filters.text
    ss[K_CURRENT] = day is None
    ss[K_DAY] = day or today
    ss[K_LEVEL] = state.level
    ss[K_METRIC] = state.metric
    ss[K_AREA] = state.area
    ss[K_FOCUS] = focus
    return notices


def reset_filters() -> None:
    """Callback: back to the default view (all places, currently valid, Stadtbezirke)."""
    ss = st.session_state
    ss[K_CAT], ss[K_HF], ss[K_BEZIRK], ss[K_TEXT] = [], [], [], ""
    ss[K_CURRENT], ss[K_HISTORY], ss[K_HISTORY_PENDING] = True, False, False
    ss[K_LEVEL], ss[K_METRIC], ss[K_AREA] = DEFAULT_LEVEL, DEFAULT_METRIC, None
    ss[K_FOCUS] = None


def _url_params() -> dict[str, str]:
    return language.without({k: st.query_params.get(k, "") for k in st.query_params.keys()})


def _widgets(city: City, internal: bool, today: dt.date) -> ViewState:
    st.header(M["filters"])
    choose = texts.APP["choose"]
    cats = st.multiselect(M["category"], category_options(internal), key=K_CAT,
                          placeholder=choose, select_all=False,
                          format_func=lambda c: texts.CATEGORY_LABELS.get(c, c))
    fields = st.multiselect(
        M["handlungsfeld"], list(HANDLUNGSFELDER), key=K_HF, placeholder=choose, select_all=False,
        format_func=lambda h: f"{h} – {texts.HANDLUNGSFELD_LABELS.get(h, '')}")
    districts = st.multiselect(M["stadtbezirk"], district_options(city), key=K_BEZIRK,
                               placeholder=choose, select_all=False)
    sections = focus_options(city)
    focus = st.selectbox(M["focus"], [None, *sections], key=K_FOCUS,
                         format_func=lambda k: M["focus_city"] if k is None else sections[k],
                         help=M["focus_help"])
    text = st.text_input(M["text"], key=K_TEXT, max_chars=200)
    current = st.toggle(M["current_only"], key=K_CURRENT)
    day, history = None, False
    if not current:
        day = st.date_input(M["date"], key=K_DAY, min_value=MIN_DAY,
                            max_value=_max_day(today), format=date_widget_format())
        if internal and day is not None and day <= today:  # history: versions no longer public
            history = st.toggle(M["history"], key=K_HISTORY, help=M["history_help"])
    else:
        st.session_state[K_HISTORY_PENDING] = False  # a link's verlauf=1 needs its day
    level = st.radio(texts.GEODATA["level_label"], LEVELS, key=K_LEVEL,
                     format_func=_level_label, horizontal=True)
    metric = st.selectbox(M["metric"], METRICS, key=K_METRIC, format_func=_metric_label)
    st.button(M["reset"], on_click=reset_filters, key="karte_reset_sidebar")
    filters = FilterState(tuple(cats), tuple(fields), tuple(districts), text.strip(), day,
                          history)
    return ViewState(filters, level, metric, st.session_state.get(K_AREA), focus)


def read_view(city: City, *, internal: bool, today: dt.date) -> tuple[ViewState, list[str]]:
    """The view from the sidebar (seeded from the URL when it changed) and notices."""
    params = _url_params()
    ss = st.session_state
    seeded = K_CAT not in ss or params != ss.get(K_WRITTEN)
    if seeded:
        state, notices = parse_query_params(params, city=city)
        notices += _seed(state, internal=internal, city=city, today=today)
        ss[K_NOTICES] = notices
    elif internal and ss.get(K_PENDING):  # signed in since the link was opened
        ss[K_CAT] = [*ss.get(K_CAT, []), *[c for c in ss[K_PENDING] if c not in ss.get(K_CAT, [])]]
        ss[K_PENDING] = []
        ss[K_NOTICES] = []
    if internal and ss.get(K_HISTORY_PENDING):
        ss[K_HISTORY], ss[K_HISTORY_PENDING] = True, False
        ss[K_NOTICES] = []
    with st.sidebar:
        view = _widgets(city, internal, today)
    if not seeded and view.level != ss.get(K_LEVEL_SHOWN, view.level):
        view = replace(view, area=None)  # area ids belong to one level
        ss[K_AREA] = None
    ss[K_LEVEL_SHOWN] = view.level
    write_view(view, keep_notices=seeded)
    return view, ss.get(K_NOTICES, [])


def write_view(view: ViewState, *, keep_notices: bool = False) -> None:
    """Put the view into the URL (only when it changed, to keep reruns quiet)."""
    wanted = to_query_params(view)
    ss = st.session_state
    if ss.get(K_PENDING):  # the shared link keeps what only a sign-in may show
        kept = [c for c in wanted.get(P_CATEGORY, "").split(",") if c]
        wanted[P_CATEGORY] = ",".join([*kept, *[c for c in ss[K_PENDING] if c not in kept]])
    if ss.get(K_HISTORY_PENDING) and P_DATE in wanted:
        wanted[P_HISTORY] = "1"
    if not keep_notices and wanted != ss.get(K_WRITTEN):
        ss[K_NOTICES] = []  # the user changed the view: old URL notices no longer apply
    if wanted != _url_params():
        st.query_params.from_dict(language.keep(wanted))
    ss[K_WRITTEN] = wanted


def select_area(area_id: str | None) -> None:
    """Remember the selected area (in the session and the URL)."""
    st.session_state[K_AREA] = area_id
    params = _url_params()
    if area_id:
        params[P_AREA] = area_id
    else:
        params.pop(P_AREA, None)
    st.query_params.from_dict(language.keep(params))
    st.session_state[K_WRITTEN] = params
