"""One internal audit as planned and carried out: its plan, its team and its checklist.

Findings (``finding``) and the report (``report``) belong to the audit too, in
their own packages; they ask this aggregate whether the audit is still open and
who may write in it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from eiso_contracts.errors import AlreadyProcessed, Forbidden, InvalidInput

PLANNED = "planned"
REPORTED = "reported"


@dataclass
class ChecklistItem:
    number: int
    clause: str
    question: str
    result: str | None = None
    answer: str = ""
    answered_by: str | None = None
    answered_at: datetime | None = None


@dataclass
class Plan:
    id: str
    unit_code: str
    audit_date: date
    department_ids: list[str]
    scope: str
    criteria: str
    lead_auditor_id: str
    team_ids: list[str]
    planned_by: str
    planned_at: datetime
    status: str = PLANNED
    checklist: list[ChecklistItem] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.audit_date.year

    @property
    def month(self) -> int:
        return self.audit_date.month

    @property
    def auditors(self) -> list[str]:
        return list(dict.fromkeys([self.lead_auditor_id, *self.team_ids]))

    def check_writable_by(self, person_id: str) -> None:
        """Only the audit's team writes in it, and only until the report is issued."""
        if self.status == REPORTED:
            raise AlreadyProcessed("Cuộc đánh giá đã có báo cáo; không ghi nhận thêm được.")
        if person_id not in self.auditors:
            raise Forbidden("Chỉ trưởng đoàn và thành viên đoàn đánh giá được ghi nhận trong cuộc đánh giá này.")

    def answer(self, number: int, result: str, answer: str, by: str, at: datetime) -> ChecklistItem:
        self.check_writable_by(by)
        item = next((i for i in self.checklist if i.number == number), None)
        if item is None:
            raise InvalidInput(f"Danh mục kiểm tra không có câu hỏi số {number}.")
        item.result, item.answer, item.answered_by, item.answered_at = result, answer, by, at
        return item

    def snapshot(self) -> dict:
        return {"status": self.status, "audit_date": self.audit_date.isoformat(),
                "department_ids": list(self.department_ids), "lead_auditor_id": self.lead_auditor_id,
                "team_ids": list(self.team_ids),
                "checklist": [{"number": i.number, "clause": i.clause, "result": i.result, "answer": i.answer}
                              for i in self.checklist]}


def may_plan(actor) -> None:
    if not actor.has_role("secretary", "auditor"):
        raise Forbidden("Chỉ Thư ký ISO hoặc đánh giá viên nội bộ được lập kế hoạch đánh giá.")
