"""RPC models of the audit service (ISO 9.2): the year's programme, audit plans, checklists, findings, reports."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, ClassVar, Literal

from pydantic import Field, field_validator

from ..dossier import Id
from .common import Actor, Model

MONTHS = tuple(range(1, 13))

PROGRAMME_STATUSES: dict[str, str] = {
    "pending": "Chờ phê duyệt",
    "approved": "Đã phê duyệt",
    "superseded": "Đã thay thế",
}
PLAN_STATUSES: dict[str, str] = {
    "planned": "Đã lập kế hoạch",
    "reported": "Đã có báo cáo",
}
FINDING_KINDS: dict[str, str] = {
    "conformity": "Điểm phù hợp",
    "nonconformity": "Điểm không phù hợp",
    "observation": "Điểm lưu ý",
}
ANSWER_RESULTS: dict[str, str] = {
    "conform": "Phù hợp",
    "nonconform": "Không phù hợp",
    "observation": "Lưu ý",
}
# "Tiến độ": where one cell of the programme (month x department) stands.
PROGRESS_STATES: dict[str, str] = {
    "scheduled": "Chưa lập kế hoạch",
    "planned": "Đã lập kế hoạch",
    "done": "Đã đánh giá",
}

Year = Annotated[int, Field(ge=2000, le=2100)]
FindingKind = Literal["conformity", "nonconformity", "observation"]
AnswerResult = Literal["conform", "nonconform", "observation"]
# A clause of TCVN ISO 9001:2015 ("7.5.3"), or a few of them ("8.5.1, 8.5.2").
Clause = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[0-9A-Za-z.,\- ]+$")]


# -- the programme ----------------------------------------------------------------------------
class ProgrammeEntry(Model):
    """One cell of the grid: a department audited in a month."""

    month: int = Field(ge=1, le=12)
    department_id: Id


class ProgrammeQuery(Model):
    """Argument of ``get_programme``: the actor's unit, one year."""

    actor: Actor
    year: Year


class DraftProgramme(Model):
    """The secretary's grid for a year: saved as the pending revision (a new one after an approval)."""

    actor: Actor
    year: Year
    entries: list[ProgrammeEntry] = Field(min_length=1, max_length=12 * 200)
    note: str = Field(default="", max_length=2000)

    @field_validator("entries")
    @classmethod
    def _once_each(cls, entries: list[ProgrammeEntry]) -> list[ProgrammeEntry]:
        seen: dict[tuple[int, str], ProgrammeEntry] = {}
        for entry in entries:
            seen.setdefault((entry.month, entry.department_id), entry)
        return sorted(seen.values(), key=lambda e: (e.month, e.department_id))


class ApproveProgramme(Model):
    """The leader's "Phê duyệt" of the revision they looked at (a newer one is not approved unseen)."""

    actor: Actor
    year: Year
    revision: int = Field(ge=1)


class ProgrammeRevisionView(Model):
    revision: int
    status: str
    status_label: str
    entries: list[ProgrammeEntry]
    note: str = ""
    drafted_by: Id
    drafted_at: datetime
    approved_by: Id | None = None
    approved_at: datetime | None = None

    def departments_in(self, month: int) -> list[str]:
        return [e.department_id for e in self.entries if e.month == month]


class ProgressCell(Model):
    month: int
    department_id: Id
    state: str
    state_label: str
    plan_id: Id | None = None


class ProgrammeView(Model):
    """The year's programme: the approved revision (in force) and the pending one, if any, and progress."""

    id: Id
    unit_code: str
    year: int
    approved: ProgrammeRevisionView | None = None
    pending: ProgrammeRevisionView | None = None
    progress: list[ProgressCell] = Field(default_factory=list)   # cells of the approved revision
    planned: int = 0      # cells of the approved revision
    done: int = 0         # of which audited (report issued)


# -- plans, checklists, findings ---------------------------------------------------------------
class ChecklistQuestion(Model):
    clause: Clause
    question: str = Field(min_length=1, max_length=1000)


