"""The file endpoint's entrypoint: nameko's ``@http`` answering every error as JSON.

``files_http`` is nameko's ``HttpRequestHandler`` (served on WEB_SERVER_ADDRESS) with two changes:

- every error a request can meet is answered ``{"error": CODE, "message": "<Vietnamese sentence>"}``:
  a typed ``EisoError`` with its status, an unknown path or method as 404 / 405, anything
  unexpected as 503 (logged here with its traceback, never sent to the client);
- the request body reaches ``request.stream`` also when it is chunked. eventlet's ``wsgi.Input``
  stops at Content-Length and decodes chunked bodies itself, so it is a terminated stream; we say
  so (``wsgi.input_terminated``) and werkzeug hands it over instead of an empty stream.
"""
from __future__ import annotations

import json
import logging
from typing import Iterable

from eiso_contracts.errors import EisoError
from eiso_contracts.rpc.documents import HEADER_SHA256, FileView
from nameko.web.handlers import HttpRequestHandler
from nameko.web.server import WebServer, WsgiApp
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

from .domain.names import content_disposition

log = logging.getLogger(__name__)

UNEXPECTED = {"error": "UNAVAILABLE",
              "message": "Dịch vụ tệp tạm thời không xử lý được yêu cầu. Vui lòng thử lại sau."}
_HTTP_ERRORS = {
    404: ("NOT_FOUND", "Không có địa chỉ này trên dịch vụ tệp."),
    405: ("METHOD_NOT_ALLOWED", "Phương thức này không được hỗ trợ tại địa chỉ này."),
}


def json_response(status: int, body, headers: dict | None = None) -> Response:
    payload = json.dumps(body, ensure_ascii=False, default=str).encode("utf-8")
    return Response(payload, status=status, headers=headers, content_type="application/json; charset=utf-8")


def error_response(error: EisoError) -> Response:
    return json_response(error.status, error.as_dict())


def download_response(view: FileView, chunks: Iterable[bytes]) -> Response:
    """The file's bytes streamed as they come from storage, described by its metadata."""
    return Response(chunks, status=200, content_type=view.content_type, headers={
        "Content-Length": str(view.size),
        "Content-Disposition": content_disposition(view.name),
        HEADER_SHA256: view.sha256,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
    })


class JsonWsgiApp(WsgiApp):
    def __call__(self, environ, start_response):
        environ.setdefault("wsgi.input_terminated", True)
        request = Request(environ, shallow=True)
        adapter = self.url_map.bind_to_environ(environ)
        try:
            provider, values = adapter.match()
            request.path_values = values
            response = provider.handle_request(request)
        except HTTPException as exc:
            response = _http_error(exc, environ)
        return response(environ, start_response)


def _http_error(exc: HTTPException, environ) -> Response:
    if exc.code is not None and exc.code < 400:  # e.g. a redirect to the canonical URL
        return exc.get_response(environ)
    code, message = _HTTP_ERRORS.get(exc.code, ("BAD_REQUEST", "Yêu cầu không hợp lệ."))
    headers = {"Allow": ", ".join(exc.valid_methods)} if getattr(exc, "valid_methods", None) else None
    return json_response(exc.code or 400, {"error": code, "message": message}, headers=headers)


class JsonWebServer(WebServer):
    def get_wsgi_app(self):
        return JsonWsgiApp(self)


class JsonHttpHandler(HttpRequestHandler):
    server = JsonWebServer()

    def __init__(self, method, url, **kwargs):
        kwargs.setdefault("expected_exceptions", EisoError)
        super().__init__(method, url, **kwargs)

    def response_from_exception(self, exc):
        if isinstance(exc, EisoError):
            return error_response(exc)
        log.error("file endpoint %s failed", self.url, exc_info=exc)
        return json_response(503, UNEXPECTED)


files_http = JsonHttpHandler.decorator
