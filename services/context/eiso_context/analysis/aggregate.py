"""The context analysis aggregate: one year's analysis of a unit, its approval and whether it is applied."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eiso_contracts.content import ContextAnalysisContent

SUBMITTED = "submitted"   # Chưa phê duyệt: with the leader, who sees Phê duyệt / Không duyệt in the list
APPROVED = "approved"     # Đã phê duyệt: may be applied
REJECTED = "rejected"     # Không duyệt: closed; the secretary revises it as a new analysis of the same year
APPLIED = "applied"       # Đang áp dụng: the one the home page shows (one per unit)

# Statuses that hold the year: a year has at most one analysis that is not refused.
HOLDS_THE_YEAR = frozenset({SUBMITTED, APPROVED, APPLIED})


@dataclass
class Analysis:
    id: str
    unit_code: str
    year: int
    content: ContextAnalysisContent
    status: str
    submitted_by: str
    submitted_at: datetime
    dossier_code: str | None = None
    dossier_version: int = 0          # highest workflow DossierRef.version applied
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_comment: str = ""
    applied_by: str | None = None
    applied_at: datetime | None = None

    def approve(self, by: str, at: datetime) -> None:
        self.status, self.decided_by, self.decided_at = APPROVED, by, at

    def reject(self, by: str, at: datetime, reason: str) -> None:
        self.status, self.decided_by, self.decided_at, self.decision_comment = REJECTED, by, at, reason

    def snapshot(self) -> dict:
        """The state an audit entry records before and after a change."""
        return {
            "year": self.year, "status": self.status, "content": self.content.model_dump(mode="json"),
            "dossier_code": self.dossier_code, "dossier_version": self.dossier_version,
            "decided_by": self.decided_by, "decision_comment": self.decision_comment,
            "applied_by": self.applied_by, "applied_at": self.applied_at.isoformat() if self.applied_at else None,
        }


def new_analysis(analysis_id: str, unit_code: str, content: ContextAnalysisContent, submitted_by: str,
                 now: datetime) -> Analysis:
    return Analysis(id=analysis_id, unit_code=unit_code, year=content.year, content=content, status=SUBMITTED,
                    submitted_by=submitted_by, submitted_at=now)
