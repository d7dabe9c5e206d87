"""Receiving an upload: bytes into storage first, then metadata and ``FileStored`` in one commit.

The row is written only after the bytes are safely stored; if writing it fails, the object is
removed. There is never a row without bytes. The one doubtful case is a failure during or after the
commit (the database may have committed and the answer got lost): then the object is removed only
if the row is known to be absent. An object left without a row is unreachable (it has no id) and
logged; a row without its bytes would be lost data.
"""
from __future__ import annotations

import logging

from datetime import datetime

from eiso_contracts.errors import PayloadTooLarge
from eiso_contracts.events.documents import FileStored
from eiso_contracts.rpc.documents import FileView
from eiso_kit.clock import utcnow
from eiso_kit.db import DatabaseAccess

from . import repository
from .content.inspect import Inspected, inspect
from .domain import quota
from .domain.errors import empty_file, upload_interrupted
from .domain.files import new_file_id, storage_key
from .domain.hashing import Readable
from .domain.upload_request import UploadRequest
from .storage import FileStore, Storage

log = logging.getLogger(__name__)


def remaining_today(db: DatabaseAccess, files: FileStore, person_id: str, now: datetime) -> int:
    """Bytes ``person_id`` may still upload today (``EISO_UPLOAD_QUOTA_MB`` per day, in ``EISO_TIMEZONE``)."""
    start, _ = quota.day_bounds(now, files.timezone)
    with db.read() as session:
        return files.daily_quota_bytes - repository.uploaded_since(session, person_id, start)


def receive(db: DatabaseAccess, files: FileStore, request: UploadRequest, body: Readable) -> FileView:
    """Store one upload within the file limit and the uploader's daily quota (reading stops at whichever
    comes first: a chunked upload over the quota is not kept). Two uploads of one person at the same
    moment may together pass the quota by at most one file."""
    file_id, now = new_file_id(), utcnow()
    remaining = remaining_today(db, files, request.uploaded_by, now)
    if remaining <= 0 or (request.declared_size is not None and request.declared_size > remaining):
        raise quota.exceeded(files.daily_quota_bytes, now, files.timezone)
    limit = min(files.max_upload_bytes, remaining)
    key = storage_key(file_id, now)
    try:
        stored = files.storage.put(key, body, limit=limit, content_type=request.content_type)
    except PayloadTooLarge:
        if limit < files.max_upload_bytes:
            raise quota.exceeded(files.daily_quota_bytes, now, files.timezone) from None
        raise
    if stored.size == 0 or (request.declared_size is not None and stored.size != request.declared_size):
        discard(files.storage, key)  # empty, or the client went away before its Content-Length was sent
        raise empty_file() if stored.size == 0 else upload_interrupted()
    inspected = _inspected(files, key, request) if request.checked else None
    view = FileView(id=file_id, unit_code=request.unit_code, name=request.name,
                    content_type=inspected.kind.mime if inspected else request.content_type,
                    size=stored.size, sha256=stored.sha256, uploaded_by=request.uploaded_by, uploaded_at=now,
                    verified_type=inspected.kind.code if inspected else None)
    body_done = False
    try:
        with db.transaction() as tx:
            repository.add(tx.session, view, storage_key=key)
            if inspected is not None and inspected.text:
                repository.add_text(tx.session, view.id, inspected.text, now)
            tx.emit(FileStored(file_id=view.id, unit_code=view.unit_code, name=view.name,
                               content_type=view.content_type, size=view.size, sha256=view.sha256,
                               uploaded_by=view.uploaded_by), subject=f"file/{view.id}")
            tx.audit("file", view.id, "stored", view.uploaded_by, before=None, after=view.model_dump(mode="json"))
            body_done = True  # from here on the commit may have happened even if something raises
    except BaseException:
        if not body_done or not _recorded(db, view.id):
            discard(files.storage, key)
        raise
    return view


def _inspected(files: FileStore, key: str, request: UploadRequest) -> Inspected:
    """A checked upload's kind and text; a file that is not allowed is removed (nothing is kept) and refused."""
    try:
        return inspect(files.storage, key, request.name)
    except BaseException:
        discard(files.storage, key)
        raise


def _recorded(db: DatabaseAccess, file_id: str) -> bool:
    """Whether the row exists after a failed commit; when that cannot be known, assume it does."""
    try:
        with db.read() as session:
            return repository.find(session, file_id) is not None
    except Exception as exc:
        log.error("cannot tell whether file %s was recorded; its object is kept: %s", file_id, exc)
        return True


def discard(storage: Storage, key: str) -> None:
    """Remove an object nothing refers to; a failure is logged (the object is unreachable anyway)."""
    try:
        storage.remove(key)
    except Exception as exc:
        log.error("could not remove unreferenced object %s: %s", key, exc)
