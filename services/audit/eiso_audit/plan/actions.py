"""Planning an audit, reading audits, answering the checklist (the service's entrypoints call these)."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import Conflict, InvalidInput, NotFound
from eiso_contracts.events.audit import AuditPlanned, ChecklistAnswered
from eiso_contracts.rpc.audit import AnswerChecklist, PlanAudit, PlanRef, PlansQuery, PlanView
from sqlalchemy.exc import IntegrityError

from eiso_kit import idempotency
from eiso_kit.clock import utcnow

from ..directory import Directory
from ..finding import repository as findings
from ..models import requests
from ..programme import repository as programmes
from ..report import repository as reports
from . import repository
from .aggregate import ChecklistItem, Plan, may_plan
from .team import check_team
from .views import plan_view

NOT_FOUND = "Không tìm thấy cuộc đánh giá."


def subject(plan_id: str) -> str:
    return f"plan/{plan_id}"


def one(db, ref: PlanRef) -> PlanView:
    """The audit with its checklist, findings and report; NotFound outside the actor's unit."""
    with db.read() as session:
        plan = repository.get(session, ref.plan_id, ref.actor.unit_code)
        if plan is None:
            raise NotFound(NOT_FOUND)
        return plan_view(plan, findings.of_plan(session, plan.id), reports.of_plan(session, plan.id))


def of_unit(db, query: PlansQuery) -> list[PlanView]:
    """The actor's unit's audits by date (of one year if given), each with its findings and report."""
    with db.read() as session:
        found = repository.of_unit(session, query.actor.unit_code, query.year)
        return [plan_view(plan, findings.of_plan(session, plan.id), reports.of_plan(session, plan.id))
                for plan in found]


def plan(db, directory: Directory, cmd: PlanAudit) -> PlanView:
    """"Lập kế hoạch đánh giá": the team checked against the directory, once per idempotency key."""
    may_plan(cmd.actor)
    unit = cmd.actor.unit_code
    keyed = idempotency.keyed("audit.plan", cmd, cmd.request_id)
    if keyed is not None and (earlier := _earlier(db, keyed, cmd)) is not None:
        return earlier
    departments = directory.check_departments(unit, cmd.department_ids)
    people = directory.people([cmd.lead_auditor_id, *cmd.team_ids])
    check_team(cmd.lead_auditor_id, cmd.team_ids, cmd.department_ids, unit, people, departments)
    now = utcnow()
    audit = Plan(id=uuid.uuid4().hex, unit_code=unit, audit_date=cmd.audit_date, department_ids=cmd.department_ids,
                 scope=cmd.scope, criteria=cmd.criteria, lead_auditor_id=cmd.lead_auditor_id,
                 team_ids=[i for i in cmd.team_ids if i != cmd.lead_auditor_id], planned_by=cmd.actor.id,
                 planned_at=now, checklist=[ChecklistItem(number=n, clause=q.clause, question=q.question)
                                            for n, q in enumerate(cmd.checklist, start=1)])
    try:
        with db.transaction() as tx:
            programme = programmes.get(tx.session, unit, audit.year)
            if programme is None or programme.approved is None:
                raise InvalidInput(f"Chương trình đánh giá năm {audit.year} chưa được phê duyệt; "
                                   "chỉ lập kế hoạch đánh giá theo chương trình đã phê duyệt.")
            repository.add(tx.session, audit)
            tx.emit(AuditPlanned(plan_id=audit.id, unit_code=unit, audit_date=audit.audit_date,
                                 department_ids=audit.department_ids, lead_auditor_id=audit.lead_auditor_id,
                                 team_ids=audit.team_ids, planned_by=cmd.actor.id), subject=subject(audit.id))
            tx.audit("plan", audit.id, "planned", cmd.actor.id, before=None, after=audit.snapshot())
            if keyed is not None:
                idempotency.remember(tx.session, requests, keyed, {"id": audit.id}, now)
    except IntegrityError:  # the same keyed command, delivered twice, committed first
        earlier = _earlier(db, keyed, cmd) if keyed is not None else None
        if earlier is None:
            raise Conflict("Chưa lưu được do xung đột dữ liệu. Vui lòng thử lại.") from None
        return earlier
    return plan_view(audit)


def answer(db, cmd: AnswerChecklist) -> PlanView:
    """An auditor of the team answers one question of the checklist (again, until the report is issued)."""
    with db.transaction() as tx:
        audit = repository.get(tx.session, cmd.plan_id, cmd.actor.unit_code, lock=True)
        if audit is None:
            raise NotFound(NOT_FOUND)
        before = audit.snapshot()
        item = audit.answer(cmd.number, cmd.result, cmd.answer, cmd.actor.id, utcnow())
        repository.save(tx.session, audit)
        tx.emit(ChecklistAnswered(plan_id=audit.id, unit_code=audit.unit_code, number=item.number,
                                  clause=item.clause, result=cmd.result, answered_by=cmd.actor.id),
                subject=subject(audit.id))
        tx.audit("plan", audit.id, "answered", cmd.actor.id, before=before, after=audit.snapshot())
    return one(db, PlanRef(actor=cmd.actor, plan_id=cmd.plan_id))


def _earlier(db, keyed: idempotency.Request, cmd: PlanAudit) -> PlanView | None:
    with db.read() as session:
        result = idempotency.recall(session, requests, keyed)
    return one(db, PlanRef(actor=cmd.actor, plan_id=result["id"])) if result is not None else None
