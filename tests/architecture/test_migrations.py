"""Each service's Alembic migrations produce exactly its models' schema, on SQLite and PostgreSQL."""
import importlib

import pytest

from eiso_kit.db.engine import make_engine
from eiso_kit.db.revision import drift
from eiso_kit.settings import SERVICES


def service_models(service):
    return importlib.import_module(f"eiso_{service}.models")


@pytest.mark.parametrize("service", SERVICES)
def test_migrations_match_models_on_sqlite(service, tmp_path):
    models = service_models(service)
    engine = make_engine(f"sqlite:///{tmp_path}/{service}.sqlite3")
    try:
        assert drift(engine, models.MIGRATIONS, models.metadata) == []
    finally:
        engine.dispose()


@pytest.mark.integration
@pytest.mark.parametrize("service", SERVICES)
def test_migrations_match_models_on_postgresql(service, pg_db):
    models = service_models(service)
    engine = make_engine(pg_db)
    try:
        assert drift(engine, models.MIGRATIONS, models.metadata) == []
        assert drift(engine, models.MIGRATIONS, models.metadata) == []  # upgrading twice is a no-op
    finally:
        engine.dispose()
