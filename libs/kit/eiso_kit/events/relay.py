"""The outbox relay: publish committed events to ``eiso.events`` and mark them sent.

Rows are claimed with a lease (``FOR UPDATE SKIP LOCKED`` on PostgreSQL), so
several copies of a service never publish the same row at once; a copy that
dies holding a lease leaves the rows to be published again when it expires
(consumers deduplicate on the event id). Publishing waits for the broker's
confirm and uses ``mandatory``: a message no queue takes is marked
``unroutable`` and kept, never silently dropped.
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from datetime import timedelta

from eiso_contracts import topology
from eiso_contracts.envelope import CONTENT_TYPE
from kombu import Connection, Producer
from sqlalchemy import Engine, Table, func, or_, select, update

from ..clock import utcnow
from ..config import settings_of
from .topology import declare_all, events_exchange

log = logging.getLogger(__name__)


class Relay:
    def __init__(self, engine: Engine, outbox: Table, config: dict, owner_prefix: str = "relay",
                 batch_size: int = 100, lease_seconds: float = 30.0):
        self.engine = engine
        self.outbox = outbox
        self.settings = settings_of(config)
        self.transport_options = dict(config.get("TRANSPORT_OPTIONS") or {})
        self.batch_size = batch_size
        self.lease = timedelta(seconds=lease_seconds)
        self.owner = f"{owner_prefix}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._connection: Connection | None = None
        self._producer: Producer | None = None
        self._returned: list[str] = []

    # -- broker -----------------------------------------------------------
    def _ensure_producer(self) -> Producer:
        if self._producer is not None:
            return self._producer
        options = dict(self.transport_options)
        options["confirm_publish"] = True
        connection = Connection(self.settings.amqp_uri, transport_options=options)
        try:
            connection.ensure_connection(max_retries=1)
            channel = connection.channel()
            declare_all(channel, self.settings.event_type_prefix)
        except Exception:
            connection.release()
            raise
        self._connection = connection
        self._producer = Producer(channel, exchange=events_exchange(), on_return=self._on_return)
        return self._producer

    def _on_return(self, exception, exchange, routing_key, message):
        self._returned.append(message.properties.get("message_id") or "")

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.release()
            except Exception:  # already broken; nothing more to release
                pass
        self._connection = None
        self._producer = None

    def _report_unroutable(self, row) -> None:
        """An event no queue took: normal for one only outside systems may want, alarming for one we consume."""
        prefix = self.settings.event_type_prefix
        consumed = {key for sub in topology.SUBSCRIPTIONS for key in sub.routing_keys(prefix)}
        if row.type in consumed:
            log.error("event %s (%s) reached no queue although eISO consumes it: is the topology declared? "
                      "Kept as unroutable in the outbox", row.event_id, row.type)
        else:
            log.info("event %s (%s) has no subscriber bound yet; kept as unroutable", row.event_id, row.type)

    # -- database ---------------------------------------------------------
    def _claim(self):
        """Lease up to a batch of pending rows to this relay: one UPDATE ... RETURNING."""
        t = self.outbox
        now = utcnow()
        free = (
            select(t.c.seq)
            .where(t.c.state == "pending", or_(t.c.claimed_until.is_(None), t.c.claimed_until < now))
            .order_by(t.c.seq).limit(self.batch_size)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        with self.engine.begin() as conn:
            rows = conn.execute(
                update(t).where(t.c.seq.in_(free))
                .values(claimed_by=self.owner, claimed_until=now + self.lease)
                .returning(t.c.seq, t.c.event_id, t.c.type, t.c.body)
            ).all()
        return sorted(rows, key=lambda row: row.seq)

    def _finish(self, published: list[int], unroutable: list[int], released: list[int], error: str | None):
        t = self.outbox
        now = utcnow()
        with self.engine.begin() as conn:
            mine = t.c.claimed_by == self.owner
            if published:
                conn.execute(update(t).where(t.c.seq.in_(published), mine).values(
                    state="published", published_at=now, claimed_until=None, attempts=t.c.attempts + 1))
            if unroutable:
                conn.execute(update(t).where(t.c.seq.in_(unroutable), mine).values(
                    state="unroutable", claimed_until=None, attempts=t.c.attempts + 1,
                    last_error="no queue is bound to this event type (basic.return NO_ROUTE)"))
            if released:
                conn.execute(update(t).where(t.c.seq.in_(released), mine).values(
                    claimed_until=None, attempts=t.c.attempts + 1, last_error=error))

    def replay_recent(self, window: timedelta = timedelta(minutes=5)) -> int:
        """In-memory bus only: mark the events of the last minutes before the newest publish pending again.

        The in-memory broker dies with the process, taking any message not yet
        consumed; on the next start those events go out again. Handlers apply
        each event once (inbox), so sending one twice is harmless.
        """
        t = self.outbox
        with self.engine.begin() as conn:
            newest = conn.execute(select(func.max(t.c.published_at)).where(t.c.state == "published")).scalar()
            if newest is None:
                return 0
            return conn.execute(update(t).where(t.c.state == "published", t.c.published_at >= newest - window)
                                .values(state="pending", claimed_until=None, claimed_by=None)).rowcount

    # -- one sweep --------------------------------------------------------
    def publish_pending(self) -> int:
        """Publish one batch; return how many rows it settled."""
        rows = self._claim()
        if not rows:
            return 0
        published: list[int] = []
        unroutable: list[int] = []
        try:
            producer = self._ensure_producer()
            for row in rows:
                self._returned.clear()
                producer.publish(
                    row.body.encode("utf-8"), routing_key=row.type, content_type=CONTENT_TYPE,
                    content_encoding="utf-8", delivery_mode=2, mandatory=True,
                    message_id=row.event_id, retry=False,
                )
                (unroutable if self._returned else published).append(row.seq)
                if self._returned:
                    self._report_unroutable(row)
        except Exception as exc:
            done = set(published) | set(unroutable)
            released = [row.seq for row in rows if row.seq not in done]
            self._finish(published, unroutable, released, f"{type(exc).__name__}: {exc}")
            self.close()
            raise
        self._finish(published, unroutable, [], None)
        return len(rows)


class RelayLoop:
    """Runs ``Relay.publish_pending`` when woken by a commit, and every ``interval`` seconds."""

    def __init__(self, relay: Relay, interval: float = 1.0):
        self.relay = relay
        self.interval = interval
        self._wake = threading.Event()
        self._stopped = threading.Event()
        self._stopping = False

    def wake(self) -> None:
        self._wake.set()

    def _replay_recent(self) -> None:
        try:
            replayed = self.relay.replay_recent()
        except Exception as exc:  # the database may not be ready yet: the sweep loop reports it
            log.warning("could not replay recent events of the in-memory bus: %s", exc)
            return
        if replayed:
            log.info("in-memory bus: sending the last %d event(s) again (handlers deduplicate)", replayed)

    def stop(self) -> None:
        self._stopping = True
        self._stopped.set()
        self._wake.set()

    def run(self) -> None:
        if self.relay.settings.in_memory_bus:
            self._replay_recent()
        backoff = self.interval
        while not self._stopping:
            try:
                settled = self.relay.publish_pending()
                backoff = self.interval
            except Exception as exc:
                log.warning("outbox relay could not publish (%s: %s); retrying in %.1fs",
                            type(exc).__name__, exc, backoff)
                # Only a stop ends the back-off early: commits' wake-ups must not turn it into a busy loop.
                self._stopped.wait(backoff)
                backoff = min(backoff * 2, 30.0)
                continue
            if settled >= self.relay.batch_size:
                continue
            self._wake.wait(self.interval)
            self._wake.clear()
        self.relay.close()
