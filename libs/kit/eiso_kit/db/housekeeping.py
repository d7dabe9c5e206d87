"""Housekeeping: bookkeeping rows that have done their job are deleted after a retention.

Published outbox rows (the broker has them), inbox ids (a redelivery that late
does not happen: relay leases expire in seconds, the in-memory bus replays five
minutes), idempotency keys (a retry comes within minutes) and applied dossier
facts. Kept for ever: outbox rows not published (pending, unroutable: they
still matter), facts still waiting in the buffer, and the audit trail.
Deletes go in batches so no long lock is held; several copies of a service
purging at once only find less to delete.
"""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from sqlalchemy import Engine, MetaData, delete, select

from ..clock import utcnow

log = logging.getLogger(__name__)

BATCH = 1000


def _purge_table(engine: Engine, table, key_columns, condition) -> int:
    removed = 0
    while True:
        with engine.begin() as conn:
            keys = conn.execute(select(*key_columns).where(condition).limit(BATCH)).all()
            if not keys:
                return removed
            for key in keys:
                conn.execute(delete(table).where(*(column == value for column, value in zip(key_columns, key))))
            removed += len(keys)


def purge(engine: Engine, metadata: MetaData, older_than: datetime) -> dict[str, int]:
    """Delete what has done its job before ``older_than``; return how many rows per table."""
    tables = metadata.tables
    removed: dict[str, int] = {}
    outbox = tables["eiso_outbox"]
    removed["eiso_outbox"] = _purge_table(engine, outbox, [outbox.c.seq],
                                          (outbox.c.state == "published") & (outbox.c.published_at < older_than))
    inbox = tables["eiso_inbox"]
    removed["eiso_inbox"] = _purge_table(engine, inbox, [inbox.c.consumer, inbox.c.event_id],
                                         inbox.c.applied_at < older_than)
    if "eiso_requests" in tables:
        requests = tables["eiso_requests"]
        removed["eiso_requests"] = _purge_table(
            engine, requests, [requests.c.actor_id, requests.c.command, requests.c.key],
            requests.c.created_at < older_than)
    if "eiso_dossier_facts" in tables:
        facts = tables["eiso_dossier_facts"]
        removed["eiso_dossier_facts"] = _purge_table(
            engine, facts, [facts.c.dossier_code, facts.c.event_id],
            facts.c.applied_at.is_not(None) & (facts.c.applied_at < older_than))
    return removed


class HousekeepingLoop:
    """Purges once a minute after start, then every ``interval`` seconds, until stopped."""

    def __init__(self, engine: Engine, metadata: MetaData, retention_days: float, interval: float = 3600.0,
                 first_after: float = 60.0):
        self.engine = engine
        self.metadata = metadata
        self.retention = timedelta(days=retention_days)
        self.interval = interval
        self.first_after = first_after
        self._stopped = threading.Event()

    def stop(self) -> None:
        self._stopped.set()

    def run(self) -> None:
        wait = self.first_after
        while not self._stopped.wait(wait):
            wait = self.interval
            try:
                removed = purge(self.engine, self.metadata, utcnow() - self.retention)
            except Exception as exc:  # the database may be down: try again next time
                log.warning("housekeeping could not purge (%s: %s)", type(exc).__name__, exc)
                continue
            if any(removed.values()):
                log.info("housekeeping removed %s", ", ".join(f"{n} from {t}" for t, n in removed.items() if n))
