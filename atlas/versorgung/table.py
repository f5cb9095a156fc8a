"""Versorgung figures as text: table rows, CSV rows, an HTML table, map values, profile section.

The page, the district profile and the council slide all read their numbers from
here, so each shows the same figure in the same words. Unknown values read
"keine Angabe"; nothing is rounded to zero.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from atlas import texts
from atlas.city import District
from atlas.citymap.choropleth import MetricValues
from atlas.numbers import format_date, format_decimal, format_int, format_percent, source_label
from atlas.versorgung.grid import WEIGHT_ADDRESSES
from atlas.versorgung.model import (
    ALL_FIELDS,
    DEFAULT_DISTANCE_M,
    FIELDS,
    AreaFigures,
    Model,
    Result,
    figures_for,
)

V = texts.VERSORGUNG
MEASURES: tuple[str, ...] = ("gap", "per_1000", "median", "p90", "share", "foreigners")


def field_label(code: str) -> str:
    """ "Alle Angebote" or "M – Migrationssozialarbeit"."""
    if code == ALL_FIELDS:
        return V["all_fields"]
    return f"{code} – {texts.HANDLUNGSFELD_LABELS.get(code, code)}"


def metres(value: float | None) -> str:
    return texts.KEINE_ANGABE if value is None else V["metres"].format(value=format_int(value))


def distance_text(distance_m: int) -> str:
    return V["metres"].format(value=format_int(distance_m))


def measure_label(measure: str, distance_m: int) -> str:
    return V["m_" + measure].format(distance=distance_text(distance_m))


def measure_value(area: AreaFigures, measure: str) -> float | None:
    """The raw value of a measure for one area (None = keine Angabe)."""
    return {
        "gap": area.gap, "per_1000": area.offers_per_1000, "median": area.median_m,
        "p90": area.p90_m, "share": area.share_within,
        "foreigners": None if area.foreigners is None else float(area.foreigners),
    }[measure]


# --- rows ----------------------------------------------------------------------------
Column = tuple[str, Callable[[AreaFigures], str]]


def columns(distance_m: int, *, first: str = "col_name") -> list[Column]:
    """Shown columns: (header, formatter) in the order of the tables and the slide."""
    return [
        (V[first], lambda a: a.name),
        (V["col_population"], lambda a: format_int(a.population)),
        (V["col_foreigners"], lambda a: format_int(a.foreigners)),
        (V["col_offers"], lambda a: format_int(a.offers)),
        (V["col_per_1000"], lambda a: format_decimal(a.offers_per_1000, digits=1)),
        (V["col_median"], lambda a: format_int(a.median_m)),
        (V["col_p90"], lambda a: format_int(a.p90_m)),
        (V["col_share"].format(distance=distance_text(distance_m)),
         lambda a: format_percent(a.share_within, digits=0)),
        (V["col_gap"], lambda a: format_int(a.gap)),
    ]


def text_rows(areas: Sequence[AreaFigures], cols: Sequence[Column]) -> list[list[str]]:
    return [[fmt(a) for _, fmt in cols] for a in areas]


def csv_rows(result: Result, areas: Sequence[AreaFigures]) -> list[dict[str, object]]:
    """Machine-readable rows with field, distance, date and source on every line."""
    out = []
    for rank, a in enumerate(areas, start=1):
        out.append({
            "rang": rank, "gebiet": a.name, "nr": a.key, "stadtbezirk": a.stadtbezirk or "",
            "handlungsfeld": result.field or "alle", "entfernung_m": result.distance_m,
            "einwohner": a.population, "auslaendische_einwohner": a.foreigners,
            "angebote": a.offers, "angebote_je_1000_ausl": _round(a.offers_per_1000, 2),
            "median_m": _round(a.median_m, 0), "p90_m": _round(a.p90_m, 0),
            "anteil_innerhalb": _round(a.share_within, 3),
            "ausl_einwohner_ausserhalb": _round(a.gap, 0),
            "einwohner_stand": result.source.date or "",
            "einwohner_quelle": result.source.url or result.source.title or "",
            "angebote_stand": result.offers_as_of or "",
            "gewichtung": result.weighting,
        })
    return out


CSV_COLUMNS = ("rang", "gebiet", "nr", "stadtbezirk", "handlungsfeld", "entfernung_m",
               "einwohner", "auslaendische_einwohner", "angebote", "angebote_je_1000_ausl",
               "median_m", "p90_m", "anteil_innerhalb", "ausl_einwohner_ausserhalb",
               "einwohner_stand", "einwohner_quelle", "angebote_stand", "gewichtung")


def _round(value: float | None, digits: int) -> float | int | None:
    if value is None:
        return None
    return int(round(value)) if digits == 0 else round(value, digits)


def html_table(headers: Sequence[str], rows: Sequence[Sequence[str]], caption: str) -> str:
    """A real, escaped HTML table (screen readers, copying), with a caption and th scopes."""
    e = html.escape
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<th scope="row">{e(c)}</th>' if i == 0 else f"<td>{e(c)}</td>"
                         for i, c in enumerate(row)) + "</tr>"
        for row in rows)
    return (f'<table class="atlas-table"><caption>{e(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


# --- lines with date and source ---------------------------------------------------------
def source_lines(result: Result, *, internal: bool = False) -> list[str]:
    """Population and offer sources with their dates, one line each."""
    source = result.source
    pop = V["population_line"].format(
        source=source_label(source.attribution or source.title, source.url),
        date=format_date(source.date))
    key = "offers_line_internal" if internal else "offers_line"
    return [pop, V[key].format(date=format_date(result.offers_as_of))]


def weighting_sentence(result: Result) -> str:
    if result.weighting == WEIGHT_ADDRESSES:
        return V["weighting_addresses"].format(points=format_int(result.address_points))
    return V["weighting_even"]


def left_out_sentence(result: Result) -> str:
    label = field_label(result.field)
    if result.offers_reach == 0:
        return V["no_offers"].format(field=label)
    if result.offers_left_out == 0:
        return V["left_out_none"].format(total=result.offers_total, field=label)
    return V["left_out"].format(left=result.offers_left_out, total=result.offers_total,
                                field=label)


def area_lines(area: AreaFigures, result: Result) -> list[tuple[str, str]]:
    """(label, text) of a clicked Stadtteil; population figures carry date and source."""
    date = format_date(result.source.date)
    src = source_label(result.source.attribution or result.source.title, result.source.url)

    def sourced(value: int | None) -> str:
        if value is None:
            return texts.KEINE_ANGABE
        return V["value_with_source"].format(value=format_int(value), date=date)

    distance = distance_text(result.distance_m)
    return [
        (V["col_population"], sourced(area.population)),
        (V["col_foreigners"], sourced(area.foreigners)),
        (f"{V['col_offers']} ({field_label(result.field)})", format_int(area.offers)),
        (V["m_per_1000"], format_decimal(area.offers_per_1000, digits=1)),
        (V["m_median"], metres(area.median_m)),
        (V["m_p90"], metres(area.p90_m)),
        (V["m_share"].format(distance=distance).removesuffix(" (%)"),
         format_percent(area.share_within, digits=0)),
        (V["m_gap"].format(distance=distance), format_int(area.gap)),
        (V["col_source"], V["details_source"].format(source=src, date=date)),
    ]


def metric_values(result: Result, measure: str) -> MetricValues:
    """The chosen measure per Stadtteil name, for ``atlas.citymap.choropleth.colour_areas``."""
    values = {a.name: v for a in result.stadtteile
              if (v := measure_value(a, measure)) is not None}
    if measure == "share":
        values = {k: round(100 * v, 1) for k, v in values.items()}
    return MetricValues(measure_label(measure, result.distance_m), values, result.source.date,
                        source_label(result.source.attribution or result.source.title,
                                     result.source.url))


# --- one district (profile section and council slide) ------------------------------------
@dataclass(frozen=True)
class DistrictVersorgung:
    """What the profile and the slide show for one district, all offers, one distance."""

    district: AreaFigures
    stadtteile: tuple[AreaFigures, ...]
    by_field: tuple[tuple[str, AreaFigures], ...]  # (code, district figures of that field)
    distance_m: int
    sources: tuple[str, ...]
    weighting: str
    left_out: str


def district_versorgung(model: Model, district: District,
                        distance_m: int = DEFAULT_DISTANCE_M) -> DistrictVersorgung:
    """The district's figures for all offers and, on district level, per Handlungsfeld."""
    results = {code: figures_for(model, code, distance_m) for code in FIELDS}
    everything = results[ALL_FIELDS]
    mine = set(district.stadtteile)
    by_field = tuple((code, _district_of(results[code], district.name)) for code in FIELDS[1:])
    return DistrictVersorgung(
        district=_district_of(everything, district.name),
        stadtteile=tuple(a for a in everything.stadtteile if a.key in mine),
        by_field=by_field, distance_m=distance_m,
        sources=tuple(source_lines(everything, internal=model.include_internal)),
        weighting=weighting_sentence(everything), left_out=left_out_sentence(everything))


def _district_of(result: Result, name: str) -> AreaFigures:
    return next(a for a in result.districts if a.name == name)


def field_line(code: str, area: AreaFigures, distance_m: int) -> str:
    """One Handlungsfeld of a district in one line (slide and profile), its name whole."""
    label = texts.HANDLUNGSFELD_LABELS.get(code, code)
    return V["slide_field_line"].format(
        code=code, label=label, offers=area.offers,
        median=metres(area.median_m), share=format_percent(area.share_within, digits=0),
        distance=distance_text(distance_m))
