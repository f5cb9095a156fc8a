"""Helpers for AppTest sessions."""

from __future__ import annotations


def as_coordinator(at, name: str = "Kora K."):
    """Mark an AppTest session as signed in as koordination.

    Only for page scripts run alone: app.py's sidebar would check the account
    against a users file and sign such a session out.
    """
    from atlas.access.auth import utc_now

    at.session_state["atlas_role"] = "koordination"
    at.session_state["atlas_user_name"] = name
    at.session_state["atlas_last_seen"] = utc_now()
    return at


def shown(text: object) -> str:
    """Markdown source as the reader sees it: escapes and word joiners removed."""
    import re

    from atlas.markup import WORD_JOINER

    return re.sub(r"\\(.)", r"\1", str(text)).replace(WORD_JOINER, "")
