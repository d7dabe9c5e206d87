"""Facts the documents service publishes about stored files."""
from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from ..content import DestructionContent, DocumentVersionContent
from ..dossier import DossierRequest, Id
from .base import EventData


class FileStored(EventData):
    event_type = "documents.file.stored.v1"
    summary = "A file was stored; its bytes stay in object storage, the event carries its identity."
    file_id: Id
    unit_code: str
    name: str
    content_type: str
    size: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    uploaded_by: Id


# -- Kiểm soát tài liệu: a version's life (its approval is a dossier of type 7) --------------------------
class _VersionEvent(EventData):
    document_id: Id
    version_id: Id
    version: int = Field(ge=1)
    unit_code: str
    internal_number: str


class DocumentVersionSubmitted(_VersionEvent):
    event_type = "documents.document.submitted.v1"
    summary = "The ISO secretary submitted a new document or a new version of one; the workflow opens its dossier."
    content: DocumentVersionContent
    files: list[Id] = Field(default_factory=list)
    submitted_by: Id
    dossier_request: DossierRequest


class DocumentVersionRevised(_VersionEvent):
    event_type = "documents.document.revised.v1"
    summary = "The version's content was edited while in its dossier."
    content: DocumentVersionContent
    revised_by: Id
    dossier_code: str


class DocumentVersionReturned(_VersionEvent):
    event_type = "documents.document.returned.v1"
    summary = "The leader returned the version for more information (Bổ sung)."
    dossier_code: str


class DocumentVersionResubmitted(_VersionEvent):
    event_type = "documents.document.resubmitted.v1"
    summary = "The ISO secretary sent the returned version for approval again."
    dossier_code: str


class DocumentVersionRejected(_VersionEvent):
    event_type = "documents.document.rejected.v1"
    summary = "The leader did not approve the version (Không duyệt); it will never be in force."
    dossier_code: str


class DocumentVersionApproved(_VersionEvent):
    event_type = "documents.document.approved.v1"
    summary = "The leader approved the version (Đã duyệt); it comes into force on its effective date."
    approved_by: Id
    approved_at: datetime
    effective_date: date
    dossier_code: str


class DocumentVersionEffective(_VersionEvent):
    event_type = "documents.document.effective.v1"
    summary = "The approved version came into force on its effective date; it replaces the previous one."
    effective_from: date
    replaces_version: int | None = None


class DocumentVersionWithdrawn(_VersionEvent):
    event_type = "documents.document.withdrawn.v1"
    summary = "A newer version came into force: this one is obsolete (Hết hiệu lực), kept and marked."
    withdrawn_on: date
    replaced_by_version: int


class DocumentDistributed(_VersionEvent):
    event_type = "documents.document.distributed.v1"
    summary = "The version in force was distributed to departments, whose people confirm they read it."
    department_ids: list[Id]


class DocumentAcknowledged(_VersionEvent):
    event_type = "documents.document.acknowledged.v1"
    summary = "A person of a department the version was distributed to confirmed reading it (Đã đọc)."
    person_id: Id
    department_id: Id | None = None


class DocumentReviewDue(EventData):
    event_type = "documents.document.review_due.v1"
    summary = "A document's review date (Ngày rà soát) is near: a reminder, sent once per review date."
    document_id: Id
    unit_code: str
    internal_number: str
    title: str
    review_date: date
    department_id: Id


# -- Lưu trữ hồ sơ -----------------------------------------------------------------------------------
class RecordArchived(EventData):
    event_type = "documents.record.archived.v1"
    summary = "A record (a completed dossier or any record) was archived with its files, retention and location."
    record_id: Id
    unit_code: str
    number: str
    title: str
    record_type: str
    department_id: Id
    dossier_code: str | None = None
    closed_on: date
    retention_years: int | None = None      # None: permanent
    retention_until: date | None = None
    files: list[Id] = Field(default_factory=list)
    archived_by: Id


class RecordDestroyed(EventData):
    event_type = "documents.record.destroyed.v1"
    summary = "A record past its retention was destroyed by an approved destruction list; its metadata stays."
    record_id: Id
    unit_code: str
    number: str
    destruction_id: Id
    files_deleted: list[Id] = Field(default_factory=list)


# -- Mượn trả hồ sơ ----------------------------------------------------------------------------------
class _LoanEvent(EventData):
    loan_id: Id
    record_id: Id
    unit_code: str
    borrower_id: Id


class LoanRequested(_LoanEvent):
    event_type = "documents.loan.requested.v1"
    summary = "Someone asked to borrow a record; the head of its department decides."
    purpose: str
    borrowed_on: date
    due_on: date


class LoanApproved(_LoanEvent):
    event_type = "documents.loan.approved.v1"
    summary = "The department head approved the loan: the record is lent until its due date."
    decided_by: Id
    due_on: date


class LoanRefused(_LoanEvent):
    event_type = "documents.loan.refused.v1"
    summary = "The department head refused the loan."
    decided_by: Id


class LoanReturned(_LoanEvent):
    event_type = "documents.loan.returned.v1"
    summary = "The borrowed record came back."
    returned_on: date
    recorded_by: Id


class LoanOverdue(_LoanEvent):
    event_type = "documents.loan.overdue.v1"
    summary = "A lent record was not returned by its due date: a reminder, sent once per loan."
    due_on: date


# -- Hủy hồ sơ (a dossier of type 10) ------------------------------------------------------------------
class DestructionProposed(EventData):
    event_type = "documents.destruction.proposed.v1"
    summary = "The ISO secretary proposed a destruction list; the workflow opens its dossier for the leader."
    destruction_id: Id
    unit_code: str
    content: DestructionContent
    proposed_by: Id
    dossier_request: DossierRequest


class DestructionDecided(EventData):
    event_type = "documents.destruction.decided.v1"
    summary = "The leader decided on a destruction list: returned (Bổ sung), resubmitted, or refused (Không duyệt)."
    destruction_id: Id
    unit_code: str
    status: str
    dossier_code: str


class DestructionExecuted(EventData):
    event_type = "documents.destruction.executed.v1"
    summary = "The leader approved the destruction list: its records are destroyed, their files deleted."
    destruction_id: Id
    unit_code: str
    record_ids: list[Id]
    approved_by: Id
    executed_at: datetime
    dossier_code: str
