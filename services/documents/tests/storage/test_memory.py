"""Uploading a 40 MiB stream never holds the file in memory (a memory bound, not a timing).

tracemalloc records the peak of Python allocations during the put. The S3 test talks to a moto
server in another process, so the server's copy of the object is not counted against us.
"""
from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
import uuid

import pytest
import requests
from minio import Minio

from eiso_documents.storage import LocalFolderStorage
from eiso_documents.storage.s3 import PART_SIZE, S3Storage
from eiso_kit.testing.plugin import free_port

MIB = 1024 * 1024
FILE_SIZE = 40 * MIB


def peak_during(put) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        put()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - before


@pytest.fixture(scope="module")
def moto_elsewhere():
    """An S3 server (moto) in its own process."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except requests.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("moto server did not start")
            time.sleep(0.1)
    yield f"127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_local_folder_upload_of_40_mib_stays_small(tmp_path, pattern_stream):
    storage = LocalFolderStorage(tmp_path)
    source = pattern_stream(FILE_SIZE)
    peak = peak_during(lambda: storage.put("files/forty", source, limit=50 * MIB))
    assert (tmp_path / "files" / "forty").stat().st_size == FILE_SIZE
    assert peak < 4 * MIB, f"peak {peak / MIB:.1f} MiB"


@pytest.mark.s3
def test_s3_upload_of_40_mib_stays_within_a_few_parts(moto_elsewhere, pattern_stream):
    client = Minio(moto_elsewhere, access_key="test", secret_key="test-secret", secure=False)
    storage = S3Storage(client, bucket=f"eiso-mem-{uuid.uuid4().hex[:8]}")
    storage.prepare()
    source = pattern_stream(FILE_SIZE)
    peak = peak_during(lambda: storage.put("files/forty", source, limit=50 * MIB))
    assert storage.stat("files/forty").size == FILE_SIZE
    # minio keeps the part just sent while the next one is read and joined: about three 5 MiB parts,
    # whatever the file size; bounded here at half of the 40 MiB file.
    assert peak < 4 * PART_SIZE <= FILE_SIZE // 2, f"peak {peak / MIB:.1f} MiB"
