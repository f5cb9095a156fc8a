"""Who may see what: the server-side role filter applied before any rendering.

A public session must never receive an internal record, not even hidden in
HTML. Pages therefore never filter themselves; they get their records from
:func:`filter_for_role`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from atlas.model import Category, Resource, Visibility


class Role(StrEnum):
    PUBLIC = "public"
    KOORDINATION = "koordination"
    ADMIN = "admin"


def can_see_internal(role: Role) -> bool:
    """Whether the role may see internal records, exact sites and notes."""
    return role in (Role.KOORDINATION, Role.ADMIN)


def filter_for_role(records: Iterable[Resource], role: Role) -> list[Resource]:
    """Records the role may see; public sessions get public, non-accommodation rows only."""
    if can_see_internal(role):
        return list(records)
    return [
        r
        for r in records
        if r.visibility == Visibility.PUBLIC and r.category != Category.UNTERKUNFT
    ]
