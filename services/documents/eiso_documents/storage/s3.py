"""``S3Storage``: objects in a MinIO / S3 bucket (EISO_STORAGE=s3), through the ``minio`` client.

Why ``minio``: the architecture names MinIO for files (DESIGN.md: "Files in MinIO through the
``minio`` client"). The client is a small SDK over urllib3 that speaks plain S3, so the same code
works against the MinIO container of docker-compose and against any S3-compatible store (AWS S3,
Ceph RGW, ...), and it streams uploads of unknown length itself (``length=-1``: multipart in parts
of ``part_size``), which is what an HTTP upload without a trusted size needs.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager

import certifi
import urllib3
from eiso_contracts.errors import EisoError
from minio import Minio
from minio.error import MinioException, S3Error

from ..domain.errors import storage_unavailable
from ..domain.hashing import HashingReader, Readable
from .port import READ_CHUNK, ObjectInfo, ObjectMissing, ObjectStream, StoredObject, check_key

log = logging.getLogger(__name__)
PART_SIZE = 5 * 1024 * 1024  # the S3 minimum part size: the most an upload holds in memory at once
_MISSING = {"NoSuchKey", "NoSuchObject", "ResourceNotFound", "NoSuchBucket"}
_BUCKET_READY = {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}
_FAILURES = (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError)


def http_client() -> urllib3.PoolManager:
    """minio's own defaults, except a 10 s connect timeout (minio waits 5 minutes for a dead host)."""
    return urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=10, read=300),
        maxsize=10,
        cert_reqs="CERT_REQUIRED",
        ca_certs=certifi.where(),
        retries=urllib3.Retry(total=5, backoff_factor=0.2, status_forcelist=[500, 502, 503, 504]),
    )


class S3Storage:
    """Each object is ``<bucket>/<key>``; the bucket is created if missing.

    Uploads go one part at a time (``num_parallel_uploads=1``): at most one 5 MiB part is in
    memory. A failed or too-large upload is aborted by minio (no multipart remains) and whatever
    was stored under the key is removed.
    """

    kind = "s3"

    def __init__(self, client: Minio, bucket: str):
        self.client = client
        self.bucket = bucket
        self._bucket_ready = False

    @classmethod
    def from_settings(cls, settings) -> "S3Storage":
        client = Minio(settings.s3_endpoint, access_key=settings.s3_access_key,
                       secret_key=settings.s3_secret_key, secure=settings.s3_secure, http_client=http_client())
        return cls(client, settings.s3_bucket)

    def prepare(self) -> None:
        try:
            if not self.client.bucket_exists(self.bucket):
                self.client.make_bucket(self.bucket)
        except S3Error as exc:
            if exc.code not in _BUCKET_READY:  # another copy created it a moment ago
                raise
        self._bucket_ready = True

    def _ensure_bucket(self) -> None:
        if self._bucket_ready:
            return
        try:
            self.prepare()
        except _FAILURES as exc:
            log.error("s3 storage: bucket %s not available: %s", self.bucket, exc)
            raise storage_unavailable() from exc

    def put(self, key: str, stream: Readable, *, limit: int,
            content_type: str = "application/octet-stream") -> StoredObject:
        check_key(key)
        self._ensure_bucket()
        reader = HashingReader(stream, limit)
        try:
            self.client.put_object(self.bucket, key, reader, length=-1, part_size=PART_SIZE,
                                   content_type=content_type, num_parallel_uploads=1)
        except EisoError:
            self._discard(key)
            raise
        except _FAILURES as exc:
            self._discard(key)
            log.error("s3 storage: cannot write %s: %s", key, exc)
            raise storage_unavailable() from exc
        except BaseException:
            self._discard(key)
            raise
        return StoredObject(key=key, size=reader.size, sha256=reader.sha256)

    @contextmanager
    def _reading(self, key: str):
        """Map the client's errors while reading ``key``: missing -> ObjectMissing, else unavailable."""
        check_key(key)
        try:
            yield
        except S3Error as exc:
            if exc.code in _MISSING:
                raise ObjectMissing(key) from None
            raise storage_unavailable() from exc
        except _FAILURES as exc:
            log.error("s3 storage: cannot read %s: %s", key, exc)
            raise storage_unavailable() from exc

    def open(self, key: str) -> ObjectStream:
        with self._reading(key):
            response = self.client.get_object(self.bucket, key)

        def release() -> None:
            response.close()
            response.release_conn()

        size = int(response.headers.get("Content-Length", "0"))
        return ObjectStream(response.stream(READ_CHUNK), size, release)

    def stat(self, key: str) -> ObjectInfo:
        with self._reading(key):
            found = self.client.stat_object(self.bucket, key)
        return ObjectInfo(key=key, size=int(found.size or 0))

    def remove(self, key: str) -> None:
        check_key(key)
        try:
            self.client.remove_object(self.bucket, key)
        except S3Error as exc:
            if exc.code not in _MISSING:
                raise storage_unavailable() from exc
        except _FAILURES as exc:
            raise storage_unavailable() from exc

    def health(self) -> str:
        try:
            return "ok" if self.client.bucket_exists(self.bucket) else "error: bucket missing"
        except Exception as exc:  # reported, not raised: health answers even when S3 is down
            return f"error: {type(exc).__name__}"

    def _discard(self, key: str) -> None:
        """Best effort: remove a partial object after a failed put (minio already aborted any multipart)."""
        try:
            self.client.remove_object(self.bucket, key)
        except Exception as exc:
            log.warning("s3 storage: cannot remove partial object %s: %s", key, exc)
