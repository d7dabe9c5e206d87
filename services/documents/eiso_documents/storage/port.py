"""The storage port: what the service needs from object storage, whatever holds the bytes.

Adapters: ``LocalFolderStorage`` (a folder; the embedded default) and ``S3Storage`` (MinIO or any
S3). Both stream: a ``put`` reads its input through ``HashingReader`` (SHA-256, size and the
upload limit on the way) and an ``open`` hands out chunks, so no whole file is ever in memory.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Protocol

from ..domain.hashing import Readable

READ_CHUNK = 64 * 1024
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*$")
_MAX_KEY = 512


class ObjectMissing(Exception):
    """No object under this key."""


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    sha256: str


@dataclass(frozen=True)
class ObjectInfo:
    key: str
    size: int


class ObjectStream:
    """The bytes of one object as chunks. ``close()`` releases the file or connection.

    The web server calls ``close()`` when the response ends, also when it was never iterated
    (a ``HEAD`` request, a client gone early), so nothing leaks.
    """

    def __init__(self, chunks: Iterator[bytes], size: int, release: Callable[[], None]):
        self._chunks = chunks
        self.size = size
        self._release = release
        self._closed = False

    def __iter__(self) -> Iterator[bytes]:
        return self._chunks

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._release()


class Storage(Protocol):
    kind: str

    def prepare(self) -> None:
        """Make the folder / bucket exist (idempotent; safe when several copies start at once)."""

    def put(self, key: str, stream: Readable, *, limit: int,
            content_type: str = "application/octet-stream") -> StoredObject:
        """Store ``stream`` under ``key``; over ``limit`` bytes: nothing is kept and ``PayloadTooLarge`` raised."""

    def open(self, key: str) -> ObjectStream:
        """The object's bytes as a stream of chunks; ``ObjectMissing`` if there is none."""

    def stat(self, key: str) -> ObjectInfo:
        """Size of the object; ``ObjectMissing`` if there is none."""

    def remove(self, key: str) -> None:
        """Delete the object; removing a missing object is not an error."""

    def health(self) -> str:
        """``"ok"`` or ``"error: ..."``; never raises."""


def check_key(key: str) -> str:
    """A storage key is relative path segments of plain ASCII, none starting with a dot: no ``..``, no ``/x``."""
    if not isinstance(key, str) or len(key) > _MAX_KEY or not _KEY.match(key):
        raise ValueError(f"invalid storage key {key!r}")
    return key
