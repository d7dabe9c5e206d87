"""RPC models of the documents service (files slice), and the headers of its internal file endpoint.

Bytes never travel over AMQP: the gateway streams them to and from the documents service's HTTP
endpoint (``POST /files``, ``GET /files/<id>``; see services/documents/README.md) and asks for
metadata by RPC (``get_file``, ``get_files``).
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..content import DocumentVersionContent, DestructionContent
from ..dossier import Assignment, Id
from .common import Actor, Model

# Headers of ``POST /files`` (set by the gateway from the authenticated session) and of the download.
HEADER_UNIT = "X-Eiso-Unit"              # unit code the file belongs to
HEADER_UPLOADER = "X-Eiso-Uploader"      # person id of the uploader
HEADER_FILENAME = "X-Eiso-Filename"      # the file name, percent-encoded UTF-8
HEADER_SHA256 = "X-Eiso-Sha256"          # hex SHA-256 of the bytes (download answer)
# Every request to the file endpoint carries a grant the documents service signed (``grant_upload``,
# ``grant_download``): for one person, one unit, one file or one upload, valid for ``GRANT_SECONDS``.
HEADER_GRANT = "X-Eiso-Grant"
GRANT_SECONDS = 120

FileId = Annotated[Id, Field(min_length=1, max_length=64)]


class FileView(Model):
    id: Id
    unit_code: str
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: Id
    uploaded_at: datetime
    # What the bytes are, as read from them (not from the name): "pdf", "docx", "xlsx", ...; None for a file
    # uploaded without that check (a dossier attachment). Only a "pdf" is ever shown in the browser.
    verified_type: str | None = None


class GetFile(Model):
    """Arguments of ``get_file(file_id, actor)``: only a file of the actor's unit is found."""

    file_id: FileId
    actor: Actor


class GetFiles(Model):
    """Arguments of ``get_files(file_ids, actor=None)``: unknown ids are left out of the answer, and with an
    actor (a person's page) so are other units' files; without one it is a service's lookup."""

    file_ids: list[FileId] = Field(default_factory=list, max_length=200)
    actor: Actor | None = None


class GrantDownload(Model):
    """Argument of ``grant_download(cmd)``: may ``actor`` read this file (one of their unit's)?"""

    actor: Actor
    file_id: FileId


class GrantUpload(Model):
    """Argument of ``grant_upload(cmd)``: ``actor`` uploads one file for their unit (quota permitting)."""

    actor: Actor


class FileGrant(Model):
    """A signed, short-lived grant for the file endpoint (header ``X-Eiso-Grant``); ``file`` for a download."""

    grant: str
    expires_at: datetime
    file: FileView | None = None


class GrantCheckedUpload(Model):
    """Argument of ``grant_checked_upload(cmd)``: an upload for a controlled document or a record.

    The file endpoint then reads what the bytes are (PDF, Word, Excel, OpenDocument, PNG, JPEG; never
    HTML, SVG or anything active), refuses a name with a path in it, an extension that says otherwise, an
    empty file or one over the limit (nothing is kept), and extracts the text of PDF, Word and Excel files
    for the search.
    """

    actor: Actor


# -- Kiểm soát tài liệu (manual section 7) -------------------------------------------------------
VERSION_STATUSES: dict[str, str] = {
    "submitted": "Trình duyệt",
    "returned": "Bổ sung",
    "approved": "Đã duyệt",
    "effective": "Đang hiệu lực",
    "rejected": "Không duyệt",
    "obsolete": "Hết hiệu lực",
}
# The register's "Trạng thái", from the document's newest version (the leader clicks "Duyệt" on a pending one).
REGISTER_STATES: dict[str, str] = {
    "pending": "Chờ duyệt",
    "returned": "Bổ sung",
    "approved": "Đã duyệt",
    "rejected": "Không duyệt",
}
RegisterState = Literal["pending", "returned", "approved", "rejected"]


class SubmitDocumentVersion(Model):
    """The ISO secretary's draft of a new document (``content.document_id`` None) or of a new version of one,
    and who approves it (Bước 2). ``attachments``: the version's files (from ``grant_checked_upload``)."""

    actor: Actor
    content: DocumentVersionContent
    route: Assignment
    comment: str = Field(default="", max_length=4000)
    attachments: list[Id] = Field(default_factory=list, max_length=20)
    request_id: str | None = Field(default=None, min_length=1, max_length=100)


class DocumentQuery(Model):
    """Argument of ``get_document``: one document of the actor's unit, with its versions."""

    actor: Actor
    document_id: Id


