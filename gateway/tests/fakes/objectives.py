"""The quality service's objectives and measurement (manual section 3), for FakeQuality."""
from __future__ import annotations

import uuid

from eiso_contracts.errors import Forbidden, NotFound
from eiso_contracts.rpc.quality_objectives import (OBJECTIVES_STATUSES, DepartmentObjectiveView, DepartmentQuery,
                                                   MeasurementQuery, MeasurementReport, MeasurementSeries,
                                                   MeasurementView, ObjectivesView, PolicyChoice, RecordMeasurement,
                                                   SetDepartmentObjectives, SubmitObjectives)
from eiso_kit.rpc import parse

from .analyses import checked
from .rpc import rpc
from .seed import NOW


class ObjectivesMixin:
    @property
    def versions(self) -> dict[str, ObjectivesView]:
        return self.__dict__.setdefault("_versions", {})

    @property
    def department_objectives(self) -> dict[str, DepartmentObjectiveView]:
        return self.__dict__.setdefault("_department_objectives", {})

    @property
    def measurements(self) -> list[MeasurementView]:
        return self.__dict__.setdefault("_measurements", [])

    def add_version(self, year: int, policy_id: str, rows, status: str = "submitted",
                    dossier_code: str | None = None) -> ObjectivesView:
        number = 1 + sum(1 for v in self.versions.values() if v.year == year)
        view = ObjectivesView(
            id=f"obj-{year}-{uuid.uuid4().hex[:6]}", unit_code="SONGANH", year=year, number=number,
            content={"year": year, "policy_id": policy_id,
                     "objectives": [{"name": name, "target": target} for name, target in rows]},
            status=status, status_label=OBJECTIVES_STATUSES[status], revision=1, dossier_code=dossier_code,
            policy=self._choice(policy_id), submitted_by="p-secretary", submitted_at=NOW)
        self.versions[view.id] = view
        return view

    def _choice(self, policy_id: str) -> PolicyChoice | None:
        policy = self.policies.get(policy_id)
        if policy is None:
            return None
        return PolicyChoice(id=policy.id, year=policy.content.year, motto=policy.content.motto,
                            statements=list(policy.content.statements), status=policy.status)

    @rpc
    def list_policy_choices(self, actor):
        checked(actor)
        return [self._choice(p.id) for p in self.policies.values() if p.status in ("issued", "superseded")]

    @rpc
    def submit_objectives(self, cmd):
        c = parse(SubmitObjectives, cmd)
        checked(c.actor.model_dump(mode="json"))
        if "secretary" not in c.actor.roles:
            raise Forbidden("Chỉ Thư ký ISO được xây dựng mục tiêu chất lượng.")
        rows = [(o.name, str(o.target)) for o in c.content.objectives]
        return self.add_version(c.content.year, c.content.policy_id, rows)

    @rpc
    def get_objectives(self, objectives_id, actor):
        checked(actor)
        if objectives_id not in self.versions:
            raise NotFound("Không tìm thấy mục tiêu chất lượng.")
        return self.versions[objectives_id]

    @rpc
    def list_objectives(self, actor):
        checked(actor)
        return sorted(self.versions.values(), key=lambda v: (v.year, v.number), reverse=True)

    @rpc
    def get_objectives_in_force(self, actor):
        checked(actor)
        return next((v for v in self.versions.values() if v.status == "in_force"), None)

    @rpc
    def set_department_objectives(self, cmd):
        c = parse(SetDepartmentObjectives, cmd)
        who = checked(c.actor.model_dump(mode="json"))
        if not ("dept_head" in who.roles and who.department_id == c.department_id):
            raise Forbidden("Chỉ Trưởng phòng của phòng ban này được đặt mục tiêu và nhập kết quả đo lường của phòng.")
        version = next(v for v in self.versions.values() if v.status == "in_force")
        taken = []
        for item in c.objectives:
            unit = version.content.objectives[item.objective_no - 1]
            view = DepartmentObjectiveView(
                id=f"do-{c.department_id}-{item.objective_no}", unit_code="SONGANH", department_id=c.department_id,
                objectives_id=version.id, year=version.year, objective_no=item.objective_no, name=unit.name,
                unit_target=unit.target, target=item.target, period=item.period, set_by=who.id, set_at=NOW)
            self.department_objectives[view.id] = view
            taken.append(view)
        return taken

    @rpc
    def list_department_objectives(self, query):
        q = parse(DepartmentQuery, query)
        checked(q.actor.model_dump(mode="json"))
        return [o for o in self.department_objectives.values()
                if q.department_id is None or o.department_id == q.department_id]

    @rpc
    def record_measurement(self, cmd):
        c = parse(RecordMeasurement, cmd)
        who = checked(c.actor.model_dump(mode="json"))
        objective = self.department_objectives[c.department_objective_id]
        if not ("dept_head" in who.roles and who.department_id == objective.department_id):
            raise Forbidden("Chỉ Trưởng phòng của phòng ban này được đặt mục tiêu và nhập kết quả đo lường của phòng.")
        view = MeasurementView(id=uuid.uuid4().hex, department_objective_id=objective.id,
                               department_id=objective.department_id, period_key=c.period_key, measured=c.measured,
                               target=objective.target, met=c.measured >= objective.target, cause=c.cause,
                               corrective_action=c.corrective_action, recorded_by=who.id, recorded_at=NOW, revision=1)
        self.measurements.append(view)
        return view

    @rpc
    def measurement_report(self, query):
        q = parse(MeasurementQuery, query)
        checked(q.actor.model_dump(mode="json"))
        series = [MeasurementSeries(objective=o, points=[m for m in self.measurements
                                                         if m.department_objective_id == o.id])
                  for o in self.department_objectives.values()
                  if (q.department_id is None or o.department_id == q.department_id)
                  and (q.objective_no is None or o.objective_no == q.objective_no)]
        in_force = next((v for v in self.versions.values() if v.status == "in_force"), None)
        return MeasurementReport(objectives_id=in_force.id if in_force else None,
                                 year=in_force.year if in_force else None, series=series)
