"""The API's views: thin, each one RPC (or two) and a JSON answer.

Errors are not handled here: they raise, and the one error table turns them
into ``{"error", "message"}`` JSON with the right status.
"""
from __future__ import annotations

import threading

from eiso_contracts.errors import AuthenticationFailed, EisoError, Forbidden, InvalidInput
from eiso_contracts.rpc.context import Credentials, DepartmentView, PersonView, SessionsEnded
from eiso_contracts.rpc.documents import FileView
from eiso_contracts.rpc.quality import PolicyView
from eiso_contracts.rpc.workflow import DossierTypeView, DossierView, InboxPage
from eiso_kit.rpc import dump, parse
from flask import g, jsonify, request

from ..app import services
from ..clients import SERVICES
from ..files import file_response
from ..form_parts import upload
from ..identity import SESSION_SECONDS, current_user, issue_token
from ..ratelimit import login_guard
from .models import ActRequest, HealthReport, PolicySubmission, TokenResponse
from .registry import Param, route


class BadJson(EisoError):
    """The body is not the JSON object the operation expects (400)."""

    status = 400
    code = "BAD_REQUEST"


INVALID_JSON = "Nội dung JSON không hợp lệ."
MAX_PAGE = 10_000  # InboxQuery.page's bound


def json_body(model):
    """The request body validated by ``model``: 400 when not JSON, 422 when JSON but invalid.

    A body nested deeper than the parser (or the validator) can follow is
    not JSON this API takes: 400, like any other unreadable body.
    """
    if not request.is_json:
        raise BadJson("Nội dung gửi lên phải là JSON (Content-Type: application/json).")
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        raise BadJson(INVALID_JSON) from None
    if not isinstance(data, dict):
        raise BadJson(INVALID_JSON)
    try:
        return parse(model, data)
    except RecursionError:
        raise BadJson(INVALID_JSON) from None


def answer(value, status: int = 200):
    return jsonify(dump(value)), status


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(f"Tham số {name} phải là số nguyên.") from None
    if not low <= value <= high:
        raise InvalidInput(f"Tham số {name} phải trong khoảng {low}..{high}.")
    return value


# -- auth -----------------------------------------------------------------------------------
@route("POST", "/auth/token", tag="auth", request=Credentials, response=TokenResponse, auth=False)
def token():
    """Exchange a username and password for a bearer token (8 hours)."""
    # Credentials never come back in an error: the message names the field, no details, no input.
    try:
        creds = json_body(Credentials)
        with login_guard(creds.username):  # 429 with Retry-After when this address or account is over its limits
            started = services().context.start_session(creds.username, creds.password, "api")
    except InvalidInput as exc:
        raise InvalidInput(exc.message) from None
    except AuthenticationFailed as exc:
        raise AuthenticationFailed(exc.message) from None
    return answer(TokenResponse(access_token=issue_token(started), expires_in=SESSION_SECONDS))


@route("POST", "/auth/logout", tag="auth", response=SessionsEnded)
def logout():
    """Sign out: every session of the person ends at once (this token, their other tokens and browsers)."""
    return answer(services().context.end_sessions(g.api_session))


@route("GET", "/me", tag="auth", response=PersonView)
def me():
    """The person the token belongs to."""
    return answer(services().context.get_person(current_user().id))