class VersionQuery(Model):
    """Argument of ``get_document_version``: the version a dossier is about (its preview)."""

    actor: Actor
    version_id: Id


class RegisterQuery(Model):
    """Argument of ``list_documents``: the unit's register, filtered by type, department and state."""

    actor: Actor
    doc_type: str | None = Field(default=None, max_length=20)
    department_id: Id | None = None
    state: RegisterState | None = None


class AcknowledgeDocument(Model):
    """Argument of ``acknowledge_document``: "Xác nhận đã đọc" of the document's version in force."""

    actor: Actor
    document_id: Id
    version: int = Field(ge=1)


class AcknowledgementView(Model):
    person_id: Id
    department_id: Id | None = None
    at: datetime


class DocumentVersionView(Model):
    id: Id
    document_id: Id
    number: int
    content: DocumentVersionContent
    status: str
    status_label: str
    files: list[Id] = Field(default_factory=list)
    submitted_by: Id
    submitted_at: datetime
    dossier_code: str | None = None
    approved_by: Id | None = None
    approved_at: datetime | None = None
    effective_from: date | None = None     # the day it came into force
    withdrawn_on: date | None = None       # the day a newer version replaced it (Hết hiệu lực, kept)
    acknowledgements: list[AcknowledgementView] = Field(default_factory=list)


class DocumentSummary(Model):
    """One row of the register: STTNB, Tên tài liệu, Ngày hiệu lực, Trạng thái (of the newest version)."""

    id: Id
    unit_code: str
    internal_number: str
    title: str
    doc_type: str
    doc_type_label: str
    department_id: Id
    effective_date: date
    state: RegisterState
    state_label: str
    version: int                        # the newest version's number
    version_status: str
    dossier_code: str | None = None     # the newest version's dossier ("Duyệt" opens it)
    in_force_version: int | None = None
    review_date: date | None = None
    review_due: bool = False            # the review date is near (or past)


class DocumentView(DocumentSummary):
    versions: list[DocumentVersionView] = Field(default_factory=list)  # newest first
    created_by: Id
    created_at: datetime


# -- Lưu trữ hồ sơ, Mượn trả hồ sơ, Hủy hồ sơ -------------------------------------------------------
RECORD_TYPES: dict[str, str] = {
    "chat_luong": "Hồ sơ chất lượng (ISO)",
    "cong_viec": "Hồ sơ công việc",
    "nhiem_vu": "Hồ sơ nhiệm vụ",
    "thu_tuc": "Hồ sơ thủ tục hành chính",
    "khac": "Hồ sơ khác",
}
RECORD_STATES: dict[str, str] = {
    "archived": "Đang lưu trữ",
    "on_loan": "Đang cho mượn",
    "proposed": "Đề xuất hủy",
    "destroyed": "Đã hủy",
}
RecordType = Literal["chat_luong", "cong_viec", "nhiem_vu", "thu_tuc", "khac"]
RecordState = Literal["archived", "on_loan", "proposed", "destroyed"]


class Location(Model):
    """Where the paper original is: kho (store room), giá (shelf), hộp (box)."""

    store: str = Field(default="", max_length=60)
    shelf: str = Field(default="", max_length=60)
    box: str = Field(default="", max_length=60)


class ArchiveRecord(Model):
    """Argument of ``archive_record``: a completed dossier (``dossier_code``; its files and closing date
    come with it) or any record (its files uploaded with ``grant_checked_upload``, its ``closed_on`` given).

    ``retention_years`` None means permanent (Vĩnh viễn).
    """

    actor: Actor
    number: str = Field(default="", max_length=60)
    title: str = Field(default="", max_length=300)
    record_type: RecordType
    department_id: Id
    dossier_code: str | None = Field(default=None, max_length=40)
    closed_on: date | None = None
    retention_years: int | None = Field(default=None, ge=1, le=100)
    location: Location = Field(default_factory=Location)
    files: list[Id] = Field(default_factory=list, max_length=50)
    request_id: str | None = Field(default=None, min_length=1, max_length=100)

    @model_validator(mode="after")
    def _source(self) -> "ArchiveRecord":
        if self.dossier_code is None:
            if not self.number or not self.title:
                raise ValueError("Cần nhập Số, ký hiệu và Tên hồ sơ")
            if self.closed_on is None:
                raise ValueError("Cần nhập Ngày kết thúc hồ sơ")
        return self


class RecordQuery(Model):
    actor: Actor
    record_id: Id


class RecordFilter(Model):
    actor: Actor
    record_type: str | None = Field(default=None, max_length=20)
    department_id: Id | None = None
    state: RecordState | None = None
    due_for_destruction: bool = False     # only records past their retention, still archived


