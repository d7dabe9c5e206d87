"""What the improvement dossier "Cải tiến liên tục" (type 6) does to an improvement, step by step.

Step keys of the workflow's definition: "approval" (1, the leader's Phê duyệt that opened it),
"direction" (2, Lãnh đạo: chỉ đạo, then to the secretary), "record" (3, Thư ký ISO: Ghi nhận, assigns
the department), "implementation" (4, Trưởng phòng: what was done, the result), "result" (5, Thư ký ISO
records the result: Hoàn thành; Bổ sung sends it back to 4).
"""
from __future__ import annotations

from eiso_contracts.content import ImprovementContent
from eiso_contracts.events.quality_improvement import (ImprovementCompleted, ImprovementDirected,
                                                       ImprovementImplemented, ImprovementRecorded)

from eiso_kit.dossiers import ArtefactType, Change

from . import repository
from .aggregate import CLOSED, COMPLETED, DIRECTED, IMPLEMENTED, RECORDED
from .decision import ARTEFACT_KIND, ARTEFACT_SERVICE, DOSSIER_TYPE


def revise(change: Change) -> None:
    change.artefact.content = change.content


def _ids(change: Change) -> dict:
    return {"improvement_id": change.artefact.id, "unit_code": change.artefact.unit_code,
            "dossier_code": change.fact.dossier_code}


def directed(change: Change) -> None:
    item = change.artefact
    item.status = DIRECTED
    if item.content is not None:
        change.emit(ImprovementDirected(**_ids(change), content=item.content, directed_by=change.fact.actor_id))


def recorded(change: Change) -> None:
    change.artefact.status = RECORDED
    change.emit(ImprovementRecorded(**_ids(change), recorded_by=change.fact.actor_id))


def implemented(change: Change) -> None:
    item = change.artefact
    item.status = IMPLEMENTED
    if item.content is not None:
        change.emit(ImprovementImplemented(**_ids(change), content=item.content,
                                           implemented_by=change.fact.actor_id))


def back_to_implementation(change: Change) -> None:
    change.artefact.status = RECORDED


def completed(change: Change) -> None:
    item = change.artefact
    item.status, item.completed_at = COMPLETED, change.fact.at
    change.emit(ImprovementCompleted(**_ids(change), content=item.content, completed_by=change.fact.actor_id))


IMPROVEMENT = ArtefactType(
    service=ARTEFACT_SERVICE,
    kind=ARTEFACT_KIND,
    dossier_type=DOSSIER_TYPE,
    repository=repository,
    content=ImprovementContent,
    revise=revise,
    closed=lambda item: item.status in CLOSED,
    on={
        ("approved", "direction"): directed,               # chỉ đạo, to the secretary
        ("approved", "record"): recorded,                  # Ghi nhận, to the department
        ("approved", "implementation"): implemented,       # Báo cáo kết quả
        ("returned", "result"): back_to_implementation,    # Bổ sung
        ("completed", None): completed,                    # Hoàn thành
    },
)
