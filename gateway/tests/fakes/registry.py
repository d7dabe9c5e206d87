"""The documents service's section 7 RPC (register, versions, records, loans, destruction lists, search).

Small but honest about the contract: requests are parsed with the contract's models (actors included), answers
are the contract's views, and the same rules refuse the same things with the same typed errors for what the
gateway's tests exercise (who may draft, archive, approve a loan, propose a list; another unit is NotFound).
``tests/contracts/test_documents_contract.py`` runs the same cases against this fake and the real service.
"""
from __future__ import annotations

import unicodedata
import uuid
from datetime import date

from eiso_contracts.content import DOCUMENT_TYPES
from eiso_contracts.errors import Conflict, Forbidden, InvalidInput, NotFound
from eiso_contracts.rpc.documents import (
    DESTRUCTION_STATUSES, LOAN_STATUSES, RECORD_STATES, RECORD_TYPES, REGISTER_STATES, SEARCH_KINDS,
    VERSION_STATUSES, AcknowledgeDocument, AcknowledgementView, ArchiveRecord, DecideLoan, DestructionQuery,
    DestructionView, DocumentQuery, DocumentSummary, DocumentVersionView, DocumentView, GrantCheckedUpload, LoanFilter, LoanView,
    ProposeDestruction, RecordFilter, RecordQuery, RecordView, RegisterQuery, RequestLoan, ReturnLoan, SearchHit,
    SearchPage, SearchQuery, SubmitDocumentVersion, UnitQuery, VersionQuery,
)
from eiso_kit.rpc import parse

from .rpc import rpc
from .seed import NOW, TODAY

DOCUMENT_NOT_FOUND = "Không tìm thấy tài liệu."
RECORD_NOT_FOUND = "Không tìm thấy hồ sơ lưu trữ."


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D").lower())
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text if not unicodedata.combining(ch)).split())


