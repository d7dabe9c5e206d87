"""Records through a session, with their files."""
from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from .. import file_links
from ..models import record_files, records
from .aggregate import ARCHIVED, Record

_MUTABLE = ("state", "destruction_id", "destroyed_at")


def add(session: Session, record: Record) -> None:
    session.execute(insert(records).values(
        id=record.id, unit_code=record.unit_code, number=record.number, title=record.title,
        record_type=record.record_type, department_id=record.department_id, dossier_code=record.dossier_code,
        closed_on=record.closed_on, retention_years=record.retention_years, retention_until=record.retention_until,
        location_store=record.store, location_shelf=record.shelf, location_box=record.box,
        archived_by=record.archived_by, archived_at=record.archived_at,
        **{name: getattr(record, name) for name in _MUTABLE}))
    file_links.link(session, record_files, "record_id", record.id, record.files)


def save(session: Session, record: Record) -> None:
    session.execute(update(records).where(records.c.id == record.id)
                    .values(**{name: getattr(record, name) for name in _MUTABLE}))


def get(session: Session, record_id: str, unit_code: str, lock: bool = False) -> Record | None:
    found = _load(session, select(records).where(records.c.id == record_id, records.c.unit_code == unit_code), lock)
    return found[0] if found else None


def many(session: Session, record_ids: list[str], unit_code: str, lock: bool = False) -> list[Record]:
    if not record_ids:
        return []
    found = {r.id: r for r in _load(session, select(records).where(records.c.id.in_(record_ids),
                                                                   records.c.unit_code == unit_code), lock)}
    return [found[i] for i in record_ids if i in found]


def of_unit(session: Session, unit_code: str, record_type: str | None = None,
            department_id: str | None = None, past_retention_on: date | None = None) -> list[Record]:
    query = select(records).where(records.c.unit_code == unit_code)
    if record_type:
        query = query.where(records.c.record_type == record_type)
    if department_id:
        query = query.where(records.c.department_id == department_id)
    if past_retention_on is not None:
        query = query.where(records.c.state == ARCHIVED, records.c.retention_until.is_not(None),
                            records.c.retention_until < past_retention_on)
    return _load(session, query.order_by(records.c.archived_at, records.c.id), False)


def taken(session: Session, unit_code: str, number: str, dossier_code: str | None) -> str | None:
    """What makes a new record clash with an archived one: "number", "dossier", or None."""
    if session.execute(select(records.c.id).where(records.c.unit_code == unit_code,
                                                  records.c.number == number)).first():
        return "number"
    if dossier_code and session.execute(select(records.c.id).where(records.c.unit_code == unit_code,
                                                                   records.c.dossier_code == dossier_code)).first():
        return "dossier"
    return None


def files_of_live_records(session: Session, file_ids: list[str], except_records: list[str]) -> set[str]:
    """Those of ``file_ids`` another record not destroyed still lists (never deleted with this one)."""
    if not file_ids:
        return set()
    rows = session.execute(select(record_files.c.file_id).join(records, records.c.id == record_files.c.record_id)
                           .where(record_files.c.file_id.in_(file_ids), records.c.state == ARCHIVED,
                                  records.c.id.not_in(except_records))).scalars()
    return set(rows)


def _load(session: Session, query, lock: bool) -> list[Record]:
    rows, files = file_links.rows_with_files(session, query, record_files, "record_id", lock)
    return [Record(id=row.id, unit_code=row.unit_code, number=row.number, title=row.title,
                   record_type=row.record_type, department_id=row.department_id, closed_on=row.closed_on,
                   retention_years=row.retention_years, archived_by=row.archived_by, archived_at=row.archived_at,
                   store=row.location_store, shelf=row.location_shelf, box=row.location_box,
                   dossier_code=row.dossier_code, state=row.state, files=files[row.id],
                   destruction_id=row.destruction_id, destroyed_at=row.destroyed_at) for row in rows]
