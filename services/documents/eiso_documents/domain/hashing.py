"""Reading an upload through: SHA-256 and size computed on the way, the size limit enforced on the way."""
from __future__ import annotations

import hashlib
from typing import Protocol

from eiso_contracts.errors import EisoError

from .errors import too_large, upload_interrupted

CHUNK = 1024 * 1024


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class HashingReader:
    """A read-only stream over ``raw`` that hashes and counts what passes, and never passes more than ``limit``.

    - At most ``limit + 1`` bytes are ever taken from ``raw``: the byte past the limit proves the
      file too large, reading stops there and ``PayloadTooLarge`` is raised (the caller deletes
      whatever it wrote).
    - ``read(n)`` returns exactly ``n`` bytes until the end of the stream, reading ``raw`` in
      pieces of at most 1 MiB, so a caller filling a 5 MiB part gets it in one call. ``read()``
      without a size returns one piece, never the whole stream: nothing here holds a whole file.
    - A failure of ``raw`` (the client went away, a broken chunk) becomes ``UploadInterrupted``.
    """

    def __init__(self, raw: Readable, limit: int):
        if limit < 0:
            raise ValueError("limit must be >= 0")
        self._raw = raw
        self.limit = limit
        self.size = 0
        self._hash = hashlib.sha256()
        self._ended = False

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of everything read so far (of the whole file once ``read`` returned ``b""``)."""
        return self._hash.hexdigest()

    @property
    def ended(self) -> bool:
        return self._ended

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = CHUNK
        pieces: list[bytes] = []
        got = 0
        while got < size and not self._ended:
            budget = self.limit + 1 - self.size  # >= 1 while the limit holds
            piece = self._read_raw(min(size - got, budget, CHUNK))
            if not piece:
                self._ended = True
                break
            self.size += len(piece)
            if self.size > self.limit:
                self._ended = True
                raise too_large(self.limit)
            self._hash.update(piece)
            pieces.append(piece)
            got += len(piece)
        if len(pieces) == 1:
            return pieces[0]
        return b"".join(pieces)

    def _read_raw(self, size: int) -> bytes:
        try:
            piece = self._raw.read(size)
        except EisoError:
            raise
        except Exception as exc:  # the network stream failed: the upload is incomplete
            raise upload_interrupted() from exc
        return piece if isinstance(piece, bytes) else bytes(piece or b"")
