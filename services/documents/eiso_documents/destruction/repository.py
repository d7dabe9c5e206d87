"""Destruction lists through a session; the module is their repository for the dossier kit."""
from __future__ import annotations

from eiso_contracts.content import DestructionContent
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..models import destructions
from .aggregate import EXECUTED, OPEN, Destruction

_MUTABLE = ("status", "dossier_code", "dossier_version", "approved_by", "approved_at", "executed_at",
            "files_deleted", "minutes_file_id")


def add(session: Session, destruction: Destruction) -> None:
    session.execute(insert(destructions).values(
        id=destruction.id, unit_code=destruction.unit_code, content=destruction.content.model_dump(mode="json"),
        proposed_by=destruction.proposed_by, proposed_at=destruction.proposed_at,
        **{name: getattr(destruction, name) for name in _MUTABLE}))


def save(session: Session, destruction: Destruction) -> None:
    session.execute(update(destructions).where(destructions.c.id == destruction.id).values(
        content=destruction.content.model_dump(mode="json"), **{n: getattr(destruction, n) for n in _MUTABLE}))


def get(session: Session, destruction_id: str, lock: bool = False) -> Destruction | None:
    query = select(destructions).where(destructions.c.id == destruction_id)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).first()
    return _destruction(row) if row is not None else None


def of_unit(session: Session, unit_code: str) -> list[Destruction]:
    rows = session.execute(select(destructions).where(destructions.c.unit_code == unit_code)
                           .order_by(destructions.c.proposed_at.desc(), destructions.c.id))
    return [_destruction(row) for row in rows]


def open_record_ids(session: Session, unit_code: str, except_id: str | None = None) -> set[str]:
    """Records named by the unit's destruction lists on their way (proposed, returned, approved)."""
    found: set[str] = set()
    for row in session.execute(select(destructions.c.id, destructions.c.content).where(
            destructions.c.unit_code == unit_code, destructions.c.status.in_(OPEN))):
        if row.id != except_id:
            found.update(row.content.get("record_ids", []))
    return found


def without_minutes(session: Session, limit: int = 20) -> list[str]:
    return list(session.execute(select(destructions.c.id).where(
        destructions.c.status == EXECUTED, destructions.c.minutes_file_id.is_(None)).limit(limit)).scalars())


def _destruction(row) -> Destruction:
    return Destruction(id=row.id, unit_code=row.unit_code, content=DestructionContent.model_validate(row.content),
                       proposed_by=row.proposed_by, proposed_at=row.proposed_at,
                       **{name: getattr(row, name) for name in _MUTABLE})
