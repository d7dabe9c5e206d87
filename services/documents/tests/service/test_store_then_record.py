"""Bytes first, then metadata + FileStored in one commit; a failed commit leaves no object behind."""
from __future__ import annotations

import json

from eiso_documents import repository


def test_a_stored_file_has_its_row_its_event_and_its_audit_entry(documents):
    view = documents.upload(b"%PDF-1.7 ...").json()
    (row,) = documents.file_rows()
    assert row["state"] == "stored" and row["sha256"] == view["sha256"]
    assert documents.stored_objects() == [row["storage_key"]]
    (event_row,) = documents.outbox()
    assert event_row["type"] == "vn.eiso.documents.file.stored.v1"
    assert event_row["subject"] == f"file/{view['id']}"
    event = json.loads(event_row["body"])
    assert event["data"] == {"file_id": view["id"], "unit_code": "SONGANH", "name": view["name"],
                             "content_type": "application/pdf", "size": view["size"], "sha256": view["sha256"],
                             "uploaded_by": "p-thuky"}
    (audit,) = documents.audit()
    assert (audit["aggregate_type"], audit["aggregate_id"], audit["action"], audit["actor_id"]) == (
        "file", view["id"], "stored", "p-thuky")


def test_when_the_metadata_cannot_be_written_the_object_is_removed(documents, monkeypatch):
    def broken(session, view, storage_key):
        raise RuntimeError("database went away")

    monkeypatch.setattr(repository, "add", broken)
    answer = documents.upload(b"bytes that must not stay")
    assert answer.status_code == 503
    body = answer.json()
    assert body["error"] == "UNAVAILABLE" and "thử lại" in body["message"]
    assert "Traceback" not in answer.text and "database went away" not in answer.text
    assert documents.stored_objects() == []
    assert documents.file_rows() == [] and documents.outbox() == []


def test_an_unreachable_storage_is_503_json(start_documents, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    running = start_documents(storage_path=str(blocker))
    answer = running.upload(b"x")
    assert answer.status_code == 503
    assert answer.json()["error"] == "STORAGE_UNAVAILABLE"
    health = running.get("/health")
    assert health.status_code == 503 and health.json()["checks"]["storage"].startswith("error")


def test_a_failure_after_the_commit_keeps_the_bytes_of_the_recorded_file(documents, monkeypatch):
    from eiso_kit.db.provider import Database

    def broken(self):
        raise RuntimeError("failed after the commit")

    monkeypatch.setattr(Database, "wake_relay", broken)
    answer = documents.upload(b"committed bytes")
    assert answer.status_code == 503 and answer.json()["error"] == "UNAVAILABLE"
    (row,) = documents.file_rows()  # the commit happened
    assert documents.stored_objects() == [row["storage_key"]]  # so its bytes stay
    assert documents.get(f"/files/{row['id']}").content == b"committed bytes"
