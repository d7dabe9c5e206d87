"""Tables of the workflow service.

``wf_dossiers`` keeps the current step's handler, department and deadline
beside the status, so inbox queries and the overdue scan read one row per
dossier; ``version`` is the optimistic lock every action checks. Step visits
and the history are child rows; ``wf_participants`` says who created, handled
or acted on a dossier (the "Theo dõi" / "Đã xử lý" tabs); ``wf_counters`` hands
out dossier numbers, one row per (unit, type, year).
"""
from pathlib import Path

from sqlalchemy import (
    Column, Date, ForeignKey, Index, Integer, MetaData, String, Table, Text, UniqueConstraint,
)

from eiso_kit.db import JsonType, UtcDateTime, plumbing_tables
from eiso_kit.idempotency import requests_table

metadata = MetaData()
plumbing = plumbing_tables(metadata)
requests = requests_table(metadata)  # idempotency keys of actions
MIGRATIONS = Path(__file__).parent / "migrations"

dossiers = Table(
    "wf_dossiers", metadata,
    Column("id", String(64), primary_key=True),
    Column("code", String(40), nullable=False),
    Column("type_code", String(10), nullable=False),
    Column("unit_code", String(20), nullable=False),
    Column("year", Integer, nullable=False),
    Column("number", Integer, nullable=False),
    # The definition the dossier was opened with: editing a YAML file never changes a running dossier.
    Column("definition", JsonType, nullable=False),
    Column("artefact_service", String(40), nullable=False),
    Column("artefact_kind", String(40), nullable=False),
    Column("artefact_id", String(64), nullable=False),
    Column("title", String(300), nullable=False),
    Column("status", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Column("opened_by", String(64), nullable=False),
    Column("opened_at", UtcDateTime, nullable=False),
    Column("last_activity_at", UtcDateTime, nullable=False),
    Column("closed_at", UtcDateTime),
    Column("current_seq", Integer),
    Column("current_step", Integer),
    Column("current_handler_id", String(64)),
    Column("current_department_id", String(64)),
    Column("current_deadline", Date),
    Column("draft", JsonType),
    UniqueConstraint("code", name="uq_wf_dossiers_code"),
    UniqueConstraint("unit_code", "type_code", "year", "number", name="uq_wf_dossiers_number"),
    Index("ix_wf_dossiers_unit_status_activity", "unit_code", "status", "last_activity_at"),
    Index("ix_wf_dossiers_handler", "current_handler_id", "status"),
    Index("ix_wf_dossiers_artefact", "artefact_service", "artefact_kind", "artefact_id"),
    Index("ix_wf_dossiers_deadline", "status", "current_deadline"),
)

steps = Table(
    "wf_steps", metadata,
    Column("dossier_id", String(64), ForeignKey("wf_dossiers.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("number", Integer, nullable=False),
    Column("key", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("handler_id", String(64), nullable=False),
    Column("department_id", String(64)),
    Column("deadline", Date),
    Column("entered_at", UtcDateTime, nullable=False),
    Column("done_at", UtcDateTime),
    Column("action", String(16)),
    Column("comment", Text, nullable=False, server_default=""),
    Column("attachments", JsonType, nullable=False),
    Column("actor_id", String(64)),
    Column("overdue_at", UtcDateTime),
)

history = Table(
    "wf_history", metadata,
    Column("dossier_id", String(64), ForeignKey("wf_dossiers.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("at", UtcDateTime, nullable=False),
    Column("actor_id", String(64), nullable=False),
    Column("step_number", Integer, nullable=False),
    Column("step_name", String(200), nullable=False),
    Column("action", String(16), nullable=False),
    Column("comment", Text, nullable=False, server_default=""),
    Column("attachments", JsonType, nullable=False),
    Column("content", JsonType),
    Column("next", JsonType),
)

participants = Table(
    "wf_participants", metadata,
    Column("dossier_id", String(64), ForeignKey("wf_dossiers.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", String(64), primary_key=True),
    Column("kind", String(16), primary_key=True),  # opened | handler | acted
    Index("ix_wf_participants_person", "person_id", "kind"),
)

counters = Table(
    "wf_counters", metadata,
    Column("unit_code", String(20), primary_key=True),
    Column("type_code", String(10), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last_number", Integer, nullable=False),
)
