"""The audit service: the year's programme (revisions, Phê duyệt), audits with their team rule, findings.

Small but held to the contract: requests parsed with the contract's models, answers built from its views,
the refusals the real service gives for the cases the gateway tests (and ``tests/contracts``) exercise.
"""
from __future__ import annotations

import uuid

from eiso_contracts.errors import AlreadyProcessed, Forbidden, InvalidInput, NotFound
from eiso_contracts.rpc.audit import (FINDING_KINDS, PLAN_STATUSES, PROGRAMME_STATUSES, ApproveProgramme,
                                      DraftProgramme, FindingView, PlanAudit, PlanRef, PlansQuery, PlanView,
                                      ProgrammeQuery, ProgrammeRevisionView, ProgrammeView, RecordFinding)
from eiso_kit.rpc import parse

from .rpc import rpc
from .seed import NOW


class FakeAudit:
    def __init__(self, context):
        self.context = context
        self.programmes: dict[tuple[str, int], list[ProgrammeRevisionView]] = {}
        self.plans: dict[str, PlanView] = {}

    @rpc
    def health(self):
        return {"service": "audit", "status": "ok", "checks": {"database": "ok"}}

    def _view(self, unit: str, year: int) -> ProgrammeView | None:
        revisions = self.programmes.get((unit, year))
        if not revisions:
            return None
        approved = next((r for r in reversed(revisions) if r.status == "approved"), None)
        pending = revisions[-1] if revisions[-1].status == "pending" else None
        return ProgrammeView(id=f"prog-{unit}-{year}", unit_code=unit, year=year, approved=approved, pending=pending,
                             planned=len(approved.entries) if approved else 0)

    @rpc
    def get_programme(self, query):
        q = parse(ProgrammeQuery, query)
        return self._view(q.actor.unit_code, q.year)

    @rpc
    def draft_programme(self, cmd):
        c = parse(DraftProgramme, cmd)
        if not c.actor.has_role("secretary"):
            raise Forbidden("Chỉ Thư ký ISO được lập chương trình đánh giá nội bộ.")
        ours = {d.id for d in self.context.departments.values() if d.unit_code == c.actor.unit_code}
        if any(e.department_id not in ours for e in c.entries):
            raise InvalidInput("Phòng ban đã chọn không thuộc đơn vị.")
        revisions = self.programmes.setdefault((c.actor.unit_code, c.year), [])
        if revisions and revisions[-1].status == "pending":
            revisions.pop()
        revisions.append(ProgrammeRevisionView(
            revision=len(revisions) + 1, status="pending", status_label=PROGRAMME_STATUSES["pending"],
            entries=c.entries, note=c.note, drafted_by=c.actor.id, drafted_at=NOW))
        return self._view(c.actor.unit_code, c.year)

    @rpc
    def approve_programme(self, cmd):
        c = parse(ApproveProgramme, cmd)
        if not c.actor.has_role("leader"):
            raise Forbidden("Chỉ Lãnh đạo đơn vị được phê duyệt chương trình đánh giá nội bộ.")
        revisions = self.programmes.get((c.actor.unit_code, c.year)) or []
        if not revisions or revisions[-1].status != "pending" or revisions[-1].revision != c.revision:
            raise AlreadyProcessed(f"Chương trình đánh giá năm {c.year} không có bản nào chờ phê duyệt "
                                   "(có thể đã được phê duyệt).")
        revisions[:] = [r.model_copy(update={"status": "superseded", "status_label": PROGRAMME_STATUSES["superseded"]})
                        if r.status == "approved" else r for r in revisions]
        revisions[-1] = revisions[-1].model_copy(update={
            "status": "approved", "status_label": PROGRAMME_STATUSES["approved"], "approved_by": c.actor.id,
            "approved_at": NOW})
        return self._view(c.actor.unit_code, c.year)

    @rpc
    def plan_audit(self, cmd):
        c = parse(PlanAudit, cmd)
        if not c.actor.has_role("secretary", "auditor"):
            raise Forbidden("Chỉ Thư ký ISO hoặc đánh giá viên nội bộ được lập kế hoạch đánh giá.")
        for person_id in [c.lead_auditor_id, *c.team_ids]:
            person = self.context.people.get(person_id)
            if person is None or "auditor" not in person.roles:
                raise InvalidInput("Trưởng đoàn: người đã chọn không có vai trò Đánh giá viên nội bộ.")
            if person.department_id in c.department_ids:
                raise InvalidInput(f"Trưởng đoàn: {person.full_name} thuộc {person.department_name}; đánh giá viên "
                                   "không được đánh giá phòng ban của chính mình.")
        programme = self._view(c.actor.unit_code, c.audit_date.year)
        if programme is None or programme.approved is None:
            raise InvalidInput(f"Chương trình đánh giá năm {c.audit_date.year} chưa được phê duyệt; "
                               "chỉ lập kế hoạch đánh giá theo chương trình đã phê duyệt.")
        plan = PlanView(id=f"plan-{uuid.uuid4().hex[:8]}", unit_code=c.actor.unit_code, year=c.audit_date.year,
                        month=c.audit_date.month, audit_date=c.audit_date, department_ids=c.department_ids,
                        scope=c.scope, criteria=c.criteria, lead_auditor_id=c.lead_auditor_id, team_ids=c.team_ids,
                        status="planned", status_label=PLAN_STATUSES["planned"], planned_by=c.actor.id,
                        planned_at=NOW, checklist=[{"number": n, "clause": q.clause, "question": q.question}
                                                   for n, q in enumerate(c.checklist, start=1)])
        self.plans[plan.id] = plan
        return plan

    def _plan(self, ref: PlanRef) -> PlanView:
        plan = self.plans.get(ref.plan_id)
        if plan is None or plan.unit_code != ref.actor.unit_code:
            raise NotFound("Không tìm thấy cuộc đánh giá.")
        return plan

    @rpc
    def list_audits(self, query):
        q = parse(PlansQuery, query)
        return [p for p in self.plans.values() if p.unit_code == q.actor.unit_code and q.year in (None, p.year)]

    @rpc
    def get_audit(self, query):
        return self._plan(parse(PlanRef, query))

    @rpc
    def record_finding(self, cmd):
        c = parse(RecordFinding, cmd)
        plan = self._plan(PlanRef(actor=c.actor, plan_id=c.plan_id))
        if c.actor.id not in plan.auditors:
            raise Forbidden("Chỉ trưởng đoàn và thành viên đoàn đánh giá được ghi nhận trong cuộc đánh giá này.")
        finding = FindingView(id=uuid.uuid4().hex, plan_id=plan.id, number=len(plan.findings) + 1, kind=c.kind,
                              kind_label=FINDING_KINDS[c.kind], clause=c.clause, department_id=c.department_id,
                              description=c.description, evidence=c.evidence, attachments=c.attachments,
                              recorded_by=c.actor.id, recorded_at=NOW)
        self.plans[plan.id] = plan.model_copy(update={"findings": [*plan.findings, finding]})
        return finding
