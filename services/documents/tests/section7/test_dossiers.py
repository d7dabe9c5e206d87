"""What the dossiers of types 7 and 12 do to versions and destruction lists: facts fed by hand (no bus),
through the real follower, transitions and repositories on a migrated SQLite database and a folder."""
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from eiso_contracts.content import DestructionContent, DocumentVersionContent
from eiso_contracts.dossier import ArtefactRef, DossierRef, StepAssignment, StepRef
from eiso_contracts.events.workflow import (DossierApproved, DossierCompleted, DossierOpened, DossierRejected,
                                            DossierReturned)
from eiso_documents import models
from eiso_documents.controlled import in_force
from eiso_documents.controlled import repository as versions
from eiso_documents.controlled.aggregate import SUBMITTED, Document, Version
from eiso_documents.destruction import execution
from eiso_documents.destruction import repository as destructions
from eiso_documents.destruction.aggregate import PROPOSED, Destruction
from eiso_documents.destruction.minutes import Names
from eiso_documents.records import repository as records
from eiso_documents.records.aggregate import Record
from eiso_documents.service import FOLLOWER
from eiso_kit.testing.database import received

from .conftest import NOW

TODAY = NOW.date()
STEPS = {7: (StepRef(number=1, key="draft", name="Soạn thảo"), StepRef(number=2, key="approval", name="Phê duyệt")),
         12: (StepRef(number=1, key="proposal", name="Đề xuất"), StepRef(number=2, key="approval", name="Phê duyệt"))}


class Dossier:
    """The workflow's facts about one artefact, as the follower receives them."""

    def __init__(self, documents, type_code, kind, artefact_id, code):
        self.documents, self.type_code, self.kind, self.artefact_id, self.code = \
            documents, type_code, kind, artefact_id, code
        self.minute = 0

    def ref(self, v):
        return DossierRef(id=f"d-{self.code}", code=self.code, type_code=str(self.type_code), unit_code="SONGANH",
                          artefact=ArtefactRef(service="documents", kind=self.kind, id=self.artefact_id, title="t"),
                          version=v)

    def follow(self, data):
        self.minute += 1
        FOLLOWER.follow(self.documents.db, received(data, at=NOW + timedelta(minutes=self.minute),
                                                    consumer="eiso.documents.dossier_progress"))

    def opened(self):
        draft, approval = STEPS[self.type_code]
        self.follow(DossierOpened(dossier=self.ref(1), title="t", opened_by="p-thuky", current=StepAssignment(
            step=approval, department_id="d-bgd", handler_id="p-lanhdao", deadline=TODAY)))

    def approve(self, v, content=None):
        """The leader's Duyệt on the final step: "approved", then "completed", both of version ``v``."""
        _, approval = STEPS[self.type_code]
        self.follow(DossierApproved(dossier=self.ref(v), step=approval, actor_id="p-lanhdao", content=content))
        self.follow(DossierCompleted(dossier=self.ref(v), step=approval, actor_id="p-lanhdao"))

    def returned(self, v):
        draft, approval = STEPS[self.type_code]
        self.follow(DossierReturned(dossier=self.ref(v), step=approval, actor_id="p-lanhdao", returned_to=StepAssignment(
            step=draft, department_id="d-vp", handler_id="p-thuky", deadline=TODAY)))

    def resubmitted(self, v):
        draft, _ = STEPS[self.type_code]
        self.follow(DossierApproved(dossier=self.ref(v), step=draft, actor_id="p-thuky", next=StepAssignment(
            step=STEPS[self.type_code][1], department_id="d-bgd", handler_id="p-lanhdao", deadline=TODAY)))

    def rejected(self, v):
        _, approval = STEPS[self.type_code]
        self.follow(DossierRejected(dossier=self.ref(v), step=approval, actor_id="p-lanhdao"))


def content(document_id=None, effective=TODAY, **changes):
    return DocumentVersionContent(document_id=document_id, internal_number="08/TTNB-To",
                                  title="Quy trình kiểm soát tài liệu", doc_type="quy_trinh", department_id="d-vp",
                                  effective_date=effective, distribution=["d-khoahoc"], **changes)


