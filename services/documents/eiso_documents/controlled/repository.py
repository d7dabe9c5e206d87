"""Documents and versions through a session. The module is the version's repository for the dossier kit
(``add`` / ``get`` / ``save``); the rest are the queries of the register and the timers."""
from __future__ import annotations

from datetime import date, datetime

from eiso_contracts.content import DocumentVersionContent
from sqlalchemy import and_, insert, select, update
from sqlalchemy.orm import Session

from .. import file_links
from ..models import document_acknowledgements, document_version_files, document_versions, documents
from .aggregate import APPROVED, Document, Version

_DOC_MUTABLE = ("title", "doc_type", "department_id", "latest_version", "in_force_version", "review_date",
                "review_reminded_for")
_VERSION_MUTABLE = ("status", "dossier_code", "dossier_version", "approved_by", "approved_at", "effective_from",
                    "withdrawn_on")


# -- the kit's repository (artefact: Version) ------------------------------------------------------
def add(session: Session, version: Version) -> None:
    document = version.document
    if document is not None and version.number == 1:
        session.execute(insert(documents).values(
            id=document.id, unit_code=document.unit_code, internal_number=document.internal_number,
            created_by=document.created_by, created_at=document.created_at,
            **{name: getattr(document, name) for name in _DOC_MUTABLE}))
    elif document is not None:
        save_document(session, document)
    session.execute(insert(document_versions).values(
        id=version.id, document_id=version.document_id, unit_code=version.unit_code, number=version.number,
        content=version.content.model_dump(mode="json"), submitted_by=version.submitted_by,
        submitted_at=version.submitted_at, **{name: getattr(version, name) for name in _VERSION_MUTABLE}))
    file_links.link(session, document_version_files, "version_id", version.id, version.files)


def save(session: Session, version: Version) -> None:
    session.execute(update(document_versions).where(document_versions.c.id == version.id).values(
        content=version.content.model_dump(mode="json"), **{name: getattr(version, name) for name in _VERSION_MUTABLE}))
    if version.document is not None:
        save_document(session, version.document)


def get(session: Session, version_id: str, lock: bool = False) -> Version | None:
    found = _versions(session, select(document_versions).where(document_versions.c.id == version_id), lock)
    return found[0] if found else None


# -- documents -----------------------------------------------------------------------------------
def save_document(session: Session, document: Document) -> None:
    session.execute(update(documents).where(documents.c.id == document.id)
                    .values(**{name: getattr(document, name) for name in _DOC_MUTABLE}))


def get_document(session: Session, document_id: str, unit_code: str, lock: bool = False) -> Document | None:
    query = select(documents).where(documents.c.id == document_id, documents.c.unit_code == unit_code)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).first()
    return _document(row) if row is not None else None


def number_taken(session: Session, unit_code: str, internal_number: str) -> bool:
    return session.execute(select(documents.c.id).where(documents.c.unit_code == unit_code,
                                                        documents.c.internal_number == internal_number)).first() is not None


def of_unit(session: Session, unit_code: str, doc_type: str | None = None,
            department_id: str | None = None) -> list[Document]:
    query = select(documents).where(documents.c.unit_code == unit_code)
    if doc_type:
        query = query.where(documents.c.doc_type == doc_type)
    if department_id:
        query = query.where(documents.c.department_id == department_id)
    return [_document(row) for row in session.execute(query.order_by(documents.c.created_at, documents.c.id))]


def versions_of(session: Session, document_ids: list[str]) -> dict[str, list[Version]]:
    """Every version of those documents, oldest first."""
    found: dict[str, list[Version]] = {document_id: [] for document_id in document_ids}
    if not document_ids:
        return found
    for version in _versions(session, select(document_versions).where(
            document_versions.c.document_id.in_(document_ids)).order_by(document_versions.c.number), False):
        found[version.document_id].append(version)
    return found


