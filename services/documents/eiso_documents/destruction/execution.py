"""After an approved destruction list is committed: delete the files' bytes, then write the minutes.

Both run right after the commit that executed the list (in the worker that applied it) and again every
minute, so a crash in between only delays them. The bytes of a file marked destroyed are deleted and the
deletion recorded (``bytes_deleted_at``); a file already gone is fine. The minutes are stored like any file
(bytes first, then the row and the list's ``minutes_file_id`` in one commit; the object is removed if that
commit fails) and attached to the dossier, so the retention sweep never takes them.
"""
from __future__ import annotations

import io
import logging

from eiso_contracts.rpc.documents import FileView
from sqlalchemy import select, update

from eiso_kit.clock import utcnow

from .. import repository as file_rows
from ..domain.files import new_file_id, storage_key
from ..models import DESTROYED, files
from ..records import repository as records
from ..storage import FileStore
from ..uploads import discard
from . import minutes
from . import repository

log = logging.getLogger(__name__)
BATCH = 500


def purge(db, store: FileStore) -> int:
    """Delete the bytes of destroyed files still in storage; how many were deleted."""
    with db.read() as session:
        pending = session.execute(select(files.c.id, files.c.storage_key).where(
            files.c.state == DESTROYED, files.c.bytes_deleted_at.is_(None)).limit(BATCH)).all()
    done = 0
    for file_id, key in pending:
        try:
            store.storage.remove(key)
        except Exception as exc:  # storage down: the next round tries again
            log.error("could not delete the bytes of destroyed file %s: %s", file_id, exc)
            continue
        with db.transaction() as tx:
            tx.session.execute(update(files).where(files.c.id == file_id).values(bytes_deleted_at=utcnow()))
            tx.audit("file", file_id, "bytes_deleted", None, after={"reason": "hồ sơ đã hủy"})
        done += 1
    if done:
        log.info("deleted the bytes of %d destroyed file(s)", done)
    return done


def write_minutes(db, store: FileStore, names_of, timezone: str) -> int:
    """Write the minutes of executed lists that have none; ``names_of(destruction, records)`` -> minutes.Names."""
    with db.read() as session:
        waiting = repository.without_minutes(session)
    written = 0
    for destruction_id in waiting:
        with db.read() as session:
            destruction = repository.get(session, destruction_id)
            destroyed = [r for r in records.many(session, list(destruction.content.record_ids), destruction.unit_code)
                         if r.destruction_id == destruction.id]
        body = minutes.write(destruction, destroyed, names_of(destruction, destroyed), timezone)
        now, file_id = utcnow(), new_file_id()
        key = storage_key(file_id, now)
        stored = store.storage.put(key, io.BytesIO(body), limit=len(body) + 1, content_type=minutes.MIME)
        view = FileView(id=file_id, unit_code=destruction.unit_code, name=minutes.file_name(destruction),
                        content_type=minutes.MIME, size=stored.size, sha256=stored.sha256,
                        uploaded_by=destruction.approved_by or destruction.proposed_by, uploaded_at=now,
                        verified_type="docx")
        try:
            with db.transaction() as tx:
                current = repository.get(tx.session, destruction_id, lock=True)
                if current.minutes_file_id is not None:  # another copy wrote them meanwhile
                    raise _AlreadyWritten()
                file_rows.add(tx.session, view, storage_key=key)
                tx.session.execute(update(files).where(files.c.id == file_id).values(
                    attached_to=current.dossier_code, attached_at=now, unattached_since=None))
                before = current.snapshot()
                current.minutes_file_id = file_id
                repository.save(tx.session, current)
                tx.audit("destruction", current.id, "minutes", None, before=before, after=current.snapshot())
        except _AlreadyWritten:
            discard(store.storage, key)
            continue
        except BaseException:
            discard(store.storage, key)
            raise
        written += 1
    return written


class _AlreadyWritten(Exception):
    pass
