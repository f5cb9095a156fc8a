"""Who may see what: the server-side role filter applied before any rendering.

A public session must never receive an internal record, not even hidden in
HTML. Pages therefore never filter themselves; they get their records from
:func:`filter_for_role` (through ``ui.data.visible_resources``). The filter
fails closed: anything that is not a known role with internal access is
treated as public.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from atlas.model import Resource


class Role(StrEnum):
    PUBLIC = "public"
    KOORDINATION = "koordination"
    ADMIN = "admin"


def coerce_role(value: object) -> Role:
    """``value`` as a :class:`Role`; unknown values, None and typos become PUBLIC."""
    if isinstance(value, Role):
        return value
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        return Role.PUBLIC


def can_see_internal(role: Role | str | None) -> bool:
    """Whether the role may see internal records, exact sites and notes."""
    return coerce_role(role) in (Role.KOORDINATION, Role.ADMIN)


def can_manage_users(role: Role | str | None) -> bool:
    """Whether the role may manage users (admin only)."""
    return coerce_role(role) is Role.ADMIN


#: Fields only signed-in roles see, even on public records: the editors' research
#: notes can name accommodation sites ("support for residents of the container
#: site in X-Straße").
INTERNAL_FIELDS: tuple[str, ...] = ("notes",)


def public_copy(record: Resource) -> Resource:
    """``record`` without its internal fields (the same object when they are empty)."""
    hidden = {f: None for f in INTERNAL_FIELDS if getattr(record, f) is not None}
    return record.model_copy(update=hidden) if hidden else record


def filter_for_role(records: Iterable[Resource], role: Role | str | None) -> list[Resource]:
    """Records the role may see.

    Public sessions get public, non-accommodation rows only, and those without
    their internal fields (:data:`INTERNAL_FIELDS`).
    """
    if can_see_internal(role):
        return list(records)
    return [public_copy(r) for r in records if not r.is_internal]
