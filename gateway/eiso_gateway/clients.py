"""Typed calls to the services: contract models in, contract models out.

One method per RPC the gateway uses, so views never build payloads by hand
and a change of contract shows up here. Requests are validated with the
contract model before they leave (``eiso_kit.rpc.parse`` turns a bad value
into ``InvalidInput`` with a readable message); answers are validated with
the response model (a mismatch is a bug: it surfaces as a 500 incident).
"""
from __future__ import annotations

from typing import Any, TypeVar

from eiso_contracts.errors import AuthenticationFailed, InvalidInput
from eiso_contracts.rpc.common import Actor, Health
from eiso_contracts.rpc.context import (
    ChangePassword, CreateDepartment, CreatePerson, Credentials, DepartmentView, PeopleQuery, PersonView,
    ResetPassword, SessionRef, SessionsEnded, SessionStarted, StartSession, UnitView,
)
from eiso_contracts.rpc.audit import ProgrammeView, PlanView, FindingView, ReportFile
from eiso_contracts.rpc.context_analysis import AnalysisView, SubmitAnalysis
from eiso_contracts.rpc.documents import (
    AcknowledgeDocument, ArchiveRecord, DecideLoan, DestructionQuery, DestructionView, DocumentQuery,
    DocumentSummary, DocumentVersionView, DocumentView, FileGrant, FileView, GrantCheckedUpload, GrantDownload,
    GrantUpload, LoanFilter, LoanView, ProposeDestruction, RecordFilter, RecordQuery, RecordView, RegisterQuery,
    RequestLoan, ReturnLoan, SearchPage, SearchQuery, SubmitDocumentVersion, UnitQuery, VersionQuery,
)
from eiso_contracts.rpc.quality import PolicyView, SubmitPolicy
from eiso_contracts.rpc.quality_improvement import ImprovementView
from eiso_contracts.rpc.quality_nonconformity import NonconformityView
from eiso_contracts.rpc.quality_objectives import (
    DepartmentObjectiveView, MeasurementReport, MeasurementView, ObjectivesView, PolicyChoice, RecordMeasurement,
    SetDepartmentObjectives, SubmitObjectives,
)
from eiso_contracts.rpc.workflow import (
    ActCommand, DossierSummary, DossierTypeView, DossierView, InboxCounts, InboxPage, InboxQuery,
)
from eiso_kit.idempotency import with_key
from eiso_kit.rpc import dump, parse
from pydantic import BaseModel

from .rpc import RpcPort

M = TypeVar("M", bound=BaseModel)

SERVICES = ("context", "workflow", "quality", "documents", "audit", "review")


def _one(model: type[M], data: Any) -> M:
    return model.model_validate(data)


def _many(model: type[M], data: Any) -> list[M]:
    # A service may answer a list or a page ({"items": [...]}); the gateway needs the items.
    if isinstance(data, dict) and "items" in data:
        data = data["items"]
    return [model.model_validate(item) for item in data or []]


class _Client:
    service = ""

    def __init__(self, rpc: RpcPort):
        self._rpc = rpc

    def _actor(self, actor: Actor) -> dict:
        """The actor as sent (the gateway signed it for this request: ``identity.User.actor``)."""
        return dump(actor)

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        return self._rpc.call(self.service, method, *args, **kwargs)

    def health(self) -> Health:
        return _one(Health, self._call("health"))


