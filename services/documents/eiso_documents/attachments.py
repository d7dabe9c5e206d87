"""Which files the dossiers list, learnt from the workflow's ``workflow.dossier.*`` events (and the files
other records list for good, such as an audit's findings: attached to the event's subject).

A file listed by a transfer (opening, approval, rejection, return) is attached for good, to the
first dossier that listed it. A file listed by a saved draft ("Chưa chuyển") is held while that
draft lists it: a newer save with other files, or the transfer that consumes the draft, lets it go
(its retention clock starts again then). Events of one dossier may arrive out of order: a draft
change is applied only for a version newer than any seen for that dossier; attaching for good is
safe in any order.
"""
from __future__ import annotations

from eiso_contracts.events.workflow import DossierSaved
from eiso_kit.clock import utcnow

from . import repository


def apply(db, received) -> None:
    data = received.data
    dossier = getattr(data, "dossier", None)
    now = utcnow()
    if dossier is None:
        # A record outside any dossier that lists files for good (an audit's finding): attached to its subject.
        with db.transaction(handling=received) as tx:
            if not tx.duplicate:
                repository.mark_attached(tx.session, list(dict.fromkeys(data.attachments)),
                                         (received.event.subject or received.type)[:64], data.unit_code, now)
        return
    with db.transaction(handling=received) as tx:
        if tx.duplicate:
            return
        listed = list(dict.fromkeys(data.attachments))
        saved = isinstance(data, DossierSaved)
        if not saved:
            repository.mark_attached(tx.session, listed, dossier.code, dossier.unit_code, now)
        if repository.newer_version(tx.session, dossier.code, dossier.version):
            # A save lists what its draft holds; any transfer consumes the draft.
            repository.hold_for_draft(tx.session, dossier.code, listed if saved else [], dossier.unit_code, now)
