"""The place form of the "Pflege" page: every Resource field, checked by the loader.

Fields come from the model (``atlas.places.schema.PLACE_COLUMNS``), so a field added
to :class:`atlas.model.Resource` appears here without a code change. Saving
runs in a callback: problems are kept per field and shown right under it on
the rerun; nothing typed is lost.
"""

from __future__ import annotations

import streamlit as st

from atlas import texts
from atlas.city import City
from atlas.errors import AtlasError, EditError
from atlas.model import Category, Confidence, Precision, Resource, Status, Visibility
from atlas.places.schema import PLACE_COLUMNS
from atlas.upkeep.editing import (
    EDIT,
    Editor,
    bezirk_choices,
    check_reason,
    record_cells,
    validate_cells,
)
from ui import data, pflege, storage

T = texts.PFLEGE
LONG_TEXT = ("description", "notes", "accessibility")
CHOICES: dict[str, list[str]] = {
    "category": [c.value for c in Category],
    "status": [s.value for s in Status],
    "visibility": [v.value for v in Visibility],
    "location_precision": ["", *(p.value for p in Precision)],
    "confidence": ["", *(c.value for c in Confidence)],
}
POSITION = ("lat", "lon", "location_precision", "location_method")


def _label(field: str) -> str:
    return texts.FIELD_LABELS.get(field, field)


def _options(field: str, editor: Editor, city: City, current: str) -> list[str] | None:
    if field == "stadtbezirk":
        names = bezirk_choices(editor, [d.name for d in city.districts([])])
        return names if current in names or not current else [current, *names]
    return CHOICES.get(field)


def render(editor: Editor, record: Resource | None, version: int, *, action: str = EDIT,
           disabled: bool = False) -> None:
    """Draw the form for ``record`` (None: a new place) at ``version``."""
    prefix = f"pf_{record.id if record else 'neu'}_{version}"
    errors: dict[str, str] = st.session_state.get(f"{prefix}_errors", {})
    cells = record_cells(record)
    city = data.city()
    if not disabled and st.toggle(T["map_toggle"], key=f"{prefix}_maptoggle"):
        _position_map(prefix, record)
    with st.form(prefix):
        if "_" in errors:
            st.error(errors["_"])
        for field in PLACE_COLUMNS:
            if field == "id" and record is not None:
                st.text_input(_label(field), value=record.id, disabled=True, key=f"{prefix}_id")
                continue
            if field == "lat":
                _address_lookup(prefix)
            _field(prefix, field, cells.get(field, ""), editor, city, disabled)
            if field == "id":
                st.caption(T["id_help"])
            if field in errors:
                st.error(errors[field])
        st.text_input(T["reason"], key=f"{prefix}_reason")
        if "reason" in errors:
            st.error(errors["reason"])
        st.caption(T["review_note"])
        st.form_submit_button(T["btn_save"] if record else T["btn_create"], type="primary",
                              disabled=disabled, on_click=_submit,
                              args=(editor, record, version, prefix, action))


def _field(prefix: str, field: str, value: str, editor: Editor, city: City,
           disabled: bool) -> None:
    key = f"{prefix}_{field}"
    options = _options(field, editor, city, value)
    if options is not None:
        index = options.index(value) if value in options else 0
        st.selectbox(_label(field), options, index=index, key=key, disabled=disabled,
                     format_func=lambda v: v or texts.KEINE_ANGABE)
    elif field in LONG_TEXT:
        st.text_area(_label(field), value=value, key=key, disabled=disabled)
    else:
        st.text_input(_label(field), value=value, key=key, disabled=disabled)


