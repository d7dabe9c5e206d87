"""An archived record: its files, type, retention counted from its closing date, where its paper original is.

A record is never deleted: destruction (an approved destruction list) deletes its files and keeps the rest
as a tombstone (``destroyed``). What a person sees as its state also depends on loans and destruction
lists on their way (``display_state``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from eiso_contracts.errors import Forbidden
from eiso_contracts.rpc.common import Actor

ARCHIVED = "archived"
DESTROYED = "destroyed"


def retention_until(closed_on: date, years: int | None) -> date | None:
    """The last day a record is kept: ``years`` after its closing date (29/02 -> 28/02); None: permanent."""
    if years is None:
        return None
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return closed_on.replace(year=closed_on.year + years, day=28)


@dataclass
class Record:
    id: str
    unit_code: str
    number: str
    title: str
    record_type: str
    department_id: str
    closed_on: date
    retention_years: int | None
    archived_by: str
    archived_at: datetime
    store: str = ""
    shelf: str = ""
    box: str = ""
    dossier_code: str | None = None
    state: str = ARCHIVED
    files: list[str] = field(default_factory=list)
    destruction_id: str | None = None
    destroyed_at: datetime | None = None

    @property
    def retention_until(self) -> date | None:
        return retention_until(self.closed_on, self.retention_years)

    def past_retention(self, today: date) -> bool:
        until = self.retention_until
        return self.state == ARCHIVED and until is not None and until < today

    def snapshot(self) -> dict:
        return {"number": self.number, "title": self.title, "record_type": self.record_type,
                "department_id": self.department_id, "closed_on": self.closed_on.isoformat(),
                "retention_years": self.retention_years, "location": [self.store, self.shelf, self.box],
                "state": self.state, "files": list(self.files), "destruction_id": self.destruction_id}


def display_state(record: Record, on_loan: bool, proposed: bool) -> str:
    if record.state == DESTROYED:
        return "destroyed"
    if proposed:
        return "proposed"
    return "on_loan" if on_loan else "archived"


def check_archivist(actor: Actor, department_id: str) -> None:
    """The ISO secretary archives any department's records; a department head their own department's."""
    if actor.has_role("secretary"):
        return
    if actor.has_role("dept_head") and actor.department_id == department_id:
        return
    raise Forbidden("Chỉ Thư ký ISO, hoặc Trưởng phòng với hồ sơ của phòng mình, được lưu trữ hồ sơ.")