class ContextClient(_Client):
    service = "context"

    def authenticate(self, username: str, password: str) -> PersonView:
        creds = parse(Credentials, {"username": username, "password": password})
        return _one(PersonView, self._call("authenticate", dump(creds)))

    def start_session(self, username: str, password: str, kind: str) -> SessionStarted:
        cmd = parse(StartSession, {"username": username, "password": password, "kind": kind})
        return _one(SessionStarted, self._call("start_session", dump(cmd)))

    def check_session(self, token: str) -> PersonView:
        """The person of an open session; ``AuthenticationFailed`` once it ended (a malformed secret too)."""
        try:
            ref = parse(SessionRef, {"token": token})
        except InvalidInput:
            raise AuthenticationFailed("Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.") from None
        return _one(PersonView, self._call("check_session", ref.token))

    def end_sessions(self, token: str) -> SessionsEnded:
        try:
            ref = parse(SessionRef, {"token": token})
        except InvalidInput:
            return SessionsEnded(ended=0)
        return _one(SessionsEnded, self._call("end_sessions", ref.token))

    def get_person(self, person_id: str) -> PersonView:
        return _one(PersonView, self._call("get_person", person_id))

    def get_people(self, person_ids: list[str]) -> list[PersonView]:
        ids = sorted({i for i in person_ids if i})
        return _many(PersonView, self._call("get_people", ids)) if ids else []

    def list_people(self, unit_code: str, role: str | None = None, department_id: str | None = None,
                    *, inactive_for: Actor | None = None) -> list[PersonView]:
        """Active people of the unit; ``inactive_for=admin``: locked people too (the context service
        checks that this actor administers the unit)."""
        fields = {"unit_code": unit_code, "role": role or None, "department_id": department_id or None}
        if inactive_for is not None:
            fields.update(include_inactive=True, actor=dump(inactive_for))
        query = parse(PeopleQuery, fields)
        return _many(PersonView, self._call("list_people", dump(query)))

    def list_departments(self, unit_code: str) -> list[DepartmentView]:
        departments = _many(DepartmentView, self._call("list_departments", unit_code))
        return sorted(departments, key=lambda d: (d.sort_order, d.name))

    def get_unit(self, code: str) -> UnitView:
        return _one(UnitView, self._call("get_unit", code))

    def create_department(self, actor: Actor, code: str, name: str) -> DepartmentView:
        cmd = parse(CreateDepartment, {"actor": dump(actor), "code": code, "name": name})
        return _one(DepartmentView, self._call("create_department", dump(cmd)))

    def create_person(self, actor: Actor, **fields: Any) -> PersonView:
        cmd = parse(CreatePerson, {"actor": dump(actor), **fields})
        return _one(PersonView, self._call("create_person", dump(cmd)))

    def reset_password(self, actor: Actor, person_id: str, new_password: str) -> None:
        cmd = parse(ResetPassword, {"actor": dump(actor), "person_id": person_id, "new_password": new_password})
        self._call("reset_password", dump(cmd))

    def set_person_active(self, actor: Actor, person_id: str, active: bool) -> None:
        self._call("set_person_active", dump(actor), person_id, bool(active))

    def change_password(self, actor: Actor, current_password: str, new_password: str,
                        keep_session: str | None = None) -> None:
        cmd = parse(ChangePassword, {"actor": dump(actor), "current_password": current_password,
                                     "new_password": new_password, "keep_session": keep_session})
        self._call("change_password", dump(cmd))


    # -- context analyses (manual section 1): the actor is signed, the service checks it ----------------
    def submit_analysis(self, command: dict, request_id: str | None = None) -> AnalysisView:
        cmd = parse(SubmitAnalysis, {**command, "request_id": request_id or command.get("request_id")})
        return _one(AnalysisView, self._call("submit_analysis", dump(cmd)))

    def get_analysis(self, analysis_id: str, actor: Actor) -> AnalysisView:
        return _one(AnalysisView, self._call("get_analysis", analysis_id, dump(actor)))

    def list_analyses(self, actor: Actor) -> list[AnalysisView]:
        return _many(AnalysisView, self._call("list_analyses", dump(actor)))

    def get_applied_analysis(self, actor: Actor) -> AnalysisView | None:
        data = self._call("get_applied_analysis", dump(actor))
        return _one(AnalysisView, data) if data else None

    def apply_analysis(self, analysis_id: str, actor: Actor) -> AnalysisView:
        return _one(AnalysisView, self._call("apply_analysis", analysis_id, dump(actor)))


class WorkflowClient(_Client):
    service = "workflow"

    def list_definitions(self) -> list[DossierTypeView]:
        return _many(DossierTypeView, self._call("list_definitions"))

    def get_definition(self, type_code: str) -> DossierTypeView:
        return _one(DossierTypeView, self._call("get_definition", type_code))

    def get_dossier(self, code: str, actor: Actor) -> DossierView:
        return _one(DossierView, self._call("get_dossier", code, dump(actor)))

    def get_dossier_for_artefact(self, service: str, kind: str, artefact_id: str,
                                 actor: Actor) -> DossierSummary | None:
        data = self._call("get_dossier_for_artefact", service, kind, artefact_id, dump(actor))
        return _one(DossierSummary, data) if data else None

    def act(self, command: dict) -> DossierView:
        cmd = parse(ActCommand, command)
        return _one(DossierView, self._call("act", dump(cmd)))

    def inbox(self, actor: Actor, tab: str = "todo", page: int = 1, page_size: int = 20,
              search: str | None = None) -> InboxPage:
        query = parse(InboxQuery, {"actor": dump(actor), "tab": tab, "page": page, "page_size": page_size,
                                   "search": search or None})
        return _one(InboxPage, self._call("inbox", dump(query)))

    def inbox_counts(self, actor: Actor) -> InboxCounts:
        return _one(InboxCounts, self._call("inbox_counts", dump(actor)))


