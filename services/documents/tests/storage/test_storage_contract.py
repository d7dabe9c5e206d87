"""The storage port's contract, run against both adapters: a folder, and S3 over real HTTP (moto)."""
from __future__ import annotations

import hashlib
import io

import pytest
from eiso_contracts.errors import PayloadTooLarge

from eiso_documents.storage import ObjectMissing

MIB = 1024 * 1024


def read_back(storage, key) -> bytes:
    stream = storage.open(key)
    try:
        return b"".join(stream)
    finally:
        stream.close()


def test_put_get_stat_remove(storage):
    data = "Chính sách chất lượng năm 2026".encode("utf-8")
    stored = storage.put("files/2026/11/abc", io.BytesIO(data), limit=MIB, content_type="text/plain")
    assert (stored.key, stored.size, stored.sha256) == ("files/2026/11/abc", len(data), hashlib.sha256(data).hexdigest())
    assert storage.stat("files/2026/11/abc").size == len(data)
    stream = storage.open("files/2026/11/abc")
    assert stream.size == len(data)
    assert b"".join(stream) == data
    stream.close()
    stream.close()  # closing twice is harmless
    storage.remove("files/2026/11/abc")
    with pytest.raises(ObjectMissing):
        storage.stat("files/2026/11/abc")


def test_missing_objects(storage):
    with pytest.raises(ObjectMissing):
        storage.stat("files/none")
    with pytest.raises(ObjectMissing):
        storage.open("files/none")
    storage.remove("files/none")  # not an error


def test_an_empty_stream_stores_an_empty_object(storage):
    stored = storage.put("files/empty", io.BytesIO(b""), limit=MIB)
    assert stored.size == 0 and stored.sha256 == hashlib.sha256(b"").hexdigest()
    storage.remove("files/empty")


def test_a_12_mib_stream_is_stored_with_matching_sha256_and_size(storage, pattern_stream):
    source = pattern_stream(12 * MIB + 12345)
    stored = storage.put("files/big", source, limit=25 * MIB, content_type="application/pdf")
    assert stored.size == source.size
    assert stored.sha256 == source.sha256
    assert storage.stat("files/big").size == source.size
    digest, size = hashlib.sha256(), 0
    stream = storage.open("files/big")
    for chunk in stream:  # read back streamed too
        digest.update(chunk)
        size += len(chunk)
    stream.close()
    assert (size, digest.hexdigest()) == (source.size, source.sha256)


@pytest.mark.parametrize("size, limit", [(3 * MIB, MIB), (8 * MIB, 6 * MIB)])  # one part / several parts
def test_exceeding_the_limit_leaves_no_object(storage, pattern_stream, size, limit):
    source = pattern_stream(size)
    with pytest.raises(PayloadTooLarge) as caught:
        storage.put("files/too-big", source, limit=limit)
    assert caught.value.message == f"Tệp vượt quá dung lượng cho phép (tối đa {limit // MIB} MB)."
    assert source.consumed == limit + 1  # reading stopped at the first byte over the limit
    with pytest.raises(ObjectMissing):
        storage.stat("files/too-big")


def test_exceeding_the_limit_keeps_an_existing_object_untouched(storage, pattern_stream):
    storage.put("files/kept", io.BytesIO(b"old"), limit=MIB)
    storage.remove("files/other")
    with pytest.raises(PayloadTooLarge):
        storage.put("files/other", pattern_stream(2 * MIB), limit=MIB)
    assert read_back(storage, "files/kept") == b"old"


@pytest.mark.parametrize("key", ["../outside", "/etc/passwd", "files/../../x", ".hidden", "a//b"])
def test_keys_never_escape(storage, key):
    with pytest.raises(ValueError):
        storage.put(key, io.BytesIO(b"x"), limit=MIB)
    with pytest.raises(ValueError):
        storage.open(key)


def test_health(storage):
    assert storage.health() == "ok"
