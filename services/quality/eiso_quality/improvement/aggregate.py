"""An improvement: proposed by anyone, decided by the leader, then directed, recorded, implemented, completed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eiso_contracts.content import ImprovementContent
from eiso_contracts.errors import AlreadyProcessed, Forbidden

PROPOSED = "proposed"        # Chờ phê duyệt: "Phê duyệt" / "Không duyệt" for the leader
APPROVED = "approved"        # Đã phê duyệt: its dossier opens with the leader
REFUSED = "refused"          # Không duyệt (with the reason): closed
DIRECTED = "directed"        # Đã chỉ đạo: with the ISO secretary
RECORDED = "recorded"        # Đã ghi nhận: with the department that implements it
IMPLEMENTED = "implemented"  # Đã triển khai: the result waits to be recorded
COMPLETED = "completed"      # Hoàn thành

CLOSED = frozenset({REFUSED, COMPLETED})


@dataclass
class Improvement:
    id: str
    unit_code: str
    title: str
    current_situation: str
    proposal: str
    expected_benefit: str
    department_id: str
    proposed_by: str
    proposed_at: datetime
    status: str = PROPOSED
    decided_by: str | None = None
    decided_at: datetime | None = None
    refusal_reason: str = ""
    dossier_code: str | None = None
    dossier_version: int = 0
    content: ImprovementContent | None = None
    completed_at: datetime | None = None

    def decide(self, approve: bool, by, at: datetime, reason: str = "") -> None:
        """The leader's Phê duyệt / Không duyệt, once."""
        if not by.has_role("leader"):
            raise Forbidden("Chỉ Lãnh đạo đơn vị được phê duyệt đề xuất cải tiến.")
        if self.status != PROPOSED:
            raise AlreadyProcessed("Đề xuất cải tiến này đã được xử lý (đã phê duyệt hoặc không duyệt).")
        self.status = APPROVED if approve else REFUSED
        self.decided_by, self.decided_at, self.refusal_reason = by.id, at, reason

    def snapshot(self) -> dict:
        return {"status": self.status, "decided_by": self.decided_by, "refusal_reason": self.refusal_reason,
                "dossier_code": self.dossier_code, "dossier_version": self.dossier_version,
                "content": self.content.model_dump(mode="json") if self.content else None,
                "completed_at": self.completed_at.isoformat() if self.completed_at else None}
