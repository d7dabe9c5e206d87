"""Dump one database to a folder, and load such a folder into an empty database."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import Engine, MetaData, func, insert, inspect, select, text

from ..db.migrate import upgrade
from ..db.virtual import sqlite_virtual_roots, sqlite_virtual_tables
from .values import decode, encode, kind_of

FORMAT = 1
MANIFEST = "manifest.json"
ALEMBIC = "alembic_version"


class RestoreRefused(RuntimeError):
    """The target is not empty, the dump is damaged, or it is newer than this code."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _line(row: dict) -> bytes:
    return (json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def dump_database(engine: Engine, folder: Path) -> dict:
    """Write every table of ``engine`` (one snapshot) to ``folder``; return the manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest: dict = {"format": FORMAT, "dialect": engine.dialect.name, "tables": {}}
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with conn.begin():
            metadata = _reflect(conn)
            if ALEMBIC in metadata.tables:
                manifest["revision"] = conn.execute(text(f"SELECT version_num FROM {ALEMBIC}")).scalar()
            for table in metadata.sorted_tables:
                if table.name == ALEMBIC:
                    continue
                kinds = {column.name: kind_of(column) for column in table.columns}
                order = list(table.primary_key.columns) or list(table.columns)
                path = folder / f"{table.name}.jsonl"
                count = 0
                with path.open("wb") as out:
                    for row in conn.execute(select(table).order_by(*order)).mappings():
                        out.write(_line({name: encode(kinds[name], row[name]) for name in kinds}))
                        count += 1
                manifest["tables"][table.name] = {"rows": count, "sha256": _sha256(path), "columns": kinds}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    return manifest


def read_manifest(folder: Path) -> dict:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise RestoreRefused(f"{folder}: backup format {manifest.get('format')!r}, this code reads {FORMAT}")
    for name, table in manifest["tables"].items():
        path = folder / f"{name}.jsonl"
        if not path.exists() or _sha256(path) != table["sha256"]:
            raise RestoreRefused(f"{path}: missing or altered (SHA-256 differs from the manifest)")
    return manifest


def _reflect(conn) -> MetaData:
    """The tables of the database, without SQLite's virtual ones (indexes kept by triggers, see db.virtual)."""
    skip = sqlite_virtual_tables(conn)
    metadata = MetaData()
    metadata.reflect(conn, only=lambda name, _: name not in skip)
    return metadata


def _has_rows(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        metadata = _reflect(conn)
        return [t.name for t in metadata.sorted_tables
                if t.name != ALEMBIC and conn.execute(select(func.count()).select_from(t)).scalar()]


def load_database(engine: Engine, folder: Path, migrations: Path, lock_name: str) -> dict[str, int]:
    """Restore ``folder`` into the EMPTY database of ``engine``; return the rows per table.

    The schema is built by the service's own migrations up to the dump's
    revision, the rows are inserted in dependency order and counted, then the
    schema is upgraded to the code's newest revision (as a start would).
    """
    manifest = read_manifest(folder)
    filled = _has_rows(engine)
    if filled:
        raise RestoreRefused(f"the target database is not empty ({', '.join(filled[:5])}); restore into an "
                             "empty one (or use --replace)")
    upgrade(engine, migrations, lock_name=lock_name, target=manifest.get("revision") or "head")
    with engine.connect() as conn:
        metadata = _reflect(conn)
    loaded: dict[str, int] = {}
    with engine.begin() as conn:
        # Rows the migrations themselves wrote (a generated key, seed rows) give way to the backup's.
        for table in reversed(metadata.sorted_tables):
            if table.name in manifest["tables"]:
                conn.execute(table.delete())
        for table in metadata.sorted_tables:
            entry = manifest["tables"].get(table.name)
            if entry is None:
                continue
            kinds = entry["columns"]
            batch: list[dict] = []
            count = 0
            with (folder / f"{table.name}.jsonl").open("rb") as lines:
                for line in lines:
                    record = json.loads(line)
                    batch.append({name: decode(kinds[name], value) for name, value in record.items()})
                    if len(batch) >= 500:
                        conn.execute(insert(table), batch)
                        count, batch = count + len(batch), []
            if batch:
                conn.execute(insert(table), batch)
                count += len(batch)
            if count != entry["rows"]:
                raise RestoreRefused(f"{table.name}: {count} rows read, the manifest says {entry['rows']}")
            loaded[table.name] = count
        missing = set(manifest["tables"]) - set(loaded)
        if missing:
            raise RestoreRefused(f"tables of the backup unknown at its revision: {', '.join(sorted(missing))}")
        if engine.dialect.name == "postgresql":
            _reset_sequences(conn, metadata)
    upgrade(engine, migrations, lock_name=lock_name)
    return loaded


def _reset_sequences(conn, metadata: MetaData) -> None:
    """Serial columns go on after the restored rows, not from 1 again."""
    for table in metadata.sorted_tables:
        for column in table.primary_key.columns:
            sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                    {"t": table.name, "c": column.name}).scalar()
            if sequence:
                conn.execute(text(f'SELECT setval(:s, COALESCE((SELECT MAX("{column.name}") FROM "{table.name}"), 0) + 1, false)'),
                             {"s": sequence})


def wipe(engine: Engine) -> None:
    """Drop every table of the database (``--replace``): SQLite's virtual tables first (with their shadows)."""
    with engine.begin() as conn:
        for name in sqlite_virtual_roots(conn):
            conn.exec_driver_sql(f'DROP TABLE "{name}"')
    with engine.connect() as conn:
        metadata = _reflect(conn)
    metadata.drop_all(engine)
    inspector = inspect(engine)
    if ALEMBIC in inspector.get_table_names():
        with engine.begin() as conn:
            conn.execute(text(f"DROP TABLE {ALEMBIC}"))
