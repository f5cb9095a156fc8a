"""Shared fixtures: ../shared access, a local HTTP server, the app server, a browser.

Tests never reach the internet. Servers bind to 127.0.0.1 on free ports.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from store_fixtures import postgres_server, store, store_url  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CHROMIUM = "/usr/bin/chromium"

# Tests must not depend on the developer's own settings or users file.
for _key in [k for k in os.environ if k.startswith("ATLAS_")]:
    if _key != "ATLAS_GEODATA_URL":
        os.environ.pop(_key)
os.environ["ATLAS_CONFIG"] = str(ROOT / "tests" / "no-such-config.toml")
os.environ["ATLAS_TILES"] = "none"


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches():
    """AppTests share one process: settings cached by one test must not leak into the next."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture(autouse=True)
def _own_database(tmp_path_factory, monkeypatch):
    """Each test gets its own store (SQLite), so one test's edits never reach another."""
    folder = tmp_path_factory.mktemp("store")
    monkeypatch.setenv("ATLAS_DATABASE_URL", f"sqlite:///{folder / 'atlas.db'}")


@pytest.fixture(autouse=True)
def _app_py_always_navigates(monkeypatch):
    """Make AppTest run app.py's st.navigation on every run, as ui.launch does for the server.

    AppTest re-detects the ``pages/`` folder before each run and would then run a
    page script alone from the second run on, without the shared sidebar.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder; tests that need it skip where it is absent."""
    if not (SHARED / "geodata").is_dir():
        pytest.skip("../shared fehlt (frischer Klon): dieser Test liest die geteilten Geodaten")
    return SHARED


@dataclass
class Route:
    """A canned answer of the local HTTP server."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/json"
    delay: float = 0.0


@dataclass
class LocalServer:
    """A real HTTP server on 127.0.0.1 answering from a routes table."""

    base_url: str
    routes: dict[str, Route | Callable[[str], Route]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base_url + path


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """Serve ``server.routes`` (path -> Route or callable(full path) -> Route)."""
    state = LocalServer(base_url="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server API)
            state.requests.append(self.path)
            path = urlsplit(self.path).path
            route = state.routes.get(path)
            if callable(route):
                route = route(self.path)
            if route is None:
                route = Route(b'{"error": "not found"}', 404)
            if route.delay:
                time.sleep(route.delay)
            try:
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    log: Path


def start_app(env_overrides: dict[str, str], log: Path, script: str = "app.py", *,
              cwd: Path = ROOT, base_env: dict[str, str] | None = None) -> AppServer:
    """Run ``streamlit run`` headless on a free port and wait until it answers."""
    port = free_port()
    env = {**(os.environ if base_env is None else base_env), **env_overrides}
    # Each server its own store: module-scoped servers start before the per-test one is set.
    if "ATLAS_DATABASE_URL" not in env_overrides:
        env["ATLAS_DATABASE_URL"] = f"sqlite:///{log.parent / (log.stem + '-atlas.db')}"
    # The app itself starts through ui.launch, exactly as `make run` does.
    command = ([sys.executable, "-m", "ui.launch"] if script == "app.py"
               else [sys.executable, "-m", "streamlit", "run", script])
    process = subprocess.Popen(
        [*command, "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit beendet:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        raise RuntimeError(f"streamlit antwortet nicht:\n{log.read_text()}")
    return AppServer(url, process, log)


def stop_app(server: AppServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium through Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} fehlt: `make chromium` installiert es")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-quic"],
        )
        yield b
        b.close()


@pytest.fixture(scope="session")
def boundaries_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A boundary cache folder for page tests (``ATLAS_CACHE_DIR``).

    With ../shared it is built once from its 64 L137 Stadtteile through
    ``ATLAS_GEODATA_URL``, exactly as ``make run`` would fetch them, never touching
    the network. Without ../shared (a checkout elsewhere) it holds a copy of the
    snapshot shipped in resources/geodata, the boundaries a fresh ``make run``
    starts from: the page and browser tests then still run instead of skipping.
    """
    from atlas.city import load_city
    from atlas.geo.geodata import ensure_boundaries
    from atlas.settings import load_config

    cache_dir = tmp_path_factory.mktemp("boundaries")
    if not (SHARED / "geodata").is_dir():
        for file in (ROOT / "resources" / "geodata" / "boundaries").iterdir():
            shutil.copyfile(file, cache_dir / file.name)
        return cache_dir
    config = load_config({
        "ATLAS_CONFIG": str(ROOT / "tests" / "no-such-config.toml"),
        "ATLAS_CACHE_DIR": str(cache_dir),
        "ATLAS_GEODATA_URL": str(SHARED / "geodata" / "stadtteile_64_L137.geojson"),
    })
    report = ensure_boundaries(config, load_city(config.path("CITY_FILE")))
    assert report.status == "fetched", report.messages
    return cache_dir


@pytest.fixture(scope="module")
def boundaries_env(boundaries_cache: Path):
    """Settings point at the test boundary cache for a whole module of page tests."""
    import streamlit as st

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATLAS_CACHE_DIR", str(boundaries_cache))
        st.cache_resource.clear()
        st.cache_data.clear()
        yield boundaries_cache
        st.cache_resource.clear()
        st.cache_data.clear()

