"""The documents service's database and storage without a container (SQLite, a folder), for section 7 rules."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from eiso_documents import models
from eiso_documents import repository as file_rows
from eiso_documents.domain.files import new_file_id, storage_key
from eiso_documents.storage import FileStore, LocalFolderStorage
from eiso_contracts.rpc.documents import FileView
from eiso_kit.db import Database
from eiso_kit.testing.database import standalone

NOW = datetime(2026, 11, 26, 3, 0, tzinfo=timezone.utc)


@dataclass
class Documents:
    db: object
    store: FileStore
    url: str

    def stored_file(self, name="Quy trình.pdf", body=b"%PDF-1.4 x", unit="SONGANH", text=None, verified="pdf"):
        """A file as a checked upload leaves it: bytes in the folder, its row, its text."""
        file_id = new_file_id()
        key = storage_key(file_id, NOW)
        stored = self.store.storage.put(key, io.BytesIO(body), limit=len(body) + 1)
        view = FileView(id=file_id, unit_code=unit, name=name, content_type="application/pdf", size=stored.size,
                        sha256=stored.sha256, uploaded_by="p-thuky", uploaded_at=NOW, verified_type=verified)
        with self.db.transaction() as tx:
            file_rows.add(tx.session, view, storage_key=key)
            if text:
                file_rows.add_text(tx.session, file_id, text, NOW)
        return view

    def rows(self, table):
        with self.db.read() as session:
            return [dict(row._mapping) for row in session.execute(select(table))]

    def outbox_types(self):
        return [row["type"].removeprefix("vn.eiso.") for row in self.rows(models.plumbing.outbox)]


@pytest.fixture
def documents(tmp_path, make_settings):
    database = Database(models.metadata, migrations=models.MIGRATIONS)
    url = f"sqlite:///{tmp_path}/documents.sqlite3"
    settings = make_settings(storage_path=tmp_path / "files")
    db = standalone(database, url, settings, "documents")
    storage = LocalFolderStorage(tmp_path / "files")
    storage.prepare()
    yield Documents(db, FileStore(storage=storage, max_upload_bytes=1024 * 1024), url)
    database.stop()
