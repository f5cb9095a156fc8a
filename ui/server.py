"""The HTTP side of the app: the sign-in cookie route and the security middleware.

``serve.py`` hands both to Streamlit's ``st.App`` (ASGI on Starlette); ``make run``
and the browser tests serve through it. No streamlit import here: this module
only speaks ASGI.

- ``GET /api/sitzung?t=<ticket>`` exchanges a one-time sign-in ticket for the
  signed, HttpOnly, SameSite=Strict session cookie (``atlas.access.websession``);
  ``GET /api/sitzung/ende`` clears it. Both answer with an empty image.
- :class:`SecurityHeaders` adds anti-framing, content-security, nosniff and
  referrer headers to every HTTP answer and refuses request bodies above a cap.
"""

from __future__ import annotations

import base64
import logging
from urllib.parse import urlsplit

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from atlas.access import auth, websession
from atlas.citymap.basemap import tile_options
from atlas.settings import default_value

logger = logging.getLogger(__name__)
_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
# The app's upload limit (ATLAS_MAX_UPLOAD_MB = server.maxUploadSize) plus 1 MB form overhead.
MAX_BODY_BYTES = (int(default_value("MAX_UPLOAD_MB")) + 1) * 1024 * 1024


def _image() -> Response:
    return Response(_GIF, media_type="image/gif", headers={"Cache-Control": "no-store"})


async def claim_cookie(request: Request) -> Response:
    """Set the session cookie for a fresh ticket; anything else sets nothing."""
    token = websession.STORE.redeem(request.query_params.get("t", ""), auth.utc_now())
    response = _image()
    if token is not None:
        response.set_cookie(
            websession.COOKIE_NAME, websession.sign(token), path="/", httponly=True,
            samesite="strict", secure=request.url.scheme == "https",
            max_age=websession.MAX_HOURS * 3600,
        )
    return response


async def clear_cookie(request: Request) -> Response:
    response = _image()
    response.delete_cookie(websession.COOKIE_NAME, path="/", httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")
    return response


def routes() -> list[Route]:
    return [Route("/api/sitzung", claim_cookie), Route("/api/sitzung/ende", clear_cookie)]


def tile_source(tiles: str) -> str:
    """The CSP source for basemap tiles ('' when the map has none)."""
    url, _ = tile_options(tiles)
    if not url:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if "{s}" in host:  # subdomain template such as {s}.tile.example.org
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")


def security_headers(tiles: str) -> dict[str, str]:
    """Headers for every answer. Streamlit's frontend needs inline styles and eval
    (Vega charts), so the script policy is 'self' plus those; no other origin
    but the tile server may be contacted."""
    img = " ".join(filter(None, ["'self'", "data:", "blob:", tile_source(tiles)]))
    csp = "; ".join([
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        f"img-src {img}",
        "font-src 'self' data:",
        "connect-src 'self'",
        "media-src 'self' data: blob:",
        "frame-src 'self' blob: data:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ])
    return {
        "content-security-policy": csp,
        "x-frame-options": "SAMEORIGIN",
        "x-content-type-options": "nosniff",
        # only the origin, never the path with its query, reaches a tile server
        # (OSM's tile policy asks for a Referer; a bare origin satisfies it)
        "referrer-policy": "strict-origin",
    }


class SecurityHeaders:
    """Pure ASGI middleware (WebSocket traffic passes untouched)."""

    def __init__(self, app, headers: dict[str, str], max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        self.max_body = max_body

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.max_body:
            logger.warning("Anfrage abgewiesen: Inhalt %s Bytes (%s)", length, scope.get("path"))
            await self._refuse(send)
            return
        await self.app(scope, self._capped(receive), self._with_headers(send))

    def _capped(self, receive):
        seen = 0

        async def capped():  # bodies without Content-Length are counted as they arrive
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    return {"type": "http.disconnect"}
            return message
        return capped

    def _with_headers(self, send):
        async def wrapped(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)
        return wrapped

    async def _refuse(self, send) -> None:
        body = "Die Anfrage ist zu groß.".encode()
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode()), *self.headers]})
        await send({"type": "http.response.body", "body": body})


def middleware(tiles: str) -> list[Middleware]:
    return [Middleware(SecurityHeaders, headers=security_headers(tiles))]
