"""The quality policy aggregate (ISO 5.2): its content, status and revision history."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eiso_contracts.content import PolicyContent

SUBMITTED = "submitted"    # Trình duyệt: with the leader (or resubmitted after Bổ sung)
RETURNED = "returned"      # Bổ sung: back with the secretary for more information
APPROVED = "approved"      # Đã duyệt: approved by the leader, waits to be issued
REJECTED = "rejected"      # Không duyệt: the dossier is closed
ISSUED = "issued"          # Đang áp dụng: the unit's policy in force
SUPERSEDED = "superseded"  # Hết hiệu lực: was issued, replaced by a newer one

# After these the dossier is over: no workflow fact moves the status any more.
CLOSED = frozenset({REJECTED, ISSUED, SUPERSEDED})


@dataclass(frozen=True)
class Revision:
    """One version of the text: who wrote it, when, at which dossier step."""

    number: int
    content: PolicyContent
    revised_by: str
    revised_at: datetime
    dossier_step: int | None = None


@dataclass
class Policy:
    id: str
    unit_code: str
    status: str
    submitted_by: str
    submitted_at: datetime
    revisions: list[Revision]
    dossier_code: str | None = None
    dossier_version: int = 0          # highest workflow DossierRef.version applied
    approved_by: str | None = None
    issued_by: str | None = None
    issued_at: datetime | None = None

    @property
    def content(self) -> PolicyContent:
        return self.revisions[-1].content

    @property
    def revision(self) -> int:
        return self.revisions[-1].number

    @property
    def in_force(self) -> bool:
        return self.status == ISSUED

    def revise(self, content: PolicyContent, by: str, at: datetime, step: int | None) -> Revision | None:
        """Record ``content`` as the next revision; None when it is the current text already."""
        if content == self.content:
            return None
        revision = Revision(number=self.revision + 1, content=content, revised_by=by, revised_at=at,
                            dossier_step=step)
        self.revisions.append(revision)
        return revision

    def snapshot(self) -> dict:
        """The state an audit entry records before and after a change."""
        return {
            "status": self.status,
            "revision": self.revision,
            "content": self.content.model_dump(mode="json"),
            "dossier_code": self.dossier_code,
            "dossier_version": self.dossier_version,
            "approved_by": self.approved_by,
            "issued_by": self.issued_by,
            "issued_at": self.issued_at.isoformat() if self.issued_at else None,
        }


def new_policy(policy_id: str, unit_code: str, content: PolicyContent, submitted_by: str, now: datetime) -> Policy:
    """A freshly submitted policy: revision 1, written at step 1 (the draft)."""
    return Policy(
        id=policy_id, unit_code=unit_code, status=SUBMITTED, submitted_by=submitted_by, submitted_at=now,
        revisions=[Revision(number=1, content=content, revised_by=submitted_by, revised_at=now, dossier_step=1)],
    )