# -- Kiểm soát hoạt động ISO ----------------------------------------------------------------
@route("GET", "/inbox", tag="dossiers", response=InboxPage, params=(
    Param("tab", schema={"type": "string", "enum": ["following", "todo", "done", "completed"], "default": "todo"},
          description="Theo dõi / Chưa xử lý / Đã xử lý / Hoàn thành hồ sơ"),
    Param("page", schema={"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}),
    Param("page_size", schema={"type": "integer", "minimum": 1, "maximum": 100, "default": 20}),
    Param("search", schema={"type": "string", "maxLength": 100}),
))
def inbox():
    """One tab of the person's dossier inbox, with the count of every tab."""
    tab = request.args.get("tab") or "todo"
    if tab not in ("following", "todo", "done", "completed"):
        raise InvalidInput("Tham số tab phải là following, todo, done hoặc completed.")
    page = _int_arg("page", 1, 1, MAX_PAGE)
    size = _int_arg("page_size", 20, 1, 100)
    result = services().workflow.inbox(current_user().actor, tab=tab, page=page, page_size=size,
                                       search=request.args.get("search") or None)
    return answer(result)


@route("GET", "/dossier-types", tag="dossiers", response=("list", DossierTypeView))
def dossier_types():
    """Every dossier type (definition) with its steps."""
    return answer(services().workflow.list_definitions())


@route("GET", "/dossiers/{code}", tag="dossiers", response=DossierView)
def dossier(code: str):
    """A dossier with its step timeline and history; ``form`` only for its current handler."""
    return answer(services().workflow.get_dossier(code, current_user().actor))


@route("POST", "/dossiers/{code}/actions", tag="dossiers", request=ActRequest, response=DossierView)
def act(code: str):
    """Chuyển hồ sơ: save, approve, reject or return the current step."""
    body = json_body(ActRequest)
    command = {"code": code, "actor": dump(current_user().actor), **body.model_dump(mode="json")}
    return answer(services().workflow.act(command))


# -- Chính sách chất lượng ------------------------------------------------------------------
def _own(policy: PolicyView) -> PolicyView:
    if policy.unit_code != current_user().unit_code:
        raise Forbidden("Chính sách chất lượng này thuộc đơn vị khác.")
    return policy


@route("GET", "/quality/policies", tag="quality", response=("list", PolicyView))
def policies():
    """The quality policies of the person's unit."""
    return answer(services().quality.list_policies(current_user().unit_code))


@route("POST", "/quality/policies", tag="quality", request=PolicySubmission, response=PolicyView, status=201,
       params=(Param("Idempotency-Key", where="header", schema={"type": "string", "maxLength": 100},
                     description="Repeat the same key to retry safely: one policy is created."),))
def submit_policy():
    """Lập chính sách chất lượng: submit a draft; its dossier opens asynchronously."""
    body = json_body(PolicySubmission)
    key = request.headers.get("Idempotency-Key") or None
    if key is not None and len(key) > 100:
        raise InvalidInput("Idempotency-Key tối đa 100 ký tự.")
    created = services().quality.submit_policy(
        {"actor": dump(current_user().actor), **body.model_dump(mode="json")}, request_id=key)
    response = jsonify(dump(created))
    response.status_code = 201
    response.headers["Location"] = f"/api/v1/quality/policies/{created.id}"
    return response


@route("GET", "/quality/policies/{policy_id}", tag="quality", response=PolicyView)
def policy(policy_id: str):
    """One quality policy with its revisions."""
    return answer(_own(services().quality.get_policy(policy_id)))


@route("GET", "/quality/policy-in-force", tag="quality", response=("nullable", PolicyView))
def policy_in_force():
    """The policy in force ("Đang áp dụng") of the person's unit, or null."""
    found = services().quality.get_policy_in_force(current_user().unit_code)
    return answer(found)


# -- Tập tin --------------------------------------------------------------------------------
@route("POST", "/files", tag="files", request="multipart", response=FileView, status=201)
def upload_file():
    """Upload one file (multipart field ``file``); it is streamed to the documents service."""
    item = request.files.get("file")
    if item is None or not item.filename:
        raise InvalidInput("Thiếu tập tin (trường multipart 'file').")
    stored = upload([item], current_user())[0]
    return answer(stored, 201)


@route("GET", "/files/{file_id}", tag="files", response="binary")
def download_file(file_id: str):
    """Download a file of the person's unit (streamed)."""
    return file_response(file_id, current_user())


@route("GET", "/files/{file_id}/meta", tag="files", response=FileView)
def file_meta(file_id: str):
    """A file's name, type, size and SHA-256."""
    meta = services().documents.get_file(file_id)
    if meta.unit_code != current_user().unit_code:
        raise Forbidden("Tập tin này thuộc đơn vị khác.")
    return answer(meta)


# -- Tổ chức --------------------------------------------------------------------------------
@route("GET", "/departments", tag="organisation", response=("list", DepartmentView))
def departments():
    """The departments (phòng ban) of the person's unit."""
    return answer(services().context.list_departments(current_user().unit_code))


@route("GET", "/people", tag="organisation", response=("list", PersonView), params=(
    Param("role", schema={"type": "string", "enum": ["leader", "secretary", "dept_head", "staff", "auditor",
                                                     "admin"]}),
    Param("department_id", schema={"type": "string"}),
))
def people():
    """People of the person's unit, optionally by role and department."""
    role = request.args.get("role") or None
    found = services().context.list_people(current_user().unit_code, role=role,
                                           department_id=request.args.get("department_id") or None)
    return answer(found)


# -- health ---------------------------------------------------------------------------------
@route("GET", "/health", tag="system", response=HealthReport, auth=False)
def health():
    """Each service's health (asked in parallel); 503 when one is down or degraded."""
    svc = services()
    results: dict[str, dict] = {}

    def ask(name: str) -> None:
        try:
            results[name] = svc.health(name).model_dump(mode="json")
        except Exception as exc:  # any failure means "down" here; the reason is a code, not a trace
            results[name] = {"service": name, "status": "down", "checks": {},
                             "error": type(exc).__name__}

    workers = [threading.Thread(target=ask, args=(name,), daemon=True) for name in SERVICES]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    ok = all(results.get(name, {}).get("status") == "ok" for name in SERVICES)
    report = {"status": "ok" if ok else "degraded", "services": {n: results.get(n) for n in SERVICES}}
    return jsonify(report), (200 if ok else 503)


@route("GET", "/openapi.json", tag="system", response={"type": "object"}, auth=False)
def openapi():
    """This document (OpenAPI 3.1)."""
    from .openapi import document

    return jsonify(document())

