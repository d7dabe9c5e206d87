"""Load and store versions of the objectives; the module is the objectives' repository for the dossier kit."""
from __future__ import annotations

from eiso_contracts.content import ObjectivesContent
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..models import quality_objectives as table
from .aggregate import IN_FORCE, Objectives

_MUTABLE = ("status", "revision", "dossier_code", "dossier_version", "approved_by", "recorded_by", "recorded_at")


def _values(objectives: Objectives) -> dict:
    values = {name: getattr(objectives, name) for name in _MUTABLE}
    values.update(content=objectives.content.model_dump(mode="json"), year=objectives.year)
    return values


def add(session: Session, objectives: Objectives) -> None:
    session.execute(insert(table).values(id=objectives.id, unit_code=objectives.unit_code,
                                         submitted_by=objectives.submitted_by, submitted_at=objectives.submitted_at,
                                         **_values(objectives)))


def save(session: Session, objectives: Objectives) -> None:
    session.execute(update(table).where(table.c.id == objectives.id).values(**_values(objectives)))


def get(session: Session, objectives_id: str, lock: bool = False) -> Objectives | None:
    return _one(session, select(table).where(table.c.id == objectives_id), lock)


def in_force(session: Session, unit_code: str, lock: bool = False) -> Objectives | None:
    return _one(session, select(table).where(table.c.unit_code == unit_code, table.c.status == IN_FORCE), lock)


def of_unit(session: Session, unit_code: str) -> list[Objectives]:
    """Every version of the unit, newest year first, then newest submission first."""
    rows = session.execute(select(table).where(table.c.unit_code == unit_code)
                           .order_by(table.c.year.desc(), table.c.submitted_at.desc(), table.c.id.desc())).all()
    return [_objectives(row) for row in rows]


def _one(session: Session, query, lock: bool) -> Objectives | None:
    if lock:
        query = query.with_for_update()
    row = session.execute(query).first()
    return _objectives(row) if row is not None else None


def _objectives(row) -> Objectives:
    return Objectives(
        id=row.id, unit_code=row.unit_code, content=ObjectivesContent.model_validate(row.content), status=row.status,
        submitted_by=row.submitted_by, submitted_at=row.submitted_at, revision=row.revision,
        dossier_code=row.dossier_code, dossier_version=row.dossier_version, approved_by=row.approved_by,
        recorded_by=row.recorded_by, recorded_at=row.recorded_at,
    )