def _position_map(prefix: str, record: Resource | None) -> None:
    """A map: a click sets lat/lon, the precision (by zoom) and the method in the form."""
    import folium
    from streamlit_folium import st_folium

    from atlas.citymap.basemap import new_map
    from atlas.upkeep.editing import position_from_click

    cfg, city = data.config(), data.city()
    here = _form_point(prefix) or (
        (record.lat, record.lon) if record is not None and record.has_position else None)
    fmap = new_map(city, tiles=cfg.tiles, tiles_attribution=cfg.tiles_attribution,
                   location=here, zoom=17 if here else None)
    if here:
        folium.CircleMarker(here, radius=8, color="#b3003c", fill=True).add_to(fmap)
    st.caption(T["map_help"])
    state = st_folium(fmap, key=f"{prefix}_map", height=360, use_container_width=True,
                      returned_objects=["last_clicked", "zoom"]) or {}
    clicked = state.get("last_clicked")
    if not clicked or clicked.get("lat") is None:
        return
    point = (round(float(clicked["lat"]), 6), round(float(clicked["lng"]), 6))
    if st.session_state.get(f"{prefix}_clickseen") == point:
        return
    st.session_state[f"{prefix}_clickseen"] = point
    for field, value in position_from_click(*point, state.get("zoom")).items():
        st.session_state[f"{prefix}_{field}"] = value
    st.rerun()


def _form_point(prefix: str) -> tuple[float, float] | None:
    """The position typed or clicked into the form so far, if it reads as numbers."""
    try:
        return (float(st.session_state[f"{prefix}_lat"]), float(st.session_state[f"{prefix}_lon"]))
    except (KeyError, TypeError, ValueError):
        return None


def _address_lookup(prefix: str) -> None:
    st.markdown(f"**{T['position']}**")
    st.text_input(T["address_lookup"], key=f"{prefix}_lookup")
    st.form_submit_button(T["btn_lookup"], on_click=_lookup, args=(prefix,))
    found = st.session_state.pop(f"{prefix}_found", None)
    if found:
        st.caption(found)


def _lookup(prefix: str) -> None:
    from atlas.nearby.startpoint import locate_address

    text = st.session_state.get(f"{prefix}_lookup", "")
    errors = dict(st.session_state.get(f"{prefix}_errors", {}))
    errors.pop("lat", None)
    try:
        start = locate_address(text, data.address_index(),
                               online=data.nominatim_lookup if data.config().nominatim_url
                               else None)
    except AtlasError as e:
        errors["lat"] = str(e)
        st.session_state[f"{prefix}_errors"] = errors
        return
    st.session_state[f"{prefix}_lat"] = f"{start.lat:.6f}"
    st.session_state[f"{prefix}_lon"] = f"{start.lon:.6f}"
    st.session_state[f"{prefix}_location_precision"] = Precision.EXACT.value
    st.session_state[f"{prefix}_location_method"] = f"Adresssuche ({start.source})"
    st.session_state[f"{prefix}_found"] = T["found"].format(label=start.label,
                                                           source=start.source)
    st.session_state[f"{prefix}_errors"] = errors


def has_edits(record: Resource, version: int) -> bool:
    """Whether the form of ``record`` at ``version`` holds anything the person typed."""
    prefix = f"pf_{record.id}_{version}"
    stored = record_cells(record)
    return any(str(st.session_state[f"{prefix}_{f}"] or "") != stored.get(f, "")
               for f in PLACE_COLUMNS if f"{prefix}_{f}" in st.session_state) or bool(
        st.session_state.get(f"{prefix}_reason"))


def form_cells(prefix: str, record: Resource | None) -> dict[str, str]:
    """The form's current values as text cells."""
    cells = {f: str(st.session_state.get(f"{prefix}_{f}") or "") for f in PLACE_COLUMNS}
    if record is not None:
        cells["id"] = record.id
    return cells


def _submit(editor: Editor, record: Resource | None, version: int, prefix: str,
            action: str) -> None:
    try:
        reason = check_reason(st.session_state.get(f"{prefix}_reason", ""))
        cells = form_cells(prefix, record)
        if record is None and not cells["id"].strip():
            from atlas.upkeep.editing import new_place_id

            cells["id"] = new_place_id(cells["name"], set(storage.store().versions()))
        new = validate_cells(cells, data.city())
        if record is not None and new == record:
            raise EditError(T["nothing_changed"])
        pflege.save(editor, record, new, base_version=version,
                    action=action if record else "create", reason=reason)
    except EditError as e:
        st.session_state[f"{prefix}_errors"] = {e.field or "_": str(e)}
        return
    except AtlasError as e:  # stale version, store unavailable: shown above the form
        st.session_state[f"{prefix}_errors"] = {"_": str(e)}
        return
    st.session_state.pop(f"{prefix}_errors", None)
