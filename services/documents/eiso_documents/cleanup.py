"""Removing files no dossier ever listed, after ``EISO_UPLOAD_RETENTION_HOURS``.

Each file is marked removed in its own short transaction, and only if it is still removable then
(an event may have attached it meanwhile); its bytes are deleted after that commit. Several copies
of the service may sweep at once: the conditional update lets one of them remove each file. A
failure to delete the bytes is logged; the file is already unreachable (``get_file`` answers
NotFound for a removed file).
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from eiso_kit.clock import utcnow

from . import repository
from .storage import FileStore
from .uploads import discard

log = logging.getLogger(__name__)

BATCH = 200


def sweep(db, files: FileStore, retention_hours: float, *, now: datetime | None = None) -> int:
    """Remove up to ``BATCH`` files unlisted since before ``now - retention``; how many were removed."""
    cutoff = (now or utcnow()) - timedelta(hours=retention_hours)
    with db.read() as session:
        candidates = repository.removable(session, cutoff, BATCH)
    removed = 0
    for file_id, key in candidates:
        with db.transaction() as tx:
            if not repository.mark_removed(tx.session, file_id, cutoff):
                continue
            tx.audit("file", file_id, "removed", None, after={"reason": "không hồ sơ nào đính kèm",
                                                              "retention_hours": retention_hours})
        discard(files.storage, key)
        removed += 1
    if removed:
        log.info("removed %d files no dossier listed for %s hours", removed, retention_hours)
    return removed
