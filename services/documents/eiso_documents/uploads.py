"""Receiving an upload: bytes into storage first, then metadata and ``FileStored`` in one commit.

The row is written only after the bytes are safely stored; if writing it fails, the object is
removed. There is never a row without bytes. The one doubtful case is a failure during or after the
commit (the database may have committed and the answer got lost): then the object is removed only
if the row is known to be absent. An object left without a row is unreachable (it has no id) and
logged; a row without its bytes would be lost data.
"""
from __future__ import annotations

import logging

from eiso_contracts.events.documents import FileStored
from eiso_contracts.rpc.documents import FileView
from eiso_kit.clock import utcnow
from eiso_kit.db import DatabaseAccess

from . import repository
from .domain.errors import empty_file, upload_interrupted
from .domain.files import new_file_id, storage_key
from .domain.hashing import Readable
from .domain.upload_request import UploadRequest
from .storage import FileStore, Storage

log = logging.getLogger(__name__)


def receive(db: DatabaseAccess, files: FileStore, request: UploadRequest, body: Readable) -> FileView:
    file_id, now = new_file_id(), utcnow()
    key = storage_key(file_id, now)
    stored = files.storage.put(key, body, limit=files.max_upload_bytes, content_type=request.content_type)
    if stored.size == 0 or (request.declared_size is not None and stored.size != request.declared_size):
        discard(files.storage, key)  # empty, or the client went away before its Content-Length was sent
        raise empty_file() if stored.size == 0 else upload_interrupted()
    view = FileView(id=file_id, unit_code=request.unit_code, name=request.name, content_type=request.content_type,
                    size=stored.size, sha256=stored.sha256, uploaded_by=request.uploaded_by, uploaded_at=now)
    body_done = False
    try:
        with db.transaction() as tx:
            repository.add(tx.session, view, storage_key=key)
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
