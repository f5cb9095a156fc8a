"""Helpers for AppTest sessions."""

from __future__ import annotations


def as_coordinator(at, name: str = "Kora K."):
    """Mark an AppTest session as signed in as koordination.

    Only for page scripts run alone: app.py's sidebar would check the account
    against a users file and sign such a session out.
    """
    from atlas.auth import utc_now

    at.session_state["atlas_role"] = "koordination"
    at.session_state["atlas_user_name"] = name
    at.session_state["atlas_last_seen"] = utc_now()
    return at
