"""The plumbing tables every service keeps beside its own: outbox, inbox, audit log."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

from .types import BigId, JsonType, UtcDateTime


@dataclass(frozen=True)
class PlumbingTables:
    outbox: Table
    inbox: Table
    audit: Table


def plumbing_tables(metadata: MetaData) -> PlumbingTables:
    """Add (once) and return the outbox, inbox and audit tables of ``metadata``."""
    if "eiso_outbox" in metadata.tables:
        return PlumbingTables(metadata.tables["eiso_outbox"], metadata.tables["eiso_inbox"],
                              metadata.tables["eiso_audit_log"])
    outbox = Table(
        "eiso_outbox", metadata,
        Column("seq", BigId, primary_key=True, autoincrement=True),
        Column("event_id", String(64), nullable=False, unique=True),
        Column("type", String(200), nullable=False),
        Column("subject", String(300)),
        Column("body", Text, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("state", String(16), nullable=False, server_default="pending"),
        Column("published_at", UtcDateTime),
        Column("claimed_by", String(120)),
        Column("claimed_until", UtcDateTime),
        Column("attempts", Integer, nullable=False, server_default="0"),
        Column("last_error", Text),
        Index("ix_eiso_outbox_state_seq", "state", "seq"),
    )
    inbox = Table(
        "eiso_inbox", metadata,
        Column("consumer", String(200), primary_key=True),
        Column("event_id", String(64), primary_key=True),
        Column("event_type", String(200), nullable=False),
        Column("applied_at", UtcDateTime, nullable=False),
    )
    audit = Table(
        "eiso_audit_log", metadata,
        Column("seq", BigId, primary_key=True, autoincrement=True),
        Column("aggregate_type", String(60), nullable=False),
        Column("aggregate_id", String(64), nullable=False),
        Column("version", Integer, nullable=False),
        Column("action", String(80), nullable=False),
        Column("actor_id", String(64)),
        Column("at", UtcDateTime, nullable=False),
        Column("before", JsonType),
        Column("after", JsonType),
        Column("cause_event_id", String(64)),
        Column("prev_hash", String(64), nullable=False),
        Column("hash", String(64), nullable=False),
        UniqueConstraint("aggregate_type", "aggregate_id", "version", name="uq_eiso_audit_version"),
    )
    return PlumbingTables(outbox, inbox, audit)
