"""Fixtures of the documents service tests: the storage adapters under test and helper streams."""
from __future__ import annotations

import hashlib
import os
import uuid

import pytest
from minio import Minio

from eiso_documents.storage.local import LocalFolderStorage
from eiso_documents.storage.s3 import S3Storage

MIB = 1024 * 1024


class PatternStream:
    """``size`` bytes of a repeated random block, handed out at most ``piece`` bytes per read (like a socket).

    Holds one block, never the stream; ``sha256`` is the expected digest of the whole stream.
    """

    def __init__(self, size: int, piece: int = 64 * 1024, block: int = MIB):
        self.size = size
        self.piece = piece
        self._block = os.urandom(block)
        self._position = 0
        digest = hashlib.sha256()
        full, rest = divmod(size, block)
        for _ in range(full):
            digest.update(self._block)
        digest.update(self._block[:rest])
        self.sha256 = digest.hexdigest()
        self.consumed = 0

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            n = self.piece
        n = min(n, self.piece, self.size - self._position)
        if n <= 0:
            return b""
        start = self._position % len(self._block)
        chunk = self._block[start:start + n]
        self._position += len(chunk)
        self.consumed = self._position
        return chunk


@pytest.fixture
def pattern_stream():
    return PatternStream


def make_s3_storage(endpoint: str) -> S3Storage:
    client = Minio(endpoint, access_key="test", secret_key="test-secret", secure=False)
    return S3Storage(client, bucket=f"eiso-test-{uuid.uuid4().hex[:12]}")


@pytest.fixture(params=["local", pytest.param("s3", marks=pytest.mark.s3)])
def storage(request, tmp_path):
    """Each storage contract test runs against both adapters (S3 over HTTP against moto)."""
    if request.param == "local":
        adapter = LocalFolderStorage(tmp_path / "files")
    else:
        adapter = make_s3_storage(request.getfixturevalue("s3_server"))
    adapter.prepare()
    return adapter
