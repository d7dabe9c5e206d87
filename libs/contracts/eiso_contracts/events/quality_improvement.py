"""Facts the quality service publishes about continuous improvement (ISO 10.3, "Cải tiến liên tục")."""
from __future__ import annotations

from ..content import ImprovementContent
from ..dossier import DossierRequest, Id
from .base import EventData


class _Improvement(EventData):
    improvement_id: Id
    unit_code: str


class ImprovementProposed(_Improvement):
    event_type = "quality.improvement.proposed.v1"
    summary = "Someone proposed an improvement (Đề xuất hoạt động cải tiến liên tục); it waits for the leader."
    title: str
    department_id: Id
    proposed_by: Id


class ImprovementApproved(_Improvement):
    event_type = "quality.improvement.approved.v1"
    summary = ("The leader approved the proposal (Đã phê duyệt); the workflow opens its improvement dossier, "
               "where the leader gives directions.")
    title: str
    approved_by: Id
    dossier_request: DossierRequest


class ImprovementRefused(_Improvement):
    event_type = "quality.improvement.refused.v1"
    summary = "The leader refused the proposal (Không duyệt), with the reason."
    reason: str
    refused_by: Id


class ImprovementDirected(_Improvement):
    event_type = "quality.improvement.directed.v1"
    summary = "The leader gave directions (chỉ đạo) on the improvement and sent it to the ISO secretary."
    content: ImprovementContent
    directed_by: Id
    dossier_code: str


class ImprovementRecorded(_Improvement):
    event_type = "quality.improvement.recorded.v1"
    summary = "The ISO secretary recorded (ghi nhận) the leader's directions and assigned the implementation."
    recorded_by: Id
    dossier_code: str


class ImprovementImplemented(_Improvement):
    event_type = "quality.improvement.implemented.v1"
    summary = "The department reported the implementation and result of the improvement."
    content: ImprovementContent
    implemented_by: Id
    dossier_code: str


class ImprovementCompleted(_Improvement):
    event_type = "quality.improvement.completed.v1"
    summary = "The ISO secretary recorded the result: the improvement is complete."
    content: ImprovementContent | None = None
    completed_by: Id
    dossier_code: str
