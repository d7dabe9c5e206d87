"""A stand-in for the documents service's internal HTTP file endpoint, on a real local port.

It speaks the same small protocol (POST /files with the X-Eiso-* headers and
the raw body; GET /files/<id>) and stores into the ``FakeServices`` so the
RPC side (get_file/get_files) sees what was uploaded. Real HTTP means the
gateway's streaming with ``requests`` is exercised for real.
"""
from __future__ import annotations

import json
import threading
from urllib.parse import quote, unquote

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response


class DocumentsEndpoint:
    def __init__(self, fake, max_bytes: int):
        self.fake = fake
        self.max_bytes = max_bytes
        self.uploads: list[dict] = []       # what each upload looked like on the wire
        self.server = None
        self.thread = None

    def _json(self, status: int, body: dict) -> Response:
        return Response(json.dumps(body), status=status, mimetype="application/json")

    def __call__(self, environ, start_response):
        request = Request(environ)
        response = self.handle(request)
        return response(environ, start_response)

    def handle(self, request: Request) -> Response:
        if request.method == "POST" and request.path == "/files":
            grant = self.fake.documents.use_grant(request.headers.get("X-Eiso-Grant"))
            if grant is None or grant[0] != "upload":
                return self._json(401, {"error": "AUTHENTICATION_FAILED", "message": "Thiếu quyền truy cập tệp."})
            uploader, unit, checked = grant[1], grant[2], len(grant) > 4
            name = unquote(request.headers.get("X-Eiso-Filename", ""))
            if not name:
                return self._json(400, {"error": "BAD_REQUEST", "message": "Thiếu thông tin tập tin."})
            body = bytearray()
            stream = request.stream
            while True:
                chunk = stream.read(65536)
                if not chunk:
                    break
                body.extend(chunk)
                if len(body) > self.max_bytes:
                    return self._json(413, {"error": "PAYLOAD_TOO_LARGE",
                                            "message": "Tập tin vượt quá dung lượng cho phép."})
            if not body:
                return self._json(422, {"error": "INVALID_INPUT", "message": "Tập tin rỗng."})
            self.uploads.append({"name": name, "unit": unit, "uploader": uploader, "size": len(body),
                                 "content_type": request.headers.get("Content-Type"),
                                 "content_length": request.headers.get("Content-Length"),
                                 "chunked": request.headers.get("Transfer-Encoding")})
            verified = None
            if checked:  # the real service reads the bytes (content.kinds); here: PDF and zip (Word) only
                verified = "pdf" if body.startswith(b"%PDF") else "docx" if body.startswith(b"PK") else None
                if verified is None:
                    return self._json(422, {"error": "INVALID_INPUT",
                                            "message": f"Tệp “{name}” không phải định dạng được phép."})
            view = self.fake.documents.store(unit, uploader, name, request.headers.get("Content-Type", ""), bytes(body))
            if verified:
                view = self.fake.documents.files[view.id] = view.model_copy(update={"verified_type": verified})
            return self._json(201, view.model_dump(mode="json"))
        if request.method == "GET" and request.path.startswith("/files/"):
            file_id = request.path[len("/files/"):]
            grant = self.fake.documents.use_grant(request.headers.get("X-Eiso-Grant"))
            if grant is None or grant[0] != "download" or grant[3] != file_id:
                return self._json(401, {"error": "AUTHENTICATION_FAILED", "message": "Thiếu quyền truy cập tệp."})
            meta = self.fake.documents.files.get(file_id)
            if meta is None:
                return self._json(404, {"error": "NOT_FOUND", "message": "Không tìm thấy tập tin."})
            data = self.fake.documents.file_bytes[file_id]
            return Response(data, mimetype=meta.content_type, headers={
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(meta.name)}",
                "Content-Length": str(len(data))})
        return self._json(404, {"error": "NOT_FOUND", "message": "?"})

    def start(self) -> str:
        self.server = make_server("127.0.0.1", 0, self, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
