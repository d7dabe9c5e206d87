"""The unit of work: state change, outbox rows, inbox mark and audit entries in one commit."""
from __future__ import annotations

from typing import TYPE_CHECKING

from eiso_contracts.envelope import CloudEvent, make_event
from eiso_contracts.events.base import EventData
from sqlalchemy import text
from sqlalchemy.orm import Session

from ..clock import utcnow
from . import audit as audit_log
from .tables import PlumbingTables

if TYPE_CHECKING:
    from ..settings import Settings


class Transaction:
    """Handed to the body of ``db.transaction()``; committed when the body returns."""

    def __init__(self, session: Session, tables: PlumbingTables, settings: "Settings", service: str,
                 cause: CloudEvent | None = None):
        self.session = session
        self.duplicate = False
        self.emitted: list[CloudEvent] = []
        self._outbox_rows: list[dict] = []
        self._tables = tables
        self._settings = settings
        self._service = service
        self._cause = cause

    def emit(self, data: EventData, subject: str | None = None) -> CloudEvent:
        """Queue a public event; it is published only if this transaction commits."""
        event = make_event(data, source=self._settings.source_of(self._service),
                           prefix=self._settings.event_type_prefix, subject=subject)
        self._outbox_rows.append(dict(
            event_id=event.id, type=event.type, subject=subject,
            body=event.to_json().decode("utf-8"), created_at=utcnow(), state="pending", attempts=0,
        ))
        self.emitted.append(event)
        return event

    def flush_outbox(self) -> None:
        """Write the queued events (one multi-row INSERT, in emit order); called just before commit."""
        if self._outbox_rows:
            self.session.execute(self._tables.outbox.insert(), self._outbox_rows)
            self._outbox_rows = []

    def lock(self, scope: str) -> None:
        """Hold a named lock until this transaction ends (e.g. "the unit's policy in force").

        PostgreSQL: a transaction-level advisory lock on the scope's hash, so
        changes to one scope apply one after the other across workers and
        service copies. SQLite serialises writing transactions anyway.
        """
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:scope, 0))"),
                                 {"scope": scope})

    def audit(self, aggregate_type: str, aggregate_id: str, action: str, actor_id: str | None,
              before=None, after=None) -> str:
        """Append who did what, with the state before and after, to the aggregate's chain."""
        return audit_log.append(
            self.session, self._tables.audit, aggregate_type=aggregate_type, aggregate_id=aggregate_id,
            action=action, actor_id=actor_id, at=utcnow(), before=before, after=after,
            cause_event_id=self._cause.id if self._cause else None,
        )
