"""Versions come into force on their effective date; review dates are reminded before they come.

``apply_due`` runs right after an approval is applied (the day may have come already) and every minute
(a version approved for a later date waits for it). Each version is switched in its own transaction under
its document's lock, so two copies of the service never switch one twice. ``remind_reviews`` sends one
``DocumentReviewDue`` per document and review date, ``REVIEW_REMINDER_DAYS`` before it.
"""
from __future__ import annotations

import logging
from datetime import date, timedelta

from eiso_contracts.events.documents import (DocumentDistributed, DocumentReviewDue, DocumentVersionEffective,
                                             DocumentVersionWithdrawn)

from . import repository, store
from .aggregate import REVIEW_REMINDER_DAYS, bring_into_force

log = logging.getLogger(__name__)


def apply_due(db, today: date) -> int:
    with db.read() as session:
        candidates = [(vid, unit) for vid, unit, effective in repository.due_versions(session) if effective <= today]
    switched = 0
    for version_id, _unit in candidates:
        with db.transaction() as tx:
            version = repository.get(tx.session, version_id, lock=True)
            if version is None or not version.due(today):
                continue
            tx.lock(f"documents.document.{version.document_id}")
            document = repository.get_document_any_unit(tx.session, version.document_id, lock=True)
            previous = (repository.version_number(tx.session, document.id, document.in_force_version, lock=True)
                        if document.in_force_version else None)
            before, previous_before = version.snapshot(), previous.snapshot() if previous else None
            bring_into_force(document, version, previous, today)
            ids = {"document_id": document.id, "unit_code": document.unit_code,
                   "internal_number": document.internal_number}
            if previous is not None:
                repository.save(tx.session, previous)
                tx.audit("document_version", previous.id, "obsolete", None, before=previous_before,
                         after=previous.snapshot())
                tx.emit(DocumentVersionWithdrawn(**ids, version_id=previous.id, version=previous.number,
                                                 withdrawn_on=today, replaced_by_version=version.number),
                        subject=f"document_version/{previous.id}")
            version.document = document
            store.save(tx.session, version)
            tx.audit("document_version", version.id, "effective", None, before=before, after=version.snapshot())
            subject = f"document_version/{version.id}"
            tx.emit(DocumentVersionEffective(**ids, version_id=version.id, version=version.number,
                                             effective_from=today,
                                             replaces_version=previous.number if previous else None), subject=subject)
            if version.content.distribution:
                tx.emit(DocumentDistributed(**ids, version_id=version.id, version=version.number,
                                            department_ids=list(version.content.distribution)), subject=subject)
            switched += 1
    if switched:
        log.info("%d document version(s) came into force", switched)
    return switched


def remind_reviews(db, today: date) -> int:
    with db.read() as session:
        candidates = repository.review_candidates(session, today + timedelta(days=REVIEW_REMINDER_DAYS))
    reminded = 0
    for document_id in candidates:
        with db.transaction() as tx:
            document = repository.get_document_any_unit(tx.session, document_id, lock=True)
            if document is None or document.review_date is None or document.review_reminded_for == document.review_date:
                continue
            document.review_reminded_for = document.review_date
            repository.save_document(tx.session, document)
            tx.emit(DocumentReviewDue(document_id=document.id, unit_code=document.unit_code,
                                      internal_number=document.internal_number, title=document.title,
                                      review_date=document.review_date, department_id=document.department_id),
                    subject=f"document/{document.id}")
            reminded += 1
    return reminded
