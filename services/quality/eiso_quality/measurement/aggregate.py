"""A department's objectives (taken from the unit's in force) and their measured results, with the rules.

Percentages are ``Decimal`` with two places, as the contract carries them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from eiso_contracts.errors import InvalidInput
from eiso_contracts.rpc.quality_objectives import DepartmentObjectiveInput

from ..objectives.aggregate import Objectives

PERIOD_FORMS = {"month": re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
                "year": re.compile(r"^(\d{4})$")}
PERIOD_NAMES = {"month": "tháng", "quarter": "quý", "year": "năm"}


@dataclass
class DepartmentObjective:
    id: str
    unit_code: str
    department_id: str
    objectives_id: str
    year: int
    objective_no: int
    name: str
    unit_target: Decimal
    target: Decimal
    period: str
    active: bool
    set_by: str
    set_at: datetime

    def snapshot(self) -> dict:
        return {"objective_no": self.objective_no, "name": self.name, "target": str(self.target),
                "period": self.period, "active": self.active}


@dataclass
class Measurement:
    id: str
    department_objective_id: str
    unit_code: str
    department_id: str
    period_key: str
    measured: Decimal
    cause: str
    corrective_action: str
    recorded_by: str
    recorded_at: datetime
    revision: int

    def snapshot(self) -> dict:
        return {"period_key": self.period_key, "measured": str(self.measured), "cause": self.cause,
                "corrective_action": self.corrective_action, "revision": self.revision}


def percent(value: Decimal) -> str:
    """98,50: a percentage as Vietnamese writes it, for messages."""
    return f"{value:.2f}".replace(".", ",")


def take(version: Objectives, department_id: str, chosen: list[DepartmentObjectiveInput],
         current: list[DepartmentObjective], measured_ids: set[str], new_id, by: str,
         now: datetime) -> list[DepartmentObjective]:
    """The department's set for ``version``: the chosen objectives (active), the others of ``current`` inactive.

    ``measured_ids``: department objectives that already have a result; their period may not change.
    ``new_id()`` makes the id of an objective the department takes for the first time.
    """
    numbers = [item.objective_no for item in chosen]
    if len(set(numbers)) != len(numbers):
        raise InvalidInput("Mỗi mục tiêu chỉ được chọn một lần.")
    by_no = {o.objective_no: o for o in current}
    result = []
    for item in chosen:
        if not 1 <= item.objective_no <= len(version.content.objectives):
            raise InvalidInput(f"Mục tiêu số {item.objective_no} không có trong mục tiêu chất lượng đang áp dụng.")
        unit_objective = version.content.objectives[item.objective_no - 1]
        existing = by_no.get(item.objective_no)
        if existing is not None and existing.id in measured_ids and existing.period != item.period:
            raise InvalidInput(f"Mục tiêu \"{existing.name}\" đã có kết quả đo lường theo "
                               f"{PERIOD_NAMES[existing.period]}: không đổi được kỳ đo lường.")
        result.append(DepartmentObjective(
            id=existing.id if existing is not None else new_id(), unit_code=version.unit_code,
            department_id=department_id, objectives_id=version.id, year=version.year,
            objective_no=item.objective_no, name=unit_objective.name, unit_target=unit_objective.target,
            target=item.target, period=item.period, active=True, set_by=by, set_at=now))
    kept = set(numbers)
    for existing in current:
        if existing.objective_no not in kept and existing.active:
            existing.active, existing.set_by, existing.set_at = False, by, now
            result.append(existing)
    return result


def check_result(objective: DepartmentObjective, period_key: str, measured: Decimal, cause: str,
                 corrective_action: str) -> bool:
    """Whether the target is met; refuses a period of another kind or year, and a miss without cause and action."""
    if not objective.active:
        raise InvalidInput("Mục tiêu này không còn áp dụng cho phòng ban; không nhập kết quả được.")
    found = PERIOD_FORMS[objective.period].match(period_key)
    if found is None:
        raise InvalidInput(f"Kỳ đo lường của mục tiêu này là theo {PERIOD_NAMES[objective.period]}; "
                           f"kỳ {period_key} không phù hợp.")
    if int(found.group(1)) != objective.year:
        raise InvalidInput(f"Kỳ đo lường phải thuộc năm {objective.year} của mục tiêu.")
    met = measured >= objective.target
    if not met:
        missing = [label for label, text in (("Nguyên nhân", cause), ("Hành động khắc phục", corrective_action))
                   if not text.strip()]
        if missing:
            raise InvalidInput(f"Kết quả thấp hơn mục tiêu ({percent(measured)}% < {percent(objective.target)}%): vui lòng nhập "
                               + " và ".join(missing) + ".")
    return met
