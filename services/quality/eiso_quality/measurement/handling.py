"""The use cases of measurement per department, one function each; the entrypoints call them in one line."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import InvalidInput, NotFound
from eiso_contracts.events.quality import DepartmentObjective as TakenObjective
from eiso_contracts.events.quality import DepartmentObjectivesSet, MeasurementRecorded
from eiso_contracts.rpc.quality_objectives import (DepartmentObjectiveView, DepartmentQuery, MeasurementQuery,
                                                   MeasurementReport, MeasurementSeries, MeasurementView,
                                                   RecordMeasurement, SetDepartmentObjectives)

from eiso_kit.clock import utcnow

from ..objectives import repository as versions
from . import repository
from .aggregate import Measurement, check_result, take
from .permissions import check_may_measure, visible_departments
from .views import measurement_view, objective_view

NO_OBJECTIVES_IN_FORCE = "Đơn vị chưa có mục tiêu chất lượng đang áp dụng."
NOT_FOUND = "Không tìm thấy mục tiêu của phòng ban."


def set_objectives(db, cmd: SetDepartmentObjectives) -> list[DepartmentObjectiveView]:
    """The department head takes the unit's objectives in force for the department (own target, period)."""
    check_may_measure(cmd.actor, cmd.department_id)
    unit, now = cmd.actor.unit_code, utcnow()
    with db.transaction() as tx:
        tx.lock(f"quality.department_objectives.{cmd.department_id}")
        version = versions.in_force(tx.session, unit)
        if version is None:
            raise InvalidInput(NO_OBJECTIVES_IN_FORCE)
        current = repository.objectives_of(tx.session, unit, department_id=cmd.department_id,
                                           objectives_id=version.id)
        before = {o.id: o.snapshot() for o in current}
        measured = repository.measured_ids(tx.session, list(before))
        taken = take(version, cmd.department_id, cmd.objectives, current, measured, lambda: uuid.uuid4().hex,
                     cmd.actor.id, now)
        for each in taken:
            repository.save_objective(tx.session, each, new=each.id not in before)
            tx.audit("department_objective", each.id, "set" if each.active else "dropped", cmd.actor.id,
                     before=before.get(each.id), after=each.snapshot())
        active = [o for o in taken if o.active]
        tx.emit(DepartmentObjectivesSet(
            unit_code=unit, department_id=cmd.department_id, objectives_id=version.id, year=version.year,
            objectives=[TakenObjective(department_objective_id=o.id, objective_no=o.objective_no, name=o.name,
                                       unit_target=o.unit_target, target=o.target, period=o.period) for o in active],
            set_by=cmd.actor.id, set_at=now), subject=f"department/{cmd.department_id}")
    return [objective_view(o) for o in sorted(active, key=lambda o: o.objective_no)]


def record(db, cmd: RecordMeasurement) -> MeasurementView:
    """The department head records (or corrects) the measured % of one objective for one period."""
    now = utcnow()
    with db.transaction() as tx:
        objective = repository.objective(tx.session, cmd.department_objective_id, lock=True)
        if objective is None or objective.unit_code != cmd.actor.unit_code:
            raise NotFound(NOT_FOUND)
        check_may_measure(cmd.actor, objective.department_id)
        met = check_result(objective, cmd.period_key, cmd.measured, cmd.cause, cmd.corrective_action)
        earlier = repository.measurement(tx.session, objective.id, cmd.period_key)
        found = Measurement(
            id=earlier.id if earlier else uuid.uuid4().hex, department_objective_id=objective.id,
            unit_code=objective.unit_code, department_id=objective.department_id, period_key=cmd.period_key,
            measured=cmd.measured, cause=cmd.cause.strip(), corrective_action=cmd.corrective_action.strip(),
            recorded_by=cmd.actor.id, recorded_at=now, revision=earlier.revision + 1 if earlier else 1)
        repository.save_measurement(tx.session, found)
        tx.audit("measurement", found.id, "corrected" if earlier else "recorded", cmd.actor.id,
                 before=earlier.snapshot() if earlier else None, after=found.snapshot())
        tx.emit(MeasurementRecorded(
            measurement_id=found.id, unit_code=found.unit_code, department_id=found.department_id,
            objectives_id=objective.objectives_id, year=objective.year, department_objective_id=objective.id,
            objective_no=objective.objective_no, objective_name=objective.name, target=objective.target,
            period=objective.period, period_key=found.period_key, measured=found.measured, met=met,
            cause=found.cause, corrective_action=found.corrective_action, recorded_by=found.recorded_by,
            recorded_at=now, revision=found.revision), subject=f"measurement/{found.id}")
    return measurement_view(found, objective)


def of_department(db, query: DepartmentQuery) -> list[DepartmentObjectiveView]:
    """The department objectives taken from the version in force (every visible department when none is asked)."""
    department = visible_departments(query.actor, query.department_id)
    with db.read() as session:
        version = versions.in_force(session, query.actor.unit_code)
        if version is None:
            return []
        found = repository.objectives_of(session, query.actor.unit_code, department_id=department,
                                         objectives_id=version.id)
    return [objective_view(o) for o in found if o.active]


def report(db, query: MeasurementQuery) -> MeasurementReport:
    """Target against measured over time, per department objective, for a year."""
    department = visible_departments(query.actor, query.department_id)
    unit = query.actor.unit_code
    with db.read() as session:
        version = versions.in_force(session, unit)
        year = query.year or (version.year if version is not None else None)
        if year is None:
            return MeasurementReport()
        objectives = [o for o in repository.objectives_of(session, unit, department_id=department, year=year)
                      if query.objective_no is None or o.objective_no == query.objective_no]
        results = repository.measurements_of(session, [o.id for o in objectives])
    points: dict[str, list] = {}
    for found in results:
        points.setdefault(found.department_objective_id, []).append(found)
    series = [MeasurementSeries(objective=objective_view(o),
                                points=[measurement_view(m, o) for m in points.get(o.id, [])])
              for o in objectives if o.active or o.id in points]
    return MeasurementReport(objectives_id=version.id if version is not None and version.year == year else None,
                             year=year, series=series)
