"""RPC models of the quality service's objectives ("Mục tiêu chất lượng hàng năm", ISO 6.2) and their measurement."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from ..content import ObjectivesContent, Percent
from ..dossier import Assignment, Id
from .common import Actor, Model

OBJECTIVES_STATUSES: dict[str, str] = {
    "submitted": "Trình duyệt",
    "returned": "Bổ sung",
    "approved": "Đã duyệt",
    "rejected": "Không duyệt",
    "in_force": "Đang áp dụng",
    "superseded": "Hết hiệu lực",
}

Period = Literal["month", "quarter", "year"]
# "Kỳ đo lường", chosen per objective by the department head.
PERIODS: dict[str, str] = {"month": "Tháng", "quarter": "Quý", "year": "Năm"}
# A period of a year: "2026-03" (month), "2026-Q1" (quarter), "2026" (year).
PERIOD_KEY = r"^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$"


class SubmitObjectives(Model):
    """"Xây dựng, chỉnh sửa mục tiêu chất lượng": the secretary's draft and who reviews it (Bước 2)."""

    actor: Actor
    content: ObjectivesContent
    route: Assignment
    comment: str = Field(default="", max_length=4000)
    attachments: list[Id] = Field(default_factory=list, max_length=20)
    request_id: str | None = Field(default=None, min_length=1, max_length=100)


class ObjectivesRef(Model):
    """``get_objectives(objectives_id, actor)``."""

    objectives_id: Id
    actor: Actor


class PolicyChoice(Model):
    """A quality policy objectives may belong to: "Năm 2021 - <Phương châm>", with its statements."""

    id: Id
    year: int
    motto: str
    statements: list[str]
    status: str


class ObjectivesView(Model):
    id: Id
    unit_code: str
    year: int
    number: int                      # "Phiên bản N" among the unit's versions of that year
    content: ObjectivesContent
    status: str
    status_label: str
    revision: int
    policy: PolicyChoice | None = None
    dossier_code: str | None = None
    submitted_by: Id
    submitted_at: datetime
    approved_by: Id | None = None
    recorded_by: Id | None = None
    recorded_at: datetime | None = None


class DepartmentObjectiveInput(Model):
    """One of the unit's objectives (its number in the version in force) as the department takes it."""

    objective_no: int = Field(ge=1, le=50)
    target: Percent
    period: Period


class SetDepartmentObjectives(Model):
    """The department head's objectives of their department, from the unit's objectives in force."""

    actor: Actor
    department_id: Id
    objectives: list[DepartmentObjectiveInput] = Field(default_factory=list, max_length=50)


class DepartmentQuery(Model):
    """``list_department_objectives(actor, department_id=None)``: None is every department the actor may see."""

    actor: Actor
    department_id: Id | None = None


class DepartmentObjectiveView(Model):
    id: Id
    unit_code: str
    department_id: Id
    objectives_id: Id                # the unit's version the department took it from
    year: int
    objective_no: int
    name: str
    unit_target: Percent
    target: Percent
    period: Period
    set_by: Id
    set_at: datetime
    active: bool = True              # false once the department's objectives were set again without it


class RecordMeasurement(Model):
    """A measured % of one department objective for one period; a missed target needs its cause and action."""

    actor: Actor
    department_objective_id: Id
    period_key: str = Field(pattern=PERIOD_KEY)
    measured: Percent
    cause: str = Field(default="", max_length=2000)
    corrective_action: str = Field(default="", max_length=2000)


class MeasurementView(Model):
    id: Id
    department_objective_id: Id
    department_id: Id
    period_key: str
    measured: Percent
    target: Percent
    met: bool
    cause: str = ""
    corrective_action: str = ""
    recorded_by: Id
    recorded_at: datetime
    revision: int


class MeasurementQuery(Model):
    """``measurement_report``: a year's department objectives (default: the year of the objectives in force),
    optionally of one department and one objective number."""

    actor: Actor
    year: int | None = Field(default=None, ge=2000, le=2100)
    department_id: Id | None = None
    objective_no: int | None = Field(default=None, ge=1, le=50)


class MeasurementSeries(Model):
    """One department objective and its measurements, in period order."""

    objective: DepartmentObjectiveView
    points: list[MeasurementView]


class MeasurementReport(Model):
    objectives_id: Id | None = None
    year: int | None = None
    series: list[MeasurementSeries] = Field(default_factory=list)
