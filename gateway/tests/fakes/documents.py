"""The documents service's RPC side (file metadata); the bytes are served by ``gateway_docs_server``."""
from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timezone

from eiso_contracts.errors import NotFound
from eiso_contracts.rpc.documents import FileView

from .rpc import rpc


class FakeDocuments:
    def __init__(self, lock):
        self.lock = lock
        self.files: dict[str, FileView] = {}
        self.file_bytes: dict[str, bytes] = {}

    def store(self, unit: str, uploader: str, name: str, content_type: str, body: bytes,
              file_id: str | None = None, at: datetime | None = None) -> FileView:
        """What an upload to the file endpoint leaves behind."""
        fid = file_id or f"f-{uuid.uuid4().hex[:10]}"
        view = FileView(id=fid, unit_code=unit, name=name, content_type=content_type, size=len(body),
                        sha256=hashlib.sha256(body).hexdigest(), uploaded_by=uploader,
                        uploaded_at=at or datetime.now(timezone.utc))
        with self.lock:
            self.files[fid] = view
            self.file_bytes[fid] = body
        return view

    @rpc
    def health(self):
        return {"service": "documents", "status": "ok", "checks": {"database": "ok", "storage": "ok"}}

    @rpc
    def get_file(self, file_id):
        if file_id not in self.files:
            raise NotFound("Không tìm thấy tập tin.")
        return self.files[file_id]

    @rpc
    def get_files(self, file_ids):
        return [self.files[i] for i in file_ids if i in self.files]
