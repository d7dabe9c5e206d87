"""Pick the storage adapter EISO_STORAGE names."""
from __future__ import annotations

from .local import LocalFolderStorage
from .port import Storage


def build_storage(settings) -> Storage:
    if settings.storage == "local":
        return LocalFolderStorage(settings.storage_path)
    if settings.storage == "s3":
        from .s3 import S3Storage  # only deployments with S3 need the client loaded
        return S3Storage.from_settings(settings)
    raise ValueError(f"EISO_STORAGE must be 'local' or 's3', not {settings.storage!r}")