class QualityClient(_Client):
    service = "quality"

    def submit_policy(self, command: dict, request_id: str | None = None) -> PolicyView:
        cmd = parse(SubmitPolicy, with_key(command, request_id))
        return _one(PolicyView, self._call("submit_policy", dump(cmd)))

    def get_policy(self, policy_id: str, actor: Actor) -> PolicyView:
        """NotFound also for another unit's policy (the quality service decides)."""
        return _one(PolicyView, self._call("get_policy", policy_id, dump(actor)))

    def list_policies(self, actor: Actor) -> list[PolicyView]:
        return _many(PolicyView, self._call("list_policies", dump(actor)))

    def get_policy_in_force(self, actor: Actor) -> PolicyView | None:
        data = self._call("get_policy_in_force", dump(actor))
        return _one(PolicyView, data) if data else None

    # -- nonconformities (ISO 10.2) and improvements (ISO 10.3): signed actors ----------------------
    def _send(self, method: str, actor: Actor, **fields: Any) -> Any:
        return self._call(method, {"actor": self._actor(actor), **fields})

    def raise_nonconformity(self, actor: Actor, **fields: Any) -> NonconformityView:
        return _one(NonconformityView, self._send("raise_nonconformity", actor, **fields))

    def get_nonconformity(self, actor: Actor, nonconformity_id: str) -> NonconformityView:
        return _one(NonconformityView, self._send("get_nonconformity", actor, nonconformity_id=nonconformity_id))

    def list_nonconformities(self, actor: Actor, open_only: bool = False) -> list[NonconformityView]:
        return _many(NonconformityView, self._send("list_nonconformities", actor, open_only=open_only))

    def propose_improvement(self, actor: Actor, **fields: Any) -> ImprovementView:
        return _one(ImprovementView, self._send("propose_improvement", actor, **fields))

    def approve_improvement(self, actor: Actor, improvement_id: str) -> ImprovementView:
        return _one(ImprovementView, self._send("approve_improvement", actor, improvement_id=improvement_id))

    def refuse_improvement(self, actor: Actor, improvement_id: str, reason: str) -> ImprovementView:
        return _one(ImprovementView, self._send("refuse_improvement", actor, improvement_id=improvement_id,
                                                reason=reason))

    def list_improvements(self, actor: Actor) -> list[ImprovementView]:
        return _many(ImprovementView, self._send("list_improvements", actor))

    def get_improvement(self, actor: Actor, improvement_id: str) -> ImprovementView:
        return _one(ImprovementView, self._send("get_improvement", actor, improvement_id=improvement_id))

    # -- objectives and measurement (manual section 3): the actor is signed, the service checks it -------
    def list_policy_choices(self, actor: Actor) -> list[PolicyChoice]:
        return _many(PolicyChoice, self._call("list_policy_choices", dump(actor)))

    def submit_objectives(self, command: dict, request_id: str | None = None) -> ObjectivesView:
        cmd = parse(SubmitObjectives, {**command, "request_id": request_id or command.get("request_id")})
        return _one(ObjectivesView, self._call("submit_objectives", dump(cmd)))

    def get_objectives(self, objectives_id: str, actor: Actor) -> ObjectivesView:
        return _one(ObjectivesView, self._call("get_objectives", objectives_id, dump(actor)))

    def list_objectives(self, actor: Actor) -> list[ObjectivesView]:
        return _many(ObjectivesView, self._call("list_objectives", dump(actor)))

    def get_objectives_in_force(self, actor: Actor) -> ObjectivesView | None:
        data = self._call("get_objectives_in_force", dump(actor))
        return _one(ObjectivesView, data) if data else None

    def set_department_objectives(self, actor: Actor, department_id: str,
                                  objectives: list[dict]) -> list[DepartmentObjectiveView]:
        cmd = parse(SetDepartmentObjectives, {"actor": dump(actor), "department_id": department_id,
                                              "objectives": objectives})
        return _many(DepartmentObjectiveView, self._call("set_department_objectives",
                                                         dump(cmd)))

    def list_department_objectives(self, actor: Actor,
                                   department_id: str | None = None) -> list[DepartmentObjectiveView]:
        return _many(DepartmentObjectiveView, self._call("list_department_objectives",
                                                         {"actor": dump(actor), "department_id": department_id}))

    def record_measurement(self, actor: Actor, **fields: Any) -> MeasurementView:
        cmd = parse(RecordMeasurement, {"actor": dump(actor), **fields})
        return _one(MeasurementView, self._call("record_measurement", dump(cmd)))

    def measurement_report(self, actor: Actor, department_id: str | None = None, objective_no: int | None = None,
                           year: int | None = None) -> MeasurementReport:
        return _one(MeasurementReport, self._call("measurement_report", {
            "actor": dump(actor), "department_id": department_id, "objective_no": objective_no, "year": year}))


