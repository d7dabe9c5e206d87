"""The documents service's RPC side (file metadata); the bytes are served by ``gateway_docs_server``."""
from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta, timezone

from eiso_contracts.errors import Forbidden, NotFound
from eiso_contracts.rpc.common import Actor
from eiso_contracts.rpc.documents import FileGrant, FileView, GrantDownload, GrantUpload
from eiso_kit.rpc import parse

from .registry import FakeRegistry
from .rpc import rpc


class FakeDocuments(FakeRegistry):
    def __init__(self, lock):
        self.lock = lock
        self.files: dict[str, FileView] = {}
        self.file_bytes: dict[str, bytes] = {}
        self.grants: dict[str, tuple] = {}  # file grant -> (operation, person, unit, file id[, "checked"])
        self._init_registry()

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
    def get_file(self, file_id, actor):
        a = parse(Actor, actor)
        if file_id not in self.files or self.files[file_id].unit_code != a.unit_code:
            raise NotFound("Không tìm thấy tập tin.")
        return self.files[file_id]

    @rpc
    def get_files(self, file_ids, actor=None):
        a = parse(Actor, actor) if actor is not None else None
        return [self.files[i] for i in file_ids if i in self.files
                and (a is None or self.files[i].unit_code == a.unit_code)]

    # Grants as the documents service issues them (the fake endpoint checks them): random, one use each.
    @rpc
    def grant_download(self, cmd):
        c = parse(GrantDownload, cmd)
        meta = self.files.get(c.file_id)
        if meta is None:
            raise NotFound("Không tìm thấy tập tin.")
        if meta.unit_code != c.actor.unit_code:
            raise Forbidden("Tệp này thuộc đơn vị khác.")
        return self._grant(("download", c.actor.id, c.actor.unit_code, c.file_id), meta)

    @rpc
    def grant_upload(self, cmd):
        c = parse(GrantUpload, cmd)
        return self._grant(("upload", c.actor.id, c.actor.unit_code, None))

    def _grant(self, what: tuple, meta: FileView | None = None) -> FileGrant:
        token = secrets.token_urlsafe(16)
        with self.lock:
            self.grants[token] = what
        return FileGrant(grant=token, expires_at=datetime.now(timezone.utc) + timedelta(minutes=2), file=meta)

    def use_grant(self, token: str | None) -> tuple | None:
        with self.lock:
            return self.grants.pop(token, None) if token else None