class FakeRegistry:
    """Mixed into ``FakeDocuments``: ``self.files`` and ``self._grant`` come from there."""

    def _init_registry(self):
        self.documents: dict[str, DocumentView] = {}
        self.records: dict[str, RecordView] = {}
        self.loans: dict[str, LoanView] = {}
        self.destructions: dict[str, DestructionView] = {}

    # -- checked uploads -----------------------------------------------------------------------------
    @rpc
    def grant_checked_upload(self, cmd):
        c = parse(GrantCheckedUpload, cmd)
        return self._grant(("upload", c.actor.id, c.actor.unit_code, None, "checked"))

    # -- documents -------------------------------------------------------------------------------------
    def add_document(self, unit, number, title, versions: list[dict], created_by="p-secretary") -> DocumentView:
        """A document as the service would answer it; ``versions`` oldest first: status, effective, files, code."""
        document_id = f"doc-{uuid.uuid4().hex[:8]}"
        views = []
        for number_, v in enumerate(versions, start=1):
            content = {"document_id": document_id, "internal_number": number, "title": title,
                       "doc_type": v.get("doc_type", "quy_trinh"), "department_id": v.get("department_id", "d-vp"),
                       "change_summary": v.get("change_summary", ""), "effective_date": str(v.get("effective", TODAY)),
                       "distribution": v.get("distribution", ["d-khoahoc"])}
            views.append(DocumentVersionView(
                id=f"ver-{uuid.uuid4().hex[:8]}", document_id=document_id, number=number_, content=content,
                status=v["status"], status_label=VERSION_STATUSES[v["status"]], files=v.get("files", []),
                submitted_by=created_by, submitted_at=NOW, dossier_code=v.get("code"),
                effective_from=v.get("effective") if v["status"] in ("effective", "obsolete") else None,
                withdrawn_on=TODAY if v["status"] == "obsolete" else None))
        return self._put_document(unit, document_id, views, created_by)

    def _put_document(self, unit, document_id, versions: list[DocumentVersionView], created_by) -> DocumentView:
        newest = versions[-1]
        in_force = next((v for v in versions if v.status == "effective"), None)
        state = {"submitted": "pending", "returned": "returned", "approved": "approved", "effective": "approved",
                 "rejected": "rejected", "obsolete": "approved"}[newest.status]
        shown = in_force if (newest.status == "rejected" and in_force) else newest
        if shown is in_force and newest.status == "rejected":
            state = "approved"
        view = DocumentView(
            id=document_id, unit_code=unit, internal_number=shown.content.internal_number, title=shown.content.title,
            doc_type=shown.content.doc_type, doc_type_label=DOCUMENT_TYPES[shown.content.doc_type],
            department_id=shown.content.department_id,
            effective_date=shown.effective_from or shown.content.effective_date, state=state,
            state_label=REGISTER_STATES[state], version=newest.number, version_status=newest.status,
            dossier_code=newest.dossier_code, in_force_version=in_force.number if in_force else None,
            review_date=shown.content.review_date, versions=list(reversed(versions)), created_by=created_by,
            created_at=NOW)
        self.documents[document_id] = view
        return view

    def _document(self, actor, document_id) -> DocumentView:
        found = self.documents.get(document_id)
        if found is None or found.unit_code != actor.unit_code:
            raise NotFound(DOCUMENT_NOT_FOUND)
        return found

    @rpc
    def submit_document_version(self, cmd):
        c = parse(SubmitDocumentVersion, cmd)
        if not c.actor.has_role("secretary"):
            raise Forbidden("Chỉ Thư ký ISO được soạn thảo tài liệu và phiên bản mới.")
        if not c.attachments:
            raise InvalidInput("Cần đính kèm tệp của tài liệu (PDF, Word, Excel…).")
        if any(self.files.get(f) is None or self.files[f].unit_code != c.actor.unit_code for f in c.attachments):
            raise InvalidInput("Tệp của tài liệu phải được tải lên qua mục Kiểm soát tài liệu (đã kiểm tra định "
                               "dạng) và thuộc đơn vị.")
        if c.content.document_id is None:
            if any(d.unit_code == c.actor.unit_code and d.internal_number == c.content.internal_number
                   for d in self.documents.values()):
                raise Conflict(f"STTNB {c.content.internal_number} đã có trong đơn vị. Mỗi tài liệu một STTNB.")
            document_id, versions = f"doc-{uuid.uuid4().hex[:8]}", []
        else:
            existing = self._document(c.actor, c.content.document_id)
            document_id, versions = existing.id, list(reversed(existing.versions))
        content = c.content.model_copy(update={"document_id": document_id})
        version = DocumentVersionView(id=f"ver-{uuid.uuid4().hex[:8]}", document_id=document_id,
                                      number=len(versions) + 1, content=content, status="submitted",
                                      status_label=VERSION_STATUSES["submitted"], files=list(c.attachments),
                                      submitted_by=c.actor.id, submitted_at=NOW)
        self._put_document(c.actor.unit_code, document_id, versions + [version], c.actor.id)
        return version

    @rpc
    def list_documents(self, query):
        q = parse(RegisterQuery, query)
        rows = [d for d in self.documents.values() if d.unit_code == q.actor.unit_code]
        return [DocumentSummary(**d.model_dump(exclude={"versions", "created_by", "created_at"})) for d in rows
                if (q.doc_type is None or d.doc_type == q.doc_type)
                and (q.department_id is None or d.department_id == q.department_id)
                and (q.state is None or d.state == q.state)]

    @rpc
    def get_document(self, query):
        q = parse(DocumentQuery, query)
        return self._document(q.actor, q.document_id)

    @rpc
    def get_document_version(self, query):
        q = parse(VersionQuery, query)
        for document in self.documents.values():
            for version in document.versions:
                if version.id == q.version_id and document.unit_code == q.actor.unit_code:
                    return version
        raise NotFound(DOCUMENT_NOT_FOUND)

    @rpc
    def acknowledge_document(self, cmd):
        c = parse(AcknowledgeDocument, cmd)
        document = self._document(c.actor, c.document_id)
        versions = list(document.versions)
        for index, version in enumerate(versions):
            if version.number == c.version:
                if version.status != "effective":
                    raise Forbidden("Chỉ xác nhận đã đọc phiên bản đang hiệu lực của tài liệu.")
                if c.actor.department_id not in version.content.distribution:
                    raise Forbidden("Tài liệu này không được phân phối cho phòng ban của bạn.")
                if all(a.person_id != c.actor.id for a in version.acknowledgements):
                    acks = [*version.acknowledgements, AcknowledgementView(person_id=c.actor.id,
                                                                           department_id=c.actor.department_id, at=NOW)]
                    versions[index] = version.model_copy(update={"acknowledgements": acks})
        self.documents[document.id] = document.model_copy(update={"versions": versions})
        return self.documents[document.id]

    @rpc
    def search(self, query):
        q = parse(SearchQuery, query)
        words = _fold(q.q).split()
        hits = [SearchHit(kind="document", kind_label=SEARCH_KINDS["document"], id=d.id, number=d.internal_number,
                          title=d.title, state_label=d.state_label)
                for d in self.documents.values() if d.unit_code == q.actor.unit_code]
        hits += [SearchHit(kind="record", kind_label=SEARCH_KINDS["record"], id=r.id, number=r.number, title=r.title,
                           state_label=r.state_label)
                 for r in self.records.values() if r.unit_code == q.actor.unit_code]
        found = [h for h in hits if words and all(w in _fold(f"{h.number} {h.title}").split() for w in words)]
        start = (q.page - 1) * q.page_size
        return SearchPage(q=q.q, items=found[start:start + q.page_size], total=len(found), page=q.page,
                          page_size=q.page_size)

    # -- records ---------------------------------------------------------------------------------------
    def add_record(self, unit, number, title, department_id="d-khoahoc", closed_on=TODAY, years=5, files=(),
                   state="archived") -> RecordView:
        until = closed_on.replace(year=closed_on.year + years) if years else None
        record = RecordView(
            id=f"rec-{uuid.uuid4().hex[:8]}", unit_code=unit, number=number, title=title, record_type="nhiem_vu",
            record_type_label=RECORD_TYPES["nhiem_vu"], department_id=department_id, closed_on=closed_on,
            retention_years=years, retention_until=until, location={"store": "Kho 1", "shelf": "", "box": "Hộp 2"},
            files=list(files), state=state, state_label=RECORD_STATES[state], archived_by="p-secretary",
            archived_at=NOW, past_retention=state == "archived" and until is not None and until < TODAY)
        self.records[record.id] = record
        return record

    def _record(self, actor, record_id) -> RecordView:
        found = self.records.get(record_id)
        if found is None or found.unit_code != actor.unit_code:
            raise NotFound(RECORD_NOT_FOUND)
        return found

    @rpc
    def archive_record(self, cmd):
        c = parse(ArchiveRecord, cmd)
        if not (c.actor.has_role("secretary") or (c.actor.has_role("dept_head")
                                                  and c.actor.department_id == c.department_id)):
            raise Forbidden("Chỉ Thư ký ISO, hoặc Trưởng phòng với hồ sơ của phòng mình, được lưu trữ hồ sơ.")
        if any(r.unit_code == c.actor.unit_code and r.number == (c.number or c.dossier_code)
               for r in self.records.values()):
            raise Conflict(f"Số, ký hiệu {c.number or c.dossier_code} đã có trong kho lưu trữ của đơn vị.")
        record = self.add_record(c.actor.unit_code, c.number or c.dossier_code, c.title or c.dossier_code,
                                 c.department_id, c.closed_on or TODAY, c.retention_years, c.files)
        self.records[record.id] = record = record.model_copy(update={"dossier_code": c.dossier_code,
                                                                     "record_type": c.record_type,
                                                                     "location": c.location})
        return record

    @rpc
    def list_records(self, query):
        q = parse(RecordFilter, query)
        rows = [r for r in self.records.values() if r.unit_code == q.actor.unit_code]
        return [r for r in rows if (q.record_type is None or r.record_type == q.record_type)
                and (q.department_id is None or r.department_id == q.department_id)
                and (q.state is None or r.state == q.state) and (not q.due_for_destruction or r.past_retention)]

    @rpc
    def get_record(self, query):
        q = parse(RecordQuery, query)
        return self._record(q.actor, q.record_id)

    # -- loans -----------------------------------------------------------------------------------------
    @rpc
    def request_loan(self, cmd):
        c = parse(RequestLoan, cmd)
        record = self._record(c.actor, c.record_id)
        if record.state != "archived":
            raise Conflict("Hồ sơ này đang được cho mượn; chỉ đăng ký mượn sau khi hồ sơ được trả.")
        loan = LoanView(id=f"loan-{uuid.uuid4().hex[:8]}", unit_code=record.unit_code, record_id=record.id,
                        record_number=record.number, record_title=record.title,
                        record_department_id=record.department_id, borrower_id=c.actor.id,
                        borrower_department_id=c.actor.department_id, purpose=c.purpose, borrowed_on=c.borrowed_on,
                        due_on=c.due_on, status="requested", status_label=LOAN_STATUSES["requested"],
                        requested_at=NOW)
        self.loans[loan.id] = loan
        return loan

    def _loan(self, actor, loan_id) -> LoanView:
        found = self.loans.get(loan_id)
        if found is None or found.unit_code != actor.unit_code:
            raise NotFound("Không tìm thấy yêu cầu mượn hồ sơ.")
        return found

    @rpc
    def decide_loan(self, cmd):
        c = parse(DecideLoan, cmd)
        loan = self._loan(c.actor, c.loan_id)
        if not (c.actor.has_role("dept_head") and c.actor.department_id == loan.record_department_id):
            raise Forbidden("Chỉ Trưởng phòng của phòng quản lý hồ sơ được duyệt yêu cầu mượn.")
        status = "approved" if c.approve else "refused"
        self.loans[loan.id] = loan = loan.model_copy(update={
            "status": status, "status_label": LOAN_STATUSES[status], "decided_by": c.actor.id, "decided_at": NOW,
            "overdue": c.approve and loan.due_on < TODAY})
        if c.approve:
            record = self.records[loan.record_id]
            self.records[record.id] = record.model_copy(update={"state": "on_loan",
                                                                "state_label": RECORD_STATES["on_loan"]})
        return loan

    @rpc
    def return_loan(self, cmd):
        c = parse(ReturnLoan, cmd)
        loan = self._loan(c.actor, c.loan_id)
        if not (c.actor.has_role("secretary") or (c.actor.has_role("dept_head")
                                                  and c.actor.department_id == loan.record_department_id)):
            raise Forbidden("Chỉ Thư ký ISO hoặc Trưởng phòng quản lý hồ sơ được ghi nhận trả hồ sơ.")
        self.loans[loan.id] = loan = loan.model_copy(update={
            "status": "returned", "status_label": LOAN_STATUSES["returned"], "returned_on": c.returned_on or TODAY,
            "overdue": False})
        record = self.records[loan.record_id]
        self.records[record.id] = record.model_copy(update={"state": "archived",
                                                            "state_label": RECORD_STATES["archived"]})
        return loan

    @rpc
    def list_loans(self, query):
        q = parse(LoanFilter, query)
        sees_all = q.actor.has_role("leader", "secretary", "dept_head")
        rows = [l for l in self.loans.values() if l.unit_code == q.actor.unit_code
                and (sees_all or l.borrower_id == q.actor.id)]
        return [l for l in rows if (q.status is None or l.status == q.status) and (not q.overdue or l.overdue)
                and (q.record_id is None or l.record_id == q.record_id)]

    # -- destruction lists -----------------------------------------------------------------------------
    @rpc
    def propose_destruction(self, cmd):
        c = parse(ProposeDestruction, cmd)
        if not c.actor.has_role("secretary"):
            raise Forbidden("Chỉ Thư ký ISO được đề xuất danh sách hủy hồ sơ.")
        records = [self._record(c.actor, r) for r in c.content.record_ids]
        for record in records:
            if not record.past_retention:
                raise InvalidInput(f"Hồ sơ {record.number} chưa hết thời hạn lưu trữ (hoặc lưu trữ vĩnh viễn, "
                                   "hoặc đã hủy); không thể đề xuất hủy.")
        destruction = DestructionView(id=f"des-{uuid.uuid4().hex[:8]}", unit_code=c.actor.unit_code,
                                      content=c.content, records=records, status="proposed",
                                      status_label=DESTRUCTION_STATUSES["proposed"], proposed_by=c.actor.id,
                                      proposed_at=NOW)
        self.destructions[destruction.id] = destruction
        return destruction

    @rpc
    def get_destruction(self, query):
        q = parse(DestructionQuery, query)
        found = self.destructions.get(q.destruction_id)
        if found is None or found.unit_code != q.actor.unit_code:
            raise NotFound("Không tìm thấy danh sách hủy hồ sơ.")
        return found

    @rpc
    def list_destructions(self, query):
        q = parse(UnitQuery, query)
        return [d for d in self.destructions.values() if d.unit_code == q.actor.unit_code]


