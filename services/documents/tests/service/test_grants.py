"""The file endpoint believes only grants the service signed: for one person, unit and file or upload.

Without one, with a forged, expired or other-file one: 401/403 as JSON and one line in the log,
never a traceback. An upload cannot claim another unit than its grant's.
"""
from __future__ import annotations

import logging
import time

import pytest
from eiso_contracts.errors import Forbidden, NotFound
from eiso_contracts.rpc.documents import GRANT_SECONDS
from eiso_kit.testing.actors import signed

_THUKY = {"id": "p-thuky", "unit_code": "SONGANH", "roles": ["secretary"]}  # signed at each use (a proof lasts minutes)
_OUTSIDER = {"id": "x-person", "unit_code": "KHAC", "roles": ["leader"]}  # signed at each use (a proof lasts minutes)


@pytest.fixture
def stored(documents):
    answer = documents.upload(b"%PDF- to trinh")
    assert answer.status_code == 201, answer.text
    return answer.json()


def refused_once(caplog, status: int) -> None:
    lines = [r for r in caplog.records if "file endpoint refused" in r.getMessage()]
    assert len(lines) == 1 and f" {status} " in lines[0].getMessage() and lines[0].exc_info is None


def test_a_download_without_a_grant_is_401(documents, stored, caplog):
    caplog.set_level(logging.WARNING)
    answer = documents.get(f"/files/{stored['id']}", grant=False)
    assert answer.status_code == 401 and answer.json()["error"] == "AUTHENTICATION_FAILED"
    assert "X-Eiso-Grant" in answer.json()["message"]
    refused_once(caplog, 401)


def test_a_forged_grant_is_401(documents, stored, caplog):
    caplog.set_level(logging.WARNING)
    from eiso_documents.domain.grants import Grant, Signer

    forged = Signer("not the service's key").sign(Grant("download", "p-thuky", "SONGANH", stored["id"]))
    answer = documents.get(f"/files/{stored['id']}", grant=False, headers={"X-Eiso-Grant": forged})
    assert answer.status_code == 401 and answer.json()["message"] == "Quyền truy cập tệp không hợp lệ."
    refused_once(caplog, 401)


def test_an_expired_grant_is_401(documents, stored, monkeypatch):
    grant = documents.grant("download", file_id=stored["id"])
    real_time = time.time
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: real_time() + GRANT_SECONDS + 5)
    answer = documents.get(f"/files/{stored['id']}", grant=False, headers={"X-Eiso-Grant": grant})
    assert answer.status_code == 401 and "hết hạn" in answer.json()["message"]


def test_a_grant_for_another_file_or_another_unit_is_403(documents, stored, caplog):
    caplog.set_level(logging.WARNING)
    other_file = documents.grant("download", file_id="0123456789abcdef")
    answer = documents.get(f"/files/{stored['id']}", grant=False, headers={"X-Eiso-Grant": other_file})
    assert answer.status_code == 403
    other_unit = documents.grant("download", person="x-person", unit="KHAC", file_id=stored["id"])
    answer = documents.get(f"/files/{stored['id']}", grant=False, headers={"X-Eiso-Grant": other_unit})
    assert answer.status_code == 403 and answer.json()["message"] == "Tệp này thuộc đơn vị khác."
    upload_grant = documents.grant("upload")
    answer = documents.get(f"/files/{stored['id']}", grant=False, headers={"X-Eiso-Grant": upload_grant})
    assert answer.status_code == 403


def test_an_upload_without_a_grant_or_claiming_another_unit_is_refused_and_nothing_is_kept(documents, caplog):
    caplog.set_level(logging.WARNING)
    assert documents.upload(b"x", grant=None).status_code == 401
    refused_once(caplog, 401)
    assert documents.upload(b"x", unit="KHAC", grant=documents.grant("upload")).status_code == 403
    download_grant = documents.grant("download", file_id="abc")
    assert documents.upload(b"x", grant=download_grant).status_code == 403
    assert documents.file_rows() == [] and documents.stored_objects() == []


def test_the_uploads_unit_and_uploader_come_from_the_grant(documents):
    headers = documents.headers(unit=None, uploader=None)
    headers["X-Eiso-Grant"] = documents.grant("upload", person="p-lanhdao", unit="SONGANH")
    view = documents.post(b"x", headers).json()
    assert (view["unit_code"], view["uploaded_by"]) == ("SONGANH", "p-lanhdao")


def test_grants_come_over_rpc_for_the_persons_unit_only(documents, stored):
    with documents.rpc() as rpc:
        download = rpc.grant_download({"actor": signed(_THUKY), "file_id": stored["id"]})
        with pytest.raises(Forbidden, match="Tệp này thuộc đơn vị khác."):
            rpc.grant_download({"actor": signed(_OUTSIDER), "file_id": stored["id"]})
        with pytest.raises(NotFound):
            rpc.grant_download({"actor": signed(_THUKY), "file_id": "0123456789abcdef"})
        upload = rpc.grant_upload({"actor": signed(_THUKY)})
    assert download["file"]["id"] == stored["id"]
    got = documents.get(f"/files/{stored['id']}", grant=False, headers={"X-Eiso-Grant": download["grant"]})
    assert got.status_code == 200 and got.content == b"%PDF- to trinh"
    made = documents.post(b"y", documents.headers(grant=upload["grant"]))
    assert made.status_code == 201 and made.json()["uploaded_by"] == "p-thuky"
