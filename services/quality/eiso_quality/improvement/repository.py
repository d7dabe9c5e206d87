"""Load and store improvements; the module is the artefact's repository for the dossier kit."""
from __future__ import annotations

from eiso_contracts.content import ImprovementContent
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..models import improvements as table
from .aggregate import Improvement

_MUTABLE = ("status", "decided_by", "decided_at", "refusal_reason", "dossier_code", "dossier_version",
            "completed_at")


def _values(item: Improvement) -> dict:
    values = {name: getattr(item, name) for name in _MUTABLE}
    values["content"] = item.content.model_dump(mode="json") if item.content is not None else None
    return values


def add(session: Session, item: Improvement) -> None:
    session.execute(insert(table).values(
        id=item.id, unit_code=item.unit_code, title=item.title, current_situation=item.current_situation,
        proposal=item.proposal, expected_benefit=item.expected_benefit, department_id=item.department_id,
        proposed_by=item.proposed_by, proposed_at=item.proposed_at, **_values(item)))


def save(session: Session, item: Improvement) -> None:
    session.execute(update(table).where(table.c.id == item.id).values(**_values(item)))


def get(session: Session, item_id: str, lock: bool = False) -> Improvement | None:
    query = select(table).where(table.c.id == item_id)
    row = session.execute(query.with_for_update() if lock else query).first()
    return _of(row) if row is not None else None


def of_unit(session: Session, unit_code: str) -> list[Improvement]:
    rows = session.execute(select(table).where(table.c.unit_code == unit_code)
                           .order_by(table.c.proposed_at.desc(), table.c.id))
    return [_of(row) for row in rows]


def _of(row) -> Improvement:
    return Improvement(
        id=row.id, unit_code=row.unit_code, title=row.title, current_situation=row.current_situation,
        proposal=row.proposal, expected_benefit=row.expected_benefit, department_id=row.department_id,
        proposed_by=row.proposed_by, proposed_at=row.proposed_at, status=row.status, decided_by=row.decided_by,
        decided_at=row.decided_at, refusal_reason=row.refusal_reason, dossier_code=row.dossier_code,
        dossier_version=row.dossier_version, completed_at=row.completed_at,
        content=ImprovementContent.model_validate(row.content) if row.content is not None else None)
