"""Documents and versions as the RPC answers the gateway shows (the register's rows, a document's page)."""
from __future__ import annotations

from datetime import date

from eiso_contracts.content import DOCUMENT_TYPES
from eiso_contracts.rpc.documents import (REGISTER_STATES, VERSION_STATUSES, AcknowledgementView, DocumentSummary,
                                          DocumentVersionView, DocumentView)

from .aggregate import Document, Version, register_state


def version_view(version: Version, acknowledgements: list[dict] | None = None) -> DocumentVersionView:
    return DocumentVersionView(
        id=version.id, document_id=version.document_id, number=version.number, content=version.content,
        status=version.status, status_label=VERSION_STATUSES[version.status], files=list(version.files),
        submitted_by=version.submitted_by, submitted_at=version.submitted_at, dossier_code=version.dossier_code,
        approved_by=version.approved_by, approved_at=version.approved_at, effective_from=version.effective_from,
        withdrawn_on=version.withdrawn_on,
        acknowledgements=[AcknowledgementView(**ack) for ack in acknowledgements or []])


def _summary_fields(document: Document, versions: list[Version], today: date) -> dict:
    newest = versions[-1]
    in_force = next((v for v in versions if v.number == document.in_force_version), None)
    state, shown = register_state(newest, in_force)
    return dict(
        id=document.id, unit_code=document.unit_code, internal_number=document.internal_number,
        title=shown.content.title, doc_type=shown.content.doc_type,
        doc_type_label=DOCUMENT_TYPES.get(shown.content.doc_type, shown.content.doc_type),
        department_id=shown.content.department_id,
        effective_date=shown.effective_from or shown.content.effective_date, state=state,
        state_label=REGISTER_STATES[state], version=newest.number, version_status=newest.status,
        dossier_code=newest.dossier_code, in_force_version=document.in_force_version,
        review_date=document.review_date, review_due=document.review_due(today),
    )


def summary(document: Document, versions: list[Version], today: date) -> DocumentSummary:
    return DocumentSummary(**_summary_fields(document, versions, today))


def full(document: Document, versions: list[Version], acknowledgements: dict[int, list[dict]],
         today: date) -> DocumentView:
    return DocumentView(**_summary_fields(document, versions, today), created_by=document.created_by,
                        created_at=document.created_at,
                        versions=[version_view(v, acknowledgements.get(v.number)) for v in reversed(versions)])