def add_version(documents, number, document_id="doc-1", effective=TODAY, files=()):
    """Version ``number`` as ``submission.draft`` leaves it: a new document, or the existing one's next version."""
    with documents.db.read() as session:
        document = versions.get_document_any_unit(session, document_id)
    if document is None:
        document = Document(id=document_id, unit_code="SONGANH", internal_number="08/TTNB-To",
                            title="Quy trình kiểm soát tài liệu", doc_type="quy_trinh", department_id="d-vp",
                            created_by="p-thuky", created_at=NOW)
    document.latest_version = number
    version = Version(id=f"v{number}", document_id=document_id, unit_code="SONGANH", number=number,
                      content=content(document_id, effective), status=SUBMITTED, submitted_by="p-thuky",
                      submitted_at=NOW, files=list(files), document=document)
    with documents.db.transaction() as tx:
        versions.add(tx.session, version)
    return Dossier(documents, 7, "document_version", version.id, f"7-2026-{number}-SONGANH")


def state(documents, version_id):
    with documents.db.read() as session:
        version = versions.get(session, version_id)
        return version.status, version.effective_from, version.withdrawn_on


def test_approved_in_force_today_and_the_next_version_withdraws_it(documents):
    first = add_version(documents, 1)
    first.opened()
    assert state(documents, "v1")[0] == "submitted"
    first.approve(2)
    assert state(documents, "v1")[0] == "approved"
    assert in_force.apply_due(documents.db, TODAY) == 1
    assert state(documents, "v1") == ("effective", TODAY, None)
    assert in_force.apply_due(documents.db, TODAY) == 0  # once
    second = add_version(documents, 2)
    second.opened()
    second.approve(2, content(document_id="doc-1", change_summary="Sửa lưu đồ").model_dump(mode="json"))
    in_force.apply_due(documents.db, TODAY + timedelta(days=1))
    assert state(documents, "v1")[0] == "obsolete" and state(documents, "v1")[2] == TODAY + timedelta(days=1)
    assert state(documents, "v2")[0] == "effective"
    with documents.db.read() as session:
        assert versions.get(session, "v2").content.change_summary == "Sửa lưu đồ"  # the leader's edit
        assert versions.get_document_any_unit(session, "doc-1").in_force_version == 2
    types = documents.outbox_types()
    for expected in ("documents.document.approved.v1", "documents.document.effective.v1",
                     "documents.document.withdrawn.v1", "documents.document.distributed.v1",
                     "documents.document.revised.v1"):
        assert expected in types


def test_a_version_approved_for_a_later_date_waits_for_it(documents):
    later = add_version(documents, 1, effective=TODAY + timedelta(days=10))
    later.opened()
    later.approve(2)
    assert in_force.apply_due(documents.db, TODAY) == 0
    assert state(documents, "v1")[0] == "approved"
    assert in_force.apply_due(documents.db, TODAY + timedelta(days=10)) == 1
    assert state(documents, "v1")[:2] == ("effective", TODAY + timedelta(days=10))


def test_returned_resubmitted_then_rejected(documents):
    dossier = add_version(documents, 1)
    dossier.opened()
    dossier.returned(2)
    assert state(documents, "v1")[0] == "returned"
    dossier.resubmitted(3)
    assert state(documents, "v1")[0] == "submitted"
    dossier.rejected(4)
    assert state(documents, "v1")[0] == "rejected"
    assert in_force.apply_due(documents.db, TODAY) == 0


def test_the_review_date_is_reminded_once_before_it(documents):
    dossier = add_version(documents, 1)
    dossier.opened()
    dossier.approve(2, content(document_id="doc-1", review_date=TODAY + timedelta(days=40)).model_dump(mode="json"))
    in_force.apply_due(documents.db, TODAY)
    assert in_force.remind_reviews(documents.db, TODAY) == 0          # 40 days ahead: not yet
    assert in_force.remind_reviews(documents.db, TODAY + timedelta(days=11)) == 1
    assert in_force.remind_reviews(documents.db, TODAY + timedelta(days=12)) == 0
    assert documents.outbox_types().count("documents.document.review_due.v1") == 1


def archived(documents, number, closed_on, years, files=()):
    record = Record(id=f"r-{number}", unit_code="SONGANH", number=number, title=f"Hồ sơ {number}",
                    record_type="nhiem_vu", department_id="d-khoahoc", closed_on=closed_on, retention_years=years,
                    archived_by="p-truongphong", archived_at=NOW, files=list(files))
    with documents.db.transaction() as tx:
        records.add(tx.session, record)
    return record


