"""nameko entrypoints of the documents service: the files slice.

RPC (metadata and grants): ``health``, ``get_file``, ``get_files``, ``grant_download``,
``grant_upload``. HTTP (bytes; internal, only the gateway calls it, each request with a grant):
``POST /files``, ``GET /files/<id>``, ``GET /health``. Bytes never travel over AMQP. Events: the
``workflow.dossier.*`` facts name the files dossiers list; a timer removes files none listed.
"""
import logging
from datetime import timedelta

from eiso_contracts import topology
from eiso_contracts.errors import EisoError, Forbidden, NotFound
from eiso_contracts.rpc.documents import (GRANT_SECONDS, HEADER_GRANT, FileGrant, GetFile, GetFiles, GrantDownload,
                                          GrantUpload)
from eiso_kit.clock import utcnow
from eiso_kit.db import Database
from eiso_kit.events.subscribe import subscribe
from eiso_kit.health import report
from eiso_kit.rpc import dump, parse
from eiso_kit.entrypoint import rpc
from nameko.timer import timer

from . import attachments, cleanup, repository, uploads
from .domain import quota
from .domain.grants import OTHER_UNIT, Grant, GrantForbidden, GrantRefused
from .domain.upload_request import read_upload_headers
from .grant_keys import GrantKeys
from .models import MIGRATIONS, metadata
from .storage import FileStorage, ObjectMissing
from .web import download_response, error_response, files_http, json_response

log = logging.getLogger(__name__)
FILE_NOT_FOUND = "Không tìm thấy tệp."
SWEEP_EVERY = 900  # seconds between looks for files no dossier listed within the retention


def _refused(request, exc: EisoError):
    """A refused grant: one line in the log, the JSON answer (never a traceback)."""
    log.warning("file endpoint refused %s %s: %s %s", request.method, request.path, exc.status, exc.message)
    return error_response(exc)


class DocumentsService:
    """Every file of the system: bytes in object storage, metadata and SHA-256 here."""

    name = "documents"
    db = Database(metadata, migrations=MIGRATIONS)
    files = FileStorage()
    keys = GrantKeys()

    @rpc(expected_exceptions=EisoError)
    def health(self):
        """``{"service": "documents", "status": "ok", "checks": {"database": "ok", "storage": "ok"}}``"""
        return report(self.name, database=self.db.health(), storage=self.files.storage.health())

    @rpc(expected_exceptions=EisoError)
    def get_file(self, file_id):
        """FileView of a stored file, or ``NotFound``."""
        query = parse(GetFile, {"file_id": file_id})
        with self.db.read() as session:
            found = repository.find(session, query.file_id)
        if found is None:
            raise NotFound(FILE_NOT_FOUND)
        return dump(found.view)

    @rpc(expected_exceptions=EisoError)
    def get_files(self, file_ids):
        """FileViews of the stored files among ``file_ids``, in that order; unknown ids are left out."""
        query = parse(GetFiles, {"file_ids": file_ids})
        with self.db.read() as session:
            return dump(repository.views(session, query.file_ids))

    # -- grants: the gateway asks, for one person, before each upload or download ---------------
    @rpc(expected_exceptions=EisoError)
    def grant_download(self, cmd):
        """``GrantDownload`` -> ``FileGrant`` with the file's ``FileView``; NotFound, or Forbidden for another unit."""
        query = parse(GrantDownload, cmd)
        with self.db.read() as session:
            found = repository.find(session, query.file_id)
        if found is None:
            raise NotFound(FILE_NOT_FOUND)
        if found.view.unit_code != query.actor.unit_code:
            raise Forbidden(OTHER_UNIT)
        grant = Grant("download", query.actor.id, query.actor.unit_code, found.view.id)
        return dump(self._grant(grant, file=found.view))

    @rpc(expected_exceptions=EisoError)
    def grant_upload(self, cmd):
        """``GrantUpload`` -> ``FileGrant``; ``TooManyRequests`` (429) when the person's daily quota is spent."""
        query = parse(GrantUpload, cmd)
        now = utcnow()
        if uploads.remaining_today(self.db, self.files, query.actor.id, now) <= 0:
            raise quota.exceeded(self.files.daily_quota_bytes, now, self.files.timezone)
        return dump(self._grant(Grant("upload", query.actor.id, query.actor.unit_code)))

    def _grant(self, grant: Grant, file=None) -> FileGrant:
        token = self.keys.signer(self.db).sign(grant)
        return FileGrant(grant=token, expires_at=utcnow() + timedelta(seconds=GRANT_SECONDS), file=file)

    # -- the file endpoint ----------------------------------------------------------------------
    @files_http("POST", "/files")
    def upload(self, request):
        """The raw body is the file; the grant says whose, the headers what (see README). 201 + FileView."""
        try:
            grant = self.keys.signer(self.db).verify(request.headers.get(HEADER_GRANT), "upload")
            upload = read_upload_headers(request.headers, self.files.max_upload_bytes, grant)
        except (GrantRefused, GrantForbidden) as exc:
            return _refused(request, exc)
        view = uploads.receive(self.db, self.files, upload, request.stream)
        return json_response(201, dump(view), headers={"Location": f"/files/{view.id}"})

    @files_http("GET", "/files/<file_id>")
    def download(self, request, file_id):
        try:
            grant = self.keys.signer(self.db).verify(request.headers.get(HEADER_GRANT), "download", file_id)
        except (GrantRefused, GrantForbidden) as exc:
            return _refused(request, exc)
        with self.db.read() as session:
            found = repository.find(session, file_id)
        if found is None:
            raise NotFound(FILE_NOT_FOUND)
        if found.view.unit_code != grant.unit_code:
            return _refused(request, GrantForbidden(OTHER_UNIT))
        try:
            stream = self.files.storage.open(found.storage_key)
        except ObjectMissing:
            log.error("file %s has metadata but no object under %s", file_id, found.storage_key)
            raise NotFound("Không tìm thấy nội dung của tệp trong kho lưu trữ.") from None
        return download_response(found.view, stream)

    @files_http("GET", "/health")
    def http_health(self, request):
        body = self.health()
        return json_response(200 if body["status"] == "ok" else 503, body)

    # -- which files dossiers list; removing the others after the retention ---------------------
    @subscribe(topology.DOCUMENTS_DOSSIER_FILES)
    def on_dossier_files(self, received):
        attachments.apply(self.db, received)

    @timer(interval=SWEEP_EVERY)
    def remove_unattached_files(self):
        cleanup.sweep(self.db, self.files, self.files.retention_hours)
