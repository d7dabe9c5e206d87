"""Facts the quality service publishes about nonconformities and corrective actions (ISO 10.2).

The quality service's events are split by aggregate (``quality.py`` policies, this module, improvements);
the management review reads the open nonconformities from them.
"""
from __future__ import annotations

from datetime import date

from ..content import CorrectiveActionContent
from ..dossier import DossierRequest, Id
from .base import EventData


class NonconformityOpened(EventData):
    event_type = "quality.nonconformity.opened.v1"
    summary = ("A nonconformity was recorded (from an internal audit finding, a complaint, a missed objective); "
               "the workflow opens its corrective-action dossier for the department head.")
    nonconformity_id: Id
    unit_code: str
    source: str
    department_id: Id
    clause: str = ""
    description: str
    finding_id: Id | None = None
    audit_plan_id: Id | None = None
    raised_by: Id
    dossier_request: DossierRequest


class CorrectiveActionPlanned(EventData):
    event_type = "quality.nonconformity.action_planned.v1"
    summary = ("The department head recorded the correction, the cause analysis and the corrective action "
               "(owner, due date); it waits for the leader's approval.")
    nonconformity_id: Id
    unit_code: str
    action: CorrectiveActionContent
    planned_by: Id
    dossier_code: str


class CorrectiveActionApproved(EventData):
    event_type = "quality.nonconformity.action_approved.v1"
    summary = "The leader approved the corrective action; its owner carries it out by the due date."
    nonconformity_id: Id
    unit_code: str
    owner: str
    due_date: date
    approved_by: Id
    dossier_code: str


class CorrectiveActionImplemented(EventData):
    event_type = "quality.nonconformity.action_implemented.v1"
    summary = "The corrective action was reported done; an internal auditor verifies its effectiveness."
    nonconformity_id: Id
    unit_code: str
    implementation: str
    implemented_by: Id
    dossier_code: str


class NonconformityClosed(EventData):
    event_type = "quality.nonconformity.closed.v1"
    summary = "An internal auditor verified that the corrective action was effective and closed the nonconformity."
    nonconformity_id: Id
    unit_code: str
    verification: str
    verified_by: Id
    dossier_code: str


class NonconformityReopened(EventData):
    event_type = "quality.nonconformity.reopened.v1"
    summary = ("The verifying auditor found the corrective action not effective and reopened the nonconformity: "
               "back to the department head for a new analysis.")
    nonconformity_id: Id
    unit_code: str
    reason: str
    reopened_by: Id
    dossier_code: str


class CorrectiveActionOverdue(EventData):
    event_type = "quality.nonconformity.action_overdue.v1"
    summary = "A corrective action passed its due date before the nonconformity was closed (flagged once)."
    nonconformity_id: Id
    unit_code: str
    owner: str
    due_date: date
    dossier_code: str | None = None
