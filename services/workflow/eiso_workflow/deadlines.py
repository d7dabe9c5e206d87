"""Trễ hạn: steps past their deadline reported once, whatever the number of service copies."""
from __future__ import annotations

import logging

from . import repository

log = logging.getLogger(__name__)


def scan_overdue(db, clock) -> int:
    """Publish DossierOverdue once per late step visit; return how many were flagged.

    The visit is flagged with a conditional UPDATE in the same transaction
    as the event: of two copies, only the one whose UPDATE changed the row emits.
    """
    now = clock.now()
    today = clock.today(now)
    with db.read() as session:
        candidates = repository.overdue_candidates(session, today)
    flagged = 0
    for dossier_id, _ in candidates:
        with db.transaction() as tx:
            if not repository.lock(tx.session, dossier_id):
                continue
            dossier = repository.load(tx.session, dossier_id=dossier_id)  # locked just above
            event = dossier.overdue_event(today)
            if event is None or not repository.flag_overdue(tx.session, dossier.id, dossier.current.seq, now):
                continue
            tx.emit(event, subject=f"dossier/{dossier.code}")
            tx.audit("dossier", dossier.id, "overdue", None, before=None, after=dossier.snapshot())
            flagged += 1
    if flagged:
        log.info("reported %d overdue dossier step(s)", flagged)
    return flagged
