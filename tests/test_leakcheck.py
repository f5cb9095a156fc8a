"""Self-test of the leak search used by the AppTest and browser leak tests."""

from __future__ import annotations

import base64
import html
import io
import json
import zipfile

from leakcheck import document_text, find_leaks, names_present, needles, registered_pages

from atlas.model import Category, Resource, Visibility


def records() -> list[Resource]:
    common = {"source_date": "2025", "postcode": "01099"}
    return [
        Resource(id="uwh1", name="Übergangswohnheim Geheimweg", category=Category.UNTERKUNFT,
                 street="Geheimweg", housenumber="7", lat=51.0712345, lon=13.7523456,
                 visibility=Visibility.INTERNAL, **common),
        Resource(id="vob", name="Vorortbüro Neustadt", category=Category.VORORTBUERO,
                 street="Offene Straße", housenumber="1", lat=51.06, lon=13.74, **common),
        Resource(id="int2", name="Vorortbüro Neustadt", category=Category.BERATUNG,
                 visibility=Visibility.INTERNAL, street="Offene Straße", housenumber="1",
                 lat=51.06, lon=13.74, **common),
    ]


def test_needles_skip_what_public_records_share() -> None:
    found = needles(records())
    assert set(found.texts) == {"Übergangswohnheim Geheimweg", "Geheimweg 7",
                                "Geheimweg 7, 01099", "Geheimweg"}
    assert "Vorortbüro Neustadt" in found.skipped
    assert list(found.coords) == [(51.0712345, 13.7523456)]


def test_search_sees_through_encodings() -> None:
    found = needles(records())
    name = "Übergangswohnheim Geheimweg"
    for disguised in (name, html.escape(name), json.dumps(name), json.dumps(html.escape(name)),
                      "data:text/html;base64," + base64.b64encode(name.encode()).decode(),
                      "https://x.test/?q=%C3%9Cbergangswohnheim%20Geheimweg"):
        assert find_leaks(f"<div>{disguised}</div>", found), disguised
    assert find_leaks('"coordinates": [13.7523456, 51.0712345]', found)
    assert find_leaks("L.marker([51.071235, 13.752346])", found)
    assert not find_leaks("Vorortbüro Neustadt, Offene Straße 1 [51.06, 13.74]", found)
    assert names_present("… geheimweg 7 …", found) == {"uwh1"}


def test_documents_are_read_inside_zip_files() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ppt/slides/slide1.xml", "<a:t>Übergangswohnheim Geheimweg</a:t>")
    assert find_leaks(document_text(buffer.getvalue()), needles(records()))


def test_pages_are_read_from_app_py() -> None:
    pages = registered_pages()
    assert pages and pages[0].script.startswith("pages/")
    assert all(p.url_path for p in pages)
    assert sum(p.default for p in pages) == 1
    assert [p.url for p in pages if p.default] == [""]