class AuditClient(_Client):
    """The audit service (ISO 9.2): every call is for a signed-in person (``@query`` / ``@command``)."""

    service = "audit"

    def _send(self, method: str, actor: Actor, **fields: Any) -> Any:
        return self._call(method, {"actor": self._actor(actor), **fields})

    def get_programme(self, actor: Actor, year: int) -> ProgrammeView | None:
        data = self._send("get_programme", actor, year=year)
        return _one(ProgrammeView, data) if data else None

    def draft_programme(self, actor: Actor, year: int, entries: list[dict], note: str = "") -> ProgrammeView:
        return _one(ProgrammeView, self._send("draft_programme", actor, year=year, entries=entries, note=note))

    def approve_programme(self, actor: Actor, year: int, revision: int) -> ProgrammeView:
        return _one(ProgrammeView, self._send("approve_programme", actor, year=year, revision=revision))

    def plan_audit(self, actor: Actor, **fields: Any) -> PlanView:
        return _one(PlanView, self._send("plan_audit", actor, **fields))

    def list_audits(self, actor: Actor, year: int | None = None) -> list[PlanView]:
        return _many(PlanView, self._send("list_audits", actor, year=year))

    def get_audit(self, actor: Actor, plan_id: str) -> PlanView:
        return _one(PlanView, self._send("get_audit", actor, plan_id=plan_id))

    def answer_checklist(self, actor: Actor, plan_id: str, number: int, result: str, answer: str) -> PlanView:
        return _one(PlanView, self._send("answer_checklist", actor, plan_id=plan_id, number=number, result=result,
                                         answer=answer))

    def record_finding(self, actor: Actor, **fields: Any) -> FindingView:
        return _one(FindingView, self._send("record_finding", actor, **fields))

    def issue_report(self, actor: Actor, plan_id: str, conclusion: str) -> PlanView:
        return _one(PlanView, self._send("issue_report", actor, plan_id=plan_id, conclusion=conclusion))

    def get_report(self, actor: Actor, plan_id: str) -> ReportFile:
        return _one(ReportFile, self._send("get_report", actor, plan_id=plan_id))


