"""Text and links inside Streamlit Markdown: the one escaping function and the one link check.

Every value that came from a URL, a form, an upload or a data source and is shown
inside ``st.markdown``, ``st.warning``, ``st.caption`` and the like goes through
:func:`escape_markdown`, so it renders exactly as typed: no image, no link, no
emphasis, no heading, no HTML, no LaTeX, no ``:material/...:`` icon and no
auto-linked ``www.`` or ``http://`` text. Every URL placed into a Markdown link goes
through :func:`safe_link`.
"""

from __future__ import annotations

import re
import string
from urllib.parse import urlsplit

# CommonMark lets a backslash escape every ASCII punctuation character, so escaping
# all of them is the simplest rule that covers Markdown syntax and ``$`` maths.
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# Some renderers work on the *decoded* text after parsing, where escapes are gone:
# GFM auto-links (``http://``, ``www.``, ``a@b.c``), emoji and icon shortcodes
# (``:smile:``, ``:material/home:``). An invisible word joiner (U+2060) after a colon
# (not in times like 10:00) and at-sign and inside ``www.`` breaks those patterns; the
# text looks the same.
WORD_JOINER = "\u2060"
_WWW = re.compile(r"(?i)(w)(\\\.)")
# A colon before a digit stays as it is ("10:00"), unless it opens a shortcode (":100:").
_COLON = re.compile(r"\\:(?!\d)|\\:(?=\d+\\:)")
_MAILTO = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LINK_ESCAPES = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E",
                 "[": "%5B", "]": "%5D", "\\": "%5C", '"': "%22", "'": "%27", "`": "%60"}


def escape_markdown(value: object) -> str:
    """``value`` as Markdown that renders literally, on one line.

    Line breaks become spaces (no new block can start) and control characters
    are dropped; every ASCII punctuation character is backslash-escaped, and a
    word joiner breaks auto-link and shortcode patterns (see :data:`WORD_JOINER`).
    """
    text = _CONTROL.sub("", _LINE_BREAKS.sub(" ", str(value)))
    text = _PUNCTUATION.sub(r"\\\1", text.replace(WORD_JOINER, ""))
    text = _COLON.sub(r"\\:" + WORD_JOINER, text).replace("\\@", "\\@" + WORD_JOINER)
    return _WWW.sub(r"\1" + WORD_JOINER + r"\2", text)


def safe_link(url: object, *, mailto: bool = False) -> str | None:
    """An absolute http(s) URL fit for a Markdown link target, or None.

    Refused: other schemes (``javascript:``, ``data:``), relative or host-less
    URLs, user names in the URL, line breaks, tabs or control characters inside.
    Brackets, quotes and spaces that would end the link target are percent-encoded.
    With ``mailto``, a plain ``mailto:name@host`` is accepted as well.
    """
    if not isinstance(url, str):
        return None
    text = url.strip()
    if not text or _CONTROL.search(text) or _LINE_BREAKS.search(text):
        return None
    if mailto and text.lower().startswith("mailto:"):
        return text if _MAILTO.fullmatch(text[7:]) else None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if "@" in parts.netloc or any(c.isspace() and c != " " for c in text):
        return None
    return "".join(_LINK_ESCAPES.get(c, c) for c in text)


def markdown_link(label: object, url: object) -> str:
    """``[label](url)`` with the label escaped; only the escaped label if the URL is unsafe."""
    shown = escape_markdown(label)
    link = safe_link(url)
    return f"[{shown}]({link})" if link else shown


def fill(template: str, **values: object) -> str:
    """``template.format(**values)`` with every value escaped (the template is trusted)."""
    return template.format(**{key: escape_markdown(value) for key, value in values.items()})
