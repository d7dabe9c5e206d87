"""Bring a service's schema to its newest Alembic revision at start-up.

On PostgreSQL an advisory lock makes copies of a service that start at the
same moment take turns; the second finds the schema already current.
"""
from __future__ import annotations

import threading
import zlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, MetaData, text


def alembic_config(script_location: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


# Alembic keeps its migration context in module globals (``alembic.op``), so two
# migrations in one process (services started side by side by one runner) must
# take turns.
_ONE_AT_A_TIME = threading.Lock()


def upgrade(engine: Engine, script_location: Path, lock_name: str, target: str = "head") -> None:
    config = alembic_config(script_location)
    with _ONE_AT_A_TIME, engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": zlib.crc32(lock_name.encode())})
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def run_env(target_metadata: MetaData) -> None:
    """Body of every service's ``migrations/env.py`` (online mode, connection given)."""
    from alembic import context

    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("eISO migrations run through eiso_kit.db.migrate.upgrade(), which passes a connection")
    from .virtual import skipping, sqlite_virtual_tables

    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True,
                      include_name=skipping(sqlite_virtual_tables(connection)))
    with context.begin_transaction():
        context.run_migrations()
