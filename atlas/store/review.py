"""Four-eyes review: changes to public places wait as proposals until a second person approves.

A proposal remembers the version it was built on. Approving it writes that
change as the next version (with the proposer as author and the reviewer as
approver), in one transaction; if the place changed meanwhile, the approval
fails with the stale-version message and the proposal stays pending.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from atlas.errors import EditError
from atlas.model import Resource
from atlas.store.places import (
    FieldChange,
    diff_fields,
    get_place,
    record_data,
    utc_now,
    write_version,
)
from atlas.store.tables import proposals
from atlas.texts import STORE as T

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


@dataclass(frozen=True)
class Proposal:
    """A change waiting for (or past) review."""

    id: int
    place_id: str
    base_version: int
    action: str
    author: str
    created_at: str
    reason: str
    state: str
    reviewer: str | None
    reviewed_at: str | None
    review_note: str | None
    stadtbezirk: str | None
    data: dict[str, Any]

    def resource(self) -> Resource:
        return Resource.model_validate(self.data)


def propose(conn: sa.Connection, record: Resource, *, base_version: int, action: str,
            author: str, reason: str = "") -> int:
    """Store a pending change; returns its id."""
    now = utc_now()
    data = record_data(record)
    result = conn.execute(proposals.insert().values(
        place_id=record.id, base_version=base_version,
        data=json.dumps(data, ensure_ascii=False, sort_keys=True),
        stadtbezirk=data.get("stadtbezirk"), action=action, author=author, created_at=now,
        reason=reason, state=PENDING))
    return int(result.inserted_primary_key[0])


def get_proposal(conn: sa.Connection, proposal_id: int, *, lock: bool = False) -> Proposal:
    query = sa.select(proposals).where(proposals.c.id == proposal_id)
    if lock:
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise EditError(T["proposal_missing"].format(id=proposal_id))
    return _proposal(row)


def _proposal(row: Any) -> Proposal:
    return Proposal(row.id, row.place_id, row.base_version, row.action, row.author,
                    row.created_at, row.reason, row.state, row.reviewer, row.reviewed_at,
                    row.review_note, row.stadtbezirk, json.loads(row.data))


def list_proposals(conn: sa.Connection, *, state: str | None = PENDING,
                   author: str | None = None, place_id: str | None = None) -> list[Proposal]:
    """Proposals, newest first, filtered by state, author and place."""
    query = sa.select(proposals).order_by(proposals.c.id.desc())
    if state:
        query = query.where(proposals.c.state == state)
    if author:
        query = query.where(proposals.c.author == author)
    if place_id:
        query = query.where(proposals.c.place_id == place_id)
    return [_proposal(r) for r in conn.execute(query).all()]


def proposal_changes(conn: sa.Connection, proposal: Proposal) -> tuple[FieldChange, ...]:
    """What the proposal changes against the live version."""
    current = get_place(conn, proposal.place_id)
    return diff_fields(record_data(current[0]) if current else None, proposal.data)


def approve(conn: sa.Connection, proposal_id: int, reviewer: str) -> int:
    """Publish a pending proposal as the next version; returns that version.

    The proposer cannot approve their own change (four eyes).
    """
    proposal = get_proposal(conn, proposal_id, lock=True)
    _check_reviewable(proposal, reviewer)
    version = write_version(conn, proposal.resource(), base_version=proposal.base_version,
                            action=proposal.action, author=proposal.author,
                            reason=proposal.reason, approved_by=reviewer)
    _close(conn, proposal.id, APPROVED, reviewer, None)
    return version


def reject(conn: sa.Connection, proposal_id: int, reviewer: str, note: str = "") -> None:
    """Decline a pending proposal with a note for the proposer."""
    proposal = get_proposal(conn, proposal_id, lock=True)
    _check_reviewable(proposal, reviewer, own_allowed=True)
    _close(conn, proposal.id, REJECTED, reviewer, note)


def _check_reviewable(proposal: Proposal, reviewer: str, *, own_allowed: bool = False) -> None:
    if proposal.state != PENDING:
        raise EditError(T["proposal_done"].format(id=proposal.id, state=proposal.state))
    if proposal.author == reviewer and not own_allowed:
        raise EditError(T["four_eyes"])


def _close(conn: sa.Connection, proposal_id: int, state: str, reviewer: str,
           note: str | None) -> None:
    conn.execute(proposals.update().where(proposals.c.id == proposal_id).values(
        state=state, reviewer=reviewer, reviewed_at=utc_now(), review_note=note))
