"""S3 that does not answer: typed StorageUnavailable, and health says so (no server needed)."""
from __future__ import annotations

import io

import pytest
import urllib3
from minio import Minio

from eiso_documents.domain.errors import StorageUnavailable
from eiso_documents.storage.s3 import S3Storage
from eiso_kit.testing.plugin import free_port


@pytest.fixture
def unreachable():
    client = Minio(f"127.0.0.1:{free_port()}", access_key="a", secret_key="b", secure=False,
                   http_client=urllib3.PoolManager(retries=False))
    return S3Storage(client, bucket="eiso-nowhere")


def test_put_and_open_are_storage_unavailable(unreachable):
    with pytest.raises(StorageUnavailable) as caught:
        unreachable.put("files/x", io.BytesIO(b"x"), limit=10)
    assert caught.value.status == 503
    with pytest.raises(StorageUnavailable):
        unreachable.open("files/x")


def test_health_reports_instead_of_raising(unreachable):
    assert unreachable.health().startswith("error: ")
