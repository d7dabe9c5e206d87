"""Grants for the file endpoint: the gateway asks, for one person, just before each upload or download."""
from __future__ import annotations

from datetime import timedelta

from eiso_contracts.errors import Forbidden, NotFound
from eiso_contracts.rpc.documents import (
    GRANT_SECONDS, FileGrant, GetFile, GetFiles, GrantCheckedUpload, GrantDownload, GrantUpload,
)

from eiso_kit.clock import utcnow

from . import repository, uploads
from .domain import quota
from .domain.grants import OTHER_UNIT, Grant

FILE_NOT_FOUND = "Không tìm thấy tệp."


def file_of(db, query: GetFile):
    """The FileView of a file of the person's unit; NotFound otherwise (also another unit's)."""
    with db.read() as session:
        found = repository.find(session, query.file_id)
    if found is None or found.view.unit_code != query.actor.unit_code:
        raise NotFound(FILE_NOT_FOUND)
    return found.view


def files_of(db, query: GetFiles):
    """FileViews of the stored files among the ids, in that order; unknown ids left out, and for a person
    (an actor given) other units' files too."""
    with db.read() as session:
        views = repository.views(session, query.file_ids)
    if query.actor is not None:
        views = [view for view in views if view.unit_code == query.actor.unit_code]
    return views


def download(svc, query: GrantDownload) -> FileGrant:
    """A grant to read one file, with its FileView; NotFound, or Forbidden for another unit's file."""
    with svc.db.read() as session:
        found = repository.find(session, query.file_id)
    if found is None:
        raise NotFound(FILE_NOT_FOUND)
    if found.view.unit_code != query.actor.unit_code:
        raise Forbidden(OTHER_UNIT)
    return _grant(svc, Grant("download", query.actor.id, query.actor.unit_code, found.view.id), file=found.view)


def upload(svc, query: GrantUpload | GrantCheckedUpload, checked: bool = False) -> FileGrant:
    """A grant to upload one file; ``TooManyRequests`` (429) when the person's daily quota is spent. A
    ``checked`` upload (a controlled document's or a record's file) has its type read from its bytes and
    its text indexed."""
    now = utcnow()
    if uploads.remaining_today(svc.db, svc.files, query.actor.id, now) <= 0:
        raise quota.exceeded(svc.files.daily_quota_bytes, now, svc.files.timezone)
    return _grant(svc, Grant("upload", query.actor.id, query.actor.unit_code, checked=checked))


def _grant(svc, grant: Grant, file=None) -> FileGrant:
    token = svc.keys.signer(svc.db).sign(grant)
    return FileGrant(grant=token, expires_at=utcnow() + timedelta(seconds=GRANT_SECONDS), file=file)
