"""The archive's lists and pages, lending and destruction lists: what the entrypoints call."""
from __future__ import annotations

import uuid
from datetime import date, datetime

from eiso_contracts.errors import NotFound
from eiso_contracts.events.documents import LoanApproved, LoanOverdue, LoanRefused, LoanRequested, LoanReturned
from eiso_contracts.rpc.documents import (DecideLoan, DestructionQuery, DestructionView, LoanFilter, LoanView,
                                          RecordFilter, RecordQuery, RecordView, RequestLoan, ReturnLoan, UnitQuery)

from eiso_kit import idempotency

from ..destruction import repository as destructions
from ..models import requests
from . import loan_repository as loan_rows
from . import loans, repository, views
from .aggregate import Record, display_state

RECORD_NOT_FOUND = "Không tìm thấy hồ sơ lưu trữ."
LOAN_NOT_FOUND = "Không tìm thấy yêu cầu mượn hồ sơ."
DESTRUCTION_NOT_FOUND = "Không tìm thấy danh sách hủy hồ sơ."


def _states(session, unit_code: str, found: list[Record]) -> dict[str, str]:
    ids = [r.id for r in found]
    lent = loan_rows.lent_records(session, unit_code, ids)
    proposed = destructions.open_record_ids(session, unit_code)
    return {r.id: display_state(r, r.id in lent, r.id in proposed) for r in found}


def record_views(session, unit_code: str, found: list[Record], today: date) -> list[RecordView]:
    states = _states(session, unit_code, found)
    return [views.record_view(r, states[r.id], today) for r in found]


def list_records(db, query: RecordFilter, today: date) -> list[RecordView]:
    with db.read() as session:
        found = repository.of_unit(session, query.actor.unit_code, query.record_type, query.department_id,
                                   past_retention_on=today if query.due_for_destruction else None)
        shown = record_views(session, query.actor.unit_code, found, today)
    return [r for r in shown if query.state is None or r.state == query.state]


def record(db, query: RecordQuery, today: date) -> RecordView:
    with db.read() as session:
        found = repository.get(session, query.record_id, query.actor.unit_code)
        if found is None:
            raise NotFound(RECORD_NOT_FOUND)
        return record_views(session, query.actor.unit_code, [found], today)[0]


# -- Mượn trả hồ sơ ----------------------------------------------------------------------------------
def _loan_views(session, unit_code: str, found: list[loans.Loan], today: date) -> list[LoanView]:
    by_id = {r.id: r for r in repository.many(session, list({l.record_id for l in found}), unit_code)}
    return [views.loan_view(loan, by_id.get(loan.record_id), today) for loan in found]


def list_loans(db, query: LoanFilter, today: date) -> list[LoanView]:
    actor = query.actor
    with db.read() as session:
        found = loan_rows.of_unit(session, actor.unit_code, query.status, query.record_id,
                                  borrower_id=None if loans.sees_every_loan(actor) else actor.id)
        shown = _loan_views(session, actor.unit_code, found, today)
    return [loan for loan in shown if not query.overdue or loan.overdue]


def request_loan(db, cmd: RequestLoan, now: datetime, today: date) -> LoanView:
    actor = cmd.actor
    request = idempotency.keyed("documents.request_loan", cmd, cmd.request_id)
    with db.transaction() as tx:
        if request is not None and (earlier := idempotency.recall(tx.session, requests, request)) is not None:
            loan = loan_rows.get(tx.session, earlier["id"], actor.unit_code)
        else:
            tx.lock(f"documents.records.{actor.unit_code}")
            found = repository.get(tx.session, cmd.record_id, actor.unit_code, lock=True)
            if found is None:
                raise NotFound(RECORD_NOT_FOUND)
            loan = loans.request(uuid.uuid4().hex, actor, found, cmd.purpose, cmd.borrowed_on, cmd.due_on,
                                 lent=bool(loan_rows.lent_records(tx.session, actor.unit_code, [found.id])),
                                 in_destruction=found.id in destructions.open_record_ids(tx.session, actor.unit_code),
                                 now=now)
            loan_rows.add(tx.session, loan)
            tx.audit("loan", loan.id, "requested", actor.id, after=loan.snapshot())
            tx.emit(LoanRequested(loan_id=loan.id, record_id=loan.record_id, unit_code=loan.unit_code,
                                  borrower_id=loan.borrower_id, purpose=loan.purpose, borrowed_on=loan.borrowed_on,
                                  due_on=loan.due_on), subject=f"loan/{loan.id}")
            if request is not None:
                idempotency.remember(tx.session, requests, request, {"id": loan.id}, now)
        return _loan_views(tx.session, actor.unit_code, [loan], today)[0]


