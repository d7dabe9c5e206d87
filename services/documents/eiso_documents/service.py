"""nameko entrypoints of the documents service: the files slice.

RPC (metadata): ``health``, ``get_file``, ``get_files``. HTTP (bytes; internal, only the gateway
calls it): ``POST /files``, ``GET /files/<id>``, ``GET /health``. Bytes never travel over AMQP.
"""
import logging

from eiso_contracts.errors import EisoError, NotFound
from eiso_contracts.rpc.documents import GetFile, GetFiles
from eiso_kit.db import Database
from eiso_kit.health import report
from eiso_kit.rpc import dump, parse
from eiso_kit.entrypoint import rpc

from . import repository, uploads
from .domain.upload_request import read_upload_headers
from .models import MIGRATIONS, metadata
from .storage import FileStorage, ObjectMissing
from .web import download_response, files_http, json_response

log = logging.getLogger(__name__)
FILE_NOT_FOUND = "Không tìm thấy tệp."


class DocumentsService:
    """Every file of the system: bytes in object storage, metadata and SHA-256 here."""

    name = "documents"
    db = Database(metadata, migrations=MIGRATIONS)
    files = FileStorage()

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

    @files_http("POST", "/files")
    def upload(self, request):
        """The raw body is the file; the headers say whose and what (see README). 201 + FileView."""
        upload = read_upload_headers(request.headers, self.files.max_upload_bytes)
        view = uploads.receive(self.db, self.files, upload, request.stream)
        return json_response(201, dump(view), headers={"Location": f"/files/{view.id}"})

    @files_http("GET", "/files/<file_id>")
    def download(self, request, file_id):
        with self.db.read() as session:
            found = repository.find(session, file_id)
        if found is None:
            raise NotFound(FILE_NOT_FOUND)
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
