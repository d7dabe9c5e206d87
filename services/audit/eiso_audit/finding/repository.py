"""Store and list findings of an audit."""
from __future__ import annotations

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ..models import findings
from .aggregate import Finding


def add(session: Session, finding: Finding) -> None:
    session.execute(insert(findings).values(**{**finding.snapshot(), "id": finding.id,
                                               "recorded_by": finding.recorded_by,
                                               "recorded_at": finding.recorded_at}))


def next_number(session: Session, plan_id: str) -> int:
    """The number of the next finding of the plan (call with the plan's row locked)."""
    return (session.execute(select(func.max(findings.c.number)).where(findings.c.plan_id == plan_id)).scalar() or 0) + 1


def of_plan(session: Session, plan_id: str) -> list[Finding]:
    rows = session.execute(select(findings).where(findings.c.plan_id == plan_id).order_by(findings.c.number))
    return [Finding(id=r.id, plan_id=r.plan_id, number=r.number, kind=r.kind, clause=r.clause,
                    department_id=r.department_id, description=r.description, evidence=r.evidence,
                    recorded_by=r.recorded_by, recorded_at=r.recorded_at, attachments=tuple(r.attachments))
            for r in rows]
