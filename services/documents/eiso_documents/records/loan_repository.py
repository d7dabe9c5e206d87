"""Loans through a session."""
from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ..models import loans
from .loans import APPROVED, OPEN, Loan

_FIELDS = ("unit_code", "record_id", "borrower_id", "borrower_department_id", "purpose", "borrowed_on", "due_on",
           "status", "requested_by", "requested_at", "decided_by", "decided_at", "comment", "returned_on",
           "recorded_by", "overdue_reminded")
_MUTABLE = ("status", "decided_by", "decided_at", "comment", "returned_on", "recorded_by", "overdue_reminded")


def add(session: Session, loan: Loan) -> None:
    session.execute(insert(loans).values(id=loan.id, **{name: getattr(loan, name) for name in _FIELDS}))


def save(session: Session, loan: Loan) -> None:
    session.execute(update(loans).where(loans.c.id == loan.id).values(**{n: getattr(loan, n) for n in _MUTABLE}))


def get(session: Session, loan_id: str, unit_code: str, lock: bool = False) -> Loan | None:
    query = select(loans).where(loans.c.id == loan_id, loans.c.unit_code == unit_code)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).first()
    return _loan(row) if row is not None else None


def of_unit(session: Session, unit_code: str, status: str | None = None, record_id: str | None = None,
            borrower_id: str | None = None) -> list[Loan]:
    query = select(loans).where(loans.c.unit_code == unit_code)
    if status:
        query = query.where(loans.c.status == status)
    if record_id:
        query = query.where(loans.c.record_id == record_id)
    if borrower_id:
        query = query.where(loans.c.borrower_id == borrower_id)
    return [_loan(row) for row in session.execute(query.order_by(loans.c.requested_at.desc(), loans.c.id))]


def lent_records(session: Session, unit_code: str, record_ids: list[str] | None = None) -> set[str]:
    """Records of the unit out on an approved loan now."""
    query = select(loans.c.record_id).where(loans.c.unit_code == unit_code, loans.c.status == APPROVED)
    if record_ids is not None:
        query = query.where(loans.c.record_id.in_(record_ids))
    return set(session.execute(query).scalars())


def open_for(session: Session, record_ids: list[str]) -> set[str]:
    """Those records with a loan asked for or approved."""
    if not record_ids:
        return set()
    return set(session.execute(select(loans.c.record_id).where(loans.c.record_id.in_(record_ids),
                                                               loans.c.status.in_(OPEN))).scalars())


def overdue_to_remind(session: Session, today: date, limit: int = 200) -> list[str]:
    return list(session.execute(select(loans.c.id).where(loans.c.status == APPROVED, loans.c.due_on < today,
                                                         loans.c.overdue_reminded.is_(False)).limit(limit)).scalars())


def get_any_unit(session: Session, loan_id: str, lock: bool = False) -> Loan | None:
    query = select(loans).where(loans.c.id == loan_id)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).first()
    return _loan(row) if row is not None else None


def _loan(row) -> Loan:
    return Loan(id=row.id, **{name: getattr(row, name) for name in _FIELDS})
