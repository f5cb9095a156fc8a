"""Presentation export (issue 9): deck content, PPTX and PDF from hand-made profiles."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from atlas import texts
from atlas.errors import ExportError
from atlas.export.deckcontent import lines_needed
from atlas.export.pdfdeck import write_pdf
from atlas.export.presentation import (
    BOXES,
    LAYOUT,
    MapInput,
    Overview,
    build_presentation,
    column_font_size,
    deck_text,
    png_size,
)
from atlas.export.slides import write_pptx
from atlas.export.staticmap import MAP_CACHE, render_bar_chart
from atlas.model import Resource
from atlas.profile.build import (
    AccommodationSummary,
    Comparison,
    DistrictProfile,
    Entry,
    Figure,
    MsaRegion,
    ProjectGroup,
    Site,
    Source,
    Structures,
)

FACHPLAN = "Landeshauptstadt Dresden, Sozialamt: Fachplan Asyl und Integration 2022"
DAY = dt.date(2026, 3, 2)
INTERNAL_SITE = "ÜWH Geheimweg 7"


def _square(x0: float, y0: float, d: float) -> dict:
    return {"type": "Polygon",
            "coordinates": [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]]}


def _record(rid: str, category: str, lat: float, lon: float, **kw) -> Resource:
    return Resource(id=rid, name=kw.pop("name", rid), category=category, lat=lat, lon=lon,
                    source_date="2019", **kw)


def _profile(name: str = "Neustadt", *, internal: bool = False, projects: int = 3,
             empty: bool = False) -> DistrictProfile:
    """A Neustadt-like profile as build_profile would return it."""
    def fig(label: str, value: float | None, key: str) -> Figure:
        return Figure(label, value, "2019" if value is not None else None,
                      FACHPLAN if value is not None else None, key)

    none = Figure("x", None)
    records = [_record("vob", "vorortbuero", 51.065, 13.755, name="Weltclub"),
               _record("ini", "initiative", 51.07, 13.76, location_precision="stadtteil")]
    sites: tuple[Site, ...] = ()
    if internal:
        records.append(_record("uewh", "unterkunft", 51.066, 13.751, name=INTERNAL_SITE,
                               visibility="internal", capacity=70))
        sites = (Site(INTERNAL_SITE, "ÜWH", "Geheimweg 7", "2015-10", None, "aktiv", 70,
                      "Quelle", "2021"),)
    structures = Structures(
        msa_regions=(MsaRegion("Nord", "Afropa e.V."),),
        vorortbueros=(Entry("Integrationsbüro Region Dresden-Nord", "vorortbuero",
                            address="Königsbrücker Str. 13, 01099", contact="0351 000000"),),
        network_nodes=(Entry("Neustadtkümmerin", "netzwerk", line="Netzwerk im Stadtbezirk"),),
    )
    groups = (ProjectGroup("S", "Sprache und Verständigung", tuple(
        Entry(f"Montagscafé {i}", "initiative", line="Begegnung im Staatsschauspiel")
        for i in range(projects))),)
    return DistrictProfile(
        name=name, slug=name.lower(), art="Stadtbezirk", parent=None,
        stadtteile=("Innere Neustadt", "Äußere Neustadt (Antonstadt)"),
        stadtteil_numbers=("11", "12"), bbox=(13.72, 51.05, 13.78, 51.11),
        uewh_places=none if empty else fig("Plätze in ÜWH/GU", 119, "uewh_places"),
        gww_places=none if empty else fig("Gewährleistungswohnungen", 192, "gww_places"),
        persons_housed=Figure("Untergebrachte Personen", None),
        offers_total=Figure("Angebote", 2), offers_by_field=(),
        structures=Structures() if empty else structures,
        projects=() if empty else groups,
        comparison=Comparison(none, none, none, none),
        accommodation=AccommodationSummary(4, 3, 250),
        sites=sites, records=() if empty else tuple(records),
        sources=(Source(FACHPLAN, None, "2019"),
                 Source("Pressemitteilung", "https://www.dresden.de/pm_004.php", "2025-01-06")),
        attributions=("Landeshauptstadt Dresden, opendata.dresden.de (dl-de/by-2-0)",),
        include_internal=internal, as_of="2025-01-06",
    )


@pytest.fixture
def maps() -> MapInput:
    district = {"type": "Feature", "properties": {"name": "Neustadt"},
                "geometry": _square(13.72, 51.05, 0.06)}
    stadtteile = {
        "11": {"type": "Feature", "properties": {"nr": "11", "name": "Innere Neustadt"},
               "geometry": _square(13.72, 51.05, 0.03)},
        "12": {"type": "Feature", "properties": {"nr": "12", "name": "Äußere Neustadt"},
               "geometry": _square(13.75, 51.05, 0.03)},
    }
    return MapInput({"Neustadt": district}, stadtteile, "v1", "Landeshauptstadt Dresden")


def _pptx_slides(data: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(data))
    return ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
            for slide in prs.slides]


def test_neustadt_slide_shows_the_seed_values(maps):
    deck = build_presentation([_profile()], maps=maps, today=DAY)
    slides = _pptx_slides(write_pptx(deck))
    assert len(slides) == deck.slide_count == 5  # title, Neustadt, Versorgung, sources, appendix
    assert "Integrationsatlas Dresden" in slides[0] and "Neustadt" in slides[0]
    assert "Angaben von 2019 bis 06.01.2025 · erstellt am 02.03.2026" in slides[0]
    neustadt = slides[1]
    for value in ("Stadtbezirk Neustadt", "Plätze in ÜWH/GU laut Fachplan (2019): 119 [1]",
                  "Gewährleistungswohnungen laut Fachplan (2019): 192 [1]", "Afropa e.V.",
                  "Königsbrücker Str. 13", "Montagscafé 0", "Neustadtkümmerin",
                  "Keine Angabe: Untergebrachte Personen"):
        assert value in neustadt
    assert "Begegnung im Staatsschauspiel" not in neustadt  # names, not descriptions
    assert texts.VERSORGUNG["slide_missing"] in slides[2]  # a profile without the model
    assert slides[3].startswith("Quellen")
    assert "[1] Sozialamt, Fachplan Asyl und Integration, 2019" in slides[3]
    assert "https://" not in slides[3]  # no URL wall: addresses are in notes and appendix
    assert "dl-de/by-2-0" in slides[3]
    assert "https://www.dresden.de/pm_004.php" in slides[4]
    notes = Presentation(io.BytesIO(write_pptx(deck))).slides[3].notes_slide.notes_text_frame
    assert "https://www.dresden.de/pm_004.php" in notes.text
    assert "Intern" not in "".join(slides)


def test_district_slide_has_the_static_map(maps):
    deck = build_presentation([_profile()], maps=maps)
    prs = Presentation(io.BytesIO(write_pptx(deck)))
    pictures = [s for s in prs.slides[1].shapes if s.shape_type == 13]
    assert len(pictures) == 1
    assert pictures[0].image.content_type == "image/png"
    assert png_size(deck.district_slides[0].map_png)[0] > 300


def test_without_boundaries_the_slide_says_so():
    deck = build_presentation([_profile()], maps=None)
    assert deck.district_slides[0].map_png is None
    assert texts.EXPORT["map_missing"] in _pptx_slides(write_pptx(deck))[1]


def test_pdf_has_the_same_pages_and_text(maps):
    deck = build_presentation([_profile(), _profile("Pieschen", empty=True)], maps=maps)
    reader = PdfReader(io.BytesIO(write_pdf(deck)))
    assert len(reader.pages) == deck.slide_count == 7  # each district with its Versorgung
    page = reader.pages[1].extract_text()
    for value in ("119", "192", "Afropa e.V.", "Königsbrücker Str. 13", "Äußere Neustadt"):
        assert value in page
    empty = reader.pages[3].extract_text()  # Pieschen without data
    assert empty.lower().count(texts.KEINE_ANGABE.lower()) == 1  # one quiet line, not a column
    assert "Versorgung im Sozialraum: Pieschen" in reader.pages[4].extract_text()
    assert "Quellen" in reader.pages[5].extract_text()
    assert reader.metadata.title.startswith("Integrationsatlas Dresden")
    fonts = [f.get_object() for page in reader.pages
             for f in page["/Resources"].get_object()["/Font"].get_object().values()]
    assert fonts and all("DejaVu" in str(f["/BaseFont"]) for f in fonts)  # one family
    for font in fonts:  # embedded, not merely named
        descendant = font["/DescendantFonts"][0].get_object()
        assert descendant["/FontDescriptor"].get_object().get("/FontFile2") is not None


def test_public_export_refuses_internal_profiles(maps):
    with pytest.raises(ExportError, match="Neustadt"):
        build_presentation([_profile(internal=True)], maps=maps, internal=False)


def test_public_deck_has_no_internal_name_and_internal_deck_marks_every_slide(maps):
    public = build_presentation([_profile()], maps=maps)
    assert INTERNAL_SITE not in "\n".join(deck_text(public))
    internal = build_presentation([_profile(internal=True)], maps=maps, internal=True)
    slides = _pptx_slides(write_pptx(internal))
    assert INTERNAL_SITE in slides[1]
    assert all(texts.EXPORT["internal_mark"] in s for s in slides)
    pages = PdfReader(io.BytesIO(write_pdf(internal))).pages
    assert all(texts.EXPORT["internal_mark"] in p.extract_text() for p in pages)


def test_public_map_never_draws_accommodation(maps):
    """Even a profile carrying an accommodation record draws only public points publicly."""
    from atlas.export.presentation import map_points

    records = _profile(internal=True).records
    assert {p.category for p in map_points(records, internal=False)} == {"vorortbuero",
                                                                          "initiative"}
    assert "unterkunft" in {p.category for p in map_points(records, internal=True)}


def test_long_lists_end_with_und_n_weitere(maps):
    deck = build_presentation([_profile(projects=40)], maps=maps)
    projects = next(s for s in deck.district_slides[0].sections
                    if s.heading == texts.EXPORT["h_projects"])
    text = projects.lines[0]
    shown = text.count("Montagscafé")
    assert 3 < shown < 40
    assert text.endswith(" " + texts.EXPORT["more"].format(n=40 - shown))
    assert lines_needed(text) <= LAYOUT.project_lines
    assert texts.EXPORT["more"].format(n=40 - shown) in _pptx_slides(write_pptx(deck))[1]


def test_entries_follow_the_stated_rule(maps):
    from dataclasses import replace

    profile = _profile(projects=0)
    entries = (
        Entry("Alt, ohne Fachplan", "initiative", date="2016", resource_id="old"),
        Entry("Neu", "initiative", date="2024-05", resource_id="new"),
        Entry("Vom Fachplan genannt", "initiative", date="2015", source=FACHPLAN,
              resource_id="fp"),
        Entry("Geschlossen", "initiative", date="2025", resource_id="closed"),
    )
    records = (*profile.records,
               *(_record(e.resource_id, "initiative", 51.07, 13.76) for e in entries[:3]),
               _record("closed", "initiative", 51.07, 13.76, status="geschlossen"))
    profile = replace(profile, projects=(ProjectGroup("S", "Sprache", entries),),
                      records=records)
    deck = build_presentation([profile], maps=maps)
    line = next(s for s in deck.district_slides[0].sections
                if s.heading == texts.EXPORT["h_projects"]).lines[0]
    assert line == "Vom Fachplan genannt, Neu, Alt, ohne Fachplan, Geschlossen"
    assert texts.EXPORT["selection_rule"] in deck.district_slides[0].notes


def test_flowing_names_never_cut_a_word():
    from atlas.export.deckcontent import flowing_names

    names = [f"Initiative mit einem ziemlich langen Namen Nummer {i}" for i in range(12)]
    text = flowing_names(names, 2)
    assert "…" not in text and text.endswith("weitere")
    kept = [n for n in names if n in text]
    assert text.startswith(", ".join(kept))
    assert flowing_names(names[:1], 3) == names[0]


def test_register_counts_only_active_sites_as_running(maps):
    from dataclasses import replace

    acc = AccommodationSummary(5, 1, 190, "2024-12", sites_planned=1, sites_unknown=2,
                               sites_standby=1, places_running=66)
    deck = build_presentation([replace(_profile(), accommodation=acc)], maps=maps, today=DAY)
    text = "\n".join(deck_text(deck))
    assert ("Erfasste Unterkünfte am 02.03.2026: 1 in Betrieb mit 66 Plätzen, 1 geplant, "
            "1 in Bereitschaft, 2 mit unbekanntem Status · Quellen bis Dezember 2024") in text


def test_font_size_shrinks_so_a_full_column_fits(maps):
    from atlas.export.slidelayout import column_height
    from atlas.export.slidetext import inner_width

    deck = build_presentation([_profile(internal=True, projects=40)], maps=maps, internal=True)
    sections = deck.district_slides[0].sections
    box = BOXES["column"]
    size = column_font_size(sections, box)
    assert size >= 7.5
    assert column_height(sections, inner_width(box.w), size) <= box.h * 72


def test_longest_title_fits_its_box():
    from atlas.export.slidelayout import fit_title
    from atlas.export.slidetext import LINE_HEIGHT, inner_width, text_width

    title = "Ortschaft Cossebaude/Mobschatz/Oberwartha (im Stadtbezirk Cotta)"
    for text in (title, title + " und noch viel länger, damit es zwei Zeilen braucht"):
        size, lines = fit_title(text, BOXES["title"])
        assert " ".join(lines) == text
        assert all(text_width(x, size, bold=True) <= inner_width(BOXES["title"].w)
                   for x in lines)
        assert len(lines) * LINE_HEIGHT * size <= BOXES["title"].h * 72


def test_sources_over_several_slides_lose_none(maps):
    profile = _profile()
    many = tuple(Source(f"Quelle {i:02d}", f"https://example.org/{i}", "2020") for i in range(40))
    from dataclasses import replace

    deck = build_presentation([replace(profile, sources=many)], maps=maps)
    assert len(deck.source_slides) >= 2
    text = "\n".join(line for s in deck.source_slides for line in s.lines)
    assert all(f"Quelle {i:02d}" in text for i in range(40))
    assert deck.source_slides[0].title == texts.EXPORT["sources_page"].format(
        title=texts.EXPORT["sources_title"], page=1,
        pages=sum(s.title.startswith("Quellen") for s in deck.source_slides))


def test_overview_slide_and_progress(maps):
    chart = render_bar_chart([("2015", 4177, False), ("2025", 1600, True)], title="Zuweisungen")
    calls = []
    deck = build_presentation(
        [_profile(), _profile("Pieschen", empty=True)], maps=maps,
        overview=Overview((chart,), ("Zuweisungen je Jahr",),
                          (Source("Zuweisungen – Quelle", "https://www.dnn.de/z", "2018"),)),
        progress=lambda done, total, name: calls.append((done, total, name)),
    )
    assert calls == [(1, 2, "Neustadt"), (2, 2, "Pieschen")]
    slides = _pptx_slides(write_pptx(deck))
    assert len(slides) == 8 and "Stadt Dresden im Überblick" in slides[5]
    assert "DNN, 2018" in slides[6]
    assert len(PdfReader(io.BytesIO(write_pdf(deck))).pages) == 8


def test_maps_are_cached_per_district_and_version(maps):
    MAP_CACHE.clear()
    build_presentation([_profile()], maps=maps)
    build_presentation([_profile()], maps=maps)
    assert (MAP_CACHE.misses, MAP_CACHE.hits) == (1, 1)
    from dataclasses import replace

    build_presentation([_profile()], maps=replace(maps, version="v2"))
    assert MAP_CACHE.misses == 2


def test_empty_selection_is_a_german_error():
    with pytest.raises(ExportError, match="kein Stadtbezirk"):
        build_presentation([])


def test_places_sharing_a_centroid_are_fanned_out():
    from atlas.export.staticmap import spread_positions

    out = spread_positions([(0.0, 0.0), (0.0, 0.0), (0.0, 0.0), (5.0, 5.0)], 1.0)
    assert len(set(out)) == 4
    assert out[3] == (5.0, 5.0)  # a lone place stays where it is
    assert all(abs((x * x + y * y) ** 0.5 - 1.0) < 1e-9 for x, y in out[:3])


def test_choropleth_and_map_are_png_without_network(maps):
    from atlas.export.staticmap import MapPoint, render_choropleth, render_district_map

    features = [dict(f, properties={**f["properties"], "art": "Stadtbezirk"})
                for f in maps.stadtteile.values()]
    png = render_choropleth(features, {"Innere Neustadt": 12.0}, title="Test")
    assert png_size(png)[0] > 300
    png = render_district_map(maps.districts["Neustadt"], list(maps.stadtteile.values()),
                              [MapPoint(51.06, 13.73, "beratung", True)])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_long_stadtteil_lists_end_with_und_n_weitere():
    from atlas.export.presentation import join_fitting

    names = [f"Stadtteil Nummer {i}" for i in range(30)]
    text = join_fitting(names, 120)
    assert len(text) <= 120 and text.endswith("weitere")
    shown = text.count("Stadtteil Nummer")
    assert text.endswith(texts.EXPORT["more"].format(n=30 - shown))
    assert join_fitting(names[:2], 120) == "Stadtteil Nummer 0, Stadtteil Nummer 1"
