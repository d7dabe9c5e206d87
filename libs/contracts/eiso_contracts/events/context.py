"""Facts the context service publishes about the organisation."""
from __future__ import annotations

from ..dossier import Id
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
