"""The documents service's internal file endpoint (``EISO_DOCUMENTS_URL``), over HTTP.

File bytes never travel over the bus: the gateway streams an upload straight
from the request to ``POST /files`` and a download straight back from
``GET /files/<id>``, so a 25 MB file is never held in the gateway's memory.

The endpoint believes nothing but a grant the documents service signed for one
person, one unit and one file or one upload (``X-Eiso-Grant``): the caller asks
for it over RPC (``grant_upload``, ``grant_download``) just before each request,
for the signed-in person, and hands it in here. The documents service decides:
another unit's file is refused there (403), a spent daily quota too (429).
"""
from __future__ import annotations

import logging
from typing import IO, Iterator
from urllib.parse import quote

import requests
from eiso_contracts.errors import Forbidden, InvalidInput, NotFound, PayloadTooLarge, TooManyRequests
from eiso_contracts.rpc.documents import HEADER_GRANT, FileGrant, FileView
from nameko.exceptions import RpcTimeout

from .rpc import ServiceUnavailable

log = logging.getLogger(__name__)

CHUNK = 64 * 1024


class DocumentsHttp:
    """Upload and download through the documents service's HTTP endpoint."""

    def __init__(self, base_url: str, timeout: float = 30.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def _error(self, response: requests.Response) -> Exception:
        try:
            message = response.json().get("message") or ""
        except ValueError:
            message = ""
        if response.status_code == 413:
            return PayloadTooLarge(message or "Tập tin vượt quá dung lượng cho phép.")
        if response.status_code in (400, 422):
            return InvalidInput(message or "Tập tin không hợp lệ.")
        if response.status_code == 404:
            return NotFound(message or "Không tìm thấy tập tin.")
        if response.status_code == 429:
            retry = response.headers.get("Retry-After")
            details = (response.json().get("details") if response.headers.get("Content-Type", "").startswith(
                "application/json") else None) or ({"retry_after": int(retry)} if retry and retry.isdigit() else None)
            return TooManyRequests(message or "Bạn đã tải lên quá nhiều trong hôm nay.", details)
        if response.status_code in (401, 403):  # a grant refused: the gateway's fault, logged by both sides
            log.warning("documents endpoint refused a grant (%s): %s", response.status_code, message)
            return Forbidden(message or "Không có quyền truy cập tập tin này.")
        log.error("documents endpoint answered %s: %s", response.status_code, response.text[:500])
        return ServiceUnavailable(f"documents endpoint answered {response.status_code}")

    def upload(self, stream: IO[bytes], filename: str, content_type: str | None, grant: FileGrant) -> FileView:
        """Stream ``stream`` (a werkzeug ``FileStorage.stream``) as the request body, under ``grant``."""
        headers = {
            "Content-Type": content_type or "application/octet-stream",
            HEADER_GRANT: grant.grant,
            "X-Eiso-Filename": quote(filename or "tap-tin", safe=""),
        }
        try:
            response = requests.post(f"{self.base_url}/files", data=stream, headers=headers,
                                     timeout=self.timeout)
        except requests.Timeout as exc:
            raise RpcTimeout("documents upload") from exc
        except requests.RequestException as exc:
            raise ServiceUnavailable(f"documents endpoint: {exc}") from exc
        with response:
            if response.status_code != 201:
                raise self._error(response)
            return FileView.model_validate(response.json())

    def download(self, file_id: str, grant: FileGrant) -> tuple[FileView, Iterator[bytes], dict[str, str],
                                                                "requests.Response"]:
        """Open the stored bytes under ``grant`` (the documents service refused another unit's file when
        asked for it); returns (the file's metadata, chunks, upstream headers, the response to close)."""
        try:
            response = requests.get(f"{self.base_url}/files/{quote(file_id, safe='')}", stream=True,
                                    headers={HEADER_GRANT: grant.grant}, timeout=self.timeout)
        except requests.Timeout as exc:
            raise RpcTimeout("documents download") from exc
        except requests.RequestException as exc:
            raise ServiceUnavailable(f"documents endpoint: {exc}") from exc
        if response.status_code != 200:
            with response:
                raise self._error(response)
        return grant.file, response.iter_content(CHUNK), dict(response.headers), response
