"""Helpers for the leak tests: what must never reach a public session, and where to look.

``needles()`` builds, from the shipped data, the names, addresses and
coordinates of every restricted record (internal or accommodation) that no
public record shares. ``find_leaks()`` searches a text blob for them after
undoing the encodings a page may apply (HTML entities, JSON ``\\uXXXX``
escapes, URL percent-encoding, base64 data URLs as folium uses for popups).
"""

from __future__ import annotations

import ast
import base64
import binascii
import html
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
MIN_NEEDLE_CHARS = 6
COORD_TOLERANCE = 1e-5  # about one metre
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
_BASE64_URL = re.compile(r"base64,([A-Za-z0-9+/=]{16,})")
_NUMBER_PAIR = re.compile(r"(-?\d{1,3}\.\d{3,})\s*,\s*(-?\d{1,3}\.\d{3,})")


@dataclass(frozen=True)
class Page:
    """A page registered in app.py."""

    script: str  # e.g. "pages/karte.py"
    url_path: str  # e.g. "karte"
    default: bool = False  # served at the app's root URL (its url_path is ignored)

    @property
    def url(self) -> str:
        """Path below the app's root: "" for the default page."""
        return "" if self.default else self.url_path


def registered_pages(app_file: Path = ROOT / "app.py") -> list[Page]:
    """Every ``st.Page("pages/x.py", ..., url_path="x")`` in app.py, in order."""
    pages: list[Page] = []
    for node in ast.walk(ast.parse(app_file.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page"):
            continue
        if not node.args or not isinstance(node.args[0], ast.Constant):
            continue
        script = str(node.args[0].value)
        options = {k.arg: k.value.value for k in node.keywords
                   if isinstance(k.value, ast.Constant)}
        url = str(options.get("url_path") or Path(script).stem)
        pages.append(Page(script, url, bool(options.get("default", False))))
    return pages


@dataclass
class Needles:
    """Strings and positions that must not appear in a public session."""

    texts: dict[str, str] = field(default_factory=dict)  # needle -> record id
    coords: dict[tuple[float, float], str] = field(default_factory=dict)  # (lat, lon) -> id
    skipped: list[str] = field(default_factory=list)  # shared with public data, not checked


INTERNAL_NOTE_FIELDS = ("notes",)  # issue 7: coordinators see "internal records and notes"


def _record_strings(record) -> list[str]:
    """Every public text field of a record plus its composed street line and address."""
    strings = [str(v) for k, v in record.model_dump().items()
               if isinstance(v, str) and k not in INTERNAL_NOTE_FIELDS]
    strings.append(" ".join(p for p in (record.street, record.housenumber) if p))
    return strings + [record.address() or ""]


def needles(records: Iterable) -> Needles:
    """Names, addresses, streets and coordinates of restricted records.

    Values that public records (as the role filter hands them out) or the UI
    texts also contain are set aside in ``skipped``: they may appear legitimately.
    """
    from atlas import texts

    records = list(records)
    public = [r for r in records if not r.is_internal]
    corpus = "\n".join(s for r in public for s in _record_strings(r)).casefold()
    corpus += "\n" + " ".join(repr(v) for k, v in vars(texts).items()
                              if k.isupper()).casefold()
    public_coords = [(r.lat, r.lon) for r in public if r.has_position]
    found = Needles()
    for record in records:
        if not record.is_internal:
            continue
        street = " ".join(p for p in (record.street, record.housenumber) if p)
        candidates = [record.name, street if record.housenumber else None, record.address(),
                      record.street]
        for text in candidates:
            if not text or len(text) < MIN_NEEDLE_CHARS:
                continue
            if text.casefold() in corpus:
                found.skipped.append(text)
            else:
                found.texts[text] = record.id
        if record.has_position:
            pos = (float(record.lat), float(record.lon))
            if any(_close(pos, p) for p in public_coords):
                found.skipped.append(f"{pos}")
            else:
                found.coords[pos] = record.id
    return found


def _close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= COORD_TOLERANCE and abs(a[1] - b[1]) <= COORD_TOLERANCE


def expand(text: str) -> str:
    """``text`` plus its decoded forms (JSON escapes, HTML entities, URL encoding, base64)."""
    variants = [text]
    for blob in _BASE64_URL.findall(text):
        try:
            variants.append(base64.b64decode(blob).decode("utf-8", "replace"))
        except (binascii.Error, ValueError):
            continue
    decoded = "\n".join(variants)
    for _ in range(2):
        decoded = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), decoded)
        decoded = html.unescape(unquote(decoded.replace("\\/", "/")))
        variants.append(decoded)
    return "\n".join(variants)


def find_leaks(text: str, found: Needles) -> list[str]:
    """Needles (and coordinate pairs, in either order) present in ``text``."""
    haystack = expand(text)
    folded = haystack.casefold()
    hits = [f"{needle!r} ({rid})" for needle, rid in found.texts.items()
            if needle.casefold() in folded]
    if found.coords:
        pairs = {(float(a), float(b)) for a, b in _NUMBER_PAIR.findall(haystack)}
        for pos, rid in found.coords.items():
            swapped = (pos[1], pos[0])
            if any(_close(pos, p) or _close(swapped, p) for p in pairs):
                hits.append(f"{pos} ({rid})")
    return hits


def names_present(text: str, found: Needles) -> set[str]:
    """Record ids whose needles occur in ``text`` (to prove the internal view shows them)."""
    folded = expand(text).casefold()
    return {rid for needle, rid in found.texts.items() if needle.casefold() in folded}


def document_text(data: bytes) -> str:
    """Text of a downloaded file: plain text, every member of a ZIP (xlsx/pptx), or a PDF."""
    parts = [data.decode("utf-8", "replace")]
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    elif data[:5] == b"%PDF-":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        parts += [page.extract_text() or "" for page in reader.pages]
    return "\n".join(parts)


def shipped_needles(cache_dir: Path) -> Needles | None:
    """Needles from ``ui.data.load_result()`` (None while the loader is not built yet)."""
    import os

    from ui import data

    old = os.environ.get("ATLAS_CACHE_DIR")
    os.environ["ATLAS_CACHE_DIR"] = str(cache_dir)
    data.config.clear()
    try:
        records = data.load_result().records
    except NotImplementedError:
        return None
    finally:
        if old is None:
            os.environ.pop("ATLAS_CACHE_DIR", None)
        else:
            os.environ["ATLAS_CACHE_DIR"] = old
        data.config.clear()
    return needles(records)
