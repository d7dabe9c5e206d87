"""nameko entrypoints of the documents service: files, controlled documents, the records archive, loans,
destruction lists and the search (manual section 7 and the records menus).

RPC (metadata and grants): ``health``, ``get_file``, ``get_files``, ``grant_download``,
``grant_upload``, ``grant_checked_upload``. HTTP (bytes; internal, only the gateway calls it, each request
with a grant): ``POST /files``, ``GET /files/<id>``, ``GET /health``. Bytes never travel over AMQP. Events:
the ``workflow.dossier.*`` facts name the files dossiers list (a timer removes files none listed) and move
document versions (dossier type 7) and destruction lists (type 12). Section 7's entrypoints are at the end
(``@query`` / ``@command``); see README.md.
"""
import logging
import uuid

from eiso_contracts import topology
from eiso_contracts.errors import EisoError, InvalidInput, NotFound
from eiso_contracts.rpc.documents import (
    HEADER_GRANT, AcknowledgeDocument, ArchiveRecord, DecideLoan, DestructionQuery, DocumentQuery, GetFile, GetFiles,
    GrantCheckedUpload, GrantDownload, GrantUpload, LoanFilter, ProposeDestruction, RecordFilter, RecordQuery,
    RegisterQuery, RequestLoan, ReturnLoan, SearchQuery, SubmitDocumentVersion, UnitQuery, VersionQuery,
)
from eiso_contracts.rpc.workflow import DossierView
from eiso_kit.clock import local_today, utcnow
from eiso_kit.config import ServiceSettings
from eiso_kit.db import Database
from eiso_kit.events.subscribe import subscribe
from eiso_kit.handlers import command, internal, query
from eiso_kit.health import report
from eiso_kit.dossiers import DossierFollower, submit
from eiso_kit.rpc import call, dump
from nameko.rpc import RpcProxy
from nameko.timer import timer

