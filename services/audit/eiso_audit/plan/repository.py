"""Load and store audit plans (the checklist travels with the plan row)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..models import plans
from .aggregate import ChecklistItem, Plan


def _checklist(plan: Plan) -> list[dict]:
    return [{"number": i.number, "clause": i.clause, "question": i.question, "result": i.result, "answer": i.answer,
             "answered_by": i.answered_by, "answered_at": i.answered_at.isoformat() if i.answered_at else None}
            for i in plan.checklist]


def add(session: Session, plan: Plan) -> None:
    session.execute(insert(plans).values(
        id=plan.id, unit_code=plan.unit_code, audit_date=plan.audit_date, department_ids=plan.department_ids,
        scope=plan.scope, criteria=plan.criteria, lead_auditor_id=plan.lead_auditor_id, team_ids=plan.team_ids,
        status=plan.status, planned_by=plan.planned_by, planned_at=plan.planned_at, checklist=_checklist(plan)))


def save(session: Session, plan: Plan) -> None:
    session.execute(update(plans).where(plans.c.id == plan.id)
                    .values(status=plan.status, checklist=_checklist(plan)))


def get(session: Session, plan_id: str, unit_code: str, lock: bool = False) -> Plan | None:
    """The plan, if it is one of ``unit_code``'s (another unit's is not there for this person)."""
    query = select(plans).where(plans.c.id == plan_id, plans.c.unit_code == unit_code)
    row = session.execute(query.with_for_update() if lock else query).first()
    return _plan(row) if row is not None else None


def of_unit(session: Session, unit_code: str, year: int | None = None) -> list[Plan]:
    """The unit's plans by audit date (of one year if given)."""
    query = select(plans).where(plans.c.unit_code == unit_code).order_by(plans.c.audit_date, plans.c.planned_at)
    found = [_plan(row) for row in session.execute(query)]
    return [p for p in found if year is None or p.year == year]


def _plan(row) -> Plan:

    checklist = [ChecklistItem(number=i["number"], clause=i["clause"], question=i["question"], result=i["result"],
                               answer=i["answer"], answered_by=i["answered_by"],
                               answered_at=datetime.fromisoformat(i["answered_at"]) if i["answered_at"] else None)
                 for i in row.checklist]
    return Plan(id=row.id, unit_code=row.unit_code, audit_date=row.audit_date, department_ids=list(row.department_ids),
                scope=row.scope, criteria=row.criteria, lead_auditor_id=row.lead_auditor_id,
                team_ids=list(row.team_ids), planned_by=row.planned_by, planned_at=row.planned_at, status=row.status,
                checklist=checklist)
