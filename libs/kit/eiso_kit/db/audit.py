"""Append-only audit trail, hash-chained per aggregate so tampering shows.

Each entry's hash covers the previous entry's hash and its own fields
(who, what, when, before, after); ``verify`` recomputes the chains.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime

from pydantic_core import to_jsonable_python
from sqlalchemy import Connection, Table, select
from sqlalchemy.orm import Session

GENESIS = "0" * 64


def jsonable(value):
    return None if value is None else to_jsonable_python(value)


def entry_hash(prev_hash: str, fields: dict) -> str:
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def _fields(aggregate_type, aggregate_id, version, action, actor_id, at: datetime, before, after, cause_event_id) -> dict:
    return {
        "aggregate_type": aggregate_type, "aggregate_id": aggregate_id, "version": version,
        "action": action, "actor_id": actor_id, "at": at.isoformat(timespec="microseconds"),
        "before": before, "after": after, "cause_event_id": cause_event_id,
    }


def append(session: Session, table: Table, *, aggregate_type: str, aggregate_id: str, action: str,
           actor_id: str | None, at: datetime, before=None, after=None, cause_event_id: str | None = None) -> str:
    """Add the next entry of an aggregate's chain; returns its hash."""
    last = session.execute(
        select(table.c.version, table.c.hash)
        .where(table.c.aggregate_type == aggregate_type, table.c.aggregate_id == aggregate_id)
        .order_by(table.c.version.desc()).limit(1)
    ).first()
    version, prev_hash = (last.version + 1, last.hash) if last else (1, GENESIS)
    before, after = jsonable(before), jsonable(after)
    digest = entry_hash(prev_hash, _fields(aggregate_type, aggregate_id, version, action, actor_id, at,
                                           before, after, cause_event_id))
    session.execute(table.insert().values(
        aggregate_type=aggregate_type, aggregate_id=aggregate_id, version=version, action=action,
        actor_id=actor_id, at=at, before=before, after=after, cause_event_id=cause_event_id,
        prev_hash=prev_hash, hash=digest,
    ))
    return digest


def verify(conn: Connection | Session, table: Table) -> list[str]:
    """Recompute every chain; return one line per broken entry (empty: intact)."""
    problems: list[str] = []
    rows = conn.execute(select(table).order_by(table.c.aggregate_type, table.c.aggregate_id, table.c.version)).all()
    chain_key, prev_hash, expected_version = None, GENESIS, 1
    for row in rows:
        key = (row.aggregate_type, row.aggregate_id)
        if key != chain_key:
            chain_key, prev_hash, expected_version = key, GENESIS, 1
        label = f"{row.aggregate_type}/{row.aggregate_id} v{row.version}"
        if row.version != expected_version:
            problems.append(f"{label}: expected version {expected_version}")
        if row.prev_hash != prev_hash:
            problems.append(f"{label}: chain broken (prev_hash differs)")
        digest = entry_hash(row.prev_hash, _fields(row.aggregate_type, row.aggregate_id, row.version, row.action,
                                                   row.actor_id, row.at, row.before, row.after, row.cause_event_id))
        if digest != row.hash:
            problems.append(f"{label}: content altered (hash differs)")
        prev_hash, expected_version = row.hash, row.version + 1
    return problems