class RecordView(Model):
    id: Id
    unit_code: str
    number: str
    title: str
    record_type: str
    record_type_label: str
    department_id: Id
    dossier_code: str | None = None
    closed_on: date
    retention_years: int | None = None     # None: Vĩnh viễn
    retention_until: date | None = None
    location: Location
    files: list[Id] = Field(default_factory=list)
    state: RecordState
    state_label: str
    archived_by: Id
    archived_at: datetime
    destroyed_at: datetime | None = None
    destruction_id: Id | None = None
    past_retention: bool = False


LOAN_STATUSES: dict[str, str] = {
    "requested": "Chờ duyệt",
    "approved": "Đang mượn",
    "refused": "Không duyệt",
    "returned": "Đã trả",
}
LoanStatus = Literal["requested", "approved", "refused", "returned"]


class RequestLoan(Model):
    """Argument of ``request_loan``: who borrows which record, why, from when, due back when."""

    actor: Actor
    record_id: Id
    purpose: str = Field(min_length=1, max_length=1000)
    borrowed_on: date
    due_on: date
    request_id: str | None = Field(default=None, min_length=1, max_length=100)

    @model_validator(mode="after")
    def _due_after(self) -> "RequestLoan":
        if self.due_on < self.borrowed_on:
            raise ValueError("Hạn trả không được trước ngày mượn")
        return self


class DecideLoan(Model):
    """Argument of ``decide_loan``: the department head approves (or refuses) a request."""

    actor: Actor
    loan_id: Id
    approve: bool
    comment: str = Field(default="", max_length=1000)


class ReturnLoan(Model):
    """Argument of ``return_loan``: the record came back (recorded by the department head or the secretary)."""

    actor: Actor
    loan_id: Id
    returned_on: date | None = None


class LoanFilter(Model):
    actor: Actor
    status: LoanStatus | None = None
    overdue: bool = False
    record_id: Id | None = None


class LoanView(Model):
    id: Id
    unit_code: str
    record_id: Id
    record_number: str
    record_title: str
    record_department_id: Id
    borrower_id: Id
    borrower_department_id: Id | None = None
    purpose: str
    borrowed_on: date
    due_on: date
    status: LoanStatus
    status_label: str
    decided_by: Id | None = None
    decided_at: datetime | None = None
    comment: str = ""
    returned_on: date | None = None
    overdue: bool = False
    requested_at: datetime


DESTRUCTION_STATUSES: dict[str, str] = {
    "proposed": "Trình duyệt",
    "returned": "Bổ sung",
    "approved": "Đã duyệt",
    "executed": "Đã hủy",
    "rejected": "Không duyệt",
}


class ProposeDestruction(Model):
    """The ISO secretary's destruction list and who approves it (Bước 2: the unit leader)."""

    actor: Actor
    content: DestructionContent
    route: Assignment
    comment: str = Field(default="", max_length=4000)
    attachments: list[Id] = Field(default_factory=list, max_length=20)
    request_id: str | None = Field(default=None, min_length=1, max_length=100)


class DestructionQuery(Model):
    actor: Actor
    destruction_id: Id


class UnitQuery(Model):
    """A list of the actor's unit (destructions)."""

    actor: Actor


class DestructionView(Model):
    id: Id
    unit_code: str
    content: DestructionContent
    records: list[RecordView] = Field(default_factory=list)
    status: str
    status_label: str
    proposed_by: Id
    proposed_at: datetime
    dossier_code: str | None = None
    approved_by: Id | None = None
    approved_at: datetime | None = None
    executed_at: datetime | None = None
    files_deleted: int = 0
    # The destruction minutes (biên bản hủy), a Word document stored like any file once the records are destroyed.
    minutes_file_id: Id | None = None


# -- Search ------------------------------------------------------------------------------------------
SEARCH_KINDS: dict[str, str] = {"document": "Tài liệu", "record": "Hồ sơ lưu trữ"}


class SearchQuery(Model):
    """One search box over the unit's documents and records: number, title, the text inside their files."""

    actor: Actor
    q: str = Field(min_length=1, max_length=200)
    page: int = Field(default=1, ge=1, le=1000)
    page_size: int = Field(default=20, ge=1, le=100)


class SearchHit(Model):
    kind: Literal["document", "record"]
    kind_label: str
    id: Id
    number: str
    title: str
    state_label: str


class SearchPage(Model):
    q: str
    items: list[SearchHit]
    total: int
    page: int
    page_size: int