from . import attachments, cleanup, grants, people, repository, uploads
from .controlled import in_force
from .controlled import reads as controlled_reads
from .controlled import repository as controlled_repository
from .controlled import submission as controlled_submission
from .controlled import views as controlled_views
from .controlled.dossier import DOCUMENT_VERSION
from .destruction import execution
from .destruction import repository as destruction_repository
from .destruction import submission as destruction_submission
from .destruction.dossier import DESTRUCTION
from .records import archive
from .records import loan_repository
from .records import reads as records_reads
from .records import repository as records_repository
from .search import reads as search_reads
from .domain.grants import OTHER_UNIT, GrantForbidden, GrantRefused
from .domain.upload_request import read_upload_headers
from .grant_keys import GrantKeys
from .models import MIGRATIONS, dossier_progress, metadata, requests
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

    # ============================================================================================
    # Kiểm soát tài liệu, Lưu trữ hồ sơ, Mượn trả hồ sơ, Hủy hồ sơ, Tìm kiếm (manual section 7 and the records
    # menus). Entrypoints are one line each: the work is in controlled/, records/, destruction/, search/.
    # ============================================================================================
    workflow = RpcProxy("workflow")
    context = RpcProxy("context")
    settings = ServiceSettings()

    def _today(self):
        return local_today(self.settings.timezone)

    @command(GrantCheckedUpload)
    def grant_checked_upload(self, cmd):
        """A grant for an upload whose bytes are checked (type by content, no path in the name) and indexed."""
        return grants.upload(self, cmd, checked=True)

    # -- Kiểm soát tài liệu -----------------------------------------------------------------------
    @command(SubmitDocumentVersion)
    def submit_document_version(self, cmd):
        """A new document or a new version of one (ISO secretary); the workflow opens dossier type 7."""
        return controlled_views.version_view(self._submit_version(cmd))

    @query(RegisterQuery)
    def list_documents(self, query):
        return controlled_reads.register(self.db, query, self._today())

    @query(DocumentQuery)
    def get_document(self, query):
        return controlled_reads.document(self.db, query, self._today())

    @query(VersionQuery)
    def get_document_version(self, query):
        return controlled_reads.version(self.db, query)

    @command(AcknowledgeDocument)
    def acknowledge_document(self, cmd):
        return controlled_reads.acknowledge(self.db, cmd, utcnow(), self._today())

    # -- Lưu trữ hồ sơ ----------------------------------------------------------------------------
    @command(ArchiveRecord)
    def archive_record(self, cmd):
        """Archive a completed dossier (``dossier_code``) or any record, with its files, retention, location."""
        return records_reads.record(self.db, RecordQuery(actor=cmd.actor, record_id=self._archive(cmd).id),
                                    self._today())

    @query(RecordFilter)
    def list_records(self, query):
        return records_reads.list_records(self.db, query, self._today())

    @query(RecordQuery)
    def get_record(self, query):
        return records_reads.record(self.db, query, self._today())

    # -- Mượn trả hồ sơ ---------------------------------------------------------------------------
    @command(RequestLoan)
    def request_loan(self, cmd):
        return records_reads.request_loan(self.db, cmd, utcnow(), self._today())

    @command(DecideLoan)
    def decide_loan(self, cmd):
        return records_reads.decide_loan(self.db, cmd, utcnow(), self._today())

    @command(ReturnLoan)
    def return_loan(self, cmd):
        return records_reads.return_loan(self.db, cmd, self._today())

    @query(LoanFilter)
    def list_loans(self, query):
        return records_reads.list_loans(self.db, query, self._today())

    # -- Hủy hồ sơ --------------------------------------------------------------------------------
    @command(ProposeDestruction)
    def propose_destruction(self, cmd):
        """The ISO secretary's list of records past retention; the workflow opens dossier type 12 for the leader."""
        destruction = self._propose(cmd)
        return records_reads.destruction(self.db, DestructionQuery(actor=cmd.actor, destruction_id=destruction.id),
                                         self._today())

    @query(DestructionQuery)
    def get_destruction(self, query):
        return records_reads.destruction(self.db, query, self._today())

    @query(UnitQuery)
    def list_destructions(self, query):
        return records_reads.list_destructions(self.db, query, self._today())

    # -- Tìm kiếm -----------------------------------------------------------------------------------
    @query(SearchQuery)
    def search(self, query):
        """Documents and records of the actor's unit by number, title and the text inside their files."""
        return search_reads.page(self.db, query)

    # -- dossiers of types 7 and 12, and what follows them in time -------------------------------------
    @subscribe(topology.DOCUMENTS_DOSSIER_PROGRESS)
    def on_dossier_progress(self, received):
        """Apply the workflow's facts to versions and destruction lists, then what may follow the commit."""
        FOLLOWER.follow(self.db, received)
        self.after_changes()

    @timer(interval=60)
    def after_changes(self):
        """Versions due today come into force; destroyed files lose their bytes; minutes are written;
        reviews and overdue loans are reminded. Each step is idempotent and safe with several copies."""
        today = self._today()
        in_force.apply_due(self.db, today)
        execution.purge(self.db, self.files)
        try:
            execution.write_minutes(self.db, self.files, people.minutes_names(self.context, self._rpc_timeout),
                                    self.settings.timezone)
        except EisoError as exc:
            log.warning("destruction minutes not written yet: %s", exc.message)
        in_force.remind_reviews(self.db, today)
        records_reads.remind_overdue(self.db, today)

    @timer(interval=60, eager=True)
    def check_dossier_types(self):
        FOLLOWER.check_definitions(self.workflow, self._rpc_timeout)

    @property
    def _rpc_timeout(self) -> float:
        return self.settings.service_rpc_timeout

    def _check_with_workflow(self, request):
        call(self.workflow.validate_request, dump(request), timeout=self._rpc_timeout,
             unavailable="Chưa trình được: dịch vụ hồ sơ không trả lời. Vui lòng thử lại sau.")

    def _submit_version(self, cmd):
        controlled_submission.check_author(cmd.actor)
        departments = people.department_ids(self.context, cmd.actor.unit_code, self._rpc_timeout)
        controlled_submission.check_departments(cmd, departments)

        def draft():
            with self.db.read() as session:
                existing = (controlled_repository.get_document(session, cmd.content.document_id, cmd.actor.unit_code)
                            if cmd.content.document_id else None)
                newest = (controlled_repository.version_number(session, existing.id, existing.latest_version)
                          if existing else None)
                taken = controlled_repository.number_taken(session, cmd.actor.unit_code, cmd.content.internal_number)
                checked = {f.id for f in repository.views(session, list(cmd.attachments))
                           if f.unit_code == cmd.actor.unit_code and f.verified_type}
            if any(f not in checked for f in cmd.attachments):
                raise InvalidInput(NOT_CHECKED)
            version = controlled_submission.draft(cmd, version_id=uuid.uuid4().hex, document_id=uuid.uuid4().hex,
                                                  now=utcnow(), existing=existing, number_taken=taken, newest=newest)
            return version, controlled_submission.submitted(version, cmd)

        return submit(self.db, requests, DOCUMENT_VERSION, cmd, command="documents.submit_document_version",
                      key=cmd.request_id, draft=draft, check_route=self._check_with_workflow)

    def _archive(self, cmd):
        earlier = archive.earlier(self.db, cmd)
        if earlier is not None:
            return earlier
        dossier = None
        if cmd.dossier_code:
            found = call(self.workflow.get_dossier, cmd.dossier_code, dump(cmd.actor), timeout=self._rpc_timeout,
                         unavailable="Không đọc được hồ sơ vì dịch vụ hồ sơ chưa trả lời. Vui lòng thử lại sau.")
            dossier = DossierView.model_validate(found)
        return archive.archive(self.db, cmd, dossier, utcnow(), self.settings.timezone)

    def _propose(self, cmd):
        today = self._today()

        def draft():
            with self.db.read() as session:
                listed = records_repository.many(session, list(cmd.content.record_ids), cmd.actor.unit_code)
                busy = (loan_repository.open_for(session, list(cmd.content.record_ids))
                        | destruction_repository.open_record_ids(session, cmd.actor.unit_code))
            destruction = destruction_submission.draft(cmd, uuid.uuid4().hex, utcnow())
            destruction_submission.check_records(list(cmd.content.record_ids), listed, today, busy)
            return destruction, destruction_submission.submitted(destruction, cmd)

        return submit(self.db, requests, DESTRUCTION, cmd, command="documents.propose_destruction",
                      key=cmd.request_id, draft=draft, check_route=self._check_with_workflow)


NOT_CHECKED = ("Tệp của tài liệu phải được tải lên qua mục Kiểm soát tài liệu (đã kiểm tra định dạng) "
               "và thuộc đơn vị.")
FOLLOWER = DossierFollower(dossier_progress, DOCUMENT_VERSION, DESTRUCTION)
