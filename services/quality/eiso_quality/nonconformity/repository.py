"""Load and store nonconformities; the module is the artefact's repository for the dossier kit."""
from __future__ import annotations

from datetime import date

from eiso_contracts.content import CorrectiveActionContent
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..models import nonconformities as table
from .aggregate import APPROVED, REOPENED, Nonconformity

_MUTABLE = ("status", "dossier_code", "dossier_version", "approved_by", "verified_by", "closed_at", "reopened",
            "overdue_flagged_for")


def _values(nc: Nonconformity) -> dict:
    values = {name: getattr(nc, name) for name in _MUTABLE}
    values["action"] = nc.action.model_dump(mode="json") if nc.action is not None else None
    return values


def add(session: Session, nc: Nonconformity) -> None:
    session.execute(insert(table).values(
        id=nc.id, unit_code=nc.unit_code, source=nc.source, department_id=nc.department_id, clause=nc.clause,
        description=nc.description, evidence=nc.evidence, attachments=list(nc.attachments),
        audit_plan_id=nc.audit_plan_id, finding_id=nc.finding_id, raised_by=nc.raised_by, raised_at=nc.raised_at,
        **_values(nc)))


def save(session: Session, nc: Nonconformity) -> None:
    session.execute(update(table).where(table.c.id == nc.id).values(**_values(nc)))


def get(session: Session, nc_id: str, lock: bool = False) -> Nonconformity | None:
    query = select(table).where(table.c.id == nc_id)
    row = session.execute(query.with_for_update() if lock else query).first()
    return _of(row) if row is not None else None


def of_finding(session: Session, finding_id: str) -> Nonconformity | None:
    row = session.execute(select(table).where(table.c.finding_id == finding_id)).first()
    return _of(row) if row is not None else None


def of_unit(session: Session, unit_code: str) -> list[Nonconformity]:
    rows = session.execute(select(table).where(table.c.unit_code == unit_code)
                           .order_by(table.c.raised_at.desc(), table.c.id))
    return [_of(row) for row in rows]


def overdue_candidates(session: Session) -> list[str]:
    """Ids of corrective actions being carried out whose due date was not yet announced as passed."""
    rows = session.execute(select(table.c.id, table.c.action, table.c.overdue_flagged_for)
                           .where(table.c.status.in_((APPROVED, REOPENED)), table.c.action.is_not(None)))
    return [row.id for row in rows
            if row.overdue_flagged_for is None or row.overdue_flagged_for != date.fromisoformat(row.action["due_date"])]


def _of(row) -> Nonconformity:
    return Nonconformity(
        id=row.id, unit_code=row.unit_code, source=row.source, department_id=row.department_id, clause=row.clause,
        description=row.description, evidence=row.evidence, attachments=tuple(row.attachments),
        audit_plan_id=row.audit_plan_id, finding_id=row.finding_id, raised_by=row.raised_by, raised_at=row.raised_at,
        status=row.status, dossier_code=row.dossier_code, dossier_version=row.dossier_version,
        action=CorrectiveActionContent.model_validate(row.action) if row.action is not None else None,
        approved_by=row.approved_by, verified_by=row.verified_by, closed_at=row.closed_at, reopened=row.reopened,
        overdue_flagged_for=row.overdue_flagged_for)
