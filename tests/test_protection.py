"""Protection when a public place shares an address with an internal one (Lingnerallee 3),
and the street check that keeps source URLs from pointing to an internal site."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from leakcheck import document_text

from atlas.access.roles import filter_for_role
from atlas.citymap.details import (
    TABLE_COLUMNS,
    export_feature,
    export_row,
    place_details,
    table_row,
)
from atlas.export.downloads import features_to_geojson, rows_to_csv
from atlas.model import Resource
from atlas.places.placeinfo import visit_facts
from atlas.places.protection import Allowance, load_rules, street_leaks
from atlas.settings import ROOT, load_config

RESOURCES = ROOT / "resources"
# Words that would connect an address to accommodation, in any spelling the data uses.
POINTING = ("unterkunft", "unterkünfte", "übergangswohnheim", "üwh", "uewh", "herberge",
            "hostel", "wohnheim", "unterbringung", "untergebracht", "city-herberge")


def rec(**changes) -> Resource:
    base = {"id": "p1", "name": "Projekt", "category": "initiative",
            "source_url": "https://example.org/p", "source_date": "2015"}
    return Resource(**{**base, **changes})


SITE = rec(id="u1", name="ÜWH „K9“", category="unterkunft", street="Katharinenstraße",
           housenumber="9")


def test_a_source_url_naming_an_internal_street_is_flagged_and_can_be_allowed():
    leaky = rec(source_url="https://menschen-in-dresden.de/2015/10/14/feuerwache-auf-der-"
                           "katharinenstrasse-wird-fluechtlingsheim")
    [leak] = street_leaks([SITE, leaky])
    assert (leak.record_id, leak.field, leak.street) == ("p1", "source_url", "Katharinenstraße")
    assert "Unterkunft" in leak.message()
    allowed = [Allowance("p1", "Katharinenstr.", "Begründung")]
    assert street_leaks([SITE, leaky], allowed) == []
    assert street_leaks([SITE, rec(contact_sources="2015: katharinenstr-9.de")])


def test_a_word_naming_the_site_is_flagged_like_a_street():
    leaky = rec(contact_sources="2023: https://www.tag24.de/so-gehts-weiter-mit-der-cityherberge")
    [leak] = street_leaks([SITE, leaky], words=["City-Herberge"])
    assert leak.field == "contact_sources"


def test_internal_only_fields_are_not_public_and_not_flagged():
    assert street_leaks([SITE, rec(notes="Treffpunkt Katharinenstraße 9")]) == []


def test_allow_list_needs_a_reason(tmp_path):
    from atlas.errors import SchemaError

    (tmp_path / "protection.yaml").write_text("allow:\n  - {id: x, street: Y, reason: ''}\n")
    with pytest.raises(SchemaError):
        load_rules(tmp_path)
    rules = load_rules(RESOURCES)
    assert rules.allowed and "City-Herberge" in rules.words


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    from atlas.export.council import load_export_data

    config = load_config({"ATLAS_CACHE_DIR": str(tmp_path_factory.mktemp("no-cache"))})
    return load_export_data(config)


def test_shipped_data_has_no_unallowed_street_and_k9_no_leaky_url(shipped):
    assert load_rules(RESOURCES).leaks(shipped.records) == []
    k9 = next(r for r in shipped.records if r.id == "initiative-projektteam-k9-kreativ-integrativ")
    public = json.dumps(filter_for_role([k9], "public")[0].model_dump(mode="json"))
    assert "katharinen" not in public.casefold()
    assert "unterkunft" not in public.casefold()  # with "K9" in the name it would point there


def _public_texts(shipped, record_ids: set[str]) -> str:
    """Every public representation of the records: view, table, details, downloads, export."""
    from atlas.export.council import build_export_profiles, export_files

    public = [r for r in filter_for_role(shipped.records, "public") if r.id in record_ids]
    assert {r.id for r in public} == record_ids
    now = dt.datetime(2026, 12, 1, 10, 0)
    parts = []
    for r in public:
        parts.append(json.dumps(r.model_dump(mode="json"), ensure_ascii=False))
        parts += [f"{k} {v}" for k, v in place_details(r)]
        parts += [f"{f.label} {f.text} {f.url}" for f in visit_facts(r, now)]
        parts.append(json.dumps(table_row(r), ensure_ascii=False))
    parts.append(rows_to_csv([export_row(r) for r in public], TABLE_COLUMNS).decode("utf-8-sig"))
    parts.append(features_to_geojson([export_feature(r) for r in public]).decode("utf-8"))
    [profile] = build_export_profiles(shipped, ["Altstadt"], internal=False)
    s = profile.structures
    entries = [*s.msa, *s.vorortbueros, *s.network_nodes,
               *(e for group in profile.projects for e in group.entries)]
    parts += [repr(e) for e in entries if e.resource_id in record_ids]
    # The deck also holds the district's accommodation counts; look at the entries' lines.
    files = export_files([profile], internal=False, boundaries=shipped.boundaries)
    deck = (document_text(files.pptx) + "\n" + document_text(files.pdf)).splitlines()
    parts += [line for line in deck if "Lingnerallee" in line]
    return "\n".join(parts)


def test_nothing_public_at_lingnerallee_3_points_to_the_accommodation(shipped):
    authority = "behoerde-dresden-welcome-center-auslaenderbehoerde-und"
    text = _public_texts(shipped, {authority})
    for word in POINTING:
        assert word not in text.casefold(), word
    assert "Lingnerallee 3" in text  # the authority itself is public, with its entrance
    assert "Eingang Nord" in text


def test_no_public_entry_at_lingnerallee_names_the_site(shipped):
    """The Sozialamt's Handlungsfeld "Unterbringung und Wohnen" is its task citywide; what
    must not appear is anything naming this building's accommodation."""
    at_lingnerallee = {r.id for r in filter_for_role(shipped.records, "public")
                       if r.street == "Lingnerallee"}
    assert len(at_lingnerallee) == 3
    internal = next(r for r in shipped.records if r.category.value == "unterkunft"
                    and r.street == "Lingnerallee")
    text = _public_texts(shipped, at_lingnerallee)
    for word in ("herberge", "hostel", "übergangswohnheim", "üwh", "uewh", "unterkunft"):
        assert word not in text.casefold(), word
    assert internal.id not in text and internal.name not in text
