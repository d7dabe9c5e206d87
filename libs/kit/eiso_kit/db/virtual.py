"""SQLite's virtual tables (an FTS5 index) and their shadow tables: the database's own indexes, not data.

A migration may create them (the documents service's full-text search in the embedded run) and triggers
keep them in step with an ordinary table. They are never compared with the models (no model can declare
them), never dumped nor loaded by a backup (restoring the ordinary table fires the triggers that rebuild
them), and a wipe drops them before the tables they index.
"""
from __future__ import annotations

from sqlalchemy import Connection


def sqlite_virtual_tables(connection: Connection) -> set[str]:
    """Names of the virtual and shadow tables of the connection's main schema (none on PostgreSQL)."""
    if connection.dialect.name != "sqlite":
        return set()
    rows = connection.exec_driver_sql("PRAGMA main.table_list").all()
    return {row[1] for row in rows if row[2] in ("virtual", "shadow")}


def sqlite_virtual_roots(connection: Connection) -> list[str]:
    """The virtual tables themselves (dropping one drops its shadow tables)."""
    if connection.dialect.name != "sqlite":
        return []
    rows = connection.exec_driver_sql("PRAGMA main.table_list").all()
    return sorted(row[1] for row in rows if row[2] == "virtual")


def skipping(names: set[str]):
    """An Alembic ``include_name`` hook that leaves out the tables ``names``."""
    def include_name(name, type_, parent_names) -> bool:
        return not (type_ == "table" and name in names)
    return include_name
