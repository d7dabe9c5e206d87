"""Proposing an improvement, and the leader's decision: approval opens the improvement dossier."""
from __future__ import annotations

from datetime import date, datetime

from eiso_contracts.dossier import ArtefactRef, Assignment, DossierRequest
from eiso_contracts.errors import InvalidInput
from eiso_contracts.events.quality_improvement import ImprovementApproved, ImprovementProposed
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.quality_improvement import ProposeImprovement

from eiso_kit.clock import add_working_days

from .aggregate import Improvement

DOSSIER_TYPE = "6"             # "Cải tiến liên tục"
ARTEFACT_SERVICE = "quality"
ARTEFACT_KIND = "improvement"
DIRECTION_DAYS = 3             # working days the leader has for the directions (the YAML's step 2)


def proposed(item_id: str, cmd: ProposeImprovement, now: datetime) -> tuple[Improvement, ImprovementProposed]:
    """Anyone of the unit proposes ("Đề xuất hoạt động cải tiến liên tục")."""
    item = Improvement(id=item_id, unit_code=cmd.actor.unit_code, title=cmd.title,
                       current_situation=cmd.current_situation, proposal=cmd.proposal,
                       expected_benefit=cmd.expected_benefit, department_id=cmd.department_id,
                       proposed_by=cmd.actor.id, proposed_at=now)
    return item, ImprovementProposed(improvement_id=item.id, unit_code=item.unit_code, title=item.title,
                                     department_id=item.department_id, proposed_by=item.proposed_by)


def approved(item: Improvement, leader: Actor, today: date) -> ImprovementApproved:
    """The event that asks the workflow to open dossier type "6"; step 2 (chỉ đạo) is the approving leader's."""
    if leader.department_id is None:
        raise InvalidInput("Tài khoản Lãnh đạo chưa thuộc phòng ban nào; không mở được hồ sơ cải tiến.")
    request = DossierRequest(
        type_code=DOSSIER_TYPE, unit_code=item.unit_code,
        artefact=ArtefactRef(service=ARTEFACT_SERVICE, kind=ARTEFACT_KIND, id=item.id,
                             title=f"Cải tiến: {item.title}"[:300]),
        opened_by=leader.id, opened_by_department_id=leader.department_id,
        next=Assignment(department_id=leader.department_id, handler_id=leader.id,
                        deadline=add_working_days(today, DIRECTION_DAYS)))
    return ImprovementApproved(improvement_id=item.id, unit_code=item.unit_code, title=item.title,
                               approved_by=leader.id, dossier_request=request)
