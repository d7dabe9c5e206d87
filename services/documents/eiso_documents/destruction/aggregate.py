"""A destruction list: proposed by the ISO secretary, approved by the leader, then executed once.

Only an approved list is executed: its records become tombstones (metadata kept, state ``destroyed``),
their files are marked destroyed in the same commit and their bytes deleted from storage right after it
(``execution``), and the destruction minutes (biên bản hủy) are written as a Word document.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eiso_contracts.content import DestructionContent

PROPOSED = "proposed"
RETURNED = "returned"
APPROVED = "approved"
EXECUTED = "executed"
REJECTED = "rejected"
OPEN = frozenset({PROPOSED, RETURNED, APPROVED})
CLOSED = frozenset({EXECUTED, REJECTED})


@dataclass
class Destruction:
    id: str
    unit_code: str
    content: DestructionContent
    status: str
    proposed_by: str
    proposed_at: datetime
    dossier_code: str | None = None
    dossier_version: int = 0
    approved_by: str | None = None
    approved_at: datetime | None = None
    executed_at: datetime | None = None
    files_deleted: int = 0
    minutes_file_id: str | None = None

    def snapshot(self) -> dict:
        return {"status": self.status, "content": self.content.model_dump(mode="json"),
                "dossier_code": self.dossier_code, "dossier_version": self.dossier_version,
                "approved_by": self.approved_by, "executed_at": self.executed_at.isoformat() if self.executed_at else None,
                "files_deleted": self.files_deleted, "minutes_file_id": self.minutes_file_id}
