"""The register, a document, a version's preview, and "Xác nhận đã đọc": what the entrypoints call."""
from __future__ import annotations

from datetime import date, datetime

from eiso_contracts.errors import Forbidden, NotFound
from eiso_contracts.events.documents import DocumentAcknowledged
from eiso_contracts.rpc.documents import (AcknowledgeDocument, DocumentQuery, DocumentSummary, DocumentVersionView,
                                          DocumentView, RegisterQuery, VersionQuery)

from . import repository, views
from .aggregate import EFFECTIVE
from .submission import NOT_FOUND

NOT_DISTRIBUTED = "Tài liệu này không được phân phối cho phòng ban của bạn."
NOT_IN_FORCE = "Chỉ xác nhận đã đọc phiên bản đang hiệu lực của tài liệu."


def register(db, query: RegisterQuery, today: date) -> list[DocumentSummary]:
    """The unit's register, in the order documents were created (STT), filtered."""
    with db.read() as session:
        documents = repository.of_unit(session, query.actor.unit_code, query.doc_type, query.department_id)
        versions = repository.versions_of(session, [d.id for d in documents])
    rows = [views.summary(d, versions[d.id], today) for d in documents if versions[d.id]]
    return [row for row in rows if query.state is None or row.state == query.state]


def document(db, query: DocumentQuery, today: date) -> DocumentView:
    with db.read() as session:
        found = repository.get_document(session, query.document_id, query.actor.unit_code)
        if found is None:
            raise NotFound(NOT_FOUND)
        versions = repository.versions_of(session, [found.id])[found.id]
        acknowledgements = repository.acknowledgements(session, found.id)
    return views.full(found, versions, acknowledgements, today)


def version(db, query: VersionQuery) -> DocumentVersionView:
    with db.read() as session:
        found = repository.get(session, query.version_id)
        if found is None or found.unit_code != query.actor.unit_code:
            raise NotFound(NOT_FOUND)
        acknowledgements = repository.acknowledgements(session, found.document_id).get(found.number)
    return views.version_view(found, acknowledgements)


def acknowledge(db, cmd: AcknowledgeDocument, now: datetime, today: date) -> DocumentView:
    """A person of a department the version in force was distributed to confirms reading it (once)."""
    actor = cmd.actor
    with db.transaction() as tx:
        found = repository.get_document(tx.session, cmd.document_id, actor.unit_code)
        if found is None:
            raise NotFound(NOT_FOUND)
        version = repository.version_number(tx.session, found.id, cmd.version)
        if version is None or version.status != EFFECTIVE:
            raise Forbidden(NOT_IN_FORCE)
        if actor.department_id is None or actor.department_id not in version.content.distribution:
            raise Forbidden(NOT_DISTRIBUTED)
        if repository.acknowledge(tx.session, found.id, version.number, actor.id, actor.department_id, now):
            tx.audit("document", found.id, "acknowledged", actor.id, after={"version": version.number})
            tx.emit(DocumentAcknowledged(document_id=found.id, version_id=version.id, version=version.number,
                                         unit_code=found.unit_code, internal_number=found.internal_number,
                                         person_id=actor.id, department_id=actor.department_id),
                    subject=f"document/{found.id}")
    return document(db, DocumentQuery(actor=actor, document_id=cmd.document_id), today)
