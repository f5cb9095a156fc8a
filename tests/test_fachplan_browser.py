"""Browser test of /fachplan: the charts draw offline and the CSV download has the years."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from atlas import texts
from tests.conftest import start_app, stop_app

ROOT = Path(__file__).resolve().parent.parent
T = texts.FACHPLAN


@pytest.fixture(scope="module")
def app_url(boundaries_cache, tmp_path_factory):
    log = tmp_path_factory.mktemp("fachplan") / "streamlit.log"
    server = start_app({"ATLAS_CACHE_DIR": str(boundaries_cache)}, log)
    yield server.url
    stop_app(server)


@pytest.mark.browser
def test_charts_visible_and_download_has_the_years(browser, app_url):
    from playwright.sync_api import expect

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url)
            if not r.url.startswith((app_url, "data:", "blob:")) else None)
    page.goto(app_url + "/fachplan")
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts).to_have_count(4, timeout=30_000)
    for index in range(4):
        expect(charts.nth(index).locator("canvas, svg").first).to_be_visible(timeout=20_000)
        box = charts.nth(index).bounding_box()
        assert box and box["height"] > 100
    expect(page.get_by_text(T["h_handlungsfelder"])).to_be_visible()

    with page.expect_download() as info:
        # the allocations block's own button (its key), not whichever download renders first
        page.locator(".st-key-download_zuweisungen").get_by_role(
            "button", name=T["download"]).click()
    path = info.value.path()
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
    years = {int(r["year"]) for r in rows}
    assert years == set(range(2013, 2026)) - {2019}  # 2019: keine Angabe
    assert foreign == []  # Vega-Lite and everything else come from the app itself
    context.close()