def decide_loan(db, cmd: DecideLoan, now: datetime, today: date) -> LoanView:
    actor = cmd.actor
    with db.transaction() as tx:
        tx.lock(f"documents.records.{actor.unit_code}")
        loan = loan_rows.get(tx.session, cmd.loan_id, actor.unit_code, lock=True)
        if loan is None:
            raise NotFound(LOAN_NOT_FOUND)
        found = repository.get(tx.session, loan.record_id, actor.unit_code, lock=True)
        before = loan.snapshot()
        lent = bool(loan_rows.lent_records(tx.session, actor.unit_code, [loan.record_id]))
        loans.decide(loan, actor, found, cmd.approve, cmd.comment, lent=lent, now=now)
        loan_rows.save(tx.session, loan)
        tx.audit("loan", loan.id, loan.status, actor.id, before=before, after=loan.snapshot())
        ids = dict(loan_id=loan.id, record_id=loan.record_id, unit_code=loan.unit_code, borrower_id=loan.borrower_id)
        event = (LoanApproved(**ids, decided_by=actor.id, due_on=loan.due_on) if cmd.approve
                 else LoanRefused(**ids, decided_by=actor.id))
        tx.emit(event, subject=f"loan/{loan.id}")
        return _loan_views(tx.session, actor.unit_code, [loan], today)[0]


def return_loan(db, cmd: ReturnLoan, today: date) -> LoanView:
    actor = cmd.actor
    with db.transaction() as tx:
        loan = loan_rows.get(tx.session, cmd.loan_id, actor.unit_code, lock=True)
        if loan is None:
            raise NotFound(LOAN_NOT_FOUND)
        found = repository.get(tx.session, loan.record_id, actor.unit_code)
        before = loan.snapshot()
        loans.give_back(loan, actor, found, cmd.returned_on or today)
        loan_rows.save(tx.session, loan)
        tx.audit("loan", loan.id, "returned", actor.id, before=before, after=loan.snapshot())
        tx.emit(LoanReturned(loan_id=loan.id, record_id=loan.record_id, unit_code=loan.unit_code,
                             borrower_id=loan.borrower_id, returned_on=loan.returned_on, recorded_by=actor.id),
                subject=f"loan/{loan.id}")
        return _loan_views(tx.session, actor.unit_code, [loan], today)[0]


def remind_overdue(db, today: date) -> int:
    """One ``LoanOverdue`` per loan not returned by its due date."""
    with db.read() as session:
        candidates = loan_rows.overdue_to_remind(session, today)
    reminded = 0
    for loan_id in candidates:
        with db.transaction() as tx:
            loan = loan_rows.get_any_unit(tx.session, loan_id, lock=True)
            if loan is None or loan.overdue_reminded or not loan.overdue(today):
                continue
            loan.overdue_reminded = True
            loan_rows.save(tx.session, loan)
            tx.emit(LoanOverdue(loan_id=loan.id, record_id=loan.record_id, unit_code=loan.unit_code,
                                borrower_id=loan.borrower_id, due_on=loan.due_on), subject=f"loan/{loan.id}")
            reminded += 1
    return reminded


# -- Hủy hồ sơ ----------------------------------------------------------------------------------------
def destruction(db, query: DestructionQuery, today: date) -> DestructionView:
    with db.read() as session:
        found = destructions.get(session, query.destruction_id)
        if found is None or found.unit_code != query.actor.unit_code:
            raise NotFound(DESTRUCTION_NOT_FOUND)
        listed = repository.many(session, list(found.content.record_ids), found.unit_code)
        return views.destruction_view(found, record_views(session, found.unit_code, listed, today))


def list_destructions(db, query: UnitQuery, today: date) -> list[DestructionView]:
    with db.read() as session:
        found = destructions.of_unit(session, query.actor.unit_code)
        ids = list(dict.fromkeys(r for d in found for r in d.content.record_ids))
        by_id = {v.id: v for v in record_views(session, query.actor.unit_code,
                                               repository.many(session, ids, query.actor.unit_code), today)}
    return [views.destruction_view(d, [by_id[r] for r in d.content.record_ids if r in by_id]) for d in found]
