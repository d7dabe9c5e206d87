"""Checked uploads (documents, records) over real HTTP: the type read from the bytes, nothing kept when refused."""
import io

import docx
import pytest

from eiso_documents.domain.grants import Grant
from eiso_documents.models import file_texts


def word(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def checked_upload(documents, body, name):
    grant = documents.signer().sign(Grant("upload", "p-thuky", "SONGANH", checked=True))
    return documents.post(body, documents.headers(name=name, grant=grant, content_type="application/octet-stream"))


def test_a_word_file_is_kept_with_its_type_and_text(documents):
    response = checked_upload(documents, word("Quy trình kiểm soát tài liệu"), "Quy trình.docx")
    assert response.status_code == 201, response.text
    view = response.json()
    assert view["verified_type"] == "docx"
    assert view["content_type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert [row["text"] for row in documents.rows(file_texts)] == ["Quy trình kiểm soát tài liệu"]


@pytest.mark.parametrize("name, body, status, says", [
    ("trang.pdf", b"<html><script>alert(1)</script></html>", 422, "không phải định dạng được phép"),
    ("hinh.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", 422, "không phải định dạng được phép"),
    ("doi-ten.pdf", None, 422, "phần mở rộng"),
    ("../../etc/quy-trinh.docx", None, 400, "đường dẫn"),
    ("C:\\Users\\thuky\\quy-trinh.docx", None, 400, "đường dẫn"),
    ("hong.docx", b"PK\x03\x04" + b"\0" * 100, 422, "không phải định dạng được phép"),
])
def test_a_bad_file_gets_a_sentence_and_nothing_is_kept(documents, name, body, status, says):
    response = checked_upload(documents, word("x") if body is None else body, name)
    assert response.status_code == status, response.text
    assert says in response.json()["message"]
    assert documents.file_rows() == [] and documents.stored_objects() == [] and documents.outbox() == []


def test_an_unchecked_upload_still_takes_any_file_as_before(documents):
    response = documents.upload(b"<html>note</html>", name="ghi-chu.html", content_type="text/html")
    assert response.status_code == 201 and response.json()["verified_type"] is None
