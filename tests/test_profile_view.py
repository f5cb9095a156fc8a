"""Markdown lines of the profile page: untrusted text stays text, links stay http(s)."""

from __future__ import annotations

import re

from sessions import shown

from atlas import texts
from atlas.profile.build import Entry, Figure
from ui.profile_view import entry_markdown, figure_caption, figure_value, safe_url


def test_entry_text_cannot_inject_html_or_links():
    entry = Entry(name="<script>alert(1)</script> [x](javascript:alert(1))", category="initiative",
                  link="javascript:alert(1)", address="Königsbrücker Str. 13", date="2024-12")
    line = entry_markdown(entry)
    assert re.search(r"(?<!\\)[<\[\]]", line.replace("**", "")) is None  # all escaped
    assert f"[{texts.PROFILE['link']}]" not in line  # no link for javascript:
    assert "Königsbrücker Str. 13" in shown(line)
    assert "Dezember 2024" in line


def test_safe_url_keeps_http_and_encodes_brackets():
    assert safe_url("https://example.org/a (b)") == "https://example.org/a%20%28b%29"
    assert safe_url("ftp://example.org") is None and safe_url(None) is None


def test_unknown_figures_read_keine_angabe():
    figure = Figure("Plätze in ÜWH/GU", None)
    assert figure_value(figure) == texts.KEINE_ANGABE
    assert figure_caption(figure).count(texts.KEINE_ANGABE) == 2
    assert figure_value(Figure("Anteil", 9.2, unit="%")) == "9,2 %"
    assert figure_value(Figure("Einwohner", 53633)) == "53.633"
