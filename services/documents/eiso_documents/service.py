"""nameko entrypoints of the documents service: the files slice.

RPC (metadata and grants): ``health``, ``get_file``, ``get_files``, ``grant_download``,
``grant_upload``. HTTP (bytes; internal, only the gateway calls it, each request with a grant):
``POST /files``, ``GET /files/<id>``, ``GET /health``. Bytes never travel over AMQP. Events: the
``workflow.dossier.*`` facts name the files dossiers list; a timer removes files none listed.
"""
import logging

from eiso_contracts import topology
from eiso_contracts.errors import EisoError, NotFound
from eiso_contracts.rpc.documents import HEADER_GRANT, GetFile, GetFiles, GrantDownload, GrantUpload
from eiso_kit.db import Database
from eiso_kit.events.subscribe import subscribe
from eiso_kit.handlers import command, internal, query
from eiso_kit.health import report
from eiso_kit.rpc import dump
from nameko.timer import timer

from . import attachments, cleanup, grants, repository, uploads
from .domain.grants import OTHER_UNIT, GrantForbidden, GrantRefused
from .domain.upload_request import read_upload_headers
from .grant_keys import GrantKeys
from .models import MIGRATIONS, metadata
from .storage import FileStorage, ObjectMissing
from .web import download_response, error_response, files_http, json_response

log = logging.getLogger(__name__)
FILE_NOT_FOUND = grants.FILE_NOT_FOUND
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

    @internal()
    def health(self):
        """``{"service": "documents", "status": "ok", "checks": {"database": "ok", "storage": "ok"}}``"""
        return report(self.name, database=self.db.health(), storage=self.files.storage.health())

    @query(GetFile)
    def get_file(self, query):
        """FileView of a file of the person's unit, or ``NotFound``."""
        return grants.file_of(self.db, query)

    @internal(GetFiles)
    def get_files(self, query):
        """FileViews of the stored files among ``file_ids``, in that order; unknown ids are left out."""
        return grants.files_of(self.db, query)

    # -- grants: the gateway asks, for one person, before each upload or download ---------------
    @command(GrantDownload)
    def grant_download(self, cmd):
        """``GrantDownload`` -> ``FileGrant`` with the file's ``FileView``; NotFound, or Forbidden for another unit."""
        return grants.download(self, cmd)

    @command(GrantUpload)
    def grant_upload(self, cmd):
        """``GrantUpload`` -> ``FileGrant``; ``TooManyRequests`` (429) when the person's daily quota is spent."""
        return grants.upload(self, cmd)

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