def seed_registry(documents) -> None:
    """Two documents of the register (one in force after a new version, one waiting for "Duyệt"), two records."""
    documents._init_registry()
    documents.store("SONGANH", "p-secretary", "Quy trình kiểm soát tài liệu.pdf", "application/pdf", b"%PDF-1.4 qt",
                    file_id="f-qt-v2", at=NOW)
    documents.files["f-qt-v2"] = documents.files["f-qt-v2"].model_copy(update={"verified_type": "pdf"})
    documents.add_document("SONGANH", "08/TTNB-To", "Quy trình kiểm soát tài liệu", [
        {"status": "obsolete", "effective": date(2020, 2, 1), "code": "7-2020-1-SONGANH", "files": ["f-seed"]},
        {"status": "effective", "effective": TODAY, "code": "7-2026-2-SONGANH", "files": ["f-qt-v2"],
         "change_summary": "Sửa đổi lưu đồ"}])
    documents.add_document("SONGANH", "15/TTNB-SKHCB09", "Về ban hành QUY CHẾ HD ISO", [
        {"status": "submitted", "effective": TODAY, "code": "7-2026-3-SONGANH", "doc_type": "quy_che"}])
    documents.add_document("KHAC", "01/KHAC", "Tài liệu của đơn vị khác", [{"status": "effective"}])
    documents.add_record("SONGANH", "HS-2019-07", "Hồ sơ đề tài đường giao thông",
                         closed_on=date(TODAY.year - 4, 1, 15), years=2)
    documents.add_record("SONGANH", "HS-2025-01", "Hồ sơ nhiệm vụ ABC", years=10)
