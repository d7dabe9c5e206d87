"""A controlled document and its versions: approved before issue, in force on a date, the previous one withdrawn.

A ``Version`` is the artefact of one dossier "Soạn thảo, phê duyệt tài liệu" (type 7). Its ``Document``
holds what stays (STTNB, the unit) and what the version in force says (title, type, department, review
date). At most one version of a document is on its way at a time (drafted, returned, or approved and
waiting for its date), so "the next version in force" is never ambiguous.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from eiso_contracts.content import DocumentVersionContent

SUBMITTED = "submitted"   # Trình duyệt: with the leader
RETURNED = "returned"     # Bổ sung: back with the ISO secretary
APPROVED = "approved"     # Đã duyệt: in force from its effective date
EFFECTIVE = "effective"   # Đang hiệu lực
REJECTED = "rejected"     # Không duyệt
OBSOLETE = "obsolete"     # Hết hiệu lực: a newer version came into force; kept and marked

ON_ITS_WAY = frozenset({SUBMITTED, RETURNED, APPROVED})
CLOSED = frozenset({REJECTED, EFFECTIVE, OBSOLETE})
REVIEW_REMINDER_DAYS = 30   # the review reminder goes out this many days before the review date


@dataclass
class Document:
    id: str
    unit_code: str
    internal_number: str
    title: str
    doc_type: str
    department_id: str
    created_by: str
    created_at: datetime
    latest_version: int = 1
    in_force_version: int | None = None
    review_date: date | None = None
    review_reminded_for: date | None = None

    def snapshot(self) -> dict:
        return {"title": self.title, "doc_type": self.doc_type, "department_id": self.department_id,
                "latest_version": self.latest_version, "in_force_version": self.in_force_version,
                "review_date": self.review_date.isoformat() if self.review_date else None}

    def review_due(self, today: date) -> bool:
        return self.review_date is not None and self.review_date - timedelta(days=REVIEW_REMINDER_DAYS) <= today


@dataclass
class Version:
    id: str
    document_id: str
    unit_code: str
    number: int
    content: DocumentVersionContent
    status: str
    submitted_by: str
    submitted_at: datetime
    files: list[str] = field(default_factory=list)
    dossier_code: str | None = None
    dossier_version: int = 0
    approved_by: str | None = None
    approved_at: datetime | None = None
    effective_from: date | None = None
    withdrawn_on: date | None = None
    document: Document | None = None   # set when the document row is written with the version (a new one)

    def snapshot(self) -> dict:
        return {"number": self.number, "status": self.status, "content": self.content.model_dump(mode="json"),
                "files": list(self.files), "dossier_code": self.dossier_code,
                "dossier_version": self.dossier_version, "approved_by": self.approved_by,
                "effective_from": self.effective_from.isoformat() if self.effective_from else None,
                "withdrawn_on": self.withdrawn_on.isoformat() if self.withdrawn_on else None}

    def revise(self, content: DocumentVersionContent) -> bool:
        """Take an edit made in the dossier; the STTNB and the document it belongs to never change."""
        content = content.model_copy(update={"internal_number": self.content.internal_number,
                                             "document_id": self.content.document_id})
        if content == self.content:
            return False
        self.content = content
        return True

    def due(self, today: date) -> bool:
        return self.status == APPROVED and self.content.effective_date <= today


def bring_into_force(document: Document, version: Version, previous: Version | None, today: date) -> None:
    """``version`` is in force from ``today``; the one it replaces is withdrawn (Hết hiệu lực), kept."""
    if version.document_id != document.id or (previous is not None and previous.document_id != document.id):
        raise ValueError("versions of another document")
    version.status, version.effective_from = EFFECTIVE, today
    if previous is not None and previous.id != version.id:
        previous.status, previous.withdrawn_on = OBSOLETE, today
    content = version.content
    if document.review_date != content.review_date:
        document.review_reminded_for = None
    document.in_force_version = version.number
    document.title, document.doc_type, document.department_id = content.title, content.doc_type, content.department_id
    document.review_date = content.review_date


def register_state(newest: Version, in_force: Version | None) -> tuple[str, Version]:
    """The register's Trạng thái of a document and the version its row shows (see REGISTER_STATES)."""
    if newest.status == REJECTED and in_force is not None:
        return "approved", in_force
    return {SUBMITTED: "pending", RETURNED: "returned", APPROVED: "approved", EFFECTIVE: "approved",
            OBSOLETE: "approved", REJECTED: "rejected"}[newest.status], newest
