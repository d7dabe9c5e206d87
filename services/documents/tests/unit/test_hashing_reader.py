import hashlib
import io

import pytest
from eiso_contracts.errors import PayloadTooLarge

from eiso_documents.domain.errors import MIB, UploadInterrupted, mib_label, too_large
from eiso_documents.domain.hashing import CHUNK, HashingReader


class Trickle:
    """A stream that returns at most ``piece`` bytes per read and counts what was taken."""

    def __init__(self, data: bytes, piece: int = 7):
        self._data = io.BytesIO(data)
        self.piece = piece
        self.taken = 0

    def read(self, n=-1):
        chunk = self._data.read(min(n, self.piece))
        self.taken += len(chunk)
        return chunk


def read_all(reader, size):
    out = []
    while chunk := reader.read(size):
        out.append(chunk)
    return b"".join(out)


def test_hash_and_size_are_computed_while_reading():
    data = bytes(range(256)) * 1000
    reader = HashingReader(Trickle(data), limit=len(data))
    assert read_all(reader, 1000) == data
    assert reader.size == len(data)
    assert reader.sha256 == hashlib.sha256(data).hexdigest()
    assert reader.ended


def test_read_n_fills_n_bytes_from_short_reads():
    reader = HashingReader(Trickle(b"x" * 100, piece=3), limit=100)
    assert reader.read(50) == b"x" * 50
    assert reader.read(80) == b"x" * 50
    assert reader.read(10) == b""


def test_read_without_size_returns_one_chunk_not_the_stream():
    reader = HashingReader(io.BytesIO(b"y" * (CHUNK * 3)), limit=CHUNK * 3)
    assert len(reader.read()) == CHUNK
    assert len(reader.read(-1)) == CHUNK


def test_a_file_exactly_at_the_limit_passes():
    reader = HashingReader(Trickle(b"z" * 64), limit=64)
    assert read_all(reader, 10) == b"z" * 64


def test_one_byte_over_the_limit_stops_reading_there():
    source = Trickle(b"z" * 10_000, piece=100)
    reader = HashingReader(source, limit=1000)
    with pytest.raises(PayloadTooLarge) as caught:
        read_all(reader, 4096)
    assert source.taken == 1001  # the byte past the limit, and not one more
    assert caught.value.status == 413
    assert reader.read(10) == b""  # stopped for good


def test_limit_zero_refuses_any_byte():
    with pytest.raises(PayloadTooLarge):
        HashingReader(io.BytesIO(b"a"), limit=0).read(10)
    assert HashingReader(io.BytesIO(b""), limit=0).read(10) == b""


def test_a_failing_client_stream_becomes_upload_interrupted():
    class Broken:
        def read(self, n):
            raise ConnectionResetError("peer gone")

    with pytest.raises(UploadInterrupted) as caught:
        HashingReader(Broken(), limit=10).read(5)
    assert caught.value.status == 400


def test_the_too_large_message_names_the_limit_in_mb():
    assert too_large(25 * MIB).message == "Tệp vượt quá dung lượng cho phép (tối đa 25 MB)."
    assert mib_label(MIB // 2) == "0,5"
