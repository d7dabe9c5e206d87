"""Submitting a version of the objectives: who may, under which policy, and the dossier the workflow opens."""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.dossier import ArtefactRef, DossierRequest
from eiso_contracts.errors import Forbidden, InvalidInput
from eiso_contracts.events.quality import ObjectivesSubmitted
from eiso_contracts.rpc.quality_objectives import SubmitObjectives

from .aggregate import Objectives, new_objectives

DOSSIER_TYPE = "3"            # "Xây dựng, chỉnh sửa mục tiêu chất lượng"
ARTEFACT_SERVICE = "quality"
ARTEFACT_KIND = "objectives"
ONLY_SECRETARY = "Chỉ Thư ký ISO được xây dựng mục tiêu chất lượng."
UNKNOWN_POLICY = "Chính sách chất lượng đã chọn không có hoặc chưa được ban hành. Vui lòng chọn lại chính sách."


def title_of(year: int) -> str:
    return f"Mục tiêu chất lượng năm {year}"


def draft(objectives_id: str, cmd: SubmitObjectives, now: datetime, policy_ids: set[str]) -> Objectives:
    """The secretary's version; ``policy_ids``: the unit's policies that were issued (it must pick one)."""
    if not cmd.actor.has_role("secretary"):
        raise Forbidden(ONLY_SECRETARY)
    if cmd.content.policy_id not in policy_ids:
        raise InvalidInput(UNKNOWN_POLICY, [{"field": "policy_id", "message": UNKNOWN_POLICY}])
    return new_objectives(objectives_id, cmd.actor.unit_code, cmd.content, cmd.actor.id, now)


def submitted(objectives: Objectives, cmd: SubmitObjectives) -> ObjectivesSubmitted:
    """The event that asks the workflow to open dossier type "3" about this version, step 2 routed as chosen."""
    request = DossierRequest(
        type_code=DOSSIER_TYPE, unit_code=objectives.unit_code,
        artefact=ArtefactRef(service=ARTEFACT_SERVICE, kind=ARTEFACT_KIND, id=objectives.id,
                             title=title_of(objectives.year)),
        opened_by=objectives.submitted_by, opened_by_department_id=cmd.actor.department_id, comment=cmd.comment,
        attachments=list(cmd.attachments), next=cmd.route,
    )
    return ObjectivesSubmitted(objectives_id=objectives.id, unit_code=objectives.unit_code,
                               content=objectives.content, submitted_by=objectives.submitted_by,
                               dossier_request=request)
