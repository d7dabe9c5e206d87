"""What the dossier "Hành động khắc phục" (type 11) does to a nonconformity, step by step.

Step keys of the workflow's definition: "report" (1, the finding or report that opened it),
"analysis" (2, Trưởng phòng: correction, five whys, corrective action, owner, due date),
"approval" (3, Lãnh đạo: Duyệt / Bổ sung), "implementation" (4, Trưởng phòng reports it done),
"verification" (5, Đánh giá viên nội bộ: approve = effective, closed; Bổ sung = reopened, back to 2).
"""
from __future__ import annotations

from eiso_contracts.content import CorrectiveActionContent
from eiso_contracts.events.quality_nonconformity import (CorrectiveActionApproved, CorrectiveActionImplemented,
                                                         CorrectiveActionPlanned, NonconformityClosed,
                                                         NonconformityReopened)

from eiso_kit.dossiers import ArtefactType, Change

from . import repository
from .aggregate import APPROVED, CLOSED, IMPLEMENTED, OPEN, PLANNED, REOPENED
from .opening import ARTEFACT_KIND, ARTEFACT_SERVICE, DOSSIER_TYPE


def revise(change: Change) -> None:
    """The action as the step's handler left it (analysis, implementation, verification)."""
    change.artefact.action = change.content


def planned(change: Change) -> None:
    nc, fact = change.artefact, change.fact
    nc.status = PLANNED
    if nc.action is not None:
        change.emit(CorrectiveActionPlanned(nonconformity_id=nc.id, unit_code=nc.unit_code, action=nc.action,
                                            planned_by=fact.actor_id, dossier_code=fact.dossier_code))


def approved(change: Change) -> None:
    nc, fact = change.artefact, change.fact
    nc.status, nc.approved_by = APPROVED, fact.actor_id
    if nc.action is not None:
        change.emit(CorrectiveActionApproved(nonconformity_id=nc.id, unit_code=nc.unit_code,
                                             owner=nc.action.owner, due_date=nc.action.due_date,
                                             approved_by=fact.actor_id, dossier_code=fact.dossier_code))


def returned_to_head(change: Change) -> None:
    change.artefact.status = OPEN


def implemented(change: Change) -> None:
    nc, fact = change.artefact, change.fact
    nc.status = IMPLEMENTED
    change.emit(CorrectiveActionImplemented(nonconformity_id=nc.id, unit_code=nc.unit_code,
                                            implementation=nc.action.implementation if nc.action else "",
                                            implemented_by=fact.actor_id, dossier_code=fact.dossier_code))


def reopened(change: Change) -> None:
    nc, fact = change.artefact, change.fact
    nc.status, nc.reopened = REOPENED, nc.reopened + 1
    change.action = "reopened"
    change.emit(NonconformityReopened(nonconformity_id=nc.id, unit_code=nc.unit_code, reason=fact.comment,
                                      reopened_by=fact.actor_id, dossier_code=fact.dossier_code))


def closed(change: Change) -> None:
    nc, fact = change.artefact, change.fact
    nc.status, nc.verified_by, nc.closed_at = CLOSED, fact.actor_id, fact.at
    change.emit(NonconformityClosed(nonconformity_id=nc.id, unit_code=nc.unit_code,
                                    verification=nc.action.verification if nc.action else "",
                                    verified_by=fact.actor_id, dossier_code=fact.dossier_code))


NONCONFORMITY = ArtefactType(
    service=ARTEFACT_SERVICE,
    kind=ARTEFACT_KIND,
    dossier_type=DOSSIER_TYPE,
    repository=repository,
    content=CorrectiveActionContent,
    revise=revise,
    closed=lambda nc: nc.status == CLOSED,
    on={
        ("approved", "analysis"): planned,            # Trình duyệt: the head's plan goes to the leader
        ("approved", "approval"): approved,           # Duyệt
        ("returned", "approval"): returned_to_head,   # Bổ sung: the head completes the analysis
        ("approved", "implementation"): implemented,  # Báo cáo hoàn thành
        ("returned", "verification"): reopened,       # Mở lại: not effective
        ("completed", None): closed,                  # Đóng: effective
    },
)

