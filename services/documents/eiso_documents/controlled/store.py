"""The version's repository for the dossier kit: the rows, then the document's search entry, in one transaction."""
from __future__ import annotations

from sqlalchemy.orm import Session

from . import indexing, repository
from .aggregate import Version


def add(session: Session, version: Version) -> None:
    repository.add(session, version)
    indexing.refresh(session, version.document_id)


def get(session: Session, version_id: str, lock: bool = False) -> Version | None:
    return repository.get(session, version_id, lock=lock)


def save(session: Session, version: Version) -> None:
    repository.save(session, version)
    indexing.refresh(session, version.document_id)
