"""Uploads within a daily quota per person; files no dossier lists are removed after the retention.

Which files the dossiers list comes from the workflow's events (here handed to the handler the
way the subscription does); a file held by a saved draft ("Chưa chuyển") stays while it is held.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from eiso_contracts.dossier import ArtefactRef, DossierRef, StepAssignment, StepRef
from eiso_contracts.envelope import make_event
from eiso_contracts.events.workflow import DossierApproved, DossierOpened, DossierSaved
from eiso_kit.db import Database, DatabaseAccess
from eiso_kit.events.subscribe import Received

from eiso_documents import attachments, cleanup
from eiso_documents.storage.provider import FileStorage
from eiso_kit.testing.actors import signed

MIB = 1024 * 1024
_THUKY = {"id": "p-thuky", "unit_code": "SONGANH", "roles": ["secretary"]}  # signed at each use (a proof lasts minutes)


def test_a_person_uploads_up_to_the_daily_quota_then_gets_429_until_midnight(start_documents):
    documents = start_documents(upload_quota_mb=1, max_upload_mb=1)
    assert documents.upload(b"a" * (MIB // 2)).status_code == 201
    over = documents.upload(b"b" * (MIB // 2 + 1))
    assert over.status_code == 429 and over.json()["error"] == "TOO_MANY_REQUESTS"
    assert "hết dung lượng cho phép trong ngày (tối đa 1 MB)" in over.json()["message"]
    assert 0 < over.json()["details"]["retry_after"] <= 24 * 3600
    assert documents.upload(b"c" * (MIB // 2), uploader="p-lanhdao").status_code == 201  # per person
    chunked = documents.post(documents.chunks(MIB // 2 + 10), documents.headers())  # no Content-Length
    assert chunked.status_code == 429
    assert len(documents.file_rows()) == 2 and len(documents.stored_objects()) == 2


def test_no_upload_grant_once_the_quota_is_spent(start_documents):
    documents = start_documents(upload_quota_mb=1, max_upload_mb=1)
    assert documents.upload(b"a" * MIB).status_code == 201
    from eiso_contracts.errors import TooManyRequests

    with documents.rpc() as rpc, pytest.raises(TooManyRequests):
        rpc.grant_upload({"actor": signed(_THUKY)})


# -- what dossiers list, and the retention -----------------------------------------------------
NOW = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)
ASSIGNED = StepAssignment(step=StepRef(number=2, key="approve", name="Lãnh đạo phê duyệt"), department_id="d-bgd",
                          handler_id="p-lanhdao", deadline=date(2026, 3, 4))


def ref(version: int, code: str = "1-2026-1-SONGANH") -> DossierRef:
    return DossierRef(id="dos-1", code=code, type_code="1", unit_code="SONGANH", version=version,
                      artefact=ArtefactRef(service="quality", kind="policy", id="pol-1", title="Chính sách"))


def received(data) -> Received:
    event = make_event(data, source="urn:test:workflow", prefix="vn.eiso", id=str(uuid.uuid4()))
    return Received(event=event, type=data.event_type, data=data, consumer="eiso.documents.dossier_files")


def opened(version, files):
    return DossierOpened(dossier=ref(version), title="Chính sách", opened_by="p-thuky", current=ASSIGNED,
                         attachments=files)


def saved(version, files):
    return DossierSaved(dossier=ref(version), step=ASSIGNED.step, actor_id="p-lanhdao", attachments=files)


def approved(version, files):
    return DossierApproved(dossier=ref(version), step=ASSIGNED.step, actor_id="p-lanhdao", attachments=files)


@pytest.fixture
def running(documents):
    container = documents.container
    db = DatabaseAccess(next(d for d in container.dependencies if isinstance(d, Database)))
    store = next(d for d in container.dependencies if isinstance(d, FileStorage)).store
    ids = [documents.upload(f"tệp {n}".encode()).json()["id"] for n in range(5)]
    return documents, db, store, ids


def sweep(db, store, hours_later: float) -> int:
    return cleanup.sweep(db, store, 72, now=datetime.now(timezone.utc) + timedelta(hours=hours_later))


def states(documents) -> dict[str, str]:
    return {row["id"]: row["state"] for row in documents.file_rows()}


def test_files_no_dossier_lists_are_removed_after_the_retention_and_listed_ones_stay(running):
    documents, db, store, (kept, draft, let_go, never, late) = running
    attachments.apply(db, received(opened(1, [kept])))
    attachments.apply(db, received(saved(2, [draft, let_go])))
    attachments.apply(db, received(saved(3, [draft])))          # the draft let one go
    assert sweep(db, store, 71) == 0                            # nothing before the retention
    assert sweep(db, store, 73) == 3                            # the two never listed, and the one let go
    found = states(documents)
    assert found[kept] == found[draft] == "stored"
    assert found[never] == found[late] == found[let_go] == "removed"
    assert documents.get(f"/files/{never}").status_code == 404
    assert len(documents.stored_objects()) == 2


def test_a_transfer_consumes_the_draft_and_keeps_what_it_lists(running):
    documents, db, store, (kept, draft, *_rest) = running
    attachments.apply(db, received(saved(2, [kept, draft])))
    attachments.apply(db, received(approved(3, [kept])))        # Duyệt with one of the two
    sweep(db, store, 73)
    found = states(documents)
    assert found[kept] == "stored" and found[draft] == "removed"


def test_an_old_draft_delivered_late_does_not_hold_files_again(running):
    documents, db, store, (kept, draft, *_rest) = running
    attachments.apply(db, received(approved(3, [kept])))
    attachments.apply(db, received(saved(2, [draft])))          # older than what was applied
    sweep(db, store, 73)
    assert states(documents)[draft] == "removed"


def test_an_event_applied_twice_changes_nothing_more(running):
    documents, db, store, (kept, *_rest) = running
    event = received(opened(1, [kept]))
    attachments.apply(db, event)
    attachments.apply(db, event)
    sweep(db, store, 73)
    assert states(documents)[kept] == "stored"
    assert [r["attached_to"] for r in documents.file_rows() if r["id"] == kept] == ["1-2026-1-SONGANH"]


def test_files_an_audit_finding_lists_stay_with_the_audit(running):
    from eiso_contracts.events.audit import FindingRecorded

    documents, db, store, (evidence, other, *_rest) = running
    finding = FindingRecorded(finding_id="f-1", plan_id="plan-1", unit_code="SONGANH", kind="observation",
                              clause="7.1", department_id="d-kh", description="Mô tả", evidence="Ảnh chụp",
                              attachments=[evidence], recorded_by="p-danhgia",
                              recorded_at=datetime(2026, 3, 12, tzinfo=timezone.utc))
    event = make_event(finding, source="urn:test:audit", prefix="vn.eiso", subject="plan/plan-1")
    attachments.apply(db, Received(event=event, type=finding.event_type, data=finding,
                                   consumer="eiso.documents.dossier_files"))
    sweep(db, store, 73)
    found = states(documents)
    assert found[evidence] == "stored" and found[other] == "removed"
