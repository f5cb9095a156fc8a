"""Rendering of a district profile: metrics, structures, projects, comparison, time line, sources.

Every function takes the plain :class:`~atlas.profile.build.DistrictProfile` and
draws one section; unknown values are shown as "keine Angabe".
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from atlas import texts
from atlas.access.disclosure import summary_sentence
from atlas.markup import escape_markdown as _md
from atlas.markup import safe_link as safe_url
from atlas.numbers import format_change, format_date, format_decimal, format_int, source_label
from atlas.profile.build import DistrictProfile, Entry, Figure
from atlas.profile.chart import timeline_chart, timeline_rows

P = texts.PROFILE

# Print view (A4 portrait): no sidebar, header, toolbar or widgets; the map is scaled
# into the page (its zoom buttons hide themselves, atlas.citymap.basemap.PRINT_CSS) and a
# header names district, date and sender.
PRINT_CSS = """
<style>
@page { size: A4 portrait; margin: 12mm 12mm 14mm 12mm; }
.atlas-print-header { display: none; }
@media print {
  .atlas-print-header { display: block; font-size: 10pt; color: #333;
    border-bottom: 1px solid #999; padding-bottom: 2mm; margin-bottom: 3mm; }
  html, body { width: 186mm !important; }
  iframe { max-width: 100% !important; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stSelectbox"], .st-key-profile_export,
  [data-testid="stDownloadButton"], [data-testid="stButton"] { display: none !important; }
  [data-testid="stMain"], [data-testid="stAppViewContainer"] { margin: 0 !important;
    padding: 0 !important; overflow: visible !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 1rem !important; }
  iframe { break-inside: avoid; page-break-inside: avoid; }
  [data-testid="stVerticalBlock"] > div { break-inside: avoid-page; }
}
</style>
"""


def print_header(profile: DistrictProfile, sender: str, day: str) -> None:
    """The line only the printout shows: district, date and sender."""
    from html import escape

    art = P["art_stadtbezirk"] if not profile.parent else "Ortschaft"
    text = texts.LEGAL["print_header"].format(district=f"{art} {profile.name}", date=day,
                                              sender=sender)
    st.markdown(f'<div class="atlas-print-header">{escape(text)}</div>',
                unsafe_allow_html=True)


def _number(value: float | int | None) -> str:
    """A profile figure: up to two decimals."""
    return format_decimal(value, digits=2)


def figure_value(figure: Figure) -> str:
    """The value as German text, with its unit, or "keine Angabe"."""
    if figure.value is None:
        return texts.KEINE_ANGABE
    text = _number(figure.value)
    return f"{text} %" if figure.unit == "%" else text


def figure_caption(figure: Figure) -> str:
    """ "Stand … · Quelle …" (plus a note), or "keine Angabe" for both when unknown."""
    date = format_date(figure.date)
    source = _md(source_label(figure.source, figure.source_url))
    url = safe_url(figure.source_url)
    if url:
        source = f"[{source}]({url})"
    caption = P["figure_caption"].format(date=date, source=source)
    if figure.note:
        caption += " · " + P["figure_note"].format(note=_md(figure.note))
    return caption


def render_metric(figure: Figure) -> None:
    """One st.metric with the change from the previous value and its date and source."""
    delta, arrow = None, "off"
    if figure.change is not None and figure.previous_date:
        delta = P["change"].format(change=format_change(figure.change),
                                   date=format_date(figure.previous_date, missing=""))
        # The German minus sign hides the direction from Streamlit: state it.
        arrow = "up" if figure.change > 0 else "down" if figure.change < 0 else "off"
    st.metric(figure.label, figure_value(figure), delta=delta, delta_color="off",
              delta_arrow=arrow)
    st.caption(figure_caption(figure))


def render_metrics(figures: Sequence[Figure]) -> None:
    """A row of metrics."""
    for column, figure in zip(st.columns(len(figures)), figures, strict=True):
        with column:
            render_metric(figure)


def render_offers_by_field(profile: DistrictProfile) -> None:
    """Offers per Handlungsfeld as a compact list linking to the city map's filter."""
    st.markdown(f"**{P['offers_by_field']}**")
    lines = [
        f"- [{f.label}](/?hf={f.key}): {_number(f.value)}"
        for f in profile.offers_by_field
    ]
    st.markdown("\n".join(lines))


def entry_markdown(entry: Entry) -> str:
    """One entry as a Markdown line: name, Träger, address, contact, link, source."""
    parts = [f"**{_md(entry.name)}**"]
    if entry.internal:
        parts[0] += f" ({texts.APP['internal_badge']})"
    for value in (entry.provider, entry.line, entry.address, entry.position, entry.hours,
                  entry.languages, entry.contact, entry.status_note):
        if value:
            parts.append(_md(value))
    if entry.located_in:
        parts.append(P["located_in"].format(district=entry.located_in))
    link = safe_url(entry.link)
    if link:
        parts.append(f"[{P['link']}]({link})")
    route = safe_url(entry.route)
    if route:
        parts.append(f"[{texts.PLACE['route_text']}]({route})")
    date = format_date(entry.date, missing="")
    if date:
        parts.append(texts.APP["data_as_of"].format(date=date))
    return "- " + " · ".join(parts)


def render_entries(heading: str, entries: Sequence[Entry]) -> None:
    st.markdown(f"**{heading}**")
    if entries:
        st.markdown("\n".join(entry_markdown(e) for e in entries))
    else:
        st.markdown(texts.KEINE_ANGABE)


def render_structures(profile: DistrictProfile) -> None:
    """MSA region and Träger, Vorortbüros and network nodes."""
    st.header(P["structures_heading"])
    s = profile.structures
    st.markdown(f"**{P['msa_heading']}**")
    if s.msa_regions:
        lines = [
            "- " + P["msa_region"].format(name=_md(r.name),
                                          provider=_md(r.provider or texts.KEINE_ANGABE))
            + (f" – {_md(r.public_note)}" if r.public_note else "")
            + (f" – {texts.APP['internal_badge']}: {_md(r.notes)}" if r.notes else "")
            for r in s.msa_regions
        ]
        st.markdown("\n".join(lines))
    if s.msa:
        st.markdown("\n".join(entry_markdown(e) for e in s.msa))
    if not s.msa_regions and not s.msa:
        st.markdown(texts.KEINE_ANGABE)
    render_entries(P["vorortbuero_heading"], s.vorortbueros)
    render_entries(P["network_heading"], s.network_nodes)


def render_projects(profile: DistrictProfile) -> None:
    """Projects and initiatives grouped by Handlungsfeld."""
    st.header(P["projects_heading"])
    if not profile.projects:
        st.markdown(texts.KEINE_ANGABE)
    for group in profile.projects:
        heading = f"{group.code} – {group.label}" if group.code else group.label
        render_entries(heading, group.entries)


def render_comparison(profile: DistrictProfile) -> None:
    """Shares of the city's places and persons housed, offers per 1,000 inhabitants."""
    st.header(P["city_heading"])
    c = profile.comparison
    render_metrics([c.share_places, c.share_persons, c.population, c.offers_per_1000])


def render_accommodation(profile: DistrictProfile) -> None:
    """Internal: the sites' time line and table. Public: counts only."""
    st.header(P["timeline_heading"])
    a = profile.accommodation
    if a.sites_total != 0:
        st.markdown(summary_sentence(a))
    else:
        st.markdown(P["timeline_no_sites"])
    if not profile.include_internal:
        st.caption(P["timeline_public"])
        st.caption(P["small_numbers_note"].format(
            date=format_date(a.as_of), n=a.min_sites))
        return
    chart = timeline_chart(profile.sites)
    if chart is None:
        st.markdown(P["timeline_none"])
    else:
        st.altair_chart(chart, width="stretch")
    rows = timeline_rows(profile.sites)
    if rows:
        st.table([{k: v for k, v in r.items() if k not in ("start", "end")} for r in rows],
                 hide_index=True)


def render_sources(profile: DistrictProfile) -> None:
    """Every source used on the page with its date, and the licence attributions."""
    st.header(P["sources_heading"])
    lines = []
    for source in profile.sources:
        title, url = _md(source_label(source.title, source.url)), safe_url(source.url)
        if url:
            title = f"{title} – <{url}>"
        date = format_date(source.date)
        lines.append("- " + P["source_line"].replace("{title}", title).format(date=date))
    st.markdown("\n".join(lines) if lines else texts.KEINE_ANGABE)
    st.markdown(f"**{P['licences_heading']}**")
    st.markdown("\n".join(f"- {_md(a)}" for a in profile.attributions) or texts.KEINE_ANGABE)


def render_versorgung(profile: DistrictProfile) -> None:
    """Versorgung im Sozialraum: the district's Stadtteile and its Handlungsfelder."""
    import pandas as pd

    from atlas.versorgung.table import columns, field_line, html_table, text_rows
    from ui.versorgung_view import TABLE_CSS

    v, V = profile.versorgung, texts.VERSORGUNG
    st.header(V["profile_heading"])
    if v is None:
        st.caption(V["slide_missing"])
        return
    st.caption(V["profile_intro"].format(distance=f"{format_int(v.distance_m)} m"))
    cols = columns(v.distance_m)
    headers = [h for h, _ in cols]
    rows = text_rows([*v.stadtteile, v.district], cols)
    st.dataframe(pd.DataFrame(rows, columns=headers), hide_index=True, width="stretch")
    with st.expander(V["table_html"]):
        st.html(TABLE_CSS + html_table(headers, rows, f"{V['profile_heading']} – {profile.name}"))
    st.markdown(f"**{V['profile_fields'].format(art=profile.art)}**")
    st.markdown("\n".join(f"- {_md(field_line(code, area, v.distance_m))}"
                          for code, area in v.by_field))
    st.caption(" · ".join([v.weighting, v.left_out, *v.sources]))
    from atlas.city import slugify

    link = f"/versorgung?bezirk={slugify(profile.name, transliterate=True)}"
    st.markdown(f":material/explore: [{_md(V['profile_more'])}]({link})")
