"""EISO_STORAGE=s3 end to end: the service builds S3Storage from settings and streams through it."""
from __future__ import annotations

import hashlib
import uuid

import pytest

pytestmark = pytest.mark.s3


def test_upload_and_download_through_s3(start_documents, s3_server):
    running = start_documents(storage="s3", s3_endpoint=s3_server, s3_bucket=f"eiso-svc-{uuid.uuid4().hex[:8]}",
                              s3_access_key="test", s3_secret_key="test-secret", max_upload_mb=8)
    data = b"\x01\x02" * (3 * 1024 * 1024)  # 6 MiB: a multipart upload
    view = running.upload(data, name="Biên bản.bin", content_type="application/octet-stream").json()
    assert (view["size"], view["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    got = running.get(f"/files/{view['id']}")
    assert got.status_code == 200 and got.content == data
    too_big = running.post(running.chunks(9 * 1024 * 1024), running.headers())
    assert too_big.status_code == 413
    assert len(running.file_rows()) == 1
    assert running.get("/health").json()["checks"] == {"database": "ok", "storage": "ok"}
