"""Records, loans and destruction lists as the RPC answers the gateway shows."""
from __future__ import annotations

from datetime import date

from eiso_contracts.rpc.documents import (DESTRUCTION_STATUSES, LOAN_STATUSES, RECORD_STATES, RECORD_TYPES,
                                          DestructionView, LoanView, Location, RecordView)

from ..destruction.aggregate import Destruction
from .aggregate import Record
from .loans import Loan


def record_view(record: Record, state: str, today: date) -> RecordView:
    return RecordView(
        id=record.id, unit_code=record.unit_code, number=record.number, title=record.title,
        record_type=record.record_type, record_type_label=RECORD_TYPES.get(record.record_type, record.record_type),
        department_id=record.department_id, dossier_code=record.dossier_code, closed_on=record.closed_on,
        retention_years=record.retention_years, retention_until=record.retention_until,
        location=Location(store=record.store, shelf=record.shelf, box=record.box), files=list(record.files),
        state=state, state_label=RECORD_STATES[state], archived_by=record.archived_by,
        archived_at=record.archived_at, destroyed_at=record.destroyed_at, destruction_id=record.destruction_id,
        past_retention=record.past_retention(today))


def loan_view(loan: Loan, record: Record | None, today: date) -> LoanView:
    return LoanView(
        id=loan.id, unit_code=loan.unit_code, record_id=loan.record_id,
        record_number=record.number if record else "", record_title=record.title if record else "",
        record_department_id=record.department_id if record else "-", borrower_id=loan.borrower_id,
        borrower_department_id=loan.borrower_department_id, purpose=loan.purpose, borrowed_on=loan.borrowed_on,
        due_on=loan.due_on, status=loan.status, status_label=LOAN_STATUSES[loan.status], decided_by=loan.decided_by,
        decided_at=loan.decided_at, comment=loan.comment, returned_on=loan.returned_on,
        overdue=loan.overdue(today), requested_at=loan.requested_at)


def destruction_view(destruction: Destruction, records: list[RecordView]) -> DestructionView:
    return DestructionView(
        id=destruction.id, unit_code=destruction.unit_code, content=destruction.content, records=records,
        status=destruction.status, status_label=DESTRUCTION_STATUSES[destruction.status],
        proposed_by=destruction.proposed_by, proposed_at=destruction.proposed_at,
        dossier_code=destruction.dossier_code, approved_by=destruction.approved_by,
        approved_at=destruction.approved_at, executed_at=destruction.executed_at,
        files_deleted=destruction.files_deleted, minutes_file_id=destruction.minutes_file_id)
