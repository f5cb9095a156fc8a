"""Presentation download buttons: one district (profile page) and the whole city.

Files are generated only when the user presses "Präsentation erstellen", never
on an ordinary rerun; the bytes wait in ``st.session_state`` for the two
download buttons (which do not rerun the page). A public session can only
produce the public version; a signed-in coordinator may tick the internal
version, which marks every slide "Intern". Stored internal files are shown
only while the session may still see internal data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import streamlit as st

from atlas import i18n, texts
from atlas.access.roles import can_see_internal
from atlas.errors import AtlasError
from atlas.numbers import format_decimal
from atlas.profile.build import DistrictProfile
from ui import data, derived
from ui.page import show_error

if TYPE_CHECKING:  # the writers pull in matplotlib, python-pptx and fpdf: load on first use
    from atlas.export.council import ExportFiles

T = texts.EXPORT
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
_STATE = "atlas_export_files"


def _may_see_internal() -> bool:
    return can_see_internal(data.session_role())


def _choose_internal(key: str) -> bool:
    """The "Interne Fassung" checkbox, only for coordinators; public sessions get False."""
    if not _may_see_internal():
        return False
    return bool(st.checkbox(T["internal_toggle"], value=False, key=f"{key}_internal"))


def _profiles(names: Sequence[str], internal: bool) -> list[DistrictProfile]:
    """Profiles as the profile page builds them (public ones from public records only)."""
    return [derived.district_profile(name, internal) for name in names]


def _store(key: str, files: ExportFiles, internal: bool, names: Sequence[str]) -> None:
    st.session_state[_STATE + key] = {"files": files, "internal": internal,
                                      "names": tuple(names), "version": data.data_version()}


def _stored(key: str, names: Sequence[str], internal: bool) -> ExportFiles | None:
    """Files made earlier in this session for the same districts and version, if allowed."""
    entry = st.session_state.get(_STATE + key)
    if not entry:
        return None
    if entry["internal"] and not _may_see_internal():
        st.session_state.pop(_STATE + key, None)  # signed out: internal files are gone
        return None
    if (entry["names"] != tuple(names) or entry["internal"] != internal
            or entry.get("version") != data.data_version()):
        return None  # other districts, view or data: the old files no longer fit
    return entry["files"]


def _download_buttons(files: ExportFiles, key: str) -> None:
    left, right = st.columns(2)
    with left:
        st.download_button(T["download_pptx"], files.pptx, file_name=f"{files.stem}.pptx",
                           mime=PPTX_MIME, key=f"{key}_pptx", on_click="ignore",
                           icon=":material/slideshow:")
    with right:
        st.download_button(T["download_pdf"], files.pdf, file_name=f"{files.stem}.pdf",
                           mime="application/pdf", key=f"{key}_pdf", on_click="ignore",
                           icon=":material/picture_as_pdf:")


def _generate(names: Sequence[str], internal: bool, *, overview: bool,
              progress: bool) -> ExportFiles:
    """Build the profiles and both files, optionally with a progress bar."""
    from atlas.export.council import build_overview, export_files

    bar = st.progress(0.0, text=T["progress"].format(done=0, total=len(names), name="…")) \
        if progress else None

    progress_text = T["progress"]  # in the page's language; the deck itself is German

    def report(done: int, total: int, name: str) -> None:
        if bar is not None:
            bar.progress(done / (total + 1),
                         text=progress_text.format(done=done, total=total, name=name))

    # Presentations are for the Stadtrat: German texts, numbers and dates in any UI language.
    with i18n.use(i18n.DEFAULT):
        profiles = _profiles(names, internal)
        bounds = data.boundaries()
        extra = build_overview(data.figures(), bounds, data.city()) if overview else None
        files = export_files(profiles, internal=internal, boundaries=bounds,
                             version=data.data_version(), overview=extra, progress=report)
    if bar is not None:
        bar.progress(1.0, text=T["done"].format(seconds=format_decimal(files.seconds)))
    return files


def render_export_buttons(profile_or_district: DistrictProfile | str, *,
                          key: str = "export", with_city: bool = True) -> None:
    """Create and download the district's presentation (PPTX and PDF).

    Accepts the page's :class:`DistrictProfile` or a district name. With
    ``with_city`` an expander below offers the whole-city presentation too.
    """
    name = (profile_or_district.name if isinstance(profile_or_district, DistrictProfile)
            else str(profile_or_district))
    st.header(T["heading"])
    internal = _choose_internal(key)
    if st.button(T["create"], key=f"{key}_create", icon=":material/slideshow:"):
        try:
            with st.spinner(T["create"] + " …"):
                files = _generate([name], internal, overview=False, progress=False)
            _store(key, files, internal, [name])
        except AtlasError as e:
            show_error(e)
    files = _stored(key, [name], internal)
    if files is not None:
        st.caption(T["done"].format(seconds=format_decimal(files.seconds)))
        _download_buttons(files, key)
    if with_city:
        with st.expander(T["heading_city"]):
            render_city_export(key=f"{key}_city")


def render_city_export(*, key: str = "export_city") -> None:
    """Create and download one presentation of every district, with a progress bar."""
    names = [d.name for d in data.profile_districts()]
    internal = _choose_internal(key)
    if st.button(T["create_city"], key=f"{key}_create", icon=":material/slideshow:"):
        try:
            files = _generate(names, internal, overview=True, progress=True)
            _store(key, files, internal, names)
        except AtlasError as e:
            show_error(e)
    files = _stored(key, names, internal)
    if files is not None:
        _download_buttons(files, key)
