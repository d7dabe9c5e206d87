"""Facts the context service publishes about the organisation and its context analyses."""
from __future__ import annotations

from datetime import datetime

from ..content import ContextAnalysisContent
from ..dossier import DossierRequest, Id
from .base import EventData


class PersonCreated(EventData):
    event_type = "context.person.created.v1"
    summary = "A person was added to a unit, with a department and roles."
    person_id: Id
    unit_code: str
    username: str
    full_name: str
    department_id: Id | None = None
    roles: list[str]


class AnalysisSubmitted(EventData):
    event_type = "context.analysis.submitted.v1"
    summary = ("The ISO secretary submitted the context analysis of a year (Tổ chức và bối cảnh); the workflow "
               "opens its dossier.")
    analysis_id: Id
    unit_code: str
    year: int
    content: ContextAnalysisContent
    submitted_by: Id
    dossier_request: DossierRequest


class AnalysisApproved(EventData):
    event_type = "context.analysis.approved.v1"
    summary = "The unit leader approved (Phê duyệt) a context analysis; it may now be applied."
    analysis_id: Id
    unit_code: str
    year: int
    approved_by: Id
    approved_at: datetime
    dossier_code: str


class AnalysisRejected(EventData):
    event_type = "context.analysis.rejected.v1"
    summary = "The unit leader refused (Không duyệt) a context analysis, with the reason; the secretary may revise it."
    analysis_id: Id
    unit_code: str
    year: int
    rejected_by: Id
    rejected_at: datetime
    reason: str
    dossier_code: str


class AnalysisApplied(EventData):
    event_type = "context.analysis.applied.v1"
    summary = ("The unit leader applied (Áp dụng) an approved context analysis: it is the one the home page shows; "
               "the one applied before, if any, is not any more.")
    analysis_id: Id
    unit_code: str
    year: int
    content: ContextAnalysisContent
    applied_by: Id
    applied_at: datetime
    replaces_analysis_id: Id | None = None
