"""Every download has a total wall-time deadline (issue 18, defect 6).

A local server on 127.0.0.1 trickles its answer one byte at a time, faster than
the per-read time-out but never finishing. Each download must give up after
``ATLAS_HTTP_TIMEOUT`` seconds of wall time with a German message.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from atlas.city import load_city
from atlas.errors import GeodataError
from atlas.geo.deadline import DeadlineExceeded, call_with_deadline
from atlas.geo.ogcapi import fetch_json
from atlas.settings import ROOT

TIMEOUT = 1.5
SLACK = 2.0  # thread start, connection close, a slow shared CI machine


class Trickler:
    """A server that answers every request one byte per ``interval`` seconds, forever."""

    def __init__(self, *, headers_first: bool, interval: float = 0.3) -> None:
        self.headers_first = headers_first
        self.interval = interval
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.stopped = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/stadtteile.json"

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99999\r\n"
        try:
            conn.recv(65536)
            if self.headers_first:
                conn.sendall(head + b"\r\n")
                tail = b'{"type": "FeatureCollection", "features": [' + b" " * 99999
            else:
                tail = head + b"X-Slow: " + b"a" * 99999
            for byte in tail:
                if self.stopped.is_set():
                    break
                conn.sendall(bytes([byte]))
                time.sleep(self.interval)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stopped.set()
        self.sock.close()


@pytest.fixture(params=[True, False], ids=["trickled-body", "trickled-headers"])
def trickler(request) -> Iterator[Trickler]:
    server = Trickler(headers_first=request.param)
    yield server
    server.close()


def test_fetch_json_gives_up_after_the_wall_time(trickler):
    started = time.monotonic()
    with pytest.raises(GeodataError, match="keine vollständige Antwort innerhalb von 1,5 s"):
        fetch_json(trickler.url, source="Test", timeout=TIMEOUT)
    assert time.monotonic() - started < TIMEOUT + SLACK


def test_boundary_refresh_from_a_trickling_url_ends(trickler, tmp_path):
    """What `make run` does first: it must end with the old cache, not hang."""
    from atlas.geo.geodata import ensure_boundaries
    from atlas.settings import load_config

    config = load_config({"ATLAS_CONFIG": str(ROOT / "tests" / "no-such-config.toml"),
                          "ATLAS_CACHE_DIR": str(tmp_path), "ATLAS_GEODATA_URL": trickler.url,
                          "ATLAS_HTTP_TIMEOUT": str(TIMEOUT)})
    started = time.monotonic()
    report = ensure_boundaries(config, load_city(config.path("CITY_FILE")))
    assert time.monotonic() - started < TIMEOUT + SLACK
    assert report.status != "fetched"
    assert any("1,5 s" in m for m in report.messages), report.messages


def test_online_geocoder_gives_up_after_the_wall_time(trickler):
    from atlas.nearby.startpoint import GeocoderUnreachable, nominatim_search

    city = load_city(ROOT / "resources" / "city.yaml")
    base = trickler.url.rsplit("/", 1)[0]
    started = time.monotonic()
    with pytest.raises(GeocoderUnreachable):
        nominatim_search("Prager Straße 2", city, url=base, user_agent="test", timeout=TIMEOUT)
    assert time.monotonic() - started < TIMEOUT + SLACK


def test_deadline_passes_results_and_errors_through():
    assert call_with_deadline(lambda: 42, 1.0) == 42
    with pytest.raises(ZeroDivisionError):
        call_with_deadline(lambda: 1 / 0, 1.0)
    closed = []
    with pytest.raises(DeadlineExceeded):
        call_with_deadline(lambda: time.sleep(5), 0.2, on_timeout=lambda: closed.append(1))
    time.sleep(0.2)
    assert closed == [1]
