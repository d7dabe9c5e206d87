import pytest
from eiso_contracts.errors import InvalidInput, PayloadTooLarge

from eiso_documents.domain.errors import BadRequest
from eiso_documents.domain.grants import Grant, GrantForbidden
from eiso_documents.domain.upload_request import read_upload_headers as _read

LIMIT = 1000
GRANT = Grant("upload", "p-42", "SONGANH")


def read_upload_headers(headers, limit, grant=GRANT):
    return _read(headers, limit, grant)
GOOD = {"X-Eiso-Unit": "SONGANH", "X-Eiso-Uploader": "p-42",
        "X-Eiso-Filename": "Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf", "Content-Type": "application/PDF",
        "Content-Length": "10"}


def headers(**changes):
    data = dict(GOOD)
    for key, value in changes.items():
        name = {"unit": "X-Eiso-Unit", "uploader": "X-Eiso-Uploader", "filename": "X-Eiso-Filename",
                "content_type": "Content-Type", "length": "Content-Length"}[key]
        if value is None:
            data.pop(name)
        else:
            data[name] = value
    return data


def test_good_headers():
    request = read_upload_headers(GOOD, LIMIT)
    assert request.unit_code == "SONGANH"
    assert request.uploaded_by == "p-42"
    assert request.name == "Quyết định.pdf"
    assert request.content_type == "application/pdf"
    assert request.declared_size == 10


def test_the_unit_and_uploader_are_the_grants_and_the_headers_may_only_agree():
    request = read_upload_headers(headers(unit=None, uploader=None), LIMIT)
    assert (request.unit_code, request.uploaded_by) == ("SONGANH", "p-42")
    for change in ({"unit": "KHAC"}, {"uploader": "p-99"}):
        with pytest.raises(GrantForbidden) as caught:
            read_upload_headers(headers(**change), LIMIT)
        assert caught.value.status == 403


def test_a_grant_with_a_malformed_unit_is_400():
    with pytest.raises(BadRequest, match="không hợp lệ"):
        read_upload_headers(headers(unit=None), LIMIT, Grant("upload", "p-42", "../x"))


@pytest.mark.parametrize("change, words", [
    ({"filename": None}, "X-Eiso-Filename"),
    ({"filename": "Quyết.pdf"}, "mã hoá phần trăm"),      # raw UTF-8, not percent-encoded
    ({"filename": "a%FFb.pdf"}, "mã hoá phần trăm"),       # not UTF-8
    ({"filename": "%2E%2E"}, "Tên tệp không hợp lệ"),
    ({"filename": "dir%2F"}, "Tên tệp không hợp lệ"),
    ({"content_type": "pdf"}, "Content-Type"),
    ({"content_type": "text/plain; charset"}, "Content-Type"),
    ({"length": "-1"}, "Content-Length"),
    ({"length": "12abc"}, "Content-Length"),
])
def test_bad_headers_are_400_with_a_sentence(change, words):
    with pytest.raises(BadRequest) as caught:
        read_upload_headers(headers(**change), LIMIT)
    assert caught.value.status == 400
    assert words in caught.value.message


def test_path_parts_in_the_name_are_dropped():
    assert read_upload_headers(headers(filename="..%2F..%2Fetc%2Fpasswd"), LIMIT).name == "passwd"


def test_content_type_defaults_and_keeps_parameters():
    assert read_upload_headers(headers(content_type=None), LIMIT).content_type == "application/octet-stream"
    kept = read_upload_headers(headers(content_type='Text/Plain ;charset=UTF-8; name="a;b"'), LIMIT)
    assert kept.content_type == 'text/plain; charset=UTF-8; name="a;b"'


def test_declared_size_over_the_limit_is_refused_before_reading():
    with pytest.raises(PayloadTooLarge):
        read_upload_headers(headers(length=str(LIMIT + 1)), LIMIT)
    assert read_upload_headers(headers(length=str(LIMIT)), LIMIT).declared_size == LIMIT


def test_declared_empty_body_is_422_and_unknown_length_is_allowed():
    with pytest.raises(InvalidInput):
        read_upload_headers(headers(length="0"), LIMIT)
    assert read_upload_headers(headers(length=None), LIMIT).declared_size is None
