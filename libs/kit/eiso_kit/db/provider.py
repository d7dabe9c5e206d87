"""``Database``: the nameko dependency that gives a worker transactions and reads.

The engine is made in ``setup`` (after migrating), a session per use, the
outbox relay runs beside the container, and everything is closed in ``stop``.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from nameko.extensions import DependencyProvider
from sqlalchemy import MetaData, exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ..clock import utcnow
from ..config import settings_of
from ..events.relay import Relay, RelayLoop
from .engine import make_engine
from .housekeeping import HousekeepingLoop
from .migrate import upgrade
from .tables import plumbing_tables
from .transaction import Transaction

log = logging.getLogger(__name__)


class DatabaseAccess:
    """What a worker sees as ``self.db``."""

    def __init__(self, provider: "Database"):
        self._provider = provider

    def health(self) -> str:
        return self._provider.health()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session that sees ONE snapshot of the database, whatever commits meanwhile.

        On PostgreSQL a REPEATABLE READ, read-only transaction: a page built
        from several statements (a dossier, its steps, its history) never mixes
        states from before and after someone else's commit. SQLite's writes are
        serialised with the reads of an embedded process anyway.
        """
        session = self._provider.sessions()
        if self._provider.engine.dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ",
                                                  "postgresql_readonly": True})
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def transaction(self, handling=None) -> Iterator[Transaction]:
        """One commit for the change, its events and audit entries.

        ``handling``: the ``Received`` event this change applies. Its id is
        recorded in the inbox in the same commit; if it was applied before,
        ``tx.duplicate`` is true and nothing the body does is committed.
        """
        provider = self._provider
        session = provider.sessions()
        tx = Transaction(session, provider.tables, provider.settings, provider.service_name,
                         cause=handling.event if handling is not None else None)
        try:
            if handling is not None:
                tx.duplicate = not provider.claim_inbox(session, handling)
            yield tx
            if tx.duplicate:
                session.rollback()
                return
            tx.flush_outbox()
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        if tx.emitted:
            provider.wake_relay()


class Database(DependencyProvider):
    def __init__(self, metadata: MetaData, migrations: Path | str | None = None, relay: bool = True,
                 prepare=None):
        """``prepare(db, settings)``: run once the schema is current, before any entrypoint of the
        container starts (nameko starts extensions side by side, so work done in another extension's
        ``start`` would race the first requests), e.g. loading demo data."""
        self.metadata = metadata
        self.prepare = prepare
        self.tables = plumbing_tables(metadata)
        self.migrations = Path(migrations) if migrations else None
        self.relay_enabled = relay
        self.relay_loop: RelayLoop | None = None
        self.housekeeping: HousekeepingLoop | None = None

    def setup(self):
        self.open(self.container.service_name, settings_of(self.container.config),
                  self.container.config["DB_URIS"][self.container.service_name])
        if self.relay_enabled:
            relay = Relay(self.engine, self.tables.outbox, self.container.config, owner_prefix=self.service_name)
            self.relay_loop = RelayLoop(relay, interval=self.settings.relay_interval)
        if self.settings.purge_after_days > 0:
            self.housekeeping = HousekeepingLoop(self.engine, self.metadata, self.settings.purge_after_days)
        if self.prepare is not None:
            self.prepare(self.access(), self.settings)

    def open(self, service_name: str, settings, url: str) -> "Database":
        """Connect (and migrate); also used without a container by tools (backup) and tests."""
        self.service_name = service_name
        self.settings = settings
        self.engine = make_engine(url)
        if self.migrations is not None:
            upgrade(self.engine, self.migrations, lock_name=f"eiso-migrate-{self.service_name}")
        else:
            self.metadata.create_all(self.engine)
        self.sessions = sessionmaker(bind=self.engine, expire_on_commit=False)
        return self

    def access(self) -> DatabaseAccess:
        """What a worker sees as ``self.db`` (outside a container: for tools and tests)."""
        return DatabaseAccess(self)

    def start(self):
        if self.relay_loop is not None:
            self.container.spawn_managed_thread(self.relay_loop.run, identifier=f"{self.service_name}.outbox_relay")
        if self.housekeeping is not None:
            self.container.spawn_managed_thread(self.housekeeping.run, identifier=f"{self.service_name}.housekeeping")

    def stop(self):
        if self.relay_loop is not None:
            self.relay_loop.stop()
        if self.housekeeping is not None:
            self.housekeeping.stop()
        self.engine.dispose()

    def kill(self):
        self.stop()

    def get_dependency(self, worker_ctx):
        return DatabaseAccess(self)

    def wake_relay(self) -> None:
        if self.relay_loop is not None:
            self.relay_loop.wake()

    def claim_inbox(self, session: Session, handling) -> bool:
        """Record that ``handling`` is being applied; False if it already was."""
        inbox = self.tables.inbox
        seen = session.execute(select(exists().where(
            inbox.c.consumer == handling.consumer, inbox.c.event_id == handling.event.id))).scalar()
        if seen:
            return False
        try:
            # First statement of the transaction: on a race the whole
            # transaction is rolled back, so no savepoint is needed.
            session.execute(inbox.insert().values(
                consumer=handling.consumer, event_id=handling.event.id,
                event_type=handling.event.type, applied_at=utcnow()))
            session.flush()
        except IntegrityError:
            session.rollback()
            log.info("event %s already applied by %s (concurrent delivery)", handling.event.id, handling.consumer)
            return False
        return True

    def health(self) -> str:
        try:
            with self.engine.connect() as connection:
                connection.execute(select(1))
            return "ok"
        except Exception as exc:  # reported, not raised: health answers even when the DB is down
            return f"error: {type(exc).__name__}"
