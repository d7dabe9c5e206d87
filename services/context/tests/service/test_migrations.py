"""The migrations build exactly the tables the models describe (SQLite)."""
from eiso_context.models import MIGRATIONS, metadata
from eiso_kit.db.engine import make_engine
from eiso_kit.db.revision import drift


def test_models_and_migrations_agree(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/drift.sqlite3")
    try:
        assert drift(engine, MIGRATIONS, metadata) == []
    finally:
        engine.dispose()


def test_people_stored_before_credentials_version_start_at_zero(tmp_path):
    """Upgrading a database that already holds people gives each of them credentials_version 0."""
    from datetime import datetime, timezone

    from alembic import command
    from sqlalchemy import text

    from eiso_kit.db.migrate import alembic_config, upgrade

    engine = make_engine(f"sqlite:///{tmp_path}/old.sqlite3")
    try:
        config = alembic_config(MIGRATIONS)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "f7185750390b")  # the first release's schema
        now = datetime(2026, 1, 5, tzinfo=timezone.utc).isoformat()
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO units (code, name, created_at) VALUES ('SONGANH', 'Sở', :now)"),
                               {"now": now})
            connection.execute(text(
                "INSERT INTO people (id, unit_code, username, full_name, title, password_hash, active, "
                "password_changed_at, created_at, updated_at) "
                "VALUES ('p1', 'SONGANH', 'cu', 'Người cũ', '', 'x', 1, :now, :now, :now)"), {"now": now})
        upgrade(engine, MIGRATIONS, lock_name="test")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT credentials_version FROM people")).scalars().all() == [0]
    finally:
        engine.dispose()
