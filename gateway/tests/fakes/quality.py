"""The quality service: policies, idempotent submission."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import Forbidden, NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.quality import POLICY_STATUSES, PolicyView, SubmitPolicy
from eiso_kit.rpc import parse

from .rpc import rpc
from .seed import NOW, UNIT


class FakeQuality:
    def __init__(self):
        self.policies: dict[str, PolicyView] = {}
        self.request_ids: dict[tuple[str, str], str] = {}  # (person, key) -> policy id

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
