"""Playwright: a fresh clone with no network and no ../shared starts with the full map.

The checkout is copied (tracked files only) to a folder whose parent has no
``shared``; the app runs from there with every proxy variable pointing at a
closed port, an empty cache and no tiles, and the browser aborts every request
that leaves 127.0.0.1. The shipped snapshot must give the Stadtteile and the
shipped places their positions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, start_app, stop_app
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
TIMEOUT = 90_000
NOWHERE = "http://127.0.0.1:9"  # the discard port: nothing listens, every request fails


def fresh_clone(target: Path) -> Path:
    """The files git would check out (committed or staged, plus new unignored ones)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def offline_app(tmp_path_factory):
    clone = fresh_clone(tmp_path_factory.mktemp("frisch") / "integrationsatlas")
    assert not (clone.parent / "shared").exists() and not (clone / "geodata" / "manifest.json")\
        .exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATLAS_")}
    env.update({"HTTP_PROXY": NOWHERE, "HTTPS_PROXY": NOWHERE, "http_proxy": NOWHERE,
                "https_proxy": NOWHERE, "ALL_PROXY": NOWHERE, "NO_PROXY": "", "no_proxy": "",
                "ATLAS_TILES": "none", "ATLAS_CONFIG": str(clone / "none.toml"),
                "ATLAS_USERS_FILE": str(clone.parent / "users.json")})
    subprocess.run([sys.executable, "-m", "atlas.citymap.assets", "install"], cwd=clone, env=env,
                   check=True, capture_output=True, timeout=120)
    server = start_app({}, clone.parent / "app.log", cwd=clone, base_env=env)
    yield server
    stop_app(server)


@pytest.mark.parametrize("viewport", [(1366, 900), (390, 844)])
def test_fresh_clone_without_network_shows_stadtteile_and_places(offline_app, browser,
                                                                 viewport, tmp_path):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    outside: list[str] = []

    def block(route):
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", block)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{offline_app.url}/?ebene=stadtteile")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".leaflet-container")).to_be_visible(timeout=TIMEOUT)
    shapes = frame.locator("path[data-area]")
    expect(shapes.nth(60)).to_be_attached(timeout=TIMEOUT)
    assert shapes.count() >= 61
    # Markers are clustered at city zoom: count single markers plus each cluster's number.
    expect(frame.locator(".leaflet-marker-icon").first).to_be_attached(timeout=TIMEOUT)
    single = frame.locator(".leaflet-marker-icon.atlas-marker").count()
    clustered = sum(int(t) for t in frame.locator(".marker-cluster span").all_inner_texts()
                    if t.strip().isdigit())
    assert single + clustered >= 30, (single, clustered)
    expect(page.get_by_text("mitgeliefert").first).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(ROOT / "test-results" / f"offline-{viewport[0]}.png"))
    assert outside == []
    context.close()
