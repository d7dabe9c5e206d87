"""A finding of an audit: what was seen, against which clause, in which department, on what evidence."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.audit import RecordFinding

from ..plan.aggregate import Plan

CONFORMITY, NONCONFORMITY, OBSERVATION = "conformity", "nonconformity", "observation"


@dataclass(frozen=True)
class Finding:
    id: str
    plan_id: str
    number: int
    kind: str
    clause: str
    department_id: str
    description: str
    evidence: str
    recorded_by: str
    recorded_at: datetime
    attachments: tuple[str, ...] = field(default=())

    def snapshot(self) -> dict:
        return {"plan_id": self.plan_id, "number": self.number, "kind": self.kind, "clause": self.clause,
                "department_id": self.department_id, "description": self.description, "evidence": self.evidence,
                "attachments": list(self.attachments)}


def record(plan: Plan, cmd: RecordFinding, finding_id: str, number: int, at: datetime) -> Finding:
    """A member of the audit's team records a finding about one of the audited departments."""
    plan.check_writable_by(cmd.actor.id)
    if cmd.department_id not in plan.department_ids:
        raise InvalidInput("Phòng ban của phát hiện phải là một phòng ban được đánh giá trong cuộc đánh giá này.")
    return Finding(id=finding_id, plan_id=plan.id, number=number, kind=cmd.kind, clause=cmd.clause,
                   department_id=cmd.department_id, description=cmd.description, evidence=cmd.evidence,
                   recorded_by=cmd.actor.id, recorded_at=at, attachments=tuple(dict.fromkeys(cmd.attachments)))
