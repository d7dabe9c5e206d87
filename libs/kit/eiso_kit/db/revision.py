"""Developer tool: autogenerate a service's next migration, and the drift check tests use.

``python -m eiso_kit.db.revision eiso_audit.models:metadata services/audit/eiso_audit/migrations -m "initial"``
"""
from __future__ import annotations

import argparse
import importlib
import shutil
import tempfile
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, MetaData

from .engine import make_engine
from .migrate import alembic_config, upgrade
from .virtual import skipping, sqlite_virtual_tables


def load_metadata(path: str) -> MetaData:
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)


def drift(engine: Engine, migrations: Path, metadata: MetaData) -> list:
    """Migrate ``engine`` to head and list what still differs from ``metadata`` (empty: in step)."""
    upgrade(engine, migrations, lock_name="drift-check")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_name": skipping(sqlite_virtual_tables(connection))})
        return compare_metadata(context, metadata)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("metadata", help="module:attribute of the service's MetaData")
    parser.add_argument("migrations", type=Path, help="the service's migrations folder")
    parser.add_argument("-m", "--message", required=True)
    args = parser.parse_args(argv)
    load_metadata(args.metadata)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/revision.sqlite3")
        upgrade(engine, args.migrations, lock_name="revision")
        config = alembic_config(args.migrations)
        template = args.migrations / "script.py.mako"
        shutil.copy(Path(__file__).parent / "migration_template" / "script.py.mako", template)
        try:
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.revision(config, message=args.message, autogenerate=True)
        finally:
            template.unlink()
            engine.dispose()


if __name__ == "__main__":
    main()
