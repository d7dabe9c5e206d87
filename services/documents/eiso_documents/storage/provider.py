"""``FileStorage``: the nameko dependency that gives a worker the storage adapter and the upload limit."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from eiso_kit.config import settings_of
from nameko.extensions import DependencyProvider

from .factory import build_storage
from .port import Storage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileStore:
    """What a worker sees as ``self.files``."""

    storage: Storage
    max_upload_bytes: int
    daily_quota_bytes: int = 250 * 1024 * 1024
    retention_hours: float = 72.0
    timezone: str = "Asia/Ho_Chi_Minh"


class FileStorage(DependencyProvider):
    def setup(self):
        settings = settings_of(self.container.config)
        self.store = FileStore(storage=build_storage(settings), max_upload_bytes=settings.max_upload_bytes,
                               daily_quota_bytes=settings.upload_quota_bytes,
                               retention_hours=settings.upload_retention_hours, timezone=settings.timezone)

    def start(self):
        try:
            self.store.storage.prepare()
        except Exception as exc:  # S3 may come up after us; the first upload tries again
            log.warning("file storage (%s) not ready at start: %s", self.store.storage.kind, exc)

    def get_dependency(self, worker_ctx) -> FileStore:
        return self.store
