"""Issuing the audit report (a .docx kept with the audit) and handing it out."""
from __future__ import annotations

import base64
import hashlib

from eiso_contracts.errors import AlreadyProcessed, Forbidden, NotFound
from eiso_contracts.events.audit import AuditReported
from eiso_contracts.rpc.audit import IssueReport, PlanRef, PlanView, ReportFile

from eiso_kit.clock import utcnow

from ..directory import Directory
from ..finding import repository as findings
from ..finding.aggregate import CONFORMITY, NONCONFORMITY, OBSERVATION
from ..plan import repository as plans
from ..plan.actions import NOT_FOUND, one, subject
from ..plan.aggregate import REPORTED
from . import document, repository
from .repository import Report


def issue(db, directory: Directory, tz: str, cmd: IssueReport) -> PlanView:
    """The lead auditor's "Lập báo cáo đánh giá": the Word document is made from the audit and kept with it."""
    with db.read() as session:
        plan = plans.get(session, cmd.plan_id, cmd.actor.unit_code)
        if plan is None:
            raise NotFound(NOT_FOUND)
        found = findings.of_plan(session, plan.id)
    _may_issue(plan, cmd.actor.id)
    people = {p.id: p.full_name for p in directory.people(plan.auditors).values()}
    departments = directory.departments(plan.unit_code)
    now = utcnow()
    content = document.build(plan, found, cmd.conclusion, unit_name=directory.unit_name(plan.unit_code),
                             issued_at=now, tz=tz, people=people, departments=departments)
    report = Report(plan_id=plan.id, file_name=document.file_name(plan), size=len(content),
                    sha256=hashlib.sha256(content).hexdigest(), conclusion=cmd.conclusion, issued_by=cmd.actor.id,
                    issued_at=now, content=content)
    with db.transaction() as tx:
        plan = plans.get(tx.session, cmd.plan_id, cmd.actor.unit_code, lock=True)
        _may_issue(plan, cmd.actor.id)
        if len(findings.of_plan(tx.session, plan.id)) != len(found):
            raise AlreadyProcessed("Vừa có phát hiện mới được ghi nhận; vui lòng xem lại trước khi lập báo cáo.")
        before = plan.snapshot()
        plan.status = REPORTED
        plans.save(tx.session, plan)
        repository.add(tx.session, report)
        count = {kind: sum(1 for f in found if f.kind == kind) for kind in (CONFORMITY, NONCONFORMITY, OBSERVATION)}
        tx.emit(AuditReported(plan_id=plan.id, unit_code=plan.unit_code, audit_date=plan.audit_date,
                              department_ids=plan.department_ids, conformities=count[CONFORMITY],
                              nonconformities=count[NONCONFORMITY], observations=count[OBSERVATION],
                              conclusion=cmd.conclusion, report_sha256=report.sha256, reported_by=cmd.actor.id,
                              reported_at=now), subject=subject(plan.id))
        tx.audit("plan", plan.id, "reported", cmd.actor.id, before=before,
                 after={**plan.snapshot(), "report_sha256": report.sha256})
    return one(db, PlanRef(actor=cmd.actor, plan_id=cmd.plan_id))


def download(db, ref: PlanRef) -> ReportFile:
    """The report's Word document, for anyone of the audit's unit."""
    with db.read() as session:
        plan = plans.get(session, ref.plan_id, ref.actor.unit_code)
        report = repository.of_plan(session, ref.plan_id, with_content=True) if plan is not None else None
    if report is None:
        raise NotFound("Cuộc đánh giá chưa có báo cáo." if plan is not None else NOT_FOUND)
    return ReportFile(file_name=report.file_name, content_type=document.CONTENT_TYPE, size=report.size,
                      sha256=report.sha256, content_base64=base64.b64encode(report.content).decode("ascii"))


def _may_issue(plan, person_id: str) -> None:
    if plan.status == REPORTED:
        raise AlreadyProcessed("Cuộc đánh giá đã có báo cáo.")
    if person_id != plan.lead_auditor_id:
        raise Forbidden("Chỉ trưởng đoàn đánh giá được lập báo cáo đánh giá.")
