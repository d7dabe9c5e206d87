"""An audit (plan, checklist, findings, report) as the RPC answers it."""
from __future__ import annotations

from eiso_contracts.rpc.audit import (ANSWER_RESULTS, FINDING_KINDS, PLAN_STATUSES, ChecklistItemView, FindingView,
                                      PlanView, ReportInfo)

from ..finding.aggregate import Finding
from ..report.repository import Report
from .aggregate import Plan


def finding_view(finding: Finding) -> FindingView:
    return FindingView(id=finding.id, plan_id=finding.plan_id, number=finding.number, kind=finding.kind,
                       kind_label=FINDING_KINDS[finding.kind], clause=finding.clause,
                       department_id=finding.department_id, description=finding.description,
                       evidence=finding.evidence, attachments=list(finding.attachments),
                       recorded_by=finding.recorded_by, recorded_at=finding.recorded_at)


def plan_view(plan: Plan, findings: list[Finding] = (), report: Report | None = None) -> PlanView:
    return PlanView(
        id=plan.id, unit_code=plan.unit_code, year=plan.year, month=plan.month, audit_date=plan.audit_date,
        department_ids=plan.department_ids, scope=plan.scope, criteria=plan.criteria,
        lead_auditor_id=plan.lead_auditor_id, team_ids=plan.team_ids, status=plan.status,
        status_label=PLAN_STATUSES[plan.status], planned_by=plan.planned_by, planned_at=plan.planned_at,
        checklist=[ChecklistItemView(number=i.number, clause=i.clause, question=i.question, result=i.result,
                                     result_label=ANSWER_RESULTS.get(i.result, "") if i.result else "",
                                     answer=i.answer, answered_by=i.answered_by, answered_at=i.answered_at)
                   for i in plan.checklist],
        findings=[finding_view(f) for f in findings],
        report=ReportInfo(file_name=report.file_name, size=report.size, sha256=report.sha256,
                          conclusion=report.conclusion, issued_by=report.issued_by, issued_at=report.issued_at)
        if report is not None else None)
