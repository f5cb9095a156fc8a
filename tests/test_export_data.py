"""Presentation export with the shipped data: every district, seed values, protection."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation
from pypdf import PdfReader

from atlas import texts
from atlas.export.council import (
    build_export_profiles,
    build_overview,
    export_districts,
    export_files,
    load_export_data,
)
from atlas.model import Category, Visibility
from atlas.settings import ROOT, load_config

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def data(boundaries_cache):
    config = load_config({
        "ATLAS_CONFIG": str(ROOT / "tests" / "no-such-config.toml"),
        "ATLAS_CACHE_DIR": str(boundaries_cache),
    })
    return load_export_data(config)


@pytest.fixture(scope="module")
def public_city(data):
    profiles = build_export_profiles(data, internal=False)
    overview = build_overview(data.figures, data.boundaries, data.city)
    return profiles, export_files(profiles, internal=False, boundaries=data.boundaries,
                                  version=data.version, overview=overview)


def _slide_texts(pptx: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(pptx))
    return ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            for slide in prs.slides]


def _has_mark(text: str) -> bool:
    """Whether the "Intern" mark is on a line of its own (not "International")."""
    return any(line.strip() == texts.EXPORT["internal_mark"] for line in text.splitlines())


def _pdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_whole_city_has_a_slide_for_every_district(data, public_city):
    profiles, files = public_city
    names = [d.name for d in export_districts(data)]
    assert len(names) == 15 and [p.name for p in profiles] == names
    slides = _slide_texts(files.pptx)
    # title + 15 districts, each with its Versorgung slide + overview + sources
    assert files.slides == len(slides) >= 33
    for i, name in enumerate(names):
        assert name in slides[1 + 2 * i].splitlines()[0]
        assert slides[2 + 2 * i].splitlines()[0] == texts.VERSORGUNG["slide_title"].format(
            name=name)
    assert "Stadt Dresden im Überblick" in slides[31]
    assert slides[32].startswith(texts.EXPORT["sources_title"])
    assert len(_pdf_text(files.pdf)) == files.slides


def test_districts_with_little_data_say_keine_angabe(public_city):
    profiles, files = public_city
    slides = _slide_texts(files.pptx)
    sparse = [i for i, p in enumerate(profiles) if p.uewh_places.value is None]
    assert sparse, "some district has no ÜWH figure in the shipped data"
    for i in sparse:
        assert slides[1 + 2 * i].lower().count(texts.KEINE_ANGABE.lower()) == 1  # one line


def test_neustadt_slide_shows_the_seed_values(public_city):
    profiles, files = public_city
    index = [p.name for p in profiles].index("Neustadt")
    slide = _slide_texts(files.pptx)[1 + 2 * index]
    page = _pdf_text(files.pdf)[1 + 2 * index]
    for text in (slide, page):
        assert re.search(r"ÜWH/GU laut Fachplan \(2019\): 119\b", text)
        assert re.search(r"Gewährleistungswohnungen laut Fachplan \(2019\): 192\b", text)
        assert "Afropa e.V." in text
        assert "Königsbrücker Str" in text and "13" in text


def test_public_export_contains_no_internal_name(data, public_city):
    _profiles, files = public_city
    public_names = {r.name for r in data.records
                    if r.visibility == Visibility.PUBLIC and r.category != Category.UNTERKUNFT}
    hidden = [r for r in data.records
              if r.visibility == Visibility.INTERNAL or r.category == Category.UNTERKUNFT]
    assert hidden, "the shipped data has internal records (accommodation)"
    text = "\n".join(_slide_texts(files.pptx) + _pdf_text(files.pdf))
    leaked = [r.name for r in hidden if r.name not in public_names and r.name in text]
    assert leaked == []
    streets = [r.address() for r in hidden if r.category == Category.UNTERKUNFT and r.street]
    assert [s for s in streets if s and s in text] == []
    assert not _has_mark(text)


def test_internal_export_marks_every_slide_and_lists_sites(data):
    profiles = build_export_profiles(data, ["Neustadt"], internal=True)
    files = export_files(profiles, internal=True, boundaries=data.boundaries,
                         version=data.version)
    slides = _slide_texts(files.pptx)
    assert all(_has_mark(s) for s in slides)
    sites = [s.name for s in profiles[0].sites]
    if sites:
        assert texts.EXPORT["h_sites"] in slides[1]
    assert files.stem == "integrationsatlas-neustadt-intern"


def test_single_district_export_is_fast(data):
    import time

    start = time.perf_counter()
    profiles = build_export_profiles(data, ["Schönfeld-Weißig"], internal=False)
    files = export_files(profiles, internal=False, boundaries=data.boundaries,
                         version=data.version + "|fast")
    assert time.perf_counter() - start < 5
    assert files.slides == 5  # title, district, Versorgung, sources, appendix


def _table_cells(pptx: bytes) -> list[list[list[str]]]:
    """Per slide, the rows of its table (empty list for slides without one)."""
    out = []
    for slide in Presentation(io.BytesIO(pptx)).slides:
        tables = [s.table for s in slide.shapes if s.has_table]
        out.append([[c.text for c in row.cells] for t in tables for row in t.rows])
    return out


def test_versorgung_slide_holds_the_page_figures_for_every_district(data, public_city):
    from atlas.export.council import versorgung_model
    from atlas.versorgung.model import figures_for
    from atlas.versorgung.table import columns, text_rows

    profiles, files = public_city
    result = figures_for(versorgung_model(data, internal=False))  # the page's defaults
    cols = columns(result.distance_m)
    by_key = {a.key: a for a in (*result.stadtteile, *result.districts)}
    tables = _table_cells(files.pptx)
    pages = _pdf_text(files.pdf)
    for i, profile in enumerate(profiles):
        rows = tables[2 + 2 * i]
        assert rows, profile.name
        expected = [*(n for n in profile.stadtteil_numbers if n in by_key), profile.name]
        assert rows[1:] == text_rows([by_key[k] for k in expected], cols)
        assert rows[-1][0] == profile.name
        for cell in rows[-1][1:]:  # the PDF page shows the same district figures
            assert cell in pages[2 + 2 * i]


def test_versorgung_slides_name_every_handlungsfeld_whole_and_fit_their_boxes(public_city):
    """No "…" on any Versorgung slide (the field names were once cut: "Sprache und
    Verständigu…"); the wrapped field lines fit their two boxes at the slide's size."""
    from atlas.export.slidelayout import Section, column_height
    from atlas.export.slidetext import inner_width
    from atlas.versorgung.slide import FIELDS_BOXES, build_versorgung_slide, field_columns

    profiles, files = public_city
    deck_slides, pages = _slide_texts(files.pptx), _pdf_text(files.pdf)
    for i, profile in enumerate(profiles):
        for text in (deck_slides[2 + 2 * i], pages[2 + 2 * i]):
            assert "…" not in text, profile.name
        slide = build_versorgung_slide(profile)
        assert any(texts.HANDLUNGSFELD_LABELS["B"] in line for line in slide.lines)
        for box, column in zip(FIELDS_BOXES, field_columns(slide.lines), strict=True):
            height = column_height([Section("", column)], inner_width(box.w), slide.field_size)
            assert height <= box.h * 72, (profile.name, slide.field_size)


def test_public_versorgung_model_has_no_internal_offer(data):
    from atlas.export.council import versorgung_model

    public = versorgung_model(data, internal=False)
    internal = versorgung_model(data, internal=True)
    visible = [r for r in data.records if r.visibility == Visibility.PUBLIC
               and r.category != Category.UNTERKUNFT]
    assert len(public.offers) <= len(visible)
    assert len(internal.offers) >= len(public.offers)
    assert not public.include_internal


FIGURE_DATE = re.compile(r"\((\d{4}|[A-ZÄÖÜ][a-zäöü]+ \d{4}|\d{2}\.\d{2}\.\d{4})\): "
                         r"|am \d{2}\.\d{2}\.\d{4}: ")


def test_every_district_slide_reads_like_the_fachplan(data, public_city):
    """For every district: no "…", every figure dated, figures told apart by their
    labels, no jargon, and the title inside its box in both files."""
    from atlas.export.slidelayout import BOXES, fit_title
    from atlas.export.slidetext import LINE_HEIGHT, inner_width, text_width

    profiles, files = public_city
    deck_slides = _slide_texts(files.pptx)
    pages = _pdf_text(files.pdf)
    for i, profile in enumerate(profiles):
        slide, page = deck_slides[1 + 2 * i], pages[1 + 2 * i]
        for text in (slide, page):
            assert "…" not in text, profile.name
            for word in ("Sammelnennung", "erschlossen", r"\bNone\b", r"\bnan\b"):
                assert not re.search(word, text), (profile.name, word)
        head, _, rest = slide.partition(texts.EXPORT["h_figures"] + "\n")
        figures = [x for x in rest.split("\n")[:4] if re.search(r": [\d.]+", x)]
        for line in figures:
            assert FIGURE_DATE.search(line), (profile.name, line)
        whats = [line.split(" (")[0].split(" am ")[0] for line in figures]
        assert len(whats) == len(set(whats)), (profile.name, whats)
        title = slide.splitlines()[0]
        size, lines = fit_title(title, BOXES["title"])
        assert all(text_width(x, size, bold=True) <= inner_width(BOXES["title"].w)
                   for x in lines)
        assert len(lines) * LINE_HEIGHT * size <= BOXES["title"].h * 72
        assert title.split()[0] in page.splitlines()[0]
    prs = Presentation(io.BytesIO(files.pptx))
    fonts = {run.font.name for slide in prs.slides for shape in slide.shapes
             if shape.has_text_frame for par in shape.text_frame.paragraphs for run in par.runs}
    assert fonts == {"DejaVu Sans"}
