"""What an owning service learns from one ``workflow.dossier.*`` event about one of its artefacts."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from eiso_contracts.events.base import EventData
from eiso_contracts.events.workflow import (DOSSIER_PROGRESS, DossierApproved, DossierCompleted, DossierOpened,
                                            DossierRejected, DossierReturned, DossierSaved)

# The facts an owner follows, with their rank among the events of ONE workflow action (one version):
# opening publishes "opened"; the last step's approval publishes "approved" then "completed".
KINDS: dict[type[EventData], str] = {
    DossierOpened: "opened",
    DossierSaved: "saved",
    DossierApproved: "approved",
    DossierRejected: "rejected",
    DossierReturned: "returned",
    DossierCompleted: "completed",
}
RANK: dict[str, int] = {kind: rank for rank, kind in enumerate(KINDS.values())}
PROGRESS_EVENT_TYPES: tuple[str, ...] = DOSSIER_PROGRESS  # the same list the topology subscribes owners to


class InconsistentFact(RuntimeError):
    """A fact that cannot be about this artefact (another unit, another dossier, content it cannot hold).

    Raised inside the handler: the event is retried, then parked in the dead-letter queue for an operator.
    """


@dataclass(frozen=True)
class DossierFact:
    event_id: str
    kind: str
    service: str
    artefact_kind: str
    artefact_id: str
    dossier_id: str
    dossier_code: str
    type_code: str
    unit_code: str
    version: int
    actor_id: str
    at: datetime
    step_number: int | None = None
    step_key: str | None = None
    comment: str = ""
    content: dict | None = None        # as the workflow validated it; the owner parses it with its model
    attachments: tuple[str, ...] = ()
    final: bool = False                # an approval of the last step: its "completed" follows, same version

    @property
    def position(self) -> tuple[int, int]:
        """Where the fact stands in the dossier's history: its version, then its rank within the action."""
        return self.version, RANK[self.kind]

    def to_record(self) -> dict:
        record = asdict(self)
        record["at"] = self.at.isoformat()
        record["attachments"] = list(self.attachments)
        return record

    @classmethod
    def from_record(cls, record: dict) -> "DossierFact":
        values = dict(record)
        values["at"] = datetime.fromisoformat(values["at"])
        values["attachments"] = tuple(values.get("attachments") or ())
        return cls(**values)


def fact_of(data: EventData, event_id: str, at: datetime) -> DossierFact | None:
    """The fact in a workflow event, or None for an event an owner does not follow."""
    kind = KINDS.get(type(data))
    if kind is None:
        return None
    ref = data.dossier
    step = getattr(data, "step", None)
    actor_id = data.opened_by if isinstance(data, DossierOpened) else data.actor_id
    return DossierFact(
        event_id=event_id, kind=kind, service=ref.artefact.service, artefact_kind=ref.artefact.kind,
        artefact_id=ref.artefact.id, dossier_id=ref.id, dossier_code=ref.code, type_code=ref.type_code,
        unit_code=ref.unit_code, version=ref.version, actor_id=actor_id, at=at,
        step_number=step.number if step else None, step_key=step.key if step else None,
        comment=getattr(data, "comment", "") or "", content=getattr(data, "content", None),
        attachments=tuple(getattr(data, "attachments", None) or ()),
        final=isinstance(data, DossierApproved) and data.next is None,
    )
