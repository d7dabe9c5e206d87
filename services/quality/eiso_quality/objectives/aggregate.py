"""A version of a unit's quality objectives (ISO 6.2): its content, status and how often it was edited."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eiso_contracts.content import ObjectivesContent

SUBMITTED = "submitted"    # Trình duyệt: with the leader (or resubmitted after Bổ sung)
RETURNED = "returned"      # Bổ sung: back with the secretary
APPROVED = "approved"      # Đã duyệt: approved by the leader, waits to be recorded (Ghi nhận)
REJECTED = "rejected"      # Không duyệt: the dossier is closed
IN_FORCE = "in_force"      # Đang áp dụng: recorded; the unit's objectives in force
SUPERSEDED = "superseded"  # Hết hiệu lực: was in force, replaced by a newer version

CLOSED = frozenset({REJECTED, IN_FORCE, SUPERSEDED})


@dataclass
class Objectives:
    id: str
    unit_code: str
    content: ObjectivesContent
    status: str
    submitted_by: str
    submitted_at: datetime
    revision: int = 1
    dossier_code: str | None = None
    dossier_version: int = 0          # highest workflow DossierRef.version applied
    approved_by: str | None = None
    recorded_by: str | None = None
    recorded_at: datetime | None = None

    @property
    def year(self) -> int:
        return self.content.year

    @property
    def in_force(self) -> bool:
        return self.status == IN_FORCE

    def revise(self, content: ObjectivesContent) -> bool:
        """Take an edit (the leader's, or the secretary's on resubmission); False when nothing changed."""
        if content == self.content:
            return False
        self.content, self.revision = content, self.revision + 1
        return True

    def snapshot(self) -> dict:
        return {
            "status": self.status, "revision": self.revision, "content": self.content.model_dump(mode="json"),
            "dossier_code": self.dossier_code, "dossier_version": self.dossier_version,
            "approved_by": self.approved_by, "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at.isoformat() if self.recorded_at else None,
        }


def new_objectives(objectives_id: str, unit_code: str, content: ObjectivesContent, submitted_by: str,
                   now: datetime) -> Objectives:
    return Objectives(id=objectives_id, unit_code=unit_code, content=content, status=SUBMITTED,
                      submitted_by=submitted_by, submitted_at=now)


def numbers(versions: list[Objectives]) -> dict[str, int]:
    """"Phiên bản N": each version's place among the unit's versions of its year, in submission order."""
    counted: dict[int, int] = {}
    found = {}
    for version in sorted(versions, key=lambda v: (v.submitted_at, v.id)):
        counted[version.year] = counted.get(version.year, 0) + 1
        found[version.id] = counted[version.year]
    return found
