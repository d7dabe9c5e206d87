"""Load and store Policy aggregates through a session (the policy row plus its revision rows).

The module itself is the policy's repository for the dossier kit (``get`` / ``save``).
"""
from __future__ import annotations

from eiso_contracts.content import PolicyContent
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from ..models import policies, policy_revisions
from .aggregate import ISSUED, Policy, Revision

_MUTABLE = ("status", "dossier_code", "dossier_version", "approved_by", "issued_by", "issued_at")


def add(session: Session, policy: Policy) -> None:
    session.execute(insert(policies).values(
        id=policy.id, unit_code=policy.unit_code,
        submitted_by=policy.submitted_by, submitted_at=policy.submitted_at,
        **{name: getattr(policy, name) for name in _MUTABLE},
    ))
    _add_revisions(session, policy, after=0)


def save(session: Session, policy: Policy) -> None:
    """Write the policy's state and the revisions not stored yet."""
    session.execute(update(policies).where(policies.c.id == policy.id)
                    .values(**{name: getattr(policy, name) for name in _MUTABLE}))
    stored = session.execute(select(func.max(policy_revisions.c.revision))
                             .where(policy_revisions.c.policy_id == policy.id)).scalar() or 0
    _add_revisions(session, policy, after=stored)


def get(session: Session, policy_id: str, lock: bool = False) -> Policy | None:
    """The policy, or None; ``lock`` holds its row until the transaction ends (PostgreSQL)."""
    return _one(session, select(policies).where(policies.c.id == policy_id), lock)


def in_force(session: Session, unit_code: str, lock: bool = False) -> Policy | None:
    return _one(session, select(policies).where(policies.c.unit_code == unit_code, policies.c.status == ISSUED),
                lock)


def of_unit(session: Session, unit_code: str) -> list[Policy]:
    """The unit's policies, newest first."""
    rows = session.execute(select(policies).where(policies.c.unit_code == unit_code)
                           .order_by(policies.c.submitted_at.desc(), policies.c.id.desc())).all()
    return _with_revisions(session, rows)


def _one(session: Session, query, lock: bool) -> Policy | None:
    if lock:
        query = query.with_for_update()
    row = session.execute(query).first()
    return _with_revisions(session, [row])[0] if row is not None else None


def _with_revisions(session: Session, rows) -> list[Policy]:
    if not rows:
        return []
    revisions: dict[str, list[Revision]] = {row.id: [] for row in rows}
    for rev in session.execute(select(policy_revisions)
                               .where(policy_revisions.c.policy_id.in_(list(revisions)))
                               .order_by(policy_revisions.c.policy_id, policy_revisions.c.revision)):
        revisions[rev.policy_id].append(Revision(
            number=rev.revision, content=PolicyContent.model_validate(rev.content), revised_by=rev.revised_by,
            revised_at=rev.revised_at, dossier_step=rev.dossier_step))
    return [Policy(
        id=row.id, unit_code=row.unit_code, status=row.status, submitted_by=row.submitted_by,
        submitted_at=row.submitted_at, revisions=revisions[row.id],
        dossier_code=row.dossier_code, dossier_version=row.dossier_version, approved_by=row.approved_by,
        issued_by=row.issued_by, issued_at=row.issued_at,
    ) for row in rows]


def _add_revisions(session: Session, policy: Policy, after: int) -> None:
    new = [r for r in policy.revisions if r.number > after]
    if new:
        session.execute(insert(policy_revisions), [{
            "policy_id": policy.id, "revision": r.number, "content": r.content.model_dump(mode="json"),
            "revised_by": r.revised_by, "revised_at": r.revised_at, "dossier_step": r.dossier_step,
        } for r in new])
