"""Department objectives and measurements through a session (percentages stored as hundredths)."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..models import department_objectives as objectives_table
from ..models import measurements as measurements_table
from .aggregate import DepartmentObjective, Measurement


def _hundredths(value: Decimal) -> int:
    return int((value * 100).to_integral_value())


def _percent(hundredths: int) -> Decimal:
    return (Decimal(hundredths) / 100).quantize(Decimal("0.01"))


def save_objective(session: Session, objective: DepartmentObjective, new: bool) -> None:
    values = dict(name=objective.name, unit_target_hundredths=_hundredths(objective.unit_target),
                  target_hundredths=_hundredths(objective.target), period=objective.period, active=objective.active,
                  set_by=objective.set_by, set_at=objective.set_at)
    if new:
        session.execute(insert(objectives_table).values(
            id=objective.id, unit_code=objective.unit_code, department_id=objective.department_id,
            objectives_id=objective.objectives_id, year=objective.year, objective_no=objective.objective_no,
            **values))
    else:
        session.execute(update(objectives_table).where(objectives_table.c.id == objective.id).values(**values))


def objective(session: Session, objective_id: str, lock: bool = False) -> DepartmentObjective | None:
    query = select(objectives_table).where(objectives_table.c.id == objective_id)
    row = session.execute(query.with_for_update() if lock else query).first()
    return _objective(row) if row is not None else None


def objectives_of(session: Session, unit_code: str, *, department_id: str | None = None,
                  objectives_id: str | None = None, year: int | None = None) -> list[DepartmentObjective]:
    query = select(objectives_table).where(objectives_table.c.unit_code == unit_code)
    if department_id is not None:
        query = query.where(objectives_table.c.department_id == department_id)
    if objectives_id is not None:
        query = query.where(objectives_table.c.objectives_id == objectives_id)
    if year is not None:
        query = query.where(objectives_table.c.year == year)
    rows = session.execute(query.order_by(objectives_table.c.department_id, objectives_table.c.set_at,
                                          objectives_table.c.objective_no)).all()
    return [_objective(row) for row in rows]


def measured_ids(session: Session, objective_ids: list[str]) -> set[str]:
    if not objective_ids:
        return set()
    return set(session.execute(select(measurements_table.c.department_objective_id).distinct().where(
        measurements_table.c.department_objective_id.in_(objective_ids))).scalars())


def measurement(session: Session, objective_id: str, period_key: str) -> Measurement | None:
    row = session.execute(select(measurements_table).where(
        measurements_table.c.department_objective_id == objective_id,
        measurements_table.c.period_key == period_key)).first()
    return _measurement(row) if row is not None else None


def save_measurement(session: Session, found: Measurement) -> None:
    values = dict(measured_hundredths=_hundredths(found.measured), cause=found.cause,
                  corrective_action=found.corrective_action, recorded_by=found.recorded_by,
                  recorded_at=found.recorded_at, revision=found.revision)
    if found.revision == 1:
        session.execute(insert(measurements_table).values(
            id=found.id, department_objective_id=found.department_objective_id, unit_code=found.unit_code,
            department_id=found.department_id, period_key=found.period_key, **values))
    else:
        session.execute(update(measurements_table).where(measurements_table.c.id == found.id).values(**values))


def measurements_of(session: Session, objective_ids: list[str]) -> list[Measurement]:
    if not objective_ids:
        return []
    rows = session.execute(select(measurements_table).where(
        measurements_table.c.department_objective_id.in_(objective_ids)).order_by(
        measurements_table.c.period_key)).all()
    return [_measurement(row) for row in rows]


def _objective(row) -> DepartmentObjective:
    return DepartmentObjective(
        id=row.id, unit_code=row.unit_code, department_id=row.department_id, objectives_id=row.objectives_id,
        year=row.year, objective_no=row.objective_no, name=row.name, unit_target=_percent(row.unit_target_hundredths),
        target=_percent(row.target_hundredths), period=row.period, active=bool(row.active), set_by=row.set_by,
        set_at=row.set_at)


def _measurement(row) -> Measurement:
    return Measurement(
        id=row.id, department_objective_id=row.department_objective_id, unit_code=row.unit_code,
        department_id=row.department_id, period_key=row.period_key, measured=_percent(row.measured_hundredths),
        cause=row.cause or "", corrective_action=row.corrective_action or "", recorded_by=row.recorded_by,
        recorded_at=row.recorded_at, revision=row.revision)
