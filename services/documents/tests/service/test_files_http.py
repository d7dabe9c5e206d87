"""The file endpoint over real HTTP: upload, download, and every error as JSON."""
from __future__ import annotations

import hashlib
import socket
from urllib.parse import unquote

import pytest
import requests

MIB = 1024 * 1024
NAME = "Quyết định ban hành.pdf"


def send_raw(documents, request: bytes, shut_write: bool = False) -> str:
    """A hand-written request (what ``requests`` cannot send); answers the start of the reply."""
    host, port = documents.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        if shut_write:
            sock.shutdown(socket.SHUT_WR)
        return sock.recv(65536).decode("utf-8")


def test_upload_then_download(documents):
    data = "Nội dung tài liệu kiểm soát".encode("utf-8") * 1000
    answer = documents.upload(data, name=NAME)
    assert answer.status_code == 201, answer.text
    view = answer.json()
    assert view["name"] == NAME
    assert (view["unit_code"], view["uploaded_by"], view["content_type"]) == ("SONGANH", "p-thuky", "application/pdf")
    assert (view["size"], view["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    assert answer.headers["Location"] == f"/files/{view['id']}"

    got = documents.get(f"/files/{view['id']}")
    assert got.status_code == 200
    assert got.content == data
    assert got.headers["Content-Type"] == "application/pdf"
    assert got.headers["Content-Length"] == str(len(data))
    assert got.headers["X-Eiso-Sha256"] == view["sha256"]
    disposition = got.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Quyet dinh ban hanh.pdf"; ')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == NAME


def test_a_chunked_upload_of_unknown_length_is_stored(documents):
    answer = documents.post(documents.chunks(MIB - 10), documents.headers())
    assert answer.status_code == 201, answer.text
    assert answer.json()["size"] == MIB - 10
    assert answer.json()["sha256"] == hashlib.sha256(b"\x5a" * (MIB - 10)).hexdigest()


def test_the_stored_name_is_sanitised(documents):
    answer = documents.upload(b"x", name="C:\\Users\\thuky\\..\\Báo cáo\u202e.docx")
    assert answer.json()["name"] == "Báo cáo.docx"


@pytest.mark.parametrize("headers, words", [
    ({"name": None}, "X-Eiso-Filename"),
    ({"name": ".."}, "Tên tệp không hợp lệ"),
    ({"content_type": "not a type"}, "Content-Type"),
])
def test_missing_or_bad_headers_are_400(documents, headers, words):
    answer = documents.upload(b"x", **headers)
    assert answer.status_code == 400
    body = answer.json()
    assert body["error"] == "BAD_REQUEST" and words in body["message"]
    assert documents.stored_objects() == [] and documents.file_rows() == []


def test_raw_utf8_in_the_filename_header_is_400(documents):
    headers = documents.headers()
    headers["X-Eiso-Filename"] = "Quyết.pdf".encode("utf-8").decode("latin-1")
    answer = documents.post(b"x", headers)
    assert answer.status_code == 400
    assert "mã hoá phần trăm" in answer.json()["message"]


def test_an_empty_file_is_422_and_nothing_is_kept(documents):
    answer = documents.upload(b"")
    assert answer.status_code == 422
    assert answer.json() == {"error": "INVALID_INPUT", "message": "Tệp rỗng: không có nội dung để lưu."}
    chunked = documents.post(documents.chunks(0), documents.headers())
    assert chunked.status_code == 422
    assert documents.stored_objects() == [] and documents.file_rows() == [] and documents.outbox() == []


def test_a_declared_size_over_the_limit_is_413(documents):
    answer = documents.upload(b"z" * (MIB + 1))
    assert answer.status_code == 413
    assert answer.json() == {"error": "PAYLOAD_TOO_LARGE",
                             "message": "Tệp vượt quá dung lượng cho phép (tối đa 1 MB)."}
    assert documents.stored_objects() == [] and documents.file_rows() == []


def test_a_declared_size_over_the_limit_is_refused_before_the_body_is_sent(documents):
    host, port = documents.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        head = "".join(f"{k}: {v}\r\n" for k, v in documents.headers().items())
        sock.sendall((f"POST /files HTTP/1.1\r\nHost: x\r\n{head}Content-Length: {10 * MIB}\r\n"
                      "Expect: 100-continue\r\n\r\n").encode("latin-1"))
        reply = sock.recv(65536).decode("utf-8")  # no body was ever sent
    assert reply.startswith("HTTP/1.1 413")
    assert "PAYLOAD_TOO_LARGE" in reply


def test_a_stream_growing_past_the_limit_is_413_and_leaves_nothing(documents):
    answer = documents.post(documents.chunks(3 * MIB), documents.headers())
    assert answer.status_code == 413
    assert answer.json()["message"] == "Tệp vượt quá dung lượng cho phép (tối đa 1 MB)."
    assert documents.stored_objects() == [] and documents.file_rows() == [] and documents.outbox() == []
    # The connection stays usable: the next upload on it works.
    assert documents.upload(b"after").status_code == 201


def test_a_body_cut_short_of_its_content_length_is_not_stored(documents):
    head = "".join(f"{k}: {v}\r\n" for k, v in documents.headers().items())
    reply = send_raw(documents, f"POST /files HTTP/1.1\r\nHost: x\r\n{head}Content-Length: 1000\r\n\r\n"
                                .encode("latin-1") + b"only ten b", shut_write=True)
    assert reply.startswith("HTTP/1.1 400")
    assert "UPLOAD_INTERRUPTED" in reply
    assert documents.stored_objects() == [] and documents.file_rows() == []


def test_a_chunked_body_cut_short_is_not_stored(documents):
    head = "".join(f"{k}: {v}\r\n" for k, v in documents.headers().items())
    reply = send_raw(documents, f"POST /files HTTP/1.1\r\nHost: x\r\n{head}Transfer-Encoding: chunked\r\n\r\n"
                                "a\r\n0123456789\r\n40\r\nshort".encode("latin-1"), shut_write=True)
    assert reply.startswith("HTTP/1.1 400")
    assert "UPLOAD_INTERRUPTED" in reply
    assert documents.stored_objects() == [] and documents.file_rows() == []


def test_head_describes_the_file_without_the_bytes(documents):
    view = documents.upload(b"twelve bytes").json()
    answer = requests.head(f"{documents.url}/files/{view['id']}", timeout=30,
                           headers={"X-Eiso-Grant": documents.grant("download", file_id=view["id"])})
    assert answer.status_code == 200
    assert answer.headers["Content-Length"] == "12" and answer.content == b""
    assert documents.get(f"/files/{view['id']}").content == b"twelve bytes"  # the server is still fine


def test_unknown_file_path_and_method_are_json(documents):
    missing = documents.get(f"/files/0123456789abcdef0123456789abcdef")
    assert missing.status_code == 404
    assert missing.json() == {"error": "NOT_FOUND", "message": "Không tìm thấy tệp."}
    nowhere = documents.get(f"/nothing/here")
    assert nowhere.status_code == 404 and nowhere.json()["error"] == "NOT_FOUND"
    wrong = requests.delete(f"{documents.url}/files", timeout=30)
    assert wrong.status_code == 405 and wrong.json()["error"] == "METHOD_NOT_ALLOWED"
    assert "POST" in wrong.headers["Allow"]


def test_bytes_missing_from_storage_is_404_not_500(documents):
    view = documents.upload(b"soon gone").json()
    for path in documents.storage_root.rglob(view["id"]):
        path.unlink()
    answer = documents.get(f"/files/{view['id']}")
    assert answer.status_code == 404 and answer.json()["error"] == "NOT_FOUND"


def test_http_health(documents):
    answer = documents.get(f"/health")
    assert answer.status_code == 200
    assert answer.json() == {"service": "documents", "status": "ok", "checks": {"database": "ok", "storage": "ok"}}
