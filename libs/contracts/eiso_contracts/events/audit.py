"""Facts the audit service publishes (ISO 9.2): the programme, plans, checklist answers, findings, reports.

The management review reads audit results from these; a nonconformity finding is also how the quality
service learns that a corrective action is needed (``quality.audit_findings``): an event, not a call.
"""
from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from ..dossier import Id
from ..rpc.audit import FindingKind, ProgrammeEntry
from .base import EventData


class ProgrammeDrafted(EventData):
    event_type = "audit.programme.drafted.v1"
    summary = ("The ISO secretary saved a revision of the year's internal audit programme (months x departments); "
               "it waits for the leader's approval, an approved revision stays in force until then.")
    programme_id: Id
    unit_code: str
    year: int
    revision: int
    entries: list[ProgrammeEntry]
    drafted_by: Id


class ProgrammeApproved(EventData):
    event_type = "audit.programme.approved.v1"
    summary = "The unit leader approved a revision of the year's audit programme (Phê duyệt); it is now in force."
    programme_id: Id
    unit_code: str
    year: int
    revision: int
    entries: list[ProgrammeEntry]
    approved_by: Id
    replaces_revision: int | None = None


class AuditPlanned(EventData):
    event_type = "audit.plan.planned.v1"
    summary = "An internal audit was planned: date, departments, lead auditor and team."
    plan_id: Id
    unit_code: str
    audit_date: date
    department_ids: list[Id]
    lead_auditor_id: Id
    team_ids: list[Id]
    planned_by: Id


class ChecklistAnswered(EventData):
    event_type = "audit.checklist.answered.v1"
    summary = "An auditor answered a question of an audit's checklist."
    plan_id: Id
    unit_code: str
    number: int
    clause: str
    result: str
    answered_by: Id


class FindingRecorded(EventData):
    event_type = "audit.finding.recorded.v1"
    # A nonconformity opens a corrective-action dossier in the quality service; the documents service keeps
    # the attached files for good (they belong to the audit).
    consumers = ("quality.audit_findings", "documents.dossier_files")
    summary = ("An auditor recorded a finding of an audit: conformity, nonconformity (Điểm không phù hợp) or "
               "observation, with its clause, department, evidence and attached files.")
    finding_id: Id
    plan_id: Id
    unit_code: str
    kind: FindingKind
    clause: str
    department_id: Id
    description: str
    evidence: str
    attachments: list[Id] = Field(default_factory=list)
    recorded_by: Id
    recorded_at: datetime


class AuditReported(EventData):
    event_type = "audit.plan.reported.v1"
    summary = "The lead auditor issued the audit report (a Word document kept with the audit): the audit is done."
    plan_id: Id
    unit_code: str
    audit_date: date
    department_ids: list[Id]
    conformities: int
    nonconformities: int
    observations: int
    conclusion: str
    report_sha256: str
    reported_by: Id
    reported_at: datetime
