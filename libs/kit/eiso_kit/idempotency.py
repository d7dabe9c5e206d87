"""Idempotency keys: a command sent again with the same key returns what the first one did.

RPC requests are delivered at least once and a person (or a client whose
request timed out at the gateway) may send one again; the key makes that safe.
A key belongs to ONE person and ONE command (two secretaries never share
one) and is bound to the command's content by a fingerprint: the same key
with other content is refused (``IdempotencyKeyReused``, 422), as payment APIs
do, instead of silently answering with the first result. Keys are kept for
``EISO_IDEMPOTENCY_RETENTION_DAYS`` (housekeeping purges older ones).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from eiso_contracts.errors import IdempotencyKeyReused, InvalidInput
from pydantic import BaseModel
from sqlalchemy import Column, MetaData, String, Table, insert, select
from sqlalchemy.orm import Session

from .db.types import JsonType, UtcDateTime

REUSED = ("Mã yêu cầu (Idempotency-Key) này đã được dùng cho một yêu cầu có nội dung khác. "
          "Hãy dùng mã mới cho yêu cầu mới.")


def requests_table(metadata: MetaData) -> Table:
    """Add (once) and return the table of remembered requests of ``metadata``."""
    if "eiso_requests" in metadata.tables:
        return metadata.tables["eiso_requests"]
    return Table(
        "eiso_requests", metadata,
        Column("actor_id", String(64), primary_key=True),
        Column("command", String(60), primary_key=True),
        Column("key", String(100), primary_key=True),
        Column("fingerprint", String(64), nullable=False),
        Column("result", JsonType, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
    )


def fingerprint(command: BaseModel, leave_out: frozenset[str] = frozenset({"actor", "request_id"})) -> str:
    """SHA-256 of the command's content (without who sent it and the key itself), canonical JSON."""
    data = command.model_dump(mode="json", exclude=set(leave_out))
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Request:
    """One keyed command: who, which command, which key, and its fingerprint."""

    actor_id: str
    command: str
    key: str
    fingerprint: str


def keyed(command_name: str, command: BaseModel, key: str | None) -> Request | None:
    """The ``Request`` of a command sent with ``key`` (None when it has no key)."""
    if key is None:
        return None
    return Request(actor_id=command.actor.id, command=command_name, key=key, fingerprint=fingerprint(command))


def recall(session: Session, table: Table, request: Request) -> dict | None:
    """What the first command with this key did, or None; ``IdempotencyKeyReused`` for other content."""
    row = session.execute(select(table.c.fingerprint, table.c.result).where(
        table.c.actor_id == request.actor_id, table.c.command == request.command, table.c.key == request.key,
    )).first()
    if row is None:
        return None
    if row.fingerprint != request.fingerprint:
        raise IdempotencyKeyReused(REUSED)
    return row.result


def remember(session: Session, table: Table, request: Request, result: dict, now: datetime) -> None:
    """Record the command's result in the caller's transaction (a concurrent twin fails on the primary key)."""
    session.execute(insert(table).values(actor_id=request.actor_id, command=request.command, key=request.key,
                                         fingerprint=request.fingerprint, result=result, created_at=now))


def with_key(payload, key: str | None, field: str = "request_id"):
    """The payload with the idempotency key given beside it (an HTTP ``Idempotency-Key``); refused when the
    payload names another one."""
    if key is None or not isinstance(payload, dict):
        return payload
    if payload.get(field) not in (None, key):
        raise InvalidInput("Mã yêu cầu (request_id) trong dữ liệu và bên ngoài không khớp nhau.")
    return {**payload, field: key}
