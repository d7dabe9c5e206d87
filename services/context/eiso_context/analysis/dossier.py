"""What the dossier "Phê duyệt bối cảnh tổ chức" (type 10) does to an analysis.

Step keys of the workflow's definition: "draft" (1, Thư ký ISO, "Trình duyệt"), "approval"
(2, Lãnh đạo đơn vị: Phê duyệt, final, or Không duyệt with a reason). The leader acts right
in the list "Tổ chức và bối cảnh"; the action runs through the workflow, so the dossier's
history is the one record of who decided what.
"""
from __future__ import annotations

from eiso_contracts.content import ContextAnalysisContent
from eiso_contracts.events.context import AnalysisApproved, AnalysisRejected

from eiso_kit.dossiers import ArtefactType, Change

from . import repository
from .aggregate import SUBMITTED
from .submission import ARTEFACT_KIND, ARTEFACT_SERVICE, DOSSIER_TYPE


def approved(change: Change) -> None:
    analysis, fact = change.artefact, change.fact
    analysis.approve(fact.actor_id, fact.at)
    change.emit(AnalysisApproved(analysis_id=analysis.id, unit_code=analysis.unit_code, year=analysis.year,
                                 approved_by=fact.actor_id, approved_at=fact.at, dossier_code=fact.dossier_code))


def rejected(change: Change) -> None:
    analysis, fact = change.artefact, change.fact
    analysis.reject(fact.actor_id, fact.at, fact.comment)
    change.emit(AnalysisRejected(analysis_id=analysis.id, unit_code=analysis.unit_code, year=analysis.year,
                                 rejected_by=fact.actor_id, rejected_at=fact.at, reason=fact.comment,
                                 dossier_code=fact.dossier_code))


ANALYSIS = ArtefactType(
    service=ARTEFACT_SERVICE,
    kind=ARTEFACT_KIND,
    dossier_type=DOSSIER_TYPE,
    repository=repository,
    content=ContextAnalysisContent,
    closed=lambda analysis: analysis.status != SUBMITTED,
    on={
        ("approved", "approval"): approved,     # Phê duyệt (final: its "completed" changes nothing more)
        ("rejected", "approval"): rejected,     # Không duyệt, with the reason
    },
)
