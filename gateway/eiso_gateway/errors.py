"""From an exception to what a person (HTML) or a client (JSON) sees: ONE table.

Services raise the typed errors of ``eiso_contracts.errors``; nameko rebuilds
them as themselves in the gateway (``deserialize_to_instance``), so the HTTP
status comes from the class, looked up here along its MRO. Anything
unexpected (a service's ``RemoteError``, a bug in the gateway) becomes a 500
with an incident id that is logged with the details; the person sees the id,
never a traceback.
"""
from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from eiso_contracts.errors import (
    AlreadyProcessed, AuthenticationFailed, Conflict, EisoError, Forbidden, InvalidInput, NotFound,
    PayloadTooLarge, ServiceUnavailable, TooManyRequests,
)
from urllib.parse import urlsplit

from flask import Flask, g, jsonify, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from nameko.exceptions import BadRequest as NamekoBadRequest
from nameko.exceptions import RemoteError, RpcTimeout, UnknownService
from werkzeug.exceptions import HTTPException

from .i18n import N_

log = logging.getLogger(__name__)

# THE mapping: exception class -> (HTTP status, JSON error code). First match along the MRO wins.
# ``None`` as code means "the class's own ``code``" (every EisoError carries one).
# ``incident`` marks failures that are logged with an id instead of being shown.
ERROR_TABLE: dict[type[BaseException], tuple[int, str | None, bool]] = {
    InvalidInput: (422, None, False),
    AuthenticationFailed: (401, None, False),
    Forbidden: (403, None, False),
    NotFound: (404, None, False),
    AlreadyProcessed: (409, None, False),
    Conflict: (409, None, False),
    PayloadTooLarge: (413, None, False),
    TooManyRequests: (429, None, False),                # with Retry-After (ratelimit.py)
    ServiceUnavailable: (503, None, False),              # a service's, or the gateway's own (rpc.py)
    EisoError: (400, None, False),
    RpcTimeout: (504, "TIMEOUT", False),
    UnknownService: (503, "SERVICE_UNAVAILABLE", False),
    NamekoBadRequest: (500, "INTERNAL_ERROR", True),   # the gateway and a service disagree on a call
    RemoteError: (500, "INTERNAL_ERROR", True),
}

# Status -> JSON code for HTTP errors raised by Flask/werkzeug themselves (404 route, 405, 413 body...).
HTTP_CODES: dict[int, str] = {
    400: "BAD_REQUEST", 401: "AUTHENTICATION_REQUIRED", 403: "FORBIDDEN", 404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED", 409: "CONFLICT", 413: "PAYLOAD_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE",
    422: "INVALID_INPUT", 429: "TOO_MANY_REQUESTS", 500: "INTERNAL_ERROR", 503: "SERVICE_UNAVAILABLE",
    504: "TIMEOUT",
}

# Titles and default messages of the error pages (Vietnamese; translated by the catalogue).
PAGES: dict[int, tuple[str, str]] = {
    400: (N_("Yêu cầu không hợp lệ"), N_("Yêu cầu gửi lên không hợp lệ. Vui lòng tải lại trang và thử lại.")),
    401: (N_("Chưa đăng nhập"), N_("Vui lòng đăng nhập để tiếp tục.")),
    403: (N_("Không có quyền truy cập"), N_("Bạn không có quyền thực hiện thao tác này.")),
    404: (N_("Không tìm thấy"), N_("Trang hoặc dữ liệu bạn tìm không tồn tại.")),
    405: (N_("Thao tác không được hỗ trợ"), N_("Thao tác này không được hỗ trợ tại địa chỉ này.")),
    409: (N_("Dữ liệu đã thay đổi"), N_("Dữ liệu đã được người khác thay đổi. Vui lòng tải lại trang.")),
    413: (N_("Tập tin quá lớn"), N_("Tổng dung lượng gửi lên trong một lần vượt quá mức cho phép, nên biểu mẫu chưa được gửi.")),
    415: (N_("Định dạng không được hỗ trợ"), N_("Định dạng dữ liệu gửi lên không được hỗ trợ.")),
    422: (N_("Dữ liệu chưa hợp lệ"), N_("Dữ liệu nhập chưa hợp lệ. Vui lòng kiểm tra lại.")),
    429: (N_("Quá nhiều yêu cầu"), N_("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau ít phút.")),
    500: (N_("Đã xảy ra lỗi"), N_("Hệ thống gặp sự cố ngoài dự kiến. Vui lòng thử lại sau hoặc báo quản trị hệ thống kèm mã sự cố.")),
    503: (N_("Hệ thống tạm thời không sẵn sàng"), N_("Một dịch vụ của hệ thống đang tạm ngừng. Vui lòng thử lại sau ít phút.")),
    504: (N_("Hệ thống phản hồi chậm"), N_("Hệ thống chưa trả lời kịp. Vui lòng thử lại sau ít phút.")),
}
CSRF_MESSAGE = N_("Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi gửi lại.")


