"""What the dossier "Soạn thảo, phê duyệt tài liệu" (type 7) does to a document version, step by step.

Step keys of the workflow's definition: "draft" (1, Thư ký ISO, "Trình duyệt"), "approval" (2, Lãnh đạo
đơn vị: Duyệt / Không duyệt / Bổ sung / Chưa chuyển, final). The leader's "Duyệt" approves the version and
completes the dossier; the version comes into force on its effective date (``in_force.apply_due``, right
after the approval is applied and then every minute), which withdraws the previous one.
"""
from __future__ import annotations

from eiso_contracts.content import DocumentVersionContent
from eiso_contracts.events.documents import (DocumentVersionApproved, DocumentVersionRejected,
                                             DocumentVersionResubmitted, DocumentVersionReturned,
                                             DocumentVersionRevised)

from eiso_kit.dossiers import ArtefactType, Change

from . import store
from .aggregate import APPROVED, CLOSED, REJECTED, RETURNED, SUBMITTED, Version
from .submission import ARTEFACT_KIND, ARTEFACT_SERVICE, DOSSIER_TYPE


def _ids(version: Version) -> dict:
    return {"document_id": version.document_id, "version_id": version.id, "version": version.number,
            "unit_code": version.unit_code, "internal_number": version.content.internal_number}


def revise(change: Change) -> None:
    version, fact = change.artefact, change.fact
    if version.revise(change.content):
        change.emit(DocumentVersionRevised(**_ids(version), content=version.content, revised_by=fact.actor_id,
                                           dossier_code=fact.dossier_code))


def resubmitted(change: Change) -> None:
    change.artefact.status = SUBMITTED
    change.action = "resubmitted"
    change.emit(DocumentVersionResubmitted(**_ids(change.artefact), dossier_code=change.fact.dossier_code))


def approved(change: Change) -> None:
    version, fact = change.artefact, change.fact
    version.status, version.approved_by, version.approved_at = APPROVED, fact.actor_id, fact.at
    change.emit(DocumentVersionApproved(**_ids(version), approved_by=fact.actor_id, approved_at=fact.at,
                                        effective_date=version.content.effective_date, dossier_code=fact.dossier_code))


def returned(change: Change) -> None:
    change.artefact.status = RETURNED
    change.emit(DocumentVersionReturned(**_ids(change.artefact), dossier_code=change.fact.dossier_code))


def rejected(change: Change) -> None:
    change.artefact.status = REJECTED
    change.emit(DocumentVersionRejected(**_ids(change.artefact), dossier_code=change.fact.dossier_code))


DOCUMENT_VERSION = ArtefactType(
    service=ARTEFACT_SERVICE,
    kind=ARTEFACT_KIND,
    dossier_type=DOSSIER_TYPE,
    repository=store,
    content=DocumentVersionContent,
    revise=revise,
    closed=lambda version: version.status in CLOSED,
    on={
        ("approved", "draft"): resubmitted,     # Trình duyệt again after Bổ sung
        ("approved", "approval"): approved,     # Duyệt (final: the dossier completes)
        ("returned", None): returned,           # Bổ sung
        ("rejected", None): rejected,           # Không duyệt
    },
)
