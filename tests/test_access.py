"""The role filter: public sessions never receive internal or accommodation records."""

from __future__ import annotations

import pytest

from atlas.access.roles import (
    Role,
    can_manage_users,
    can_see_internal,
    coerce_role,
    filter_for_role,
)
from atlas.model import Category, Resource, Visibility


def make(rid: str, category: Category, visibility: Visibility) -> Resource:
    return Resource(id=rid, name=f"Ort {rid}", category=category, visibility=visibility,
                    source_date="2025")


RECORDS = [
    make("pub", Category.BERATUNG, Visibility.PUBLIC),
    make("int", Category.BERATUNG, Visibility.INTERNAL),
    make("uwh", Category.UNTERKUNFT, Visibility.INTERNAL),
    make("uwh-pub", Category.UNTERKUNFT, Visibility.PUBLIC),  # mis-tagged: still withheld
]


def test_public_gets_only_public_non_accommodation() -> None:
    assert [r.id for r in filter_for_role(RECORDS, Role.PUBLIC)] == ["pub"]


@pytest.mark.parametrize("role", [Role.KOORDINATION, Role.ADMIN, "koordination", "ADMIN"])
def test_internal_roles_get_everything(role) -> None:
    assert [r.id for r in filter_for_role(RECORDS, role)] == ["pub", "int", "uwh", "uwh-pub"]


@pytest.mark.parametrize("role", [None, "", "root", "koordinaton", 3])
def test_unknown_roles_fail_closed(role) -> None:
    assert coerce_role(role) is Role.PUBLIC
    assert not can_see_internal(role)
    assert [r.id for r in filter_for_role(RECORDS, role)] == ["pub"]


def test_filter_accepts_generators_once() -> None:
    assert [r.id for r in filter_for_role(iter(RECORDS), Role.PUBLIC)] == ["pub"]


def test_public_copies_drop_research_notes() -> None:
    noted = Resource(id="n", name="Café", category=Category.INITIATIVE, source_date="2025",
                     notes="Treffen neben der Unterkunft Geheimweg 7")
    public = filter_for_role([noted], Role.PUBLIC)
    assert public[0].notes is None and public[0].name == "Café"
    assert noted.notes  # the shared record itself is untouched
    assert filter_for_role([noted], Role.KOORDINATION)[0].notes == noted.notes
    plain = make("p", Category.BERATUNG, Visibility.PUBLIC)
    assert filter_for_role([plain], Role.PUBLIC)[0] is plain


def test_restricted_marks_and_user_management() -> None:
    assert [r.is_internal for r in RECORDS] == [False, True, True, True]
    assert can_manage_users(Role.ADMIN) and not can_manage_users(Role.KOORDINATION)
    assert not can_manage_users(Role.PUBLIC)
