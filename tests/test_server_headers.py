"""ui/server.py without a browser: the CSP names only the app and the tile server, and
the middleware caps bodies, also those sent without Content-Length."""

from __future__ import annotations

import asyncio
import threading

from ui.server import SecurityHeaders, security_headers, tile_source


def test_tile_source_follows_the_tiles_setting():
    assert tile_source("osm") == "https://tile.openstreetmap.org"
    assert tile_source("none") == ""
    assert tile_source("https://{s}.tiles.example.org/{z}/{x}/{y}.png") == \
        "https://*.tiles.example.org"
    csp = security_headers("none")["content-security-policy"]
    assert "img-src 'self' data: blob:;" in csp and "http" not in csp
    assert "frame-ancestors 'self'" in csp and "object-src 'none'" in csp


def _call(app, headers, chunks):
    sent, seen = [], []
    messages = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1}
                for i, c in enumerate(chunks)]

    async def receive():
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    async def inner(scope, receive_, send_):
        while True:
            message = await receive_()
            seen.append(message["type"])
            if message["type"] == "http.disconnect" or not message.get("more_body"):
                break
        await send_({"type": "http.response.start", "status": 200, "headers": []})
        await send_({"type": "http.response.body", "body": b"ok"})

    scope = {"type": "http", "path": "/x", "headers": headers}
    middleware = SecurityHeaders(inner if app is None else app, security_headers("none"),
                                 max_body=10)
    # A thread of its own: the session's Playwright browser keeps an event loop running here.
    worker = threading.Thread(target=asyncio.run, args=(middleware(scope, receive, send),))
    worker.start()
    worker.join(timeout=30)
    return sent, seen


def test_small_body_passes_with_headers_and_big_bodies_are_refused():
    sent, seen = _call(None, [(b"content-length", b"5")], [b"12345"])
    names = {k for k, _ in sent[0]["headers"]}
    assert sent[0]["status"] == 200 and b"x-frame-options" in names
    sent, _ = _call(None, [(b"content-length", b"11")], [b"x" * 11])
    assert sent[0]["status"] == 413
    _, seen = _call(None, [], [b"x" * 6, b"x" * 6])  # chunked, no length: cut off
    assert seen[-1] == "http.disconnect"
