"""Facts the workflow service publishes as dossiers move."""
from __future__ import annotations

from typing import Any

from pydantic import Field

from ..dossier import DossierRef, Id, StepAssignment, StepRef
from .base import EventData


# The documents service learns which files the dossiers list (it keeps them; files nobody attached expire).
FILES_FOLLOWER = ("documents.dossier_files",)


class _DossierEvent(EventData):
    dossier: DossierRef


class DossierOpened(_DossierEvent):
    event_type = "workflow.dossier.opened.v1"
    consumers = FILES_FOLLOWER
    summary = "A dossier was opened for an artefact; its first open step is assigned."
    title: str
    opened_by: Id
    current: StepAssignment
    attachments: list[Id] = Field(default_factory=list)  # the files sent with step 1


class DossierStepEntered(_DossierEvent):
    event_type = "workflow.dossier.step_entered.v1"
    summary = "A dossier entered a step: handler, department and deadline are set."
    current: StepAssignment
    previous_step: StepRef | None = None


class DossierSaved(_DossierEvent):
    event_type = "workflow.dossier.saved.v1"
    consumers = FILES_FOLLOWER
    summary = "The handler saved the step without transferring it (Chưa chuyển)."
    step: StepRef
    actor_id: Id
    comment: str = ""
    attachments: list[Id] = Field(default_factory=list)  # the files the saved draft keeps
    content: dict[str, Any] | None = None


class DossierApproved(_DossierEvent):
    event_type = "workflow.dossier.approved.v1"
    consumers = FILES_FOLLOWER
    summary = "The handler approved the step (Duyệt); the dossier moved to the next step or completed."
    step: StepRef
    actor_id: Id
    comment: str = ""
    attachments: list[Id] = Field(default_factory=list)
    content: dict[str, Any] | None = None
    next: StepAssignment | None = None


class DossierRejected(_DossierEvent):
    event_type = "workflow.dossier.rejected.v1"
    consumers = FILES_FOLLOWER
    summary = "The handler rejected the dossier (Không duyệt); it is closed."
    step: StepRef
    actor_id: Id
    comment: str = ""
    attachments: list[Id] = Field(default_factory=list)
    content: dict[str, Any] | None = None


class DossierReturned(_DossierEvent):
    event_type = "workflow.dossier.returned.v1"
    consumers = FILES_FOLLOWER
    summary = "The handler returned the dossier for more information (Bổ sung)."
    step: StepRef
    actor_id: Id
    comment: str = ""
    attachments: list[Id] = Field(default_factory=list)
    returned_to: StepAssignment


class DossierCompleted(_DossierEvent):
    event_type = "workflow.dossier.completed.v1"
    summary = "The last step was done; the dossier is complete (Hoàn thành hồ sơ)."
    step: StepRef
    actor_id: Id
    comment: str = ""
    content: dict[str, Any] | None = None


class DossierOverdue(_DossierEvent):
    event_type = "workflow.dossier.overdue.v1"
    summary = "A step passed its deadline without being processed (Trễ hạn)."
    current: StepAssignment


# What an owning service follows about its artefacts' dossiers (in this order within one action).
DOSSIER_PROGRESS: tuple[str, ...] = tuple(cls.event_type for cls in (
    DossierOpened, DossierSaved, DossierApproved, DossierRejected, DossierReturned, DossierCompleted))
