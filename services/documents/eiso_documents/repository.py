"""File metadata rows <-> ``FileView``."""
from __future__ import annotations

from typing import NamedTuple

from eiso_contracts.rpc.documents import FileView
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from .models import STORED, files

_VIEW_COLUMNS = (files.c.id, files.c.unit_code, files.c.name, files.c.content_type, files.c.size,
                 files.c.sha256, files.c.uploaded_by, files.c.uploaded_at)


class StoredFile(NamedTuple):
    view: FileView
    storage_key: str


def add(session: Session, view: FileView, storage_key: str) -> None:
    session.execute(insert(files).values(**view.model_dump(), storage_key=storage_key, state=STORED))


def find(session: Session, file_id: str) -> StoredFile | None:
    row = session.execute(
        select(*_VIEW_COLUMNS, files.c.storage_key).where(files.c.id == file_id, files.c.state == STORED)
    ).first()
    if row is None:
        return None
    data = dict(row._mapping)
    key = data.pop("storage_key")
    return StoredFile(FileView(**data), key)


def views(session: Session, file_ids: list[str]) -> list[FileView]:
    """The stored files among ``file_ids``, in the order asked, each once; unknown ids left out."""
    wanted = list(dict.fromkeys(file_ids))
    if not wanted:
        return []
    rows = session.execute(select(*_VIEW_COLUMNS).where(files.c.id.in_(wanted), files.c.state == STORED))
    found = {row.id: FileView(**row._mapping) for row in rows}
    return [found[file_id] for file_id in wanted if file_id in found]
