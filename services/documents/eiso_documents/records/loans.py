"""Mượn trả hồ sơ: who borrows which record, why, from when, due back when; approved by the department head.

A loan is asked for by anyone of the unit, approved or refused by the head of the department the record
belongs to, and its return recorded by that head or the ISO secretary. A record is lent to one person at a
time, never once destroyed or while a destruction list names it. An approved loan past its due date is
overdue: listed, and reminded once (``LoanOverdue``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from eiso_contracts.errors import AlreadyProcessed, Conflict, Forbidden, InvalidInput
from eiso_contracts.rpc.common import Actor

from .aggregate import DESTROYED, Record

REQUESTED = "requested"
APPROVED = "approved"
REFUSED = "refused"
RETURNED = "returned"
OPEN = frozenset({REQUESTED, APPROVED})


@dataclass
class Loan:
    id: str
    unit_code: str
    record_id: str
    borrower_id: str
    borrower_department_id: str | None
    purpose: str
    borrowed_on: date
    due_on: date
    status: str
    requested_by: str
    requested_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    comment: str = ""
    returned_on: date | None = None
    recorded_by: str | None = None
    overdue_reminded: bool = False

    def overdue(self, today: date) -> bool:
        return self.status == APPROVED and self.due_on < today

    def snapshot(self) -> dict:
        return {"status": self.status, "decided_by": self.decided_by, "comment": self.comment,
                "returned_on": self.returned_on.isoformat() if self.returned_on else None,
                "overdue_reminded": self.overdue_reminded}


def sees_every_loan(actor: Actor) -> bool:
    return actor.has_role("leader", "secretary", "dept_head")


def request(loan_id: str, actor: Actor, record: Record, purpose: str, borrowed_on: date, due_on: date,
            *, lent: bool, in_destruction: bool, now: datetime) -> Loan:
    if record.state == DESTROYED:
        raise InvalidInput("Hồ sơ này đã bị hủy, không thể cho mượn.")
    if in_destruction:
        raise Conflict("Hồ sơ này đang nằm trong danh sách đề xuất hủy, không thể cho mượn.")
    if lent:
        raise Conflict("Hồ sơ này đang được cho mượn; chỉ đăng ký mượn sau khi hồ sơ được trả.")
    return Loan(id=loan_id, unit_code=record.unit_code, record_id=record.id, borrower_id=actor.id,
                borrower_department_id=actor.department_id, purpose=purpose, borrowed_on=borrowed_on, due_on=due_on,
                status=REQUESTED, requested_by=actor.id, requested_at=now)


def decide(loan: Loan, actor: Actor, record: Record, approve: bool, comment: str, *, lent: bool,
           now: datetime) -> None:
    if not (actor.has_role("dept_head") and actor.department_id == record.department_id):
        raise Forbidden("Chỉ Trưởng phòng của phòng quản lý hồ sơ được duyệt yêu cầu mượn.")
    if loan.status != REQUESTED:
        raise AlreadyProcessed("Yêu cầu mượn này đã được xử lý.")
    if approve and lent:
        raise Conflict("Hồ sơ này đang được cho mượn; chỉ duyệt sau khi hồ sơ được trả.")
    if approve and record.state == DESTROYED:
        raise InvalidInput("Hồ sơ này đã bị hủy, không thể cho mượn.")
    loan.status = APPROVED if approve else REFUSED
    loan.decided_by, loan.decided_at, loan.comment = actor.id, now, comment


def give_back(loan: Loan, actor: Actor, record: Record, returned_on: date) -> None:
    if not (actor.has_role("secretary") or (actor.has_role("dept_head") and actor.department_id == record.department_id)):
        raise Forbidden("Chỉ Thư ký ISO hoặc Trưởng phòng quản lý hồ sơ được ghi nhận trả hồ sơ.")
    if loan.status != APPROVED:
        raise AlreadyProcessed("Hồ sơ của yêu cầu này không ở trạng thái đang mượn.")
    if returned_on < loan.borrowed_on:
        raise InvalidInput("Ngày trả không được trước ngày mượn.")
    loan.status, loan.returned_on, loan.recorded_by = RETURNED, returned_on, actor.id
