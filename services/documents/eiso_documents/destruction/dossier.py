"""What the dossier "Hủy hồ sơ hết thời hạn lưu trữ" (type 12) does to a destruction list, step by step.

Step keys: "proposal" (1, Thư ký ISO, "Trình duyệt"), "approval" (2, Lãnh đạo đơn vị: Duyệt / Không duyệt /
Bổ sung, final). Only the completion (the leader's "Duyệt") executes the list: in the same commit each record
still past its retention and not lent becomes a tombstone and its files are marked destroyed (a file a
controlled document or another record still lists is kept); the bytes go right after the commit.
"""
from __future__ import annotations

from datetime import timezone

from eiso_contracts.content import DestructionContent
from eiso_contracts.events.documents import DestructionDecided, DestructionExecuted, RecordDestroyed
from sqlalchemy import update

from eiso_kit.dossiers import ArtefactType, Change

from ..controlled import repository as documents
from ..models import DESTROYED, STORED, files
from ..records import indexing, loan_repository
from ..records import repository as records
from ..records.aggregate import DESTROYED as RECORD_DESTROYED
from . import repository
from .aggregate import APPROVED, CLOSED, EXECUTED, PROPOSED, REJECTED, RETURNED
from .submission import ARTEFACT_KIND, ARTEFACT_SERVICE, DOSSIER_TYPE


def _decided(change: Change, status: str) -> None:
    destruction = change.artefact
    destruction.status = status
    change.emit(DestructionDecided(destruction_id=destruction.id, unit_code=destruction.unit_code, status=status,
                                   dossier_code=change.fact.dossier_code))


def revise(change: Change) -> None:
    if change.content != change.artefact.content:
        change.artefact.content = change.content


def approved(change: Change) -> None:
    destruction, fact = change.artefact, change.fact
    destruction.status, destruction.approved_by, destruction.approved_at = APPROVED, fact.actor_id, fact.at


def execute(change: Change) -> None:
    destruction, fact, session = change.artefact, change.fact, change.session
    change.lock(f"documents.records.{destruction.unit_code}")
    today = fact.at.astimezone(timezone.utc).date()
    listed = records.many(session, list(destruction.content.record_ids), destruction.unit_code, lock=True)
    lent = loan_repository.lent_records(session, destruction.unit_code, [r.id for r in listed])
    chosen = [r for r in listed if r.past_retention(today) and r.id not in lent]
    chosen_ids = [r.id for r in chosen]
    all_files = list(dict.fromkeys(f for r in chosen for f in r.files))
    kept = documents.files_in_use(session, all_files) | records.files_of_live_records(session, all_files, chosen_ids)
    deleted_total = 0
    for record in chosen:
        before = record.snapshot()
        record.state, record.destruction_id, record.destroyed_at = RECORD_DESTROYED, destruction.id, fact.at
        gone = [f for f in record.files if f not in kept]
        if gone:
            deleted_total += session.execute(update(files).where(files.c.id.in_(gone), files.c.state == STORED)
                                              .values(state=DESTROYED)).rowcount or 0
        records.save(session, record)
        indexing.refresh(session, record)
        change.tx.audit("record", record.id, "destroyed", fact.actor_id, before=before, after=record.snapshot())
        change.emit(RecordDestroyed(record_id=record.id, unit_code=record.unit_code, number=record.number,
                                    destruction_id=destruction.id, files_deleted=gone))
    destruction.status, destruction.executed_at, destruction.files_deleted = EXECUTED, fact.at, deleted_total
    change.emit(DestructionExecuted(destruction_id=destruction.id, unit_code=destruction.unit_code,
                                    record_ids=chosen_ids, approved_by=destruction.approved_by or fact.actor_id,
                                    executed_at=fact.at, dossier_code=fact.dossier_code))


DESTRUCTION = ArtefactType(
    service=ARTEFACT_SERVICE,
    kind=ARTEFACT_KIND,
    dossier_type=DOSSIER_TYPE,
    repository=repository,
    content=DestructionContent,
    revise=revise,
    closed=lambda destruction: destruction.status in CLOSED,
    on={
        ("approved", "proposal"): lambda change: _decided(change, PROPOSED),   # Trình duyệt again after Bổ sung
        ("approved", "approval"): approved,                                     # Duyệt
        ("returned", None): lambda change: _decided(change, RETURNED),          # Bổ sung
        ("rejected", None): lambda change: _decided(change, REJECTED),          # Không duyệt
        ("completed", None): execute,                                           # only now: destroyed
    },
)
