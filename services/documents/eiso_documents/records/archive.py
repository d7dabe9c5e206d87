"""Archiving a record: from a completed dossier (its files and closing date come with it) or any record."""
from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from eiso_contracts.errors import Conflict, InvalidInput
from eiso_contracts.events.documents import RecordArchived
from eiso_contracts.rpc.documents import ArchiveRecord
from eiso_contracts.rpc.workflow import DossierView
from sqlalchemy.exc import IntegrityError

from eiso_kit import idempotency

from .. import repository as file_rows
from ..models import requests
from . import indexing, repository
from .aggregate import Record, check_archivist

NOT_CHECKED = ("Tệp đính kèm hồ sơ lưu trữ phải được tải lên qua mục Lưu trữ hồ sơ (đã kiểm tra định dạng) "
               "và thuộc đơn vị.")


def dossier_files(dossier: DossierView) -> list[str]:
    """Every file the dossier's steps and history list, first listed first."""
    listed = [f for step in dossier.steps for f in step.attachments]
    listed += [f for entry in dossier.history for f in entry.attachments]
    return list(dict.fromkeys(listed))


def earlier(db, cmd: ArchiveRecord) -> Record | None:
    """The record an earlier ``archive_record`` with this idempotency key made (a retry), or None."""
    request = idempotency.keyed("documents.archive_record", cmd, cmd.request_id)
    if request is None:
        return None
    with db.read() as session:
        result = idempotency.recall(session, requests, request)
        return repository.get(session, result["id"], cmd.actor.unit_code) if result else None


def archive(db, cmd: ArchiveRecord, dossier: DossierView | None, now: datetime, tz: str) -> Record:
    actor = cmd.actor
    check_archivist(actor, cmd.department_id)
    request = idempotency.keyed("documents.archive_record", cmd, cmd.request_id)
    if dossier is not None:
        if dossier.status != "completed" or dossier.closed_at is None:
            raise InvalidInput(f"Hồ sơ {dossier.code} chưa hoàn thành; chỉ lưu trữ hồ sơ đã hoàn thành.")
        number, title = cmd.number or dossier.code, cmd.title or dossier.title
        closed_on: date = dossier.closed_at.astimezone(ZoneInfo(tz)).date()
        files, checked = list(dict.fromkeys(dossier_files(dossier) + list(cmd.files))), list(cmd.files)
    else:
        number, title, closed_on = cmd.number, cmd.title, cmd.closed_on
        files = checked = list(dict.fromkeys(cmd.files))
    record = Record(id=uuid.uuid4().hex, unit_code=actor.unit_code, number=number, title=title,
                    record_type=cmd.record_type, department_id=cmd.department_id, closed_on=closed_on,
                    retention_years=cmd.retention_years, archived_by=actor.id, archived_at=now,
                    store=cmd.location.store, shelf=cmd.location.shelf, box=cmd.location.box,
                    dossier_code=dossier.code if dossier else None, files=files)
    try:
        with db.transaction() as tx:
            views = {f.id: f for f in file_rows.views(tx.session, files)}
            if any(views.get(f) is None or views[f].unit_code != actor.unit_code for f in files) or \
                    any(views[f].verified_type is None for f in checked):
                raise InvalidInput(NOT_CHECKED)
            clash = repository.taken(tx.session, actor.unit_code, record.number, record.dossier_code)
            if clash == "number":
                raise Conflict(f"Số, ký hiệu {record.number} đã có trong kho lưu trữ của đơn vị.")
            if clash == "dossier":
                raise Conflict(f"Hồ sơ {record.dossier_code} đã được lưu trữ.")
            repository.add(tx.session, record)
            indexing.refresh(tx.session, record)
            tx.audit("record", record.id, "archived", actor.id, after=record.snapshot())
            if request is not None:
                idempotency.remember(tx.session, requests, request, {"id": record.id}, now)
            tx.emit(RecordArchived(record_id=record.id, unit_code=record.unit_code, number=record.number,
                                   title=record.title, record_type=record.record_type,
                                   department_id=record.department_id, dossier_code=record.dossier_code,
                                   closed_on=record.closed_on, retention_years=record.retention_years,
                                   retention_until=record.retention_until, files=files, archived_by=actor.id),
                    subject=f"record/{record.id}")
    except IntegrityError:  # the same number or dossier archived by someone else a moment ago
        raise Conflict("Hồ sơ này vừa được lưu trữ bởi người khác.") from None
    return record
