"""Department objectives and measurements as the RPC answers them."""
from __future__ import annotations

from eiso_contracts.rpc.quality_objectives import DepartmentObjectiveView, MeasurementView

from .aggregate import DepartmentObjective, Measurement


def objective_view(objective: DepartmentObjective) -> DepartmentObjectiveView:
    return DepartmentObjectiveView(
        id=objective.id, unit_code=objective.unit_code, department_id=objective.department_id,
        objectives_id=objective.objectives_id, year=objective.year, objective_no=objective.objective_no,
        name=objective.name, unit_target=objective.unit_target, target=objective.target, period=objective.period,
        set_by=objective.set_by, set_at=objective.set_at, active=objective.active)


def measurement_view(found: Measurement, objective: DepartmentObjective) -> MeasurementView:
    return MeasurementView(
        id=found.id, department_objective_id=found.department_objective_id, department_id=found.department_id,
        period_key=found.period_key, measured=found.measured, target=objective.target,
        met=found.measured >= objective.target, cause=found.cause, corrective_action=found.corrective_action,
        recorded_by=found.recorded_by, recorded_at=found.recorded_at, revision=found.revision)
