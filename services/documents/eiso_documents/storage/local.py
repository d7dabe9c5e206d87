"""``LocalFolderStorage``: objects as files under one folder (EISO_STORAGE=local, the embedded default)."""
from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from eiso_contracts.errors import EisoError

from ..domain.errors import storage_unavailable
from ..domain.hashing import CHUNK, HashingReader, Readable
from .port import READ_CHUNK, ObjectInfo, ObjectMissing, ObjectStream, StoredObject, check_key

log = logging.getLogger(__name__)
TEMP_PREFIX = ".upload-"  # keys never start with a dot, so a partial upload is never mistaken for an object


class LocalFolderStorage:
    """Each object is a file ``<folder>/<key>``.

    A put writes a temporary file beside the target, syncs it and renames it into place
    (``os.replace`` is atomic), so an object is either absent or complete, never half written.
    Keys are checked (``check_key``) and the resolved path must stay inside the folder.
    """

    kind = "local"

    def __init__(self, root: Path | str):
        self.root = Path(root).resolve()

    def prepare(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)

    def path_of(self, key: str) -> Path:
        path = (self.root / check_key(key)).resolve()
        if not path.is_relative_to(self.root) or path == self.root:
            raise ValueError(f"storage key {key!r} leaves the storage folder")
        return path

    def put(self, key: str, stream: Readable, *, limit: int,
            content_type: str = "application/octet-stream") -> StoredObject:
        target = self.path_of(key)
        reader = HashingReader(stream, limit)
        temp: str | None = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".part", dir=target.parent)
            with os.fdopen(fd, "wb") as out:
                while chunk := reader.read(CHUNK):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
            temp = None
            _sync_folder(target.parent)
        except EisoError:
            _unlink(temp)
            raise
        except OSError as exc:
            _unlink(temp)
            log.error("local storage: cannot write %s: %s", key, exc)
            raise storage_unavailable() from exc
        except BaseException:
            _unlink(temp)
            raise
        return StoredObject(key=key, size=reader.size, sha256=reader.sha256)

    def open(self, key: str) -> ObjectStream:
        path = self.path_of(key)
        try:
            handle = open(path, "rb")
            size = os.fstat(handle.fileno()).st_size
        except FileNotFoundError:
            raise ObjectMissing(key) from None
        except OSError as exc:
            log.error("local storage: cannot read %s: %s", key, exc)
            raise storage_unavailable() from exc
        return ObjectStream(iter(lambda: handle.read(READ_CHUNK), b""), size, handle.close)

    def stat(self, key: str) -> ObjectInfo:
        try:
            return ObjectInfo(key=key, size=self.path_of(key).stat().st_size)
        except FileNotFoundError:
            raise ObjectMissing(key) from None
        except OSError as exc:
            raise storage_unavailable() from exc

    def remove(self, key: str) -> None:
        try:
            self.path_of(key).unlink(missing_ok=True)
        except OSError as exc:
            raise storage_unavailable() from exc

    def health(self) -> str:
        if not self.root.is_dir():
            return "error: storage folder missing"
        if not os.access(self.root, os.W_OK | os.X_OK):
            return "error: storage folder not writable"
        return "ok"


def _unlink(path: str | None) -> None:
    if path is not None:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("local storage: cannot remove partial upload %s: %s", path, exc)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (the folder entry), where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
