"""Value objects about dossiers shared by the workflow and the services that own artefacts."""
from __future__ import annotations

from datetime import date

from typing import Annotated

from pydantic import ConfigDict, Field

from .base import Contract

# Identifiers (uuids, codes) of people, departments, files, artefacts: short, never empty.
Id = Annotated[str, Field(min_length=1, max_length=64)]


class Value(Contract):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ArtefactRef(Value):
    """The thing a dossier is about, owned by another service."""

    service: str = Field(min_length=1, max_length=40)
    kind: str = Field(min_length=1, max_length=40)
    id: Id = Field(min_length=1, max_length=64)
    title: str = Field(min_length=1, max_length=300)


class Assignment(Value):
    """Who handles a step and by when: "Chọn phòng ban", "Chọn người xử lý", "Hạn cuối xử lý"."""

    department_id: Id = Field(min_length=1)
    handler_id: Id = Field(min_length=1)
    deadline: date


class DossierRequest(Value):
    """What an owning service asks the workflow to open, carried inside its "submitted" event.

    The requester has done step 1 (drafted and submitted); ``next`` assigns step 2.
    """

    type_code: str = Field(min_length=1, max_length=10)
    unit_code: str = Field(min_length=1, max_length=20)
    artefact: ArtefactRef
    opened_by: Id
    opened_by_department_id: Id | None = None  # shown as "Phòng ban xử lý" of step 1
    comment: str = Field(default="", max_length=4000)
    attachments: list[Id] = Field(default_factory=list, max_length=20)
    next: Assignment


class StepRef(Value):
    number: int = Field(ge=1)
    key: str
    name: str


class StepAssignment(Value):
    step: StepRef
    department_id: Id
    handler_id: Id
    deadline: date


class DossierRef(Value):
    """Which dossier an event is about, and its version after the change.

    Consumers keep the highest version they applied and ignore older events,
    so a retried or reordered delivery never moves an artefact backwards.
    Events emitted by one action share that action's version.
    """

    id: Id
    code: str
    type_code: str
    unit_code: str
    artefact: ArtefactRef
    version: int = Field(ge=1)