class DocumentsClient(_Client):
    service = "documents"

    def get_file(self, file_id: str, actor: Actor) -> FileView:
        """NotFound also for another unit's file (the documents service decides)."""
        return _one(FileView, self._call("get_file", file_id, dump(actor)))

    def grant_download(self, actor: Actor, file_id: str) -> FileGrant:
        """A grant to read one file of ``actor``'s unit (NotFound; Forbidden for another unit's)."""
        cmd = parse(GrantDownload, {"actor": dump(actor), "file_id": file_id})
        return _one(FileGrant, self._call("grant_download", dump(cmd)))

    def grant_upload(self, actor: Actor) -> FileGrant:
        """A grant to upload one file for ``actor``'s unit (TooManyRequests once the daily quota is spent)."""
        return _one(FileGrant, self._call("grant_upload", dump(parse(GrantUpload, {"actor": dump(actor)}))))

    def get_files(self, file_ids: list[str], actor: Actor) -> list[FileView]:
        """The files of ``actor``'s unit among the ids (others and unknown ones left out)."""
        ids = list(dict.fromkeys(i for i in file_ids if i))
        return _many(FileView, self._call("get_files", ids, dump(actor))) if ids else []

    def grant_checked_upload(self, actor: Actor) -> FileGrant:
        """A grant for a file of a controlled document or a record (its type checked by content, its text indexed)."""
        return _one(FileGrant, self._send("grant_checked_upload", GrantCheckedUpload, {"actor": dump(actor)}))

    def _send(self, method: str, model: type[BaseModel], fields: dict, **kwargs: Any) -> Any:
        """One call with its request model (checked before it leaves), as one JSON object; the actor is the one
        the gateway signed for this request (``identity.User.actor``)."""
        return self._call(method, dump(parse(model, fields)), **kwargs)

    # -- Kiểm soát tài liệu --------------------------------------------------------------------------
    def submit_document_version(self, command: dict, request_id: str | None = None) -> DocumentVersionView:
        fields = dict(command, request_id=request_id) if request_id else command
        return _one(DocumentVersionView, self._send("submit_document_version", SubmitDocumentVersion, fields))

    def list_documents(self, actor: Actor, doc_type: str | None = None, department_id: str | None = None,
                       state: str | None = None) -> list[DocumentSummary]:
        return _many(DocumentSummary, self._send("list_documents", RegisterQuery, {
            "actor": dump(actor), "doc_type": doc_type or None, "department_id": department_id or None,
            "state": state or None}))

    def get_document(self, actor: Actor, document_id: str) -> DocumentView:
        return _one(DocumentView, self._send("get_document", DocumentQuery,
                                             {"actor": dump(actor), "document_id": document_id}))

    def get_document_version(self, actor: Actor, version_id: str) -> DocumentVersionView:
        return _one(DocumentVersionView, self._send("get_document_version", VersionQuery,
                                                    {"actor": dump(actor), "version_id": version_id}))

    def acknowledge_document(self, actor: Actor, document_id: str, version: int) -> DocumentView:
        return _one(DocumentView, self._send("acknowledge_document", AcknowledgeDocument,
                                             {"actor": dump(actor), "document_id": document_id, "version": version}))

    def search(self, actor: Actor, q: str, page: int = 1, page_size: int = 20) -> SearchPage:
        return _one(SearchPage, self._send("search", SearchQuery, {"actor": dump(actor), "q": q, "page": page,
                                                                   "page_size": page_size}))

    # -- Lưu trữ hồ sơ, Mượn trả hồ sơ, Hủy hồ sơ -----------------------------------------------------------
    def archive_record(self, command: dict) -> RecordView:
        return _one(RecordView, self._send("archive_record", ArchiveRecord, command))

    def list_records(self, actor: Actor, **filters: Any) -> list[RecordView]:
        return _many(RecordView, self._send("list_records", RecordFilter, {"actor": dump(actor), **filters}))

    def get_record(self, actor: Actor, record_id: str) -> RecordView:
        return _one(RecordView, self._send("get_record", RecordQuery, {"actor": dump(actor), "record_id": record_id}))

    def request_loan(self, command: dict) -> LoanView:
        return _one(LoanView, self._send("request_loan", RequestLoan, command))

    def decide_loan(self, actor: Actor, loan_id: str, approve: bool, comment: str = "") -> LoanView:
        return _one(LoanView, self._send("decide_loan", DecideLoan, {"actor": dump(actor), "loan_id": loan_id,
                                                                     "approve": approve, "comment": comment}))

    def return_loan(self, actor: Actor, loan_id: str) -> LoanView:
        return _one(LoanView, self._send("return_loan", ReturnLoan, {"actor": dump(actor), "loan_id": loan_id}))

    def list_loans(self, actor: Actor, **filters: Any) -> list[LoanView]:
        return _many(LoanView, self._send("list_loans", LoanFilter, {"actor": dump(actor), **filters}))

    def propose_destruction(self, command: dict, request_id: str | None = None) -> DestructionView:
        fields = dict(command, request_id=request_id) if request_id else command
        return _one(DestructionView, self._send("propose_destruction", ProposeDestruction, fields))

    def get_destruction(self, actor: Actor, destruction_id: str) -> DestructionView:
        return _one(DestructionView, self._send("get_destruction", DestructionQuery,
                                                {"actor": dump(actor), "destruction_id": destruction_id}))

    def list_destructions(self, actor: Actor) -> list[DestructionView]:
        return _many(DestructionView, self._send("list_destructions", UnitQuery, {"actor": dump(actor)}))


class Services:
    """Every client, built once per app over the same RPC port."""

    def __init__(self, rpc: RpcPort):
        self.rpc = rpc
        self.context = ContextClient(rpc)
        self.workflow = WorkflowClient(rpc)
        self.quality = QualityClient(rpc)
        self.documents = DocumentsClient(rpc)
        self.audit = AuditClient(rpc)

    def health(self, service: str) -> Health:
        return _one(Health, self.rpc.call(service, "health"))