def version_number(session: Session, document_id: str, number: int, lock: bool = False) -> Version | None:
    found = _versions(session, select(document_versions).where(document_versions.c.document_id == document_id,
                                                                document_versions.c.number == number), lock)
    return found[0] if found else None


def due_versions(session: Session, limit: int = 100) -> list[tuple[str, str, date]]:
    """(version id, unit, effective date) of approved versions, oldest date first (the caller checks the date)."""
    rows = session.execute(select(document_versions.c.id, document_versions.c.unit_code, document_versions.c.content)
                           .where(document_versions.c.status == APPROVED).limit(limit)).all()
    found = [(row.id, row.unit_code, date.fromisoformat(row.content["effective_date"])) for row in rows]
    return sorted(found, key=lambda item: item[2])


def review_candidates(session: Session, until: date, limit: int = 200) -> list[str]:
    """Ids of documents in force whose review date is on or before ``until`` and not reminded for it yet."""
    rows = session.execute(select(documents.c.id).where(
        documents.c.review_date.is_not(None), documents.c.review_date <= until,
        documents.c.in_force_version.is_not(None),
        (documents.c.review_reminded_for.is_(None)) | (documents.c.review_reminded_for != documents.c.review_date))
        .limit(limit)).scalars()
    return list(rows)


def get_document_any_unit(session: Session, document_id: str, lock: bool = False) -> Document | None:
    query = select(documents).where(documents.c.id == document_id)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).first()
    return _document(row) if row is not None else None


# -- acknowledgements ----------------------------------------------------------------------------
def acknowledgements(session: Session, document_id: str) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    for row in session.execute(select(document_acknowledgements).where(
            document_acknowledgements.c.document_id == document_id).order_by(document_acknowledgements.c.at)):
        found.setdefault(row.version, []).append(
            {"person_id": row.person_id, "department_id": row.department_id, "at": row.at})
    return found


def acknowledge(session: Session, document_id: str, version: int, person_id: str, department_id: str | None,
                at: datetime) -> bool:
    """Record the acknowledgement; False when this person already acknowledged this version."""
    exists = session.execute(select(document_acknowledgements.c.person_id).where(and_(
        document_acknowledgements.c.document_id == document_id, document_acknowledgements.c.version == version,
        document_acknowledgements.c.person_id == person_id))).first()
    if exists is not None:
        return False
    session.execute(insert(document_acknowledgements).values(document_id=document_id, version=version,
                                                             person_id=person_id, department_id=department_id, at=at))
    return True


def files_in_use(session: Session, file_ids: list[str]) -> set[str]:
    """Those of ``file_ids`` a document version lists (never deleted with a record)."""
    if not file_ids:
        return set()
    return set(session.execute(select(document_version_files.c.file_id)
                               .where(document_version_files.c.file_id.in_(file_ids))).scalars())


def _document(row) -> Document:
    return Document(id=row.id, unit_code=row.unit_code, internal_number=row.internal_number, title=row.title,
                    doc_type=row.doc_type, department_id=row.department_id, created_by=row.created_by,
                    created_at=row.created_at, latest_version=row.latest_version,
                    in_force_version=row.in_force_version, review_date=row.review_date,
                    review_reminded_for=row.review_reminded_for)


def _versions(session: Session, query, lock: bool) -> list[Version]:
    rows, files = file_links.rows_with_files(session, query, document_version_files, "version_id", lock)
    return [Version(
        id=row.id, document_id=row.document_id, unit_code=row.unit_code, number=row.number,
        content=DocumentVersionContent.model_validate(row.content), status=row.status,
        submitted_by=row.submitted_by, submitted_at=row.submitted_at, files=files[row.id],
        dossier_code=row.dossier_code, dossier_version=row.dossier_version, approved_by=row.approved_by,
        approved_at=row.approved_at, effective_from=row.effective_from, withdrawn_on=row.withdrawn_on,
    ) for row in rows]
