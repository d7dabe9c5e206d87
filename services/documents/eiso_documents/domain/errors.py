"""Errors of the file endpoint, typed like every eISO error (status, code, a Vietnamese sentence).

The classes here are answered over HTTP only (the file endpoint); the RPC methods raise the shared
contract errors (``NotFound``, ``InvalidInput``), which keep their class across the bus.
"""
from __future__ import annotations

from eiso_contracts.errors import EisoError, InvalidInput, PayloadTooLarge

MIB = 1024 * 1024


class BadRequest(EisoError):
    """A header of the request is missing or malformed."""

    status = 400
    code = "BAD_REQUEST"


class UploadInterrupted(EisoError):
    """The request body stopped before its end (the client went away or sent a broken chunk)."""

    status = 400
    code = "UPLOAD_INTERRUPTED"


class StorageUnavailable(EisoError):
    """The object storage (folder or S3) did not answer or refused the operation."""

    status = 503
    code = "STORAGE_UNAVAILABLE"


def mib_label(size_bytes: int) -> str:
    """A size in MiB as Vietnamese write it: ``25``, ``0,5``."""
    value = size_bytes / MIB
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def too_large(limit_bytes: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"Tệp vượt quá dung lượng cho phép (tối đa {mib_label(limit_bytes)} MB).")


def empty_file() -> InvalidInput:
    return InvalidInput("Tệp rỗng: không có nội dung để lưu.")


def storage_unavailable() -> StorageUnavailable:
    return StorageUnavailable("Kho lưu trữ tệp tạm thời không truy cập được. Vui lòng thử lại sau.")


def upload_interrupted() -> UploadInterrupted:
    return UploadInterrupted("Việc tải tệp lên bị gián đoạn trước khi nhận đủ nội dung. Vui lòng tải lại.")
