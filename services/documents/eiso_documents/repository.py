"""File metadata rows <-> ``FileView``."""
from __future__ import annotations

from typing import NamedTuple

from eiso_contracts.rpc.documents import FileView
from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from .models import REMOVED, STORED, dossier_versions, file_texts, files, grant_keys

_VIEW_COLUMNS = (files.c.id, files.c.unit_code, files.c.name, files.c.content_type, files.c.size,
                 files.c.sha256, files.c.uploaded_by, files.c.uploaded_at, files.c.verified_type)


class StoredFile(NamedTuple):
    view: FileView
    storage_key: str


def add(session: Session, view: FileView, storage_key: str) -> None:
    session.execute(insert(files).values(**view.model_dump(), storage_key=storage_key, state=STORED,
                                         unattached_since=view.uploaded_at))


def add_text(session: Session, file_id: str, text: str, now: datetime) -> None:
    session.execute(insert(file_texts).values(file_id=file_id, text=text, extracted_at=now))


def texts(session: Session, file_ids: list[str]) -> list[str]:
    """The extracted texts of those files (stored ones), in the order asked."""
    if not file_ids:
        return []
    rows = dict(session.execute(select(file_texts.c.file_id, file_texts.c.text)
                                .join(files, files.c.id == file_texts.c.file_id)
                                .where(file_texts.c.file_id.in_(file_ids), files.c.state == STORED)).all())
    return [rows[i] for i in file_ids if i in rows]


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


# -- quota ------------------------------------------------------------------------------------
def uploaded_since(session: Session, person_id: str, since: datetime) -> int:
    """Bytes ``person_id`` uploaded since ``since`` (removed files too: they were uploaded)."""
    return int(session.execute(select(func.coalesce(func.sum(files.c.size), 0))
                               .where(files.c.uploaded_by == person_id, files.c.uploaded_at >= since)).scalar())


# -- grants -----------------------------------------------------------------------------------
def grant_secret(session: Session) -> str | None:
    return session.execute(select(grant_keys.c.secret).where(grant_keys.c.id == 1)).scalar()


# -- what dossiers list -----------------------------------------------------------------------
def newer_version(session: Session, code: str, version: int) -> bool:
    """Record ``version`` of dossier ``code`` if it is the newest seen; False for an older or equal one."""
    seen = session.execute(select(dossier_versions.c.version).where(dossier_versions.c.code == code)
                           .with_for_update()).scalar()
    if seen is None:
        session.execute(insert(dossier_versions).values(code=code, version=version))
        return True
    if version <= seen:
        return False
    session.execute(update(dossier_versions).where(dossier_versions.c.code == code).values(version=version))
    return True


def mark_attached(session: Session, file_ids: list[str], code: str, unit_code: str, now: datetime) -> int:
    """The files (of the dossier's unit) a transfer listed are attached for good, to the first dossier."""
    if not file_ids:
        return 0
    return session.execute(update(files).where(
        files.c.id.in_(file_ids), files.c.unit_code == unit_code, files.c.attached_to.is_(None))
        .values(attached_to=code, attached_at=now)).rowcount or 0


def hold_for_draft(session: Session, code: str, file_ids: list[str], unit_code: str, now: datetime) -> None:
    """The dossier's saved draft lists exactly ``file_ids`` now: those are held, the others it held are let go."""
    let_go = update(files).where(files.c.draft_of == code)
    if file_ids:
        let_go = let_go.where(files.c.id.not_in(file_ids))
    session.execute(let_go.values(draft_of=None, unattached_since=now))
    if file_ids:
        session.execute(update(files).where(files.c.id.in_(file_ids), files.c.unit_code == unit_code)
                        .values(draft_of=code))


def _removable(cutoff: datetime):
    return (files.c.state == STORED, files.c.attached_to.is_(None), files.c.draft_of.is_(None),
            files.c.unattached_since.is_not(None), files.c.unattached_since < cutoff)


def removable(session: Session, cutoff: datetime, limit: int) -> list[tuple[str, str]]:
    """(id, storage key) of files no dossier listed since before ``cutoff``, oldest first."""
    rows = session.execute(select(files.c.id, files.c.storage_key).where(*_removable(cutoff))
                           .order_by(files.c.unattached_since).limit(limit))
    return [(row.id, row.storage_key) for row in rows]


def mark_removed(session: Session, file_id: str, cutoff: datetime) -> bool:
    """Mark one file removed if it is still removable (an event may have attached it meanwhile)."""
    return (session.execute(update(files).where(files.c.id == file_id, *_removable(cutoff))
                            .values(state=REMOVED)).rowcount or 0) == 1