@dataclass(frozen=True)
class Problem:
    """What went wrong, in the shape both renderers need."""

    status: int
    code: str
    message: str
    details: object = None
    incident: str | None = None

    def as_json(self) -> dict:
        body = {"error": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        if self.incident:
            body["incident"] = self.incident
        return body


def _lookup(exc: BaseException) -> tuple[int, str | None, bool] | None:
    for cls in type(exc).__mro__:
        if cls in ERROR_TABLE:
            return ERROR_TABLE[cls]
    return None


def status_of(exc: BaseException) -> int:
    """HTTP status of an exception according to the table (500 when unknown)."""
    entry = _lookup(exc)
    return entry[0] if entry else 500


def new_incident(exc: BaseException, what: str) -> str:
    """Log an unexpected failure with a short id the person can quote."""
    incident = uuid.uuid4().hex[:12].upper()
    if isinstance(exc, RemoteError):
        log.error("incident %s: %s %s: remote %s: %s", incident, request.method, request.path,
                  exc.exc_type, exc.value)
    else:
        log.error("incident %s: %s %s: %s", incident, request.method, request.path, what, exc_info=exc)
    return incident


def problem_of(exc: BaseException) -> Problem:
    """Resolve any exception to a ``Problem`` (the single place that decides)."""
    if isinstance(exc, CSRFError):
        return Problem(400, "CSRF_FAILED", CSRF_MESSAGE)
    if isinstance(exc, HTTPException):
        status = exc.code or 500
        return Problem(status, HTTP_CODES.get(status, "HTTP_ERROR"), PAGES.get(status, PAGES[400])[1])
    entry = _lookup(exc)
    if entry is None:
        return Problem(500, "INTERNAL_ERROR", PAGES[500][1], incident=new_incident(exc, "unhandled"))
    status, code, incident = entry
    if incident:
        return Problem(status, code or "INTERNAL_ERROR", PAGES[500][1], incident=new_incident(exc, "remote"))
    if status >= 500:  # unavailable or slow: worth a line in the log, not an incident
        log.warning("%s %s: %s: %s", request.method, request.path, type(exc).__name__,
                    getattr(exc, "detail", None) or exc)
    if isinstance(exc, EisoError):
        return Problem(status, code or exc.code, exc.message, details=safe_details(exc.details))
    return Problem(status, code or HTTP_CODES.get(status, "ERROR"), PAGES.get(status, PAGES[500])[1])


# Keys of a validation error that may carry what the client sent (a password, a huge value).
ECHOING_KEYS = frozenset({"input", "ctx", "url"})


def safe_details(details):
    """``details`` without anything that echoes the input (pydantic's ``input`` / ``ctx``), at any depth."""
    if isinstance(details, dict):
        return {k: safe_details(v) for k, v in details.items() if k not in ECHOING_KEYS}
    if isinstance(details, (list, tuple)):
        return [safe_details(item) for item in details]
    return details


def wants_json() -> bool:
    return request.path.startswith("/api/")


def back_url() -> str:
    """Where "Quay lại trang trước" goes: the page the request came from when it is this site's, else the inbox."""
    from .identity import safe_next

    referrer = request.referrer
    if referrer:
        parts = urlsplit(referrer)
        if parts.scheme in ("http", "https") and parts.netloc == request.host:
            found = safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))
            if found:
                return found
    return url_for("dossiers.inbox") if g.get("user") else url_for("auth.login")


def render_problem(problem: Problem):
    """JSON under /api/, the friendly page elsewhere."""
    if wants_json():
        return jsonify(problem.as_json()), problem.status
    title, default = PAGES.get(problem.status, PAGES[500])
    # A request refused as a whole (413) lost the form: offer the way back to it.
    back = back_url() if problem.status == 413 else None
    return render_template("errors/error.html", problem=problem, title=title,
                           default_message=default, back_url=back), problem.status


def register(app: Flask) -> None:
    """Install one handler for everything; the table above decides."""

    def handle(exc):
        response = app.make_response(render_problem(problem_of(exc)))
        if isinstance(exc, HTTPException):  # what werkzeug's answer says beyond its body: Allow on a 405
            for name, value in exc.get_headers():
                if name.lower() != "content-type":
                    response.headers[name] = value
        return response

    app.register_error_handler(Exception, handle)
    # HTTPException is an Exception but Flask dispatches by code first; route them here too.
    app.register_error_handler(HTTPException, handle)
