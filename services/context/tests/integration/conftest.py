"""Fixtures for the context service on the machine's PostgreSQL and RabbitMQ."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from eiso_context.models import departments, people, units
from eiso_context.service import ContextService
from eiso_kit.config import nameko_config
from eiso_kit.db.engine import make_engine


@pytest.fixture
def pg_config(rabbit_vhost, pg_db, make_settings, cheap_hashing):
    """nameko config: RabbitMQ vhost + PostgreSQL database of this test, demo data on."""
    config = nameko_config(make_settings(amqp_uri=rabbit_vhost, demo_data=1))
    config["DB_URIS"]["context"] = pg_db
    return config


@pytest.fixture
def start_context(pg_config, run_services):
    """Factory: start a copy of the context service; every copy is stopped at teardown."""
    def start():
        return run_services(pg_config, ContextService)

    return start


@pytest.fixture
def pg_engine(pg_db):
    engine = make_engine(pg_db)
    yield engine
    engine.dispose()


@pytest.fixture
def organisation_counts(pg_engine):
    """``organisation_counts()``: how many units, departments and people the database holds."""
    def count() -> tuple[int, int, int]:
        with pg_engine.connect() as conn:
            return tuple(conn.execute(select(func.count()).select_from(t)).scalar()
                         for t in (units, departments, people))
    return count
