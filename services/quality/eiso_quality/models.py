"""Tables of the quality service (quality policy slice) beside the plumbing tables."""
from pathlib import Path

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, String, Table, text

from eiso_kit.db import JsonType, UtcDateTime, plumbing_tables
from eiso_kit.dossiers import dossier_tables
from eiso_kit.idempotency import requests_table

metadata = MetaData()
plumbing = plumbing_tables(metadata)
dossier_progress = dossier_tables(metadata)   # the order in which its dossiers' facts are applied
requests = requests_table(metadata)           # idempotency keys of submissions
MIGRATIONS = Path(__file__).parent / "migrations"

IN_FORCE = text("status = 'issued'")

policies = Table(
    "policies", metadata,
    Column("id", String(64), primary_key=True),
    Column("unit_code", String(20), nullable=False),
    Column("status", String(16), nullable=False),
    Column("dossier_code", String(40)),
    Column("dossier_version", Integer, nullable=False, server_default="0"),
    Column("submitted_by", String(64), nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
    Column("approved_by", String(64)),
    Column("issued_by", String(64)),
    Column("issued_at", UtcDateTime),
    Index("ix_policies_unit_submitted", "unit_code", "submitted_at"),
    Index("uq_policies_dossier_code", "dossier_code", unique=True),
    # One policy in force per unit.
    Index("uq_policies_unit_in_force", "unit_code", unique=True,
          postgresql_where=IN_FORCE, sqlite_where=IN_FORCE),
)

# The text lives here, one row per revision; the newest is the policy's content.
policy_revisions = Table(
    "policy_revisions", metadata,
    Column("policy_id", String(64), ForeignKey("policies.id", name="fk_policy_revisions_policy"),
           primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("content", JsonType, nullable=False),
    Column("revised_by", String(64), nullable=False),
    Column("revised_at", UtcDateTime, nullable=False),
    Column("dossier_step", Integer),
)
