"""Facts the quality service publishes about quality policies, quality objectives and their measurement.

Approval, return and rejection are the workflow's facts (``workflow.dossier.approved / returned /
rejected``, about artefact quality/policy); the quality service publishes only what is its own: the
submission (which asks for the dossier), each revision of the text, and the issue (in force).
"""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import ConfigDict

from ..base import Contract
from ..content import ObjectivesContent, Percent, PolicyContent
from ..dossier import DossierRequest, Id
from .base import EventData


class PolicySubmitted(EventData):
    event_type = "quality.policy.submitted.v1"
    summary = "The ISO secretary submitted a quality policy draft; the workflow opens its dossier."
    policy_id: Id
    unit_code: str
    content: PolicyContent
    submitted_by: Id
    dossier_request: DossierRequest


class PolicyRevised(EventData):
    event_type = "quality.policy.revised.v1"
    summary = "The policy's motto or statements were edited during review."
    policy_id: Id
    revision: int
    content: PolicyContent
    revised_by: Id
    dossier_code: str


class PolicyIssued(EventData):
    event_type = "quality.policy.issued.v1"
    summary = "The policy was issued (ban hành) and is now in force for its unit."
    policy_id: Id
    unit_code: str
    content: PolicyContent
    issued_by: Id
    issued_at: datetime
    dossier_code: str
    replaces_policy_id: Id | None = None
    # False when the workflow completed another dossier of the unit later and that one was applied first:
    # this policy was issued and is already replaced by ``superseded_by_policy_id``.
    in_force: bool = True
    superseded_by_policy_id: Id | None = None


# -- Mục tiêu chất lượng hàng năm (ISO 6.2) -----------------------------------------------------------------
class ObjectivesSubmitted(EventData):
    event_type = "quality.objectives.submitted.v1"
    summary = ("The ISO secretary submitted a version of the year's quality objectives; the workflow opens its "
               "dossier \"Xây dựng, chỉnh sửa mục tiêu chất lượng\".")
    objectives_id: Id
    unit_code: str
    content: ObjectivesContent
    submitted_by: Id
    dossier_request: DossierRequest


class ObjectivesRevised(EventData):
    event_type = "quality.objectives.revised.v1"
    summary = "The objectives (policy, names, targets) were edited during review."
    objectives_id: Id
    revision: int
    content: ObjectivesContent
    revised_by: Id
    dossier_code: str


class ObjectivesApproved(EventData):
    event_type = "quality.objectives.approved.v1"
    summary = "The unit leader approved (Duyệt) a version of the objectives; the secretary records it next."
    objectives_id: Id
    unit_code: str
    year: int
    content: ObjectivesContent
    approved_by: Id
    approved_at: datetime
    dossier_code: str


class ObjectivesRecorded(EventData):
    event_type = "quality.objectives.recorded.v1"
    summary = ("The secretary recorded (Ghi nhận) an approved version of the objectives: it is in force for its "
               "unit and the version in force before is superseded.")
    objectives_id: Id
    unit_code: str
    year: int
    content: ObjectivesContent
    recorded_by: Id
    recorded_at: datetime
    dossier_code: str
    replaces_objectives_id: Id | None = None
    # False when the workflow completed another objectives dossier of the unit later and that one was applied
    # first: this version was recorded and is already replaced by ``superseded_by_objectives_id``.
    in_force: bool = True
    superseded_by_objectives_id: Id | None = None


class DepartmentObjective(Contract):
    """One objective as a department took it: the unit's name and target, its own target and period."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    department_objective_id: Id
    objective_no: int
    name: str
    unit_target: Percent
    target: Percent
    period: Literal["month", "quarter", "year"]


class DepartmentObjectivesSet(EventData):
    event_type = "quality.department_objectives.set.v1"
    summary = ("A department head set the department's objectives from the unit's objectives in force (own "
               "target %, measurement period); the list is the department's whole set for that version.")
    unit_code: str
    department_id: Id
    objectives_id: Id
    year: int
    objectives: list[DepartmentObjective]
    set_by: Id
    set_at: datetime


class MeasurementRecorded(EventData):
    event_type = "quality.measurement.recorded.v1"
    summary = ("A department head recorded the measured % of a department objective for a period, with the cause "
               "and corrective action when the target was missed; a later revision of the same period replaces it.")
    measurement_id: Id
    unit_code: str
    department_id: Id
    objectives_id: Id
    year: int
    department_objective_id: Id
    objective_no: int
    objective_name: str
    target: Percent
    period: Literal["month", "quarter", "year"]
    period_key: str
    measured: Percent
    met: bool
    cause: str = ""
    corrective_action: str = ""
    recorded_by: Id
    recorded_at: datetime
    revision: int
