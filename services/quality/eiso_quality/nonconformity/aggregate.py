"""A nonconformity and its corrective action, as the dossier "Hành động khắc phục" moves it.

open (with the department head: correction, five whys, corrective action, owner, due date)
 -> planned (waits for the leader) -> approved (being carried out) -> implemented (waits for an
auditor) -> closed (effective) | reopened (not effective: back to the head, who analyses again).
The leader may return a plan to the head ("Bổ sung": open again).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from eiso_contracts.content import CorrectiveActionContent

OPEN = "open"
PLANNED = "planned"
APPROVED = "approved"
IMPLEMENTED = "implemented"
REOPENED = "reopened"
CLOSED = "closed"

AUDIT = "audit"


@dataclass
class Nonconformity:
    id: str
    unit_code: str
    source: str
    department_id: str
    description: str
    raised_by: str
    raised_at: datetime
    clause: str = ""
    evidence: str = ""
    attachments: tuple[str, ...] = field(default=())
    audit_plan_id: str | None = None
    finding_id: str | None = None
    status: str = OPEN
    dossier_code: str | None = None
    dossier_version: int = 0
    action: CorrectiveActionContent | None = None
    approved_by: str | None = None
    verified_by: str | None = None
    closed_at: datetime | None = None
    reopened: int = 0
    overdue_flagged_for: date | None = None

    @property
    def due_date(self) -> date | None:
        return self.action.due_date if self.action is not None else None

    def is_overdue(self, today: date) -> bool:
        """"Quá hạn": an approved corrective action past its due date, not yet verified and closed."""
        return self.status in (APPROVED, REOPENED) and self.due_date is not None and self.due_date < today

    def snapshot(self) -> dict:
        return {"status": self.status, "dossier_code": self.dossier_code, "dossier_version": self.dossier_version,
                "action": self.action.model_dump(mode="json") if self.action else None,
                "approved_by": self.approved_by, "verified_by": self.verified_by,
                "closed_at": self.closed_at.isoformat() if self.closed_at else None, "reopened": self.reopened,
                "overdue_flagged_for": self.overdue_flagged_for.isoformat() if self.overdue_flagged_for else None}
