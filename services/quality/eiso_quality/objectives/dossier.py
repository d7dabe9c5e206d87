"""What the dossier "Xây dựng, chỉnh sửa mục tiêu chất lượng" (type 3) does to a version of the objectives.

Step keys of the workflow's definition: "draft" (1, Thư ký ISO, "Trình duyệt"), "approval"
(2, Lãnh đạo đơn vị: chọn chính sách, chỉnh sửa, Duyệt / Bổ sung / Không duyệt / Chưa chuyển),
"record" (3, Thư ký ISO, "Ghi nhận", final). The kit applies the facts in the workflow's order.
"""
from __future__ import annotations

from eiso_contracts.content import ObjectivesContent
from eiso_contracts.events.quality import ObjectivesApproved, ObjectivesRevised

from eiso_kit.dossiers import ArtefactType, Change

from . import repository
from .aggregate import APPROVED, CLOSED, REJECTED, RETURNED, SUBMITTED
from .recording import record
from .submission import ARTEFACT_KIND, ARTEFACT_SERVICE, DOSSIER_TYPE


def revise(change: Change) -> None:
    objectives, fact = change.artefact, change.fact
    if objectives.revise(change.content):
        change.emit(ObjectivesRevised(objectives_id=objectives.id, revision=objectives.revision,
                                      content=objectives.content, revised_by=fact.actor_id,
                                      dossier_code=fact.dossier_code))


def approved(change: Change) -> None:
    objectives, fact = change.artefact, change.fact
    objectives.status, objectives.approved_by = APPROVED, fact.actor_id
    change.emit(ObjectivesApproved(objectives_id=objectives.id, unit_code=objectives.unit_code, year=objectives.year,
                                   content=objectives.content, approved_by=fact.actor_id, approved_at=fact.at,
                                   dossier_code=fact.dossier_code))


def resubmitted(change: Change) -> None:
    change.artefact.status = SUBMITTED
    change.action = "resubmitted"


def returned(change: Change) -> None:
    change.artefact.status = RETURNED


def rejected(change: Change) -> None:
    change.artefact.status = REJECTED


def recorded(change: Change) -> None:
    change.put_in_force("quality.objectives.in_force", record)  # completions of one unit apply one at a time


OBJECTIVES = ArtefactType(
    service=ARTEFACT_SERVICE,
    kind=ARTEFACT_KIND,
    dossier_type=DOSSIER_TYPE,
    repository=repository,
    content=ObjectivesContent,
    revise=revise,
    closed=lambda objectives: objectives.status in CLOSED,
    on={
        ("approved", "draft"): resubmitted,     # Trình duyệt again after Bổ sung
        ("approved", "approval"): approved,     # Duyệt
        ("returned", None): returned,           # Bổ sung
        ("rejected", None): rejected,           # Không duyệt
        ("completed", None): recorded,          # Ghi nhận: in force, the previous version superseded
    },
)
