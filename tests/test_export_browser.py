"""Playwright: the download buttons on /bezirk?bezirk=neustadt deliver files that open."""

from __future__ import annotations

import io

import pytest

from atlas import texts
from tests.conftest import start_app, stop_app

pytestmark = pytest.mark.browser
T = texts.EXPORT


def test_neustadt_presentation_downloads_and_opens(browser, boundaries_cache, tmp_path):
    from playwright.sync_api import expect
    from pptx import Presentation
    from pypdf import PdfReader

    server = start_app({"ATLAS_CACHE_DIR": str(boundaries_cache), "ATLAS_TILES": "none"},
                       tmp_path / "streamlit.log")
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1400}, accept_downloads=True)
        page.goto(server.url + "/bezirk?bezirk=neustadt")
        create = page.get_by_role("button", name=T["create"], exact=True)
        expect(create).to_be_visible(timeout=60_000)
        create.click()
        pptx_button = page.get_by_role("button", name=T["download_pptx"])
        expect(pptx_button).to_be_visible(timeout=60_000)

        with page.expect_download() as info:
            pptx_button.click()
        download = info.value
        assert download.suggested_filename == "integrationsatlas-neustadt.pptx"
        prs = Presentation(download.path())
        text = "\n".join(s.text_frame.text for slide in prs.slides for s in slide.shapes
                         if s.has_text_frame)
        assert len(prs.slides) >= 3
        assert "Stadtbezirk Neustadt" in text and "Afropa e.V." in text

        with page.expect_download() as info:
            page.get_by_role("button", name=T["download_pdf"]).click()
        pdf = PdfReader(io.BytesIO(open(info.value.path(), "rb").read()))
        assert len(pdf.pages) == len(prs.slides)
        assert "Neustadt" in pdf.pages[1].extract_text()
    finally:
        stop_app(server)
