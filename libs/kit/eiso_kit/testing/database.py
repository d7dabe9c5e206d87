"""A service's database without a nameko container, and events as a handler receives them (for tests)."""
from __future__ import annotations

from datetime import datetime

from eiso_contracts.envelope import make_event
from eiso_contracts.events.base import EventData

from ..db.provider import Database, DatabaseAccess
from ..events.subscribe import Received


def standalone(database: Database, url: str, settings, service: str) -> DatabaseAccess:
    """``self.db`` of a service, on ``url``, migrated; call ``database.stop()`` when done."""
    database.relay_enabled = False
    return database.open(service, settings, url).access()


def received(data: EventData, *, at: datetime | None = None, consumer: str = "eiso.test.consumer",
             prefix: str = "vn.eiso", source: str = "urn:eiso:local:workflow", event_id: str | None = None,
             attempt: int = 1) -> Received:
    """``data`` as a ``@subscribe`` handler receives it: a CloudEvent (new id unless given) with its type."""
    event = make_event(data, source=source, prefix=prefix, time=at, id=event_id)
    return Received(event=event, type=data.event_type, data=data, consumer=consumer, attempt=attempt)
