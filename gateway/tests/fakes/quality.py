"""The quality service: policies, idempotent submission."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import Forbidden, NotFound
from eiso_contracts.rpc.quality import POLICY_STATUSES, PolicyView, SubmitPolicy
from eiso_kit.rpc import parse

from .objectives import ObjectivesMixin
from .rpc import rpc
from .seed import NOW, UNIT


class FakeQuality(ObjectivesMixin):
    def __init__(self):
        self.policies: dict[str, PolicyView] = {}
        self.request_ids: dict[str, str] = {}

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
    def submit_policy(self, cmd, request_id=None):
        c = parse(SubmitPolicy, cmd)
        if "secretary" not in c.actor.roles:
            raise Forbidden("Chỉ Thư ký ISO được lập chính sách chất lượng.")
        if request_id and request_id in self.request_ids:
            return self.policies[self.request_ids[request_id]]
        policy = self.add(self.new_policy(c.content.year, c.content.motto, list(c.content.statements),
                                          by=c.actor.id))
        if request_id:
            self.request_ids[request_id] = policy.id
        return policy

    @rpc
    def get_policy(self, policy_id):
        if policy_id not in self.policies:
            raise NotFound("Không tìm thấy chính sách chất lượng.")
        return self.policies[policy_id]

    @rpc
    def list_policies(self, unit_code):
        return [p for p in self.policies.values() if p.unit_code == unit_code]

    @rpc
    def get_policy_in_force(self, unit_code):
        return next((p for p in self.policies.values() if p.unit_code == unit_code and p.status == "issued"), None)
