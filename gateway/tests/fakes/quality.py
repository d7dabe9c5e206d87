"""The quality service: policies, idempotent submission."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import AlreadyProcessed, Forbidden, NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.quality import POLICY_STATUSES, PolicyView, SubmitPolicy
from eiso_contracts.rpc.quality_improvement import (IMPROVEMENT_STATUSES, ImprovementRef, ImprovementsQuery,
                                                    ImprovementView, ProposeImprovement, RefuseImprovement)
from eiso_contracts.rpc.quality_nonconformity import (NONCONFORMITY_SOURCES, NONCONFORMITY_STATUSES,
                                                      NonconformitiesQuery, NonconformityRef, NonconformityView,
                                                      RaiseNonconformity)
from eiso_kit.rpc import parse

from .objectives import ObjectivesMixin
from .rpc import rpc
from .seed import NOW, UNIT


class FakeQuality(ObjectivesMixin):
    def __init__(self):
        self.policies: dict[str, PolicyView] = {}
        self.request_ids: dict[tuple[str, str], str] = {}  # (person, key) -> policy id
        self.improvements: dict[str, ImprovementView] = {}
        self.nonconformities: dict[str, NonconformityView] = {}

    def new_policy(self, year, motto, statements, status="submitted", dossier_code=None, by="p-secretary"):
        """A policy view as the service would answer it (not stored)."""
        return PolicyView(
            id=f"pol-{year}-{uuid.uuid4().hex[:6]}", unit_code=UNIT,
            content={"year": year, "motto": motto, "statements": statements},
            status=status, status_label=POLICY_STATUSES[status], revision=1, dossier_code=dossier_code,
            submitted_by=by, submitted_at=NOW, issued_at=NOW if status == "issued" else None,
            issued_by="p-secretary" if status == "issued" else None)

    def add(self, policy: PolicyView) -> PolicyView:
        self.policies[policy.id] = policy
        return policy

    @rpc
    def health(self):
        return {"service": "quality", "status": "ok", "checks": {"database": "ok"}}

    @rpc
    def submit_policy(self, cmd):
        c = parse(SubmitPolicy, cmd)
        if "secretary" not in c.actor.roles:
            raise Forbidden("Chỉ Thư ký ISO được lập chính sách chất lượng.")
        key = (c.actor.id, c.request_id)
        if c.request_id and key in self.request_ids:
            return self.policies[self.request_ids[key]]
        policy = self.add(self.new_policy(c.content.year, c.content.motto, list(c.content.statements),
                                          by=c.actor.id))
        if c.request_id:
            self.request_ids[key] = policy.id
        return policy

    @rpc
    def get_policy(self, policy_id, actor):
        a = parse(Actor, actor)
        if policy_id not in self.policies or self.policies[policy_id].unit_code != a.unit_code:
            raise NotFound("Không tìm thấy chính sách chất lượng.")
        return self.policies[policy_id]

    @rpc
    def list_policies(self, actor):
        a = parse(Actor, actor)
        return [p for p in self.policies.values() if p.unit_code == a.unit_code]

    @rpc
    def get_policy_in_force(self, actor):
        a = parse(Actor, actor)
        return next((p for p in self.policies.values() if p.unit_code == a.unit_code and p.status == "issued"),
                    None)

    # -- improvements (ISO 10.3) ---------------------------------------------------------------------
    @rpc
    def propose_improvement(self, cmd):
        c = parse(ProposeImprovement, cmd)
        item = ImprovementView(id=f"imp-{uuid.uuid4().hex[:8]}", unit_code=c.actor.unit_code, title=c.title,
                               current_situation=c.current_situation, proposal=c.proposal,
                               expected_benefit=c.expected_benefit, department_id=c.department_id,
                               proposed_by=c.actor.id, proposed_at=NOW, status="proposed",
                               status_label=IMPROVEMENT_STATUSES["proposed"])
        self.improvements[item.id] = item
        return item

    def _improvement(self, ref) -> ImprovementView:
        item = self.improvements.get(ref.improvement_id)
        if item is None or item.unit_code != ref.actor.unit_code:
            raise NotFound("Không tìm thấy đề xuất cải tiến.")
        return item

    def _decide(self, ref, status: str, reason: str = "") -> ImprovementView:
        item = self._improvement(ref)
        if not ref.actor.has_role("leader"):
            raise Forbidden("Chỉ Lãnh đạo đơn vị được phê duyệt đề xuất cải tiến.")
        if item.status != "proposed":
            raise AlreadyProcessed("Đề xuất cải tiến này đã được xử lý (đã phê duyệt hoặc không duyệt).")
        item = item.model_copy(update={"status": status, "status_label": IMPROVEMENT_STATUSES[status],
                                       "decided_by": ref.actor.id, "decided_at": NOW, "refusal_reason": reason})
        self.improvements[item.id] = item
        return item

    @rpc
    def approve_improvement(self, cmd):
        return self._decide(parse(ImprovementRef, cmd), "approved")

    @rpc
    def refuse_improvement(self, cmd):
        c = parse(RefuseImprovement, cmd)
        return self._decide(c, "refused", c.reason)

    @rpc
    def list_improvements(self, query):
        q = parse(ImprovementsQuery, query)
        return [i for i in self.improvements.values() if i.unit_code == q.actor.unit_code]

    @rpc
    def get_improvement(self, query):
        return self._improvement(parse(ImprovementRef, query))

    # -- nonconformities (ISO 10.2) ------------------------------------------------------------------
    @rpc
    def raise_nonconformity(self, cmd):
        c = parse(RaiseNonconformity, cmd)
        nc = NonconformityView(id=f"nc-{uuid.uuid4().hex[:8]}", unit_code=c.actor.unit_code, source=c.source,
                               source_label=NONCONFORMITY_SOURCES[c.source], department_id=c.department_id,
                               clause=c.clause, description=c.description, evidence=c.evidence,
                               attachments=c.attachments, raised_by=c.actor.id, raised_at=NOW, status="open",
                               status_label=NONCONFORMITY_STATUSES["open"])
        self.nonconformities[nc.id] = nc
        return nc

    @rpc
    def list_nonconformities(self, query):
        q = parse(NonconformitiesQuery, query)
        return [n for n in self.nonconformities.values() if n.unit_code == q.actor.unit_code
                and not (q.open_only and n.status == "closed")]

    @rpc
    def get_nonconformity(self, query):
        q = parse(NonconformityRef, query)
        nc = self.nonconformities.get(q.nonconformity_id)
        if nc is None or nc.unit_code != q.actor.unit_code:
            raise NotFound("Không tìm thấy điểm không phù hợp.")
        return nc
