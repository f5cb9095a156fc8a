"""No echoed value renders as Markdown: payloads through every echo point (issue 18, defect 1).

Each page is run with hostile values in its URL parameters (and, for /bezirk, in
the Stadtteil names of a boundary source). Every text element that quotes a
payload must quote it escaped: read back without the escapes it is the payload
itself, and no image, link, emphasis, HTML, auto-link or Streamlit directive is
left unescaped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from atlas.markup import escape_markdown, fill, markdown_link, safe_link

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "pages"

# Short enough for every echo point (the map quotes at most 60 characters).
PAYLOADS = (
    "![x](http://evil.example/t.png)",
    "[klick](https://evil.example) **fett** _k_",
    "<img src=http://evil.example/i.png> www.evil.example",
    ":red[rot] :material/home: $x^2$ `c` ~~s~~",
    "\\![y](http://evil.example/u.png) &#33;[z](http://evil.example/v.png)",
    "# Titel\n- Liste | a | b |\n> Zitat",
)
# What must never stand unescaped in an element that quotes a payload.
UNSAFE = re.compile(r"(?<!\\)(!\[|\]\(|\*\*fett|_k_|<img|://|www\.|:red\[|:material/home|\$x|`c`"
                    r"|~~s|&#|# Titel|- Liste|> Zitat)")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def _quoting(at: AppTest, payload: str) -> list[str]:
    """Values of every text element whose unescaped text contains the payload's core."""
    core = payload.replace("\n", " ").strip()[:12]
    elements = (*at.markdown, *at.caption, *at.warning, *at.info, *at.error, *at.success,
                *at.title, *at.subheader)
    return [str(e.value) for e in elements if core in _unescape(str(e.value))]


def _assert_inert(at: AppTest, payload: str, where: str) -> None:
    assert not at.exception, (where, at.exception)
    quoted = _quoting(at, payload)
    assert quoted, f"{where}: the value is not quoted at all"
    for value in quoted:
        assert not UNSAFE.search(value), (where, value)


# --- the one function ------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_text_reads_back_as_typed(payload):
    escaped = escape_markdown(payload)
    assert "\n" not in escaped
    assert _unescape(escaped) == payload.replace("\n", " ")
    assert not UNSAFE.search(escaped)


def test_fill_escapes_values_not_the_template():
    assert fill("**{v}**", v="*x*") == "**\\*x\\***"


def test_links_only_http_with_a_host_and_no_breakout():
    assert safe_link("https://example.org/a (b)") == "https://example.org/a%20%28b%29"
    assert safe_link("https://example.org/x)[y](http://evil.example") == \
        "https://example.org/x%29%5By%5D%28http://evil.example"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example", "ftp://x.org",
                "https://user@evil.example", "https://a.org/\nb", "http://", None, 3):
        assert safe_link(bad) is None, bad
    assert safe_link("mailto:info@verein.de", mailto=True) == "mailto:info@verein.de"
    assert safe_link("mailto:info@verein.de") is None  # only where a mail link is meant
    assert safe_link("mailto:x@y.de)[z](http://evil.example", mailto=True) is None
    assert markdown_link("a*b", "javascript:x") == "a\\*b"
    assert markdown_link("Quelle", "https://a.org") == "[Quelle](https://a.org)"


# --- every echo point ------------------------------------------------------------


@pytest.fixture(scope="module")
def app_env(boundaries_env: Path):
    return boundaries_env


def _run(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(PAGES / page), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_bezirk_parameter(app_env, payload):
    _assert_inert(_run("bezirk.py", {"bezirk": payload}), payload, "bezirk")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_map_parameters(app_env, payload):
    for param in ("kat", "bezirk", "datum", "ebene", "gebiet"):
        at = _run("karte.py", {param: payload})
        _assert_inert(at, payload, f"karte {param}")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_nearby_parameters(app_env, payload):
    for params in ({"adresse": payload}, {"stadtteil": payload}, {"radius": payload},
                   {"k": payload}, {"lat": payload, "lon": "13.74"}):
        at = _run("naehe.py", params)
        _assert_inert(at, payload, f"naehe {params}")


def test_stadtteil_names_from_a_boundary_source(shared_dir, tmp_path, monkeypatch):
    """A Stadtteil called like a payload shows as text on its district's profile."""
    import streamlit as st

    from atlas.city import load_city
    from atlas.geo.geodata import ensure_boundaries
    from atlas.settings import load_config

    payload = PAYLOADS[0]
    source = json.loads((shared_dir / "geodata" / "stadtteile_64_L137.geojson").read_text())
    for feature in source["features"]:
        props = feature["properties"]
        if str(props.get("blocknr")).lstrip("0") == "1":
            for key in ("bez", "name"):
                if key in props:
                    props[key] = payload
    path = tmp_path / "evil.geojson"
    path.write_text(json.dumps(source), encoding="utf-8")
    env = {"ATLAS_CONFIG": str(ROOT / "tests" / "no-such-config.toml"),
           "ATLAS_CACHE_DIR": str(tmp_path / "cache"), "ATLAS_GEODATA_URL": str(path)}
    config = load_config(env)
    report = ensure_boundaries(config, load_city(config.path("CITY_FILE")))
    assert report.status == "fetched", report.messages
    monkeypatch.setenv("ATLAS_CACHE_DIR", env["ATLAS_CACHE_DIR"])
    st.cache_resource.clear()
    st.cache_data.clear()
    _assert_inert(_run("bezirk.py", {"bezirk": "altstadt"}), payload, "Stadtteil name")