class PlanAudit(Model):
    """"Lập kế hoạch đánh giá": date, departments, scope, criteria, lead auditor and team, checklist."""

    field_titles: ClassVar[dict[str, str]] = {"audit_date": "Ngày đánh giá", "department_ids": "Phòng ban được đánh giá",
                                               "scope": "Phạm vi đánh giá", "criteria": "Chuẩn mực đánh giá",
                                               "lead_auditor_id": "Trưởng đoàn đánh giá",
                                               "team_ids": "Thành viên đoàn đánh giá",
                                               "checklist": "Danh mục kiểm tra"}

    actor: Actor
    audit_date: date
    department_ids: list[Id] = Field(min_length=1, max_length=30)
    scope: str = Field(min_length=1, max_length=2000)
    criteria: str = Field(min_length=1, max_length=2000)
    lead_auditor_id: Id
    team_ids: list[Id] = Field(default_factory=list, max_length=20)
    checklist: list[ChecklistQuestion] = Field(default_factory=list, max_length=200)
    request_id: str | None = Field(default=None, min_length=1, max_length=100)

    @field_validator("department_ids", "team_ids")
    @classmethod
    def _unique(cls, ids: list[str]) -> list[str]:
        return list(dict.fromkeys(ids))


class PlanRef(Model):
    actor: Actor
    plan_id: Id


class PlansQuery(Model):
    actor: Actor
    year: int | None = Field(default=None, ge=2000, le=2100)


class AnswerChecklist(Model):
    """An answer to one question of the checklist, during the audit."""

    field_titles: ClassVar[dict[str, str]] = {"result": "Kết quả", "answer": "Ghi nhận"}

    actor: Actor
    plan_id: Id
    number: int = Field(ge=1)
    result: AnswerResult
    answer: str = Field(default="", max_length=4000)


class RecordFinding(Model):
    """"Ghi nhận phát hiện": conformity, nonconformity (Điểm không phù hợp) or observation."""

    field_titles: ClassVar[dict[str, str]] = {"kind": "Loại phát hiện", "clause": "Điều khoản", "department_id": "Phòng ban",
                                               "description": "Mô tả", "evidence": "Bằng chứng",
                                               "attachments": "Tập tin"}

    actor: Actor
    plan_id: Id
    kind: FindingKind
    clause: Clause
    department_id: Id
    description: str = Field(min_length=1, max_length=4000)
    evidence: str = Field(min_length=1, max_length=4000)
    attachments: list[Id] = Field(default_factory=list, max_length=20)
    request_id: str | None = Field(default=None, min_length=1, max_length=100)


class IssueReport(Model):
    """"Lập báo cáo đánh giá": the lead auditor's conclusion; the .docx is made and kept with the audit."""

    field_titles: ClassVar[dict[str, str]] = {"conclusion": "Kết luận"}

    actor: Actor
    plan_id: Id
    conclusion: str = Field(min_length=1, max_length=4000)


class ChecklistItemView(Model):
    number: int
    clause: str
    question: str
    result: str | None = None
    result_label: str = ""
    answer: str = ""
    answered_by: Id | None = None
    answered_at: datetime | None = None


class FindingView(Model):
    id: Id
    plan_id: Id
    number: int
    kind: str
    kind_label: str
    clause: str
    department_id: Id
    description: str
    evidence: str
    attachments: list[Id] = Field(default_factory=list)
    recorded_by: Id
    recorded_at: datetime


class ReportInfo(Model):
    file_name: str
    size: int
    sha256: str
    conclusion: str
    issued_by: Id
    issued_at: datetime


class PlanView(Model):
    id: Id
    unit_code: str
    year: int
    month: int
    audit_date: date
    department_ids: list[Id]
    scope: str
    criteria: str
    lead_auditor_id: Id
    team_ids: list[Id]
    status: str
    status_label: str
    planned_by: Id
    planned_at: datetime
    checklist: list[ChecklistItemView] = Field(default_factory=list)
    findings: list[FindingView] = Field(default_factory=list)
    report: ReportInfo | None = None

    @property
    def auditors(self) -> list[str]:
        return [self.lead_auditor_id, *[i for i in self.team_ids if i != self.lead_auditor_id]]


class ReportFile(Model):
    """The audit report as a Word document (bytes base64-encoded: a few tens of kB)."""

    file_name: str
    content_type: str
    size: int
    sha256: str
    content_base64: str