def test_a_destruction_list_deletes_files_only_once_approved_and_keeps_the_metadata(documents, tmp_path):
    scan = documents.stored_file("scan.pdf", text="de tai duong giao thong")
    shared = documents.stored_file("dung-chung.pdf")
    old = archived(documents, "HS-1", date(2020, 1, 1), 2, [scan.id, shared.id])
    archived(documents, "HS-2", date(2025, 1, 1), 10, [shared.id])      # still lists the shared file
    destruction = Destruction(id="des-1", unit_code="SONGANH", status=PROPOSED, proposed_by="p-thuky",
                              proposed_at=NOW, content=DestructionContent(record_ids=[old.id], reason="Hết hạn"))
    with documents.db.transaction() as tx:
        destructions.add(tx.session, destruction)
    dossier = Dossier(documents, 12, "destruction", "des-1", "12-2026-1-SONGANH")
    dossier.opened()
    dossier.returned(2)
    dossier.resubmitted(3)
    assert execution.purge(documents.db, documents.store) == 0
    assert len(list((tmp_path / "files").rglob("*"))) > 2 and scan.id in {p.name for p in (tmp_path / "files").rglob("*")}
    dossier.approve(4)
    with documents.db.read() as session:
        tombstone = records.get(session, old.id, "SONGANH")
        assert (tombstone.state, tombstone.number, tombstone.files) == ("destroyed", "HS-1", [scan.id, shared.id])
        executed = destructions.get(session, "des-1")
        assert (executed.status, executed.files_deleted) == ("executed", 1)
    assert execution.purge(documents.db, documents.store) == 1
    names = {p.name for p in (tmp_path / "files").rglob("*") if p.is_file()}
    assert scan.id not in names and shared.id in names
    written = execution.write_minutes(documents.db, documents.store, lambda d, r: Names(
        unit="Sở KH&CN", proposer="Trần Thị Bình", approver="Nguyễn Văn An", departments={}), "Asia/Ho_Chi_Minh")
    assert written == 1
    with documents.db.read() as session:
        minutes_id = destructions.get(session, "des-1").minutes_file_id
        row = session.execute(select(models.files).where(models.files.c.id == minutes_id)).one()
    assert (row.state, row.attached_to, row.verified_type) == ("stored", "12-2026-1-SONGANH", "docx")
    assert execution.write_minutes(documents.db, documents.store, None, "Asia/Ho_Chi_Minh") == 0
    types = documents.outbox_types()
    assert types.count("documents.record.destroyed.v1") == 1 and "documents.destruction.executed.v1" in types


@pytest.mark.parametrize("fact", ["rejected", "returned"])
def test_a_list_not_approved_destroys_nothing(documents, fact):
    scan = documents.stored_file("scan.pdf")
    old = archived(documents, "HS-1", date(2020, 1, 1), 2, [scan.id])
    with documents.db.transaction() as tx:
        destructions.add(tx.session, Destruction(id="des-1", unit_code="SONGANH", status=PROPOSED,
                                                 proposed_by="p-thuky", proposed_at=NOW,
                                                 content=DestructionContent(record_ids=[old.id], reason="x")))
    dossier = Dossier(documents, 12, "destruction", "des-1", "12-2026-1-SONGANH")
    dossier.opened()
    getattr(dossier, fact)(2)
    assert execution.purge(documents.db, documents.store) == 0
    with documents.db.read() as session:
        assert records.get(session, old.id, "SONGANH").state == "archived"


def test_an_overdue_loan_is_reminded_once(documents):
    from eiso_documents.records import loan_repository
    from eiso_documents.records.loans import APPROVED, Loan
    from eiso_documents.records.reads import remind_overdue

    record = archived(documents, "HS-9", date(2025, 1, 1), 10)
    with documents.db.transaction() as tx:
        loan_repository.add(tx.session, Loan(
            id="l1", unit_code="SONGANH", record_id=record.id, borrower_id="p-nhanvien",
            borrower_department_id="d-khoahoc", purpose="Tra cứu", borrowed_on=TODAY - timedelta(days=10),
            due_on=TODAY - timedelta(days=1), status=APPROVED, requested_by="p-nhanvien", requested_at=NOW))
    assert remind_overdue(documents.db, TODAY - timedelta(days=1)) == 0   # due today: not overdue yet
    assert remind_overdue(documents.db, TODAY) == 1
    assert remind_overdue(documents.db, TODAY + timedelta(days=3)) == 0
    assert documents.outbox_types() == ["documents.loan.overdue.v1"]
